//! WebAssembly for dynojs: modules, instances, memories, tables and globals on wasmi (an
//! interpreter; no JIT). `js/wasm.js` builds the JS API (`WebAssembly.*`) on these
//! natives.
//!
//! Everything lives in one wasmi `Store` per thread. Objects cross to JS as handle
//! numbers. A call into wasm takes the store out of its cell; imported JS functions
//! run with the call's `Caller` published in a thread-local, so JS called from wasm can
//! call wasm again and read memory. A memory's `buffer` is an ArrayBuffer over the
//! linear memory itself (no copy); when the memory moves or grows, the old buffer is
//! detached, as the JS API specifies.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ptr::NonNull;

use rquickjs::{qjs, Array, Ctx, FromJs, Function, Object, Persistent, Result, Value};
use wasmi::{
    AsContextMut, Caller, Engine, Extern, ExternType, Func, FuncType, Global, Memory, MemoryType,
    Module, Mutability, Ref, Store, StoreContextMut, Table, TableType, Val, ValType,
};

use crate::binding::throw_coded;

/// One extern known to JS, by handle (index + 1).
#[derive(Clone, Copy)]
enum Handle {
    Func(Func),
    Memory(Memory),
    Global(Global),
    Table(Table),
}

/// A compiled module with its imports and exports in the binary's order (wasmi groups
/// them by kind), as `[module, name, kind]` and `[name, kind]`.
struct Compiled {
    module: Module,
    imports: Vec<[String; 3]>,
    exports: Vec<[String; 2]>,
}

struct State {
    modules: Vec<Compiled>,
    handles: Vec<Handle>,
    /// JS functions imported by instances, called from wasm.
    callbacks: Vec<Persistent<Function<'static>>>,
    /// Live `buffer`s of memories: handle → (data pointer, length, the ArrayBuffer).
    buffers: HashMap<u32, (usize, usize, Persistent<Object<'static>>)>,
}

thread_local! {
    static ENGINE: Engine = Engine::default();
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    static STORE: RefCell<Option<Store<()>>> = const { RefCell::new(None) };
    /// The caller of the innermost host call while wasm runs (the store is then out of
    /// its cell).
    static CALLER: Cell<*mut Caller<'static, ()>> = const { Cell::new(std::ptr::null_mut()) };
    /// The JS context for host calls.
    static CTX: Cell<*mut qjs::JSContext> = const { Cell::new(std::ptr::null_mut()) };
    /// Set when a JS import threw: the exception is pending on the context.
    static JS_THREW: Cell<bool> = const { Cell::new(false) };
}

fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let state = s.get_or_insert_with(|| State {
            modules: Vec::new(),
            handles: Vec::new(),
            callbacks: Vec::new(),
            buffers: HashMap::new(),
        });
        f(state)
    })
}

/// Runs `f` with the store: the owned one, or the running call's caller.
fn with_store<R>(f: impl FnOnce(StoreContextMut<'_, ()>) -> R) -> R {
    let caller = CALLER.with(Cell::get);
    if !caller.is_null() {
        // SAFETY: CALLER points at the Caller of the host call that is running below
        // us on this thread's stack; it is cleared before that call returns.
        return f(unsafe { &mut *caller }.as_context_mut());
    }
    STORE.with(|s| {
        let mut s = s.borrow_mut();
        let store = s.get_or_insert_with(|| ENGINE.with(|e| Store::new(e, ())));
        f(store.as_context_mut())
    })
}

fn handle_of(id: f64) -> Option<Handle> {
    let i = id as usize;
    with_state(|s| i.checked_sub(1).and_then(|i| s.handles.get(i).copied()))
}

fn add_handle(h: Handle) -> u32 {
    // wasmi's Func has no identity comparison, so a func met twice (say through a table)
    // gets two handles.
    with_state(|s| {
        s.handles.push(h);
        s.handles.len() as u32
    })
}

fn error<T>(ctx: &Ctx<'_>, kind: &str, message: &str) -> Result<T> {
    throw_coded(ctx, kind, message)
}

fn kind_name(t: &ExternType) -> &'static str {
    match t {
        ExternType::Func(_) => "function",
        ExternType::Memory(_) => "memory",
        ExternType::Global(_) => "global",
        ExternType::Table(_) => "table",
    }
}

fn val_type(name: &str) -> Option<ValType> {
    Some(match name {
        "i32" => ValType::I32,
        "i64" => ValType::I64,
        "f32" => ValType::F32,
        "f64" => ValType::F64,
        "anyfunc" | "funcref" => ValType::FuncRef,
        "externref" => ValType::ExternRef,
        _ => return None,
    })
}

fn type_name(t: ValType) -> &'static str {
    match t {
        ValType::I32 => "i32",
        ValType::I64 => "i64",
        ValType::F32 => "f32",
        ValType::F64 => "f64",
        ValType::V128 => "v128",
        ValType::FuncRef => "anyfunc",
        ValType::ExternRef => "externref",
    }
}

/// ToInt32 of a JS number.
fn to_i32(f: f64) -> i32 {
    if !f.is_finite() {
        return 0;
    }
    (f.trunc().rem_euclid(4_294_967_296.0) as u64) as u32 as i32
}

fn to_val<'js>(ctx: &Ctx<'js>, v: &Value<'js>, t: ValType) -> Result<Val> {
    // ToNumber, as the JS API's ToWebAssemblyValue does.
    let number = |v: &Value<'js>| -> Result<f64> {
        if let Some(n) = v.as_number() {
            return Ok(n);
        }
        Ok(rquickjs::convert::Coerced::<f64>::from_js(ctx, v.clone())?.0)
    };
    Ok(match t {
        ValType::I32 => Val::I32(to_i32(number(v)?)),
        ValType::I64 => {
            let Some(big) = v.as_big_int() else {
                return error(
                    ctx,
                    "TypeError",
                    "Cannot convert a non-BigInt value to a wasm i64",
                );
            };
            Val::I64(big.clone().to_i64()?)
        }
        ValType::F32 => Val::F32((number(v)? as f32).into()),
        ValType::F64 => Val::F64(number(v)?.into()),
        ValType::FuncRef => {
            if v.is_null() || v.is_undefined() {
                Val::FuncRef(Ref::Null)
            } else {
                match v.as_number().and_then(handle_of) {
                    Some(Handle::Func(f)) => Val::FuncRef(Ref::Val(f)),
                    _ => return error(ctx, "TypeError", "not a WebAssembly exported function"),
                }
            }
        }
        ValType::ExternRef | ValType::V128 => {
            return error(
                ctx,
                "TypeError",
                "externref and v128 values are not supported by dynojs yet",
            )
        }
    })
}

fn from_val<'js>(ctx: &Ctx<'js>, v: &Val) -> Result<Value<'js>> {
    Ok(match v {
        Val::I32(i) => Value::new_int(ctx.clone(), *i),
        Val::I64(i) => rquickjs::BigInt::from_i64(ctx.clone(), *i)?.into_value(),
        Val::F32(f) => Value::new_float(ctx.clone(), f64::from(f32::from(*f))),
        Val::F64(f) => Value::new_float(ctx.clone(), f64::from(*f)),
        Val::FuncRef(Ref::Val(f)) => {
            Value::new_number(ctx.clone(), f64::from(add_handle(Handle::Func(*f))))
        }
        Val::FuncRef(Ref::Null) => Value::new_null(ctx.clone()),
        _ => Value::new_undefined(ctx.clone()),
    })
}

fn zero(t: ValType) -> Val {
    match t {
        ValType::I32 => Val::I32(0),
        ValType::I64 => Val::I64(0),
        ValType::F32 => Val::F32(0f32.into()),
        ValType::F64 => Val::F64(0f64.into()),
        _ => Val::FuncRef(Ref::Null),
    }
}

/// Detaches `buffer`s whose memory moved or changed size.
fn refresh_buffers(ctx: &Ctx<'_>) {
    let cached: Vec<(u32, Memory, usize, usize)> = with_state(|s| {
        s.buffers
            .iter()
            .filter_map(
                |(id, (ptr, len, _))| match s.handles.get(*id as usize - 1) {
                    Some(Handle::Memory(m)) => Some((*id, *m, *ptr, *len)),
                    _ => None,
                },
            )
            .collect()
    });
    for (id, m, ptr, len) in cached {
        let now = with_store(|st| (m.data_ptr(&st) as usize, m.data_size(&st)));
        if now == (ptr, len) {
            continue;
        }
        if let Some((_, _, buf)) = with_state(|s| s.buffers.remove(&id)) {
            if let Ok(obj) = buf.restore(ctx) {
                // SAFETY: detaching an ArrayBuffer we created over external memory.
                unsafe { qjs::JS_DetachArrayBuffer(ctx.as_raw().as_ptr(), obj.as_raw()) };
            }
        }
    }
}

unsafe extern "C" fn keep_external(
    _rt: *mut qjs::JSRuntime,
    _opaque: *mut std::ffi::c_void,
    _ptr: *mut std::ffi::c_void,
    _size: qjs::size_t,
) -> *mut std::ffi::c_void {
    // The memory belongs to wasmi; the buffer only borrows it.
    std::ptr::null_mut()
}

fn wasm_validate(bytes: Value<'_>) -> Result<bool> {
    let bytes = crate::binding::bytes_of(&bytes)?;
    Ok(ENGINE.with(|e| Module::validate(e, &bytes).is_ok()))
}

/// The imports and exports of a (valid) binary, in order.
fn sections(bytes: &[u8]) -> (Vec<[String; 3]>, Vec<[String; 2]>) {
    use wasmparser::{ExternalKind, Payload, TypeRef};
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(bytes).flatten() {
        match payload {
            Payload::ImportSection(reader) => {
                for import in reader.into_iter().flatten() {
                    let kind = match import.ty {
                        TypeRef::Func(_) => "function",
                        TypeRef::Table(_) => "table",
                        TypeRef::Memory(_) => "memory",
                        TypeRef::Global(_) => "global",
                        TypeRef::Tag(_) => "tag",
                    };
                    imports.push([
                        import.module.to_owned(),
                        import.name.to_owned(),
                        kind.to_owned(),
                    ]);
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader.into_iter().flatten() {
                    let kind = match export.kind {
                        ExternalKind::Func => "function",
                        ExternalKind::Table => "table",
                        ExternalKind::Memory => "memory",
                        ExternalKind::Global => "global",
                        ExternalKind::Tag => "tag",
                    };
                    exports.push([export.name.to_owned(), kind.to_owned()]);
                }
            }
            _ => {}
        }
    }
    (imports, exports)
}

fn wasm_compile(ctx: Ctx<'_>, bytes: Value<'_>) -> Result<f64> {
    let bytes = crate::binding::bytes_of(&bytes)?;
    match ENGINE.with(|e| Module::new(e, &bytes)) {
        Ok(module) => {
            let (imports, exports) = sections(&bytes);
            Ok(with_state(|s| {
                s.modules.push(Compiled {
                    module,
                    imports,
                    exports,
                });
                s.modules.len() as f64
            }))
        }
        Err(e) => error(&ctx, "CompileError", &format!("WebAssembly.Module(): {e}")),
    }
}

fn module(ctx: &Ctx<'_>, id: f64) -> Result<Module> {
    match with_state(|s| {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| s.modules.get(i).map(|c| c.module.clone()))
    }) {
        Some(m) => Ok(m),
        None => error(ctx, "TypeError", "not a WebAssembly.Module"),
    }
}

fn wasm_module_imports(ctx: Ctx<'_>, id: f64) -> Result<Vec<Vec<String>>> {
    module(&ctx, id)?;
    Ok(with_state(|s| {
        s.modules[id as usize - 1]
            .imports
            .iter()
            .map(|i| i.to_vec())
            .collect()
    }))
}

fn wasm_module_exports(ctx: Ctx<'_>, id: f64) -> Result<Vec<Vec<String>>> {
    module(&ctx, id)?;
    Ok(with_state(|s| {
        s.modules[id as usize - 1]
            .exports
            .iter()
            .map(|e| e.to_vec())
            .collect()
    }))
}

fn wasm_custom_sections<'js>(ctx: Ctx<'js>, id: f64, name: String) -> Result<Array<'js>> {
    let m = module(&ctx, id)?;
    let out = Array::new(ctx.clone())?;
    for (i, s) in m.custom_sections().filter(|s| s.name() == name).enumerate() {
        out.set(i, rquickjs::ArrayBuffer::new_copy(ctx.clone(), s.data())?)?;
    }
    Ok(out)
}

/// A host function that calls JS callback `index`.
fn host_func(
    ty: FuncType,
    index: usize,
) -> impl Fn(Caller<'_, ()>, &[Val], &mut [Val]) -> std::result::Result<(), wasmi::Error>
       + Send
       + Sync
       + 'static {
    move |mut caller: Caller<'_, ()>, params: &[Val], results: &mut [Val]| {
        let raw = CTX.with(Cell::get);
        let Some(raw) = NonNull::new(raw) else {
            return Err(wasmi::Error::new("no JavaScript context for an import"));
        };
        // SAFETY: CTX is the live context of the call into wasm that led here.
        let ctx = unsafe { Ctx::from_raw(raw) };
        let previous = CALLER.with(Cell::get);
        // SAFETY: the pointer is only used while this host call runs (see with_store).
        let erased: *mut Caller<'static, ()> = (&mut caller as *mut Caller<'_, ()>).cast();
        CALLER.with(|c| c.set(erased));
        let outcome = (|| -> Result<()> {
            refresh_buffers(&ctx);
            let f = with_state(|s| s.callbacks[index].clone()).restore(&ctx)?;
            let args = params
                .iter()
                .map(|p| from_val(&ctx, p))
                .collect::<Result<Vec<Value>>>()?;
            let r: Value = f.call((rquickjs::function::Rest(args),))?;
            match ty.results().len() {
                0 => {}
                1 => results[0] = to_val(&ctx, &r, ty.results()[0])?,
                n => {
                    let list = r.as_array().cloned();
                    let Some(list) = list else {
                        return error(
                            &ctx,
                            "TypeError",
                            "a multi-value import must return an array",
                        );
                    };
                    for (i, t) in ty.results().iter().enumerate().take(n) {
                        results[i] = to_val(&ctx, &list.get(i)?, *t)?;
                    }
                }
            }
            Ok(())
        })();
        CALLER.with(|c| c.set(previous));
        match outcome {
            Ok(()) => Ok(()),
            Err(_) => {
                JS_THREW.with(|t| t.set(true));
                Err(wasmi::Error::new("JavaScript import threw"))
            }
        }
    }
}

/// The handle in an import descriptor `{handle: n}`.
fn import_handle(v: &Value<'_>) -> Option<Handle> {
    v.as_object()
        .and_then(|o| o.get::<_, Option<f64>>("handle").ok().flatten())
        .and_then(handle_of)
}

/// `wasmInstantiate(module, [descriptor per import])`: `[[name, kind, handle], ...]`. A
/// descriptor is a JS function (a function import not from wasm), `{handle: n}` (a wasm
/// function, memory, table or global) or `{value: v}` (an immutable global's value).
fn wasm_instantiate<'js>(
    ctx: Ctx<'js>,
    id: f64,
    values: Array<'js>,
) -> Result<Vec<Vec<Value<'js>>>> {
    let m = module(&ctx, id)?;
    // `values` follow the binary's import order; wasmi wants its own (grouped) order.
    let mut order: Vec<Option<[String; 3]>> = with_state(|s| {
        s.modules[id as usize - 1]
            .imports
            .iter()
            .cloned()
            .map(Some)
            .collect()
    });
    let mut externs: Vec<Extern> = Vec::new();
    for import in m.imports() {
        let key = [
            import.module().to_owned(),
            import.name().to_owned(),
            kind_name(import.ty()).to_owned(),
        ];
        let Some(i) = order.iter().position(|o| o.as_ref() == Some(&key)) else {
            return error(
                &ctx,
                "LinkError",
                "WebAssembly.Instance(): import order mismatch",
            );
        };
        order[i] = None;
        let v: Value = values.get(i)?;
        let what = format!("{}.{}", import.module(), import.name());
        let ext = match import.ty() {
            ExternType::Func(ty) => {
                if let Some(Handle::Func(f)) = import_handle(&v) {
                    Extern::Func(f)
                } else if let Some(f) = v.as_function() {
                    let index = with_state(|s| {
                        s.callbacks.push(Persistent::save(&ctx, f.clone()));
                        s.callbacks.len() - 1
                    });
                    let ty = ty.clone();
                    Extern::Func(with_store(|mut st| Func::new(&mut st, ty.clone(), host_func(ty, index))))
                } else {
                    return error(&ctx, "LinkError", &format!("WebAssembly.Instance(): Import {what}: function import requires a callable"));
                }
            }
            ExternType::Memory(_) => match import_handle(&v) {
                Some(Handle::Memory(mem)) => Extern::Memory(mem),
                _ => return error(&ctx, "LinkError", &format!("WebAssembly.Instance(): Import {what}: memory import must be a WebAssembly.Memory object")),
            },
            ExternType::Table(_) => match import_handle(&v) {
                Some(Handle::Table(t)) => Extern::Table(t),
                _ => return error(&ctx, "LinkError", &format!("WebAssembly.Instance(): Import {what}: table import requires a WebAssembly.Table")),
            },
            ExternType::Global(gt) => match import_handle(&v) {
                Some(Handle::Global(g)) => Extern::Global(g),
                _ => {
                    // A plain number (or BigInt) for an immutable global.
                    if gt.mutability() == Mutability::Var {
                        return error(&ctx, "LinkError", &format!("WebAssembly.Instance(): Import {what}: imported mutable global must be a WebAssembly.Global object"));
                    }
                    let Some(inner) = v.as_object().and_then(|o| o.get::<_, Value>("value").ok()) else {
                        return error(&ctx, "LinkError", &format!("WebAssembly.Instance(): Import {what}: global import must be a number, valid Wasm reference, or WebAssembly.Global object"));
                    };
                    let val = to_val(&ctx, &inner, gt.content())?;
                    Extern::Global(with_store(|mut st| Global::new(&mut st, val, Mutability::Const)))
                }
            },
        };
        externs.push(ext);
    }
    let instance = with_store(|mut st| wasmi::Instance::new(&mut st, &m, &externs));
    let instance = match instance {
        Ok(i) => i,
        Err(e) => {
            let msg = e.to_string();
            let kind = if msg.contains("trap")
                || msg.contains("unreachable")
                || msg.contains("out of bounds")
            {
                "RuntimeError"
            } else {
                "LinkError"
            };
            return error(&ctx, kind, &format!("WebAssembly.Instance(): {msg}"));
        }
    };
    let mut out = Vec::new();
    let names: Vec<String> = with_state(|s| {
        s.modules[id as usize - 1]
            .exports
            .iter()
            .map(|e| e[0].clone())
            .collect()
    });
    for name in names {
        let ext = with_store(|st| instance.get_export(&st, &name));
        let Some(ext) = ext else { continue };
        let (kind, h) = match ext {
            Extern::Func(f) => ("function", Handle::Func(f)),
            Extern::Memory(mem) => ("memory", Handle::Memory(mem)),
            Extern::Global(g) => ("global", Handle::Global(g)),
            Extern::Table(t) => ("table", Handle::Table(t)),
        };
        out.push(vec![
            rquickjs::String::from_str(ctx.clone(), &name)?.into_value(),
            rquickjs::String::from_str(ctx.clone(), kind)?.into_value(),
            Value::new_number(ctx.clone(), f64::from(add_handle(h))),
        ]);
    }
    Ok(out)
}

/// `wasmCall(func, args)`: the result (an array for several).
fn wasm_call<'js>(ctx: Ctx<'js>, id: f64, args: Array<'js>) -> Result<Value<'js>> {
    let Some(Handle::Func(f)) = handle_of(id) else {
        return error(&ctx, "TypeError", "not a WebAssembly function");
    };
    let ty = with_store(|st| f.ty(&st));
    let mut params = Vec::with_capacity(ty.params().len());
    for (i, t) in ty.params().iter().enumerate() {
        let v: Value = args.get(i)?;
        params.push(to_val(&ctx, &v, *t)?);
    }
    let mut results: Vec<Val> = ty.results().iter().map(|t| zero(*t)).collect();
    let previous_ctx = CTX.with(|c| c.replace(ctx.as_raw().as_ptr()));
    JS_THREW.with(|t| t.set(false));
    let outcome = if CALLER.with(Cell::get).is_null() {
        // Outermost call: the store leaves its cell for the duration.
        let mut store = STORE
            .with(|s| s.borrow_mut().take())
            .unwrap_or_else(|| ENGINE.with(|e| Store::new(e, ())));
        let r = f.call(&mut store, &params, &mut results);
        STORE.with(|s| *s.borrow_mut() = Some(store));
        r
    } else {
        with_store(|mut st| f.call(&mut st, &params, &mut results))
    };
    CTX.with(|c| c.set(previous_ctx));
    refresh_buffers(&ctx);
    match outcome {
        Ok(()) => match results.len() {
            0 => Ok(Value::new_undefined(ctx)),
            1 => from_val(&ctx, &results[0]),
            _ => {
                let a = Array::new(ctx.clone())?;
                for (i, r) in results.iter().enumerate() {
                    a.set(i, from_val(&ctx, r)?)?;
                }
                Ok(a.into_value())
            }
        },
        Err(_) if JS_THREW.with(Cell::get) => {
            JS_THREW.with(|t| t.set(false));
            Err(rquickjs::Error::Exception)
        }
        Err(e) => error(&ctx, "RuntimeError", &e.to_string()),
    }
}

fn wasm_func_arity(id: f64) -> f64 {
    match handle_of(id) {
        Some(Handle::Func(f)) => with_store(|st| f.ty(&st).params().len() as f64),
        _ => 0.0,
    }
}

fn wasm_memory_new(ctx: Ctx<'_>, initial: f64, maximum: f64) -> Result<f64> {
    let max = (maximum >= 0.0).then_some(maximum as u32);
    if initial > 65536.0 || max.is_some_and(|m| m > 65536 || f64::from(m) < initial) {
        return error(
            &ctx,
            "RangeError",
            "WebAssembly.Memory(): Property 'initial' or 'maximum' is out of range",
        );
    }
    let ty = MemoryType::new(initial as u32, max);
    match with_store(|mut st| Memory::new(&mut st, ty)) {
        Ok(m) => Ok(f64::from(add_handle(Handle::Memory(m)))),
        Err(e) => error(
            &ctx,
            "RangeError",
            &format!("WebAssembly.Memory(): could not allocate memory: {e}"),
        ),
    }
}

fn wasm_memory_buffer<'js>(ctx: Ctx<'js>, id: f64) -> Result<Value<'js>> {
    let Some(Handle::Memory(m)) = handle_of(id) else {
        return error(&ctx, "TypeError", "not a WebAssembly.Memory");
    };
    refresh_buffers(&ctx);
    if let Some(buf) = with_state(|s| s.buffers.get(&(id as u32)).map(|(_, _, b)| b.clone())) {
        return Ok(buf.restore(&ctx)?.into_value());
    }
    let (ptr, len) = with_store(|st| (m.data_ptr(&st), m.data_size(&st)));
    // SAFETY: the buffer borrows wasmi's linear memory, which lives as long as the
    // store (this thread's); it is detached before the memory moves or resizes.
    let raw = unsafe {
        qjs::JS_NewArrayBuffer(
            ctx.as_raw().as_ptr(),
            ptr,
            len as _,
            0,
            Some(keep_external),
            std::ptr::null_mut(),
            false,
        )
    };
    let value = unsafe { Value::from_raw(ctx.clone(), raw) };
    let Some(obj) = value.as_object().cloned() else {
        return Err(rquickjs::Error::Exception);
    };
    with_state(|s| {
        s.buffers.insert(
            id as u32,
            (ptr as usize, len, Persistent::save(&ctx, obj.clone())),
        )
    });
    Ok(obj.into_value())
}

fn wasm_memory_grow(ctx: Ctx<'_>, id: f64, delta: f64) -> Result<f64> {
    let Some(Handle::Memory(m)) = handle_of(id) else {
        return error(&ctx, "TypeError", "not a WebAssembly.Memory");
    };
    let r = with_store(|mut st| m.grow(&mut st, delta as u64));
    // Growing detaches the old buffer even when the memory did not move.
    if let Some((_, _, buf)) = with_state(|s| s.buffers.remove(&(id as u32))) {
        if let Ok(obj) = buf.restore(&ctx) {
            unsafe { qjs::JS_DetachArrayBuffer(ctx.as_raw().as_ptr(), obj.as_raw()) };
        }
    }
    match r {
        Ok(old) => Ok(old as f64),
        Err(e) => error(
            &ctx,
            "RangeError",
            &format!("WebAssembly.Memory.grow(): {e}"),
        ),
    }
}

fn wasm_global_new<'js>(ctx: Ctx<'js>, t: String, mutable: bool, value: Value<'js>) -> Result<f64> {
    let Some(ty) = val_type(&t) else {
        return error(
            &ctx,
            "TypeError",
            &format!("WebAssembly.Global(): invalid value type '{t}'"),
        );
    };
    let v = if value.is_undefined() {
        zero(ty)
    } else {
        to_val(&ctx, &value, ty)?
    };
    let m = if mutable {
        Mutability::Var
    } else {
        Mutability::Const
    };
    let g = with_store(|mut st| Global::new(&mut st, v, m));
    Ok(f64::from(add_handle(Handle::Global(g))))
}

fn wasm_global_get<'js>(ctx: Ctx<'js>, id: f64) -> Result<Value<'js>> {
    let Some(Handle::Global(g)) = handle_of(id) else {
        return error(&ctx, "TypeError", "not a WebAssembly.Global");
    };
    let v = with_store(|st| g.get(&st));
    from_val(&ctx, &v)
}

fn wasm_global_set<'js>(ctx: Ctx<'js>, id: f64, value: Value<'js>) -> Result<()> {
    let Some(Handle::Global(g)) = handle_of(id) else {
        return error(&ctx, "TypeError", "not a WebAssembly.Global");
    };
    let ty = with_store(|st| g.ty(&st));
    if ty.mutability() == Mutability::Const {
        return error(
            &ctx,
            "TypeError",
            "Can't set the value of an immutable global.",
        );
    }
    let v = to_val(&ctx, &value, ty.content())?;
    match with_store(|mut st| g.set(&mut st, v)) {
        Ok(()) => Ok(()),
        Err(e) => error(&ctx, "TypeError", &e.to_string()),
    }
}

fn wasm_global_type(id: f64) -> Vec<String> {
    match handle_of(id) {
        Some(Handle::Global(g)) => {
            let ty = with_store(|st| g.ty(&st));
            vec![
                type_name(ty.content()).to_owned(),
                (ty.mutability() == Mutability::Var).to_string(),
            ]
        }
        _ => Vec::new(),
    }
}

fn wasm_table_new(ctx: Ctx<'_>, initial: f64, maximum: f64) -> Result<f64> {
    let max = (maximum >= 0.0).then_some(maximum as u32);
    let ty = TableType::new(ValType::FuncRef, initial as u32, max);
    match with_store(|mut st| Table::new(&mut st, ty, Val::FuncRef(Ref::Null))) {
        Ok(t) => Ok(f64::from(add_handle(Handle::Table(t)))),
        Err(e) => error(&ctx, "RangeError", &format!("WebAssembly.Table(): {e}")),
    }
}

fn table(ctx: &Ctx<'_>, id: f64) -> Result<Table> {
    match handle_of(id) {
        Some(Handle::Table(t)) => Ok(t),
        _ => error(ctx, "TypeError", "not a WebAssembly.Table"),
    }
}

fn wasm_table_length(ctx: Ctx<'_>, id: f64) -> Result<f64> {
    let t = table(&ctx, id)?;
    Ok(with_store(|st| t.size(&st)) as f64)
}

fn wasm_table_get<'js>(ctx: Ctx<'js>, id: f64, index: f64) -> Result<Value<'js>> {
    let t = table(&ctx, id)?;
    match with_store(|st| t.get(&st, index as u64)) {
        Some(v) => from_val(&ctx, &v),
        None => error(
            &ctx,
            "RangeError",
            "WebAssembly.Table.get(): invalid address",
        ),
    }
}

fn wasm_table_set<'js>(ctx: Ctx<'js>, id: f64, index: f64, value: Value<'js>) -> Result<()> {
    let t = table(&ctx, id)?;
    let v = to_val(&ctx, &value, ValType::FuncRef)?;
    match with_store(|mut st| t.set(&mut st, index as u64, v)) {
        Ok(()) => Ok(()),
        Err(e) => error(&ctx, "RangeError", &format!("WebAssembly.Table.set(): {e}")),
    }
}

fn wasm_table_grow<'js>(ctx: Ctx<'js>, id: f64, delta: f64, value: Value<'js>) -> Result<f64> {
    let t = table(&ctx, id)?;
    let v = to_val(&ctx, &value, ValType::FuncRef)?;
    match with_store(|mut st| t.grow(&mut st, delta as u64, v)) {
        Ok(old) => Ok(old as f64),
        Err(e) => error(
            &ctx,
            "RangeError",
            &format!("WebAssembly.Table.grow(): {e}"),
        ),
    }
}

/// Registers the natives on the binding object.
pub fn register<'js>(ctx: &Ctx<'js>, b: &Object<'js>) -> Result<()> {
    b.set("wasmValidate", Function::new(ctx.clone(), wasm_validate)?)?;
    b.set("wasmCompile", Function::new(ctx.clone(), wasm_compile)?)?;
    b.set(
        "wasmModuleImports",
        Function::new(ctx.clone(), wasm_module_imports)?,
    )?;
    b.set(
        "wasmModuleExports",
        Function::new(ctx.clone(), wasm_module_exports)?,
    )?;
    b.set(
        "wasmCustomSections",
        Function::new(ctx.clone(), wasm_custom_sections)?,
    )?;
    b.set(
        "wasmInstantiate",
        Function::new(ctx.clone(), wasm_instantiate)?,
    )?;
    b.set("wasmCall", Function::new(ctx.clone(), wasm_call)?)?;
    b.set(
        "wasmFuncArity",
        Function::new(ctx.clone(), wasm_func_arity)?,
    )?;
    b.set(
        "wasmMemoryNew",
        Function::new(ctx.clone(), wasm_memory_new)?,
    )?;
    b.set(
        "wasmMemoryBuffer",
        Function::new(ctx.clone(), wasm_memory_buffer)?,
    )?;
    b.set(
        "wasmMemoryGrow",
        Function::new(ctx.clone(), wasm_memory_grow)?,
    )?;
    b.set(
        "wasmGlobalNew",
        Function::new(ctx.clone(), wasm_global_new)?,
    )?;
    b.set(
        "wasmGlobalGet",
        Function::new(ctx.clone(), wasm_global_get)?,
    )?;
    b.set(
        "wasmGlobalSet",
        Function::new(ctx.clone(), wasm_global_set)?,
    )?;
    b.set(
        "wasmGlobalType",
        Function::new(ctx.clone(), wasm_global_type)?,
    )?;
    b.set("wasmTableNew", Function::new(ctx.clone(), wasm_table_new)?)?;
    b.set(
        "wasmTableLength",
        Function::new(ctx.clone(), wasm_table_length)?,
    )?;
    b.set("wasmTableGet", Function::new(ctx.clone(), wasm_table_get)?)?;
    b.set("wasmTableSet", Function::new(ctx.clone(), wasm_table_set)?)?;
    b.set(
        "wasmTableGrow",
        Function::new(ctx.clone(), wasm_table_grow)?,
    )?;
    Ok(())
}
