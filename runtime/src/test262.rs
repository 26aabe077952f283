//! The test262 host: `dynojs --test262 FILE [--module] [--strict]` and the batch mode.
//!
//! A test runs in a bare realm (no Node globals) with `print` and `$262` (`global`,
//! `createRealm`, `evalScript`, `detachArrayBuffer`, `gc`, `IsHTMLDDA`). Errors are
//! reported with their phase, which negative tests need:
//!
//! - `parse`: compiling the test failed (early errors included);
//! - `resolution`: loading or linking the module graph failed;
//! - `runtime`: evaluation threw (for modules: the evaluation promise rejected).
//!
//! Single-file mode prints the test's `print` output on stdout and, on error, a last
//! stderr line `DYNOJS-TEST262-ERROR {"phase":..,"name":..,"message":..}` with exit 1.
//! Batch mode reads one JSON description per stdin line (`{"file", "module", "strict",
//! "timeout_ms", "source"?, "prelude"?}`; with `source`, `file` only names it), runs each in
//! a fresh context of one runtime with an interrupt-handler timeout, and writes one JSON
//! result line per test. `prelude` lists harness files to evaluate first, each as its own
//! script in the test's realm (INTERPRETING.md: "evaluated in the test realm's global scope
//! prior to test execution"); they are compiled once per strictness and kept as bytecode,
//! which saves most of a typical test's time. `source` is then the test alone.

use std::cell::{Cell, RefCell};
use std::io::{BufRead, Write};
use std::path::Path;
use std::ptr::NonNull;
use std::rc::Rc;
use std::time::{Duration, Instant};

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{qjs, Context, Ctx, Function, Module, Object, Runtime, Value};
use serde_json::json;

/// Marker of the structured error line on stderr.
pub const ERROR_MARKER: &str = "DYNOJS-TEST262-ERROR";

/// Memory limit per runtime in batch mode: test262 needs far less; a runaway test hits
/// this instead of the machine.
const BATCH_MEMORY_LIMIT: usize = 1 << 30;

/// Why a test did not complete normally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostError {
    pub phase: &'static str,
    pub name: Option<String>,
    pub message: String,
}

impl HostError {
    fn to_json(&self) -> serde_json::Value {
        json!({ "phase": self.phase, "name": self.name, "message": self.message })
    }
}

thread_local! {
    /// While set, imports resolve to empty modules: the first compile of a module test
    /// then reports only the test's own parse and early errors.
    static PARSE_ONLY: Cell<bool> = const { Cell::new(false) };
    /// Where `print` writes: stdout, or a buffer per test in batch mode.
    static CAPTURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn print_line(text: &str) {
    let captured = CAPTURE.with(|c| {
        if let Some(buf) = c.borrow_mut().as_mut() {
            buf.push_str(text);
            buf.push('\n');
            true
        } else {
            false
        }
    });
    if !captured {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{text}");
        let _ = out.flush();
    }
}

/// Every file is an ES module here (test262 fixtures are `.js`); `.json` with
/// `type: "json"` is a JSON module. Specifiers resolve relative to the importer.
struct Test262Loader;

impl Resolver for Test262Loader {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _a: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        if PARSE_ONLY.with(Cell::get) {
            return Ok(format!("parse-only:{name}"));
        }
        let dir = Path::new(base).parent().unwrap_or(Path::new("."));
        let path = crate::resolver::normalize(&dir.join(name));
        if path.is_file() {
            Ok(path.to_string_lossy().into_owned())
        } else {
            crate::binding::throw_coded(
                ctx,
                "ERR_MODULE_NOT_FOUND",
                &format!("Cannot find module '{}'", path.display()),
            )
        }
    }
}

impl Loader for Test262Loader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        if PARSE_ONLY.with(Cell::get) {
            return Module::declare(ctx.clone(), name, "");
        }
        let source = std::fs::read_to_string(name)
            .or_else(|e| crate::binding::throw_coded(ctx, "ENOENT", &format!("{name}: {e}")))?;
        let json = attributes
            .and_then(|a| a.get_type().ok().flatten())
            .as_deref()
            == Some("json");
        if json {
            let literal = serde_json::to_string(&source).unwrap_or_default();
            return Module::declare(
                ctx.clone(),
                name,
                format!("export default JSON.parse({literal});"),
            );
        }
        Module::declare(ctx.clone(), name, source)
    }
}

/// Takes the pending exception of `ctx` and describes it.
fn take_exception(ctx: &Ctx<'_>, phase: &'static str) -> HostError {
    let exc = ctx.catch();
    describe(ctx, &exc, phase)
}

fn describe(_ctx: &Ctx<'_>, exc: &Value<'_>, phase: &'static str) -> HostError {
    if let Some(obj) = exc.as_object() {
        let name = obj
            .get::<_, Object>("constructor")
            .ok()
            .and_then(|c| c.get::<_, String>("name").ok())
            .or_else(|| obj.get::<_, String>("name").ok());
        let message = obj
            .get::<_, rquickjs::Coerced<String>>("message")
            .map(|m| m.0)
            .unwrap_or_default();
        HostError {
            phase,
            name,
            message,
        }
    } else {
        let message = exc
            .clone()
            .get::<rquickjs::Coerced<String>>()
            .map(|s| s.0)
            .unwrap_or_default();
        HostError {
            phase,
            name: None,
            message,
        }
    }
}

/// A source text with its file name, as QuickJS's C API takes them (NUL-terminated).
struct CSource {
    filename: std::ffi::CString,
    input: Vec<u8>,
}

impl CSource {
    fn new(file: &str, source: &str, phase: &'static str) -> Result<Self, HostError> {
        let filename = std::ffi::CString::new(file).map_err(|_| HostError {
            phase,
            name: None,
            message: "file name contains NUL".into(),
        })?;
        let mut input = Vec::with_capacity(source.len() + 1);
        input.extend_from_slice(source.as_bytes());
        input.push(0);
        Ok(CSource { filename, input })
    }

    /// `JS_Eval` of this source in context `raw` with `flags`.
    ///
    /// # Safety
    /// The caller holds the runtime lock of `raw` and frees the returned value.
    unsafe fn eval(&self, raw: *mut qjs::JSContext, flags: i32) -> qjs::JSValue {
        qjs::JS_Eval(
            raw,
            self.input.as_ptr().cast(),
            (self.input.len() - 1) as _,
            self.filename.as_ptr(),
            flags,
        )
    }
}

/// Compiles and runs one test in realm `ctx`.
pub fn run_in(
    ctx: &Ctx<'_>,
    source: &str,
    file: &str,
    module: bool,
    strict: bool,
) -> Result<(), HostError> {
    let raw = ctx.as_raw().as_ptr();
    let src = CSource::new(file, source, "parse")?;
    let mut flags = qjs::JS_EVAL_FLAG_COMPILE_ONLY as i32;
    flags |= if module {
        qjs::JS_EVAL_TYPE_MODULE as i32
    } else {
        qjs::JS_EVAL_TYPE_GLOBAL as i32
    };
    if strict && !module {
        flags |= qjs::JS_EVAL_FLAG_STRICT as i32;
    }
    // SAFETY: plain QuickJS C API calls on a context whose runtime lock is held.
    unsafe {
        if module {
            // QuickJS loads a module's imports while compiling it, so compile once in a
            // scratch realm with every import stubbed: an error there is the test's own.
            let scratch = qjs::JS_NewContext(qjs::JS_GetRuntime(raw));
            PARSE_ONLY.with(|p| p.set(true));
            let probe = src.eval(scratch, flags);
            PARSE_ONLY.with(|p| p.set(false));
            let failed = qjs::JS_IsException(probe);
            if !failed {
                qjs::JS_FreeValue(scratch, probe);
            }
            qjs::JS_FreeContext(scratch);
            if failed {
                return Err(take_exception(ctx, "parse"));
            }
        }
        let func = src.eval(raw, flags);
        if qjs::JS_IsException(func) {
            return Err(take_exception(
                ctx,
                if module { "resolution" } else { "parse" },
            ));
        }
        if module {
            if qjs::JS_ResolveModule(raw, func) < 0 {
                qjs::JS_FreeValue(raw, func);
                return Err(take_exception(ctx, "resolution"));
            }
            let promise = qjs::JS_EvalFunction(raw, func);
            if qjs::JS_IsException(promise) {
                // Linking happens inside JS_EvalFunction; evaluation errors reject.
                return Err(take_exception(ctx, "resolution"));
            }
            crate::agent::run_jobs(ctx);
            let promise = Value::from_raw(ctx.clone(), promise);
            if let Some(p) = promise.as_promise() {
                if p.state() == rquickjs::promise::PromiseState::Rejected {
                    let reason =
                        Value::from_raw(ctx.clone(), qjs::JS_PromiseResult(raw, p.as_raw()));
                    return Err(describe(ctx, &reason, "runtime"));
                }
            }
        } else {
            let result = qjs::JS_EvalFunction(raw, func);
            if qjs::JS_IsException(result) {
                return Err(take_exception(ctx, "runtime"));
            }
            qjs::JS_FreeValue(raw, result);
            crate::agent::run_jobs(ctx);
        }
    }
    Ok(())
}

/// Harness files compiled once (per strictness) to bytecode, evaluated in each test's realm.
#[derive(Default)]
struct PreludeCache {
    compiled: std::collections::HashMap<(String, bool), Result<Vec<u8>, HostError>>,
}

impl PreludeCache {
    /// Evaluates each of `files` as a script in `ctx`. A failure is the harness's, not the
    /// test's: it is reported with phase `harness` and the file's name.
    fn run(&mut self, ctx: &Ctx<'_>, files: &[String], strict: bool) -> Result<(), HostError> {
        let raw = ctx.as_raw().as_ptr();
        for file in files {
            let harness_error = |e: HostError| HostError {
                phase: "harness",
                name: e.name,
                message: format!("harness file '{file}': {}", e.message),
            };
            let key = (file.clone(), strict);
            // SAFETY: plain QuickJS C API calls on a context whose runtime lock is held;
            // every value made here is freed or handed to JS_EvalFunction, which takes it.
            let func = unsafe {
                match self.compiled.get(&key) {
                    Some(Ok(bytes)) => {
                        let func = qjs::JS_ReadObject(
                            raw,
                            bytes.as_ptr(),
                            bytes.len() as _,
                            qjs::JS_READ_OBJ_BYTECODE as i32,
                        );
                        if qjs::JS_IsException(func) {
                            return Err(harness_error(take_exception(ctx, "harness")));
                        }
                        func
                    }
                    Some(Err(e)) => return Err(e.clone()),
                    None => {
                        let compiled = compile_script(ctx, file, strict);
                        let stored = compiled.as_ref().map_err(|e| harness_error(e.clone()));
                        let stored = stored.and_then(|&func| {
                            let mut size = 0;
                            let buf = qjs::JS_WriteObject(
                                raw,
                                &mut size,
                                func,
                                qjs::JS_WRITE_OBJ_BYTECODE as i32,
                            );
                            if buf.is_null() {
                                return Err(harness_error(take_exception(ctx, "harness")));
                            }
                            let bytes = std::slice::from_raw_parts(buf, size as usize).to_vec();
                            qjs::js_free(raw, buf.cast());
                            Ok(bytes)
                        });
                        self.compiled.insert(key, stored.clone());
                        if let Err(e) = stored {
                            if let Ok(func) = compiled {
                                qjs::JS_FreeValue(raw, func);
                            }
                            return Err(e);
                        }
                        compiled.map_err(harness_error)?
                    }
                }
            };
            // SAFETY: as above; JS_EvalFunction frees `func`.
            unsafe {
                let result = qjs::JS_EvalFunction(raw, func);
                if qjs::JS_IsException(result) {
                    return Err(harness_error(take_exception(ctx, "runtime")));
                }
                qjs::JS_FreeValue(raw, result);
            }
        }
        Ok(())
    }
}

/// Reads and compiles the script `file` (not run): its function value, or the error.
///
/// # Safety
/// The caller holds the runtime lock of `ctx` and frees the returned value.
unsafe fn compile_script(
    ctx: &Ctx<'_>,
    file: &str,
    strict: bool,
) -> Result<qjs::JSValue, HostError> {
    let source = std::fs::read_to_string(file).map_err(|e| HostError {
        phase: "harness",
        name: None,
        message: format!("cannot read: {e}"),
    })?;
    let src = CSource::new(file, &source, "harness")?;
    let mut flags = (qjs::JS_EVAL_FLAG_COMPILE_ONLY | qjs::JS_EVAL_TYPE_GLOBAL) as i32;
    if strict {
        flags |= qjs::JS_EVAL_FLAG_STRICT as i32;
    }
    let func = src.eval(ctx.as_raw().as_ptr(), flags);
    if qjs::JS_IsException(func) {
        return Err(take_exception(ctx, "parse"));
    }
    Ok(func)
}

/// Installs `print` and `$262` in realm `ctx`; returns the `$262` object.
pub fn install_host<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let globals = ctx.globals();
    let print = Function::new(
        ctx.clone(),
        |args: rquickjs::function::Rest<rquickjs::Coerced<String>>| {
            let text: Vec<String> = args.0.into_iter().map(|s| s.0).collect();
            print_line(&text.join(" "));
        },
    )?;
    define_hidden(ctx, &globals, "print", print.into_value())?;
    let host = Object::new(ctx.clone())?;
    host.set("global", globals.clone())?;
    host.set(
        "gc",
        Function::new(ctx.clone(), |ctx: Ctx<'_>| unsafe {
            qjs::JS_RunGC(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()))
        })?,
    )?;
    host.set(
        "detachArrayBuffer",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'_>, buffer: Value<'_>| -> rquickjs::Result<()> {
                if rquickjs::ArrayBuffer::from_value(buffer.clone()).is_none() {
                    let ctor: rquickjs::function::Constructor = ctx.globals().get("TypeError")?;
                    let err: Value = ctor.construct(("not an ArrayBuffer",))?;
                    return Err(ctx.throw(err));
                }
                // SAFETY: buffer is an ArrayBuffer of this runtime.
                unsafe { qjs::JS_DetachArrayBuffer(ctx.as_raw().as_ptr(), buffer.as_raw()) };
                Ok(())
            },
        )?,
    )?;
    // Natives run with the caller's context; evalScript must use its own realm's.
    let realm = ctx.as_raw();
    let eval_in_realm = higher_ranked(move |caller, source| eval_script_in(caller, realm, source));
    host.set("evalScript", Function::new(ctx.clone(), eval_in_realm)?)?;
    host.set("createRealm", Function::new(ctx.clone(), create_realm)?)?;
    // IsHTMLDDA: an object typeof "undefined", falsy, == null; callable, returning null.
    let dda = Function::new(ctx.clone(), || rquickjs::Null)?;
    // SAFETY: marks an object of this context; quickjs-ng supports the flag.
    unsafe { qjs::JS_SetIsHTMLDDA(ctx.as_raw().as_ptr(), dda.as_raw()) };
    host.set("IsHTMLDDA", dda)?;
    host.set("agent", crate::agent::host_agent(ctx)?)?;
    define_hidden(ctx, &globals, "$262", host.clone().into_value())?;
    Ok(host)
}

fn define_hidden<'js>(
    ctx: &Ctx<'js>,
    target: &Object<'js>,
    name: &str,
    value: Value<'js>,
) -> rquickjs::Result<()> {
    let _ = ctx;
    target.prop(
        name,
        rquickjs::object::Property::from(value)
            .writable()
            .configurable(),
    )
}

/// Makes a closure higher-ranked over the context lifetime (so it can return values).
fn higher_ranked<F>(f: F) -> F
where
    F: for<'js> Fn(Ctx<'js>, String) -> rquickjs::Result<Value<'js>>,
{
    f
}

/// `$262.evalScript(src)`: ParseScript + ScriptEvaluation in the realm that owns this
/// `$262` (a Script, not eval: global lexical declarations, non-deletable vars).
fn eval_script_in<'js>(
    caller: Ctx<'js>,
    realm: NonNull<qjs::JSContext>,
    source: String,
) -> rquickjs::Result<Value<'js>> {
    // SAFETY: the realm lives for the whole process, in the runtime the caller locked.
    let realm_ctx = unsafe { Ctx::from_raw(realm) };
    let value = crate::vm::eval_script(&realm_ctx, &source, "evalScript", false)?;
    // Values are runtime-wide: hand the completion value to the caller's context.
    let dup = unsafe { qjs::JS_DupValue(caller.as_raw().as_ptr(), value.as_raw()) };
    Ok(unsafe { Value::from_raw(caller, dup) })
}

/// `$262.createRealm()`: a new context in the same runtime with its own `$262`.
fn create_realm<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    // SAFETY: a new context of the runtime whose lock the caller holds; it is kept
    // alive for the rest of the process (realms are never freed in a test process).
    let raw = unsafe { qjs::JS_NewContext(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    let Some(raw) = NonNull::new(raw) else {
        return Err(rquickjs::Error::Allocation);
    };
    let realm = unsafe { Ctx::from_raw(raw) };
    let host = install_host(&realm)?;
    // Values are runtime-wide; the object can be handed to the caller's realm.
    // SAFETY: same runtime, so the raw value is valid in `ctx`.
    Ok(unsafe { Object::from_raw_value(&ctx, host) })
}

trait FromRawValue<'js> {
    unsafe fn from_raw_value(ctx: &Ctx<'js>, obj: Object<'_>) -> Self;
}

impl<'js> FromRawValue<'js> for Object<'js> {
    unsafe fn from_raw_value(ctx: &Ctx<'js>, obj: Object<'_>) -> Self {
        let raw = obj.as_raw();
        // Dup for the new handle; `obj` drops its own reference.
        let dup = unsafe { qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw) };
        let value = unsafe { Value::from_raw(ctx.clone(), dup) };
        value.into_object().expect("an object stays an object")
    }
}

/// `dynojs --test262 FILE [--module] [--strict]`; returns the exit code.
pub fn run_file(file: &str, module: bool, strict: bool) -> i32 {
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dynojs: cannot read '{file}': {e}");
            return 2;
        }
    };
    let path = crate::resolver::normalize(&std::env::current_dir().unwrap_or_default().join(file));
    let Ok(runtime) = Runtime::new() else {
        return 70;
    };
    runtime.set_max_stack_size(4 << 20);
    runtime.set_loader(Test262Loader, Test262Loader);
    crate::agent::prepare_runtime(&runtime);
    let Ok(context) = Context::full(&runtime) else {
        return 70;
    };
    let result = context.with(|ctx| {
        if let Err(e) = install_host(&ctx) {
            return Err(HostError {
                phase: "harness",
                name: None,
                message: format!("installing $262: {e}"),
            });
        }
        run_in(&ctx, &source, &path.to_string_lossy(), module, strict)
    });
    crate::agent::shutdown();
    // Realms and handles live until the process ends; freeing the engine would only
    // cost time (and QuickJS asserts on handles still alive).
    std::mem::forget(context);
    std::mem::forget(runtime);
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{ERROR_MARKER} {}", e.to_json());
            1
        }
    }
}

/// `dynojs --test262-batch`: one JSON request per stdin line, one JSON result per line.
pub fn run_batch() -> i32 {
    let Ok(runtime) = Runtime::new() else {
        return 70;
    };
    runtime.set_max_stack_size(4 << 20);
    runtime.set_memory_limit(BATCH_MEMORY_LIMIT);
    runtime.set_loader(Test262Loader, Test262Loader);
    crate::agent::prepare_runtime(&runtime);
    let deadline: Rc<Cell<Option<Instant>>> = Rc::new(Cell::new(None));
    let d = deadline.clone();
    runtime.set_interrupt_handler(Some(Box::new(move || {
        d.get().is_some_and(|t| Instant::now() > t)
    })));
    let mut prelude = PreludeCache::default();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let request: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                let _ = writeln!(
                    out,
                    "{}",
                    json!({ "error": { "phase": "harness", "name": null, "message": format!("bad request line: {e}") } })
                );
                continue;
            }
        };
        let file = request["file"].as_str().unwrap_or_default().to_owned();
        let module = request["module"].as_bool().unwrap_or(false);
        let strict = request["strict"].as_bool().unwrap_or(false);
        let prelude_files: Vec<String> = request["prelude"]
            .as_array()
            .map(|files| {
                files
                    .iter()
                    .filter_map(|f| f.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let timeout = Duration::from_millis(request["timeout_ms"].as_u64().unwrap_or(10_000));
        let started = Instant::now();
        CAPTURE.with(|c| *c.borrow_mut() = Some(String::new()));
        deadline.set(Some(started + timeout));
        // The composed source may come inline; `file` then only names it (the test's real
        // path, so relative and self imports resolve next to it).
        let source = match request["source"].as_str() {
            Some(src) => Ok(src.to_owned()),
            None => std::fs::read_to_string(&file),
        };
        let result = match source {
            Err(e) => Err(HostError {
                phase: "harness",
                name: None,
                message: format!("cannot read '{file}': {e}"),
            }),
            Ok(source) => match Context::full(&runtime) {
                Err(e) => Err(HostError {
                    phase: "harness",
                    name: None,
                    message: format!("new context: {e}"),
                }),
                Ok(context) => context.with(|ctx| {
                    install_host(&ctx).map_err(|e| HostError {
                        phase: "harness",
                        name: None,
                        message: format!("installing $262: {e}"),
                    })?;
                    prelude.run(&ctx, &prelude_files, strict)?;
                    run_in(&ctx, &source, &file, module, strict)
                }),
            },
        };
        deadline.set(None);
        crate::agent::shutdown();
        let printed = CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default();
        let timed_out = Instant::now() > started + timeout;
        let record = json!({
            "file": file,
            "error": result.as_ref().err().map(HostError::to_json),
            "timed_out": timed_out,
            "stdout": printed,
            "duration_ms": started.elapsed().as_secs_f64() * 1e3,
        });
        let _ = writeln!(out, "{record}");
        let _ = out.flush();
    }
    std::mem::forget(runtime);
    0
}
