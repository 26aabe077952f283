//! The VM: one QuickJS runtime and context with dynojs's globals, the Node-style module
//! loader, and the entry points that run a main module, a CommonJS script or `-e` code.
//!
//! Flow: [`Vm::new`] creates the runtime, installs the loader and the rejection tracker,
//! evaluates `js/bootstrap.js` with the native binding and keeps the hooks it returns;
//! [`Vm::run_main`] evaluates the entry point; [`crate::event_loop::run`] drives the
//! phases until nothing is ref'ed; the process then exits with `process.exitCode`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rquickjs::loader::{ImportAttributes, Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::promise::PromiseState;
use rquickjs::{
    qjs, CatchResultExt, Context, Ctx, Function, Module, Object, Persistent, Promise, Runtime,
    Value,
};

use crate::binding::{self, Clock};
use crate::resolver::{self, Kind, Resolved};

/// QuickJS's default stack limit (1 MiB) is below what real programs recurse to; the
/// main thread has 8 MiB, and Node's V8 default allows ~10k frames. 4 MiB leaves room
/// for Rust frames between JS calls.
const MAX_STACK_BYTES: usize = 4 * 1024 * 1024;

/// Bytes allocated before QuickJS's first cycle collection (it then grows the threshold
/// by half each time). The default, 256 KiB, makes a program holding 100k live objects
/// spend most of its time in the collector; 16 MiB costs nothing for small scripts
/// (memory stays untouched until used) and cut 100k setTimeout calls from 458 ms to the
/// figure in the runtime-core notes.
const GC_THRESHOLD_BYTES: usize = 16 * 1024 * 1024;

/// Key of the hidden global through which synthetic modules reach the hooks.
const INTERNAL_KEY: &str = "dynojs:internal";

thread_local! {
    static HOOKS: RefCell<Option<Persistent<Object<'static>>>> = const { RefCell::new(None) };
}

/// The hooks object returned by the bootstrap, in `ctx`.
pub fn hooks<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let saved = HOOKS.with(|h| h.borrow().clone());
    match saved {
        Some(p) => p.restore(ctx),
        None => Err(rquickjs::Error::new_from_js("undefined", "hooks")),
    }
}

pub struct Vm {
    pub runtime: Runtime,
    pub context: Context,
    pub clock: Rc<Clock>,
    /// The current-thread tokio runtime the loop's poll phase waits on.
    pub tokio: tokio::runtime::Runtime,
    pub io: Rc<crate::io::Io>,
    /// The ES-module main's evaluation promise, checked for unsettled top-level await.
    main_promise: RefCell<Option<Persistent<Promise<'static>>>>,
    main_name: RefCell<String>,
    /// One block of every small size class of QuickJS's arena allocator, held for the
    /// VM's life. QuickJS frees an arena (4 KiB of one block size) when its last block
    /// is freed and builds a new one, free list and all, on the next allocation — so a
    /// size only short-lived objects use (a request's, say) cost an arena per request.
    arena_pins: Vec<*mut std::ffi::c_void>,
}

/// Evaluates `source` as a classic script named `filename`; returns its completion value.
pub fn eval_script<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
    strict: bool,
) -> rquickjs::Result<Value<'js>> {
    eval_at(ctx, source, filename, 1, strict)
}

/// Like [`eval_script`], numbering the first line `first_line` — the CommonJS wrapper
/// sits on line 0 so that the module's own lines and columns are reported unchanged.
pub fn eval_at<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
    first_line: i32,
    strict: bool,
) -> rquickjs::Result<Value<'js>> {
    let file = std::ffi::CString::new(filename.replace('\0', ""))?;
    // QuickJS needs a NUL byte after the input.
    let mut input = Vec::with_capacity(source.len() + 1);
    input.extend_from_slice(source.as_bytes());
    input.push(0);
    let mut flags = qjs::JS_EVAL_TYPE_GLOBAL as i32;
    if strict {
        flags |= qjs::JS_EVAL_FLAG_STRICT as i32;
    }
    let mut options = qjs::JSEvalOptions {
        version: qjs::JS_EVAL_OPTIONS_VERSION as i32,
        eval_flags: flags,
        filename: file.as_ptr(),
        line_num: first_line,
    };
    // SAFETY: input is NUL-terminated and outlives the call; options points to valid data.
    let value = unsafe {
        qjs::JS_Eval2(
            ctx.as_raw().as_ptr(),
            input.as_ptr().cast(),
            source.len() as _,
            &mut options,
        )
    };
    // SAFETY: value was just returned by QuickJS and is owned by us.
    if unsafe { qjs::JS_IsException(value) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(unsafe { Value::from_raw(ctx.clone(), value) })
}

/// Throws a `DOMException` (created lazily by the bootstrap's clone module).
pub fn throw_dom_exception<T>(ctx: &Ctx<'_>, message: &str, name: &str) -> rquickjs::Result<T> {
    let ctor: rquickjs::function::Constructor = ctx.globals().get("DOMException")?;
    let err: Value = ctor.construct((message, name))?;
    Err(ctx.throw(err))
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Result<Vm, String> {
        let tokio = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .enable_io()
            .build()
            .map_err(|e| format!("cannot start the event loop: {e}"))?;
        let io = Rc::new(crate::io::Io::new(tokio.handle().clone()));
        crate::io::install(Some(io.clone()));
        let runtime = Runtime::new().map_err(|e| format!("cannot create the JS runtime: {e}"))?;
        runtime.set_max_stack_size(MAX_STACK_BYTES);
        runtime.set_gc_threshold(GC_THRESHOLD_BYTES);
        runtime.set_loader(NodeResolver, NodeLoader);
        let context =
            Context::full(&runtime).map_err(|e| format!("cannot create the JS context: {e}"))?;
        let clock = Rc::new(Clock::new());
        let arena_pins = context.with(|ctx| {
            // SAFETY: the runtime of a live context; the blocks are freed in `drop`.
            let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
            (8..=504)
                .step_by(8)
                .map(|size| unsafe { qjs::js_malloc_rt(rt, size) })
                .collect()
        });

        let on_rejection: Rc<RefCell<Option<Persistent<Function<'static>>>>> =
            Rc::new(RefCell::new(None));
        let slot = on_rejection.clone();
        runtime.set_host_promise_rejection_tracker(Some(Box::new(
            move |ctx, promise, reason, handled| {
                if !handled {
                    binding::mark_ticks_queued();
                }
                let saved = slot.borrow().clone();
                if let Some(f) = saved {
                    if let Ok(f) = f.restore(&ctx) {
                        let _ = f.call::<_, ()>((promise, reason, handled));
                    }
                }
            },
        )));

        let clock2 = clock.clone();
        context.with(|ctx| -> Result<(), String> {
            let setup = || -> rquickjs::Result<()> {
                let binding = binding::create(&ctx, clock2, argv)?;
                let bootstrap: Function = crate::modules::load(&ctx, "internal/bootstrap")?
                    .ok_or_else(|| rquickjs::Error::new_from_js("undefined", "bootstrap bytecode"))?
                    .get()?;
                let hooks: Object = bootstrap.call((binding,))?;
                let key: Value = eval_script(&ctx, &format!("Symbol.for('{INTERNAL_KEY}')"), "node:internal", false)?;
                let define: Function = eval_script(
                    &ctx,
                    "(o, k, v) => Object.defineProperty(o, k, { value: v, writable: false, enumerable: false, configurable: true })",
                    "node:internal",
                    false,
                )?
                .get()?;
                define.call::<_, ()>((ctx.globals(), key, hooks.clone()))?;
                let tracker: Function = hooks.get("onRejection")?;
                *on_rejection.borrow_mut() = Some(Persistent::save(&ctx, tracker));
                HOOKS.with(|h| *h.borrow_mut() = Some(Persistent::save(&ctx, hooks)));
                Ok(())
            };
            setup().catch(&ctx).map_err(|e| format!("bootstrap failed: {e}"))
        })?;
        Ok(Vm {
            runtime,
            context,
            clock,
            tokio,
            io,
            main_promise: RefCell::new(None),
            main_name: RefCell::new(String::new()),
            arena_pins,
        })
    }

    /// Calls hook `name` with `args`; an exception escaping a hook is reported as uncaught.
    pub fn call_hook<A, R>(&self, name: &str, args: A) -> Option<R>
    where
        A: for<'js> rquickjs::function::IntoArgs<'js>,
        R: for<'js> rquickjs::FromJs<'js>,
    {
        self.context.with(|ctx| {
            let result = hooks(&ctx)
                .and_then(|h| h.get::<_, Function>(name))
                .and_then(|f| f.call::<A, R>(args));
            match result.catch(&ctx) {
                Ok(v) => Some(v),
                Err(e) => {
                    report_caught(&ctx, e);
                    None
                }
            }
        })
    }

    /// Runs the entry point. Errors in it are reported and end the process.
    pub fn run_main(&self, mode: &crate::cli::Mode) {
        use crate::cli::Mode;
        match mode {
            Mode::Eval { code, .. } => {
                self.call_hook::<_, ()>("runEval", (code.as_str(),));
                self.call_hook::<_, ()>("processTicksAndRejections", ());
            }
            Mode::Run { file, .. } => {
                let path = absolute(file);
                if !path.is_file() {
                    binding::write(
                        2,
                        &format!(
                            "Error: Cannot find module '{}'\n    at dynojs main\n  code: 'MODULE_NOT_FOUND'\n\ndynojs v{}\n",
                            path.display(),
                            crate::VERSION
                        ),
                    );
                    binding::exit(1);
                }
                if resolver::is_esm(&path) {
                    self.run_esm_main(&path);
                    self.call_hook::<_, ()>("runMicrotasks", ());
                } else {
                    self.call_hook::<_, ()>("runCjsMain", (path.to_string_lossy().into_owned(),));
                }
                self.call_hook::<_, ()>("processTicksAndRejections", ());
            }
            _ => {}
        }
    }

    fn run_esm_main(&self, path: &Path) {
        let name = path.to_string_lossy().into_owned();
        *self.main_name.borrow_mut() = name.clone();
        self.context.with(|ctx| {
            let source = match std::fs::read_to_string(path) {
                Ok(s) => s,
                Err(e) => {
                    binding::write(2, &format!("Error: cannot read '{name}': {e}\n"));
                    binding::exit(1);
                }
            };
            let run = || -> rquickjs::Result<Promise<'_>> {
                let module = Module::declare(ctx.clone(), name.as_str(), source)?;
                set_import_meta(&ctx, &module, &name, true)?;
                let (_module, promise) = module.eval()?;
                // Report a rejection of the evaluation (a top-level throw, sync or after
                // an await) as an uncaught exception, as Node does.
                let on_error: Function = hooks(&ctx)?.get("uncaught")?;
                let then: Function = promise.get("then")?;
                let _: Value = then.call((
                    rquickjs::function::This(promise.clone()),
                    Value::new_undefined(ctx.clone()),
                    on_error,
                ))?;
                Ok(promise)
            };
            match run().catch(&ctx) {
                Ok(promise) => {
                    *self.main_promise.borrow_mut() = Some(Persistent::save(&ctx, promise))
                }
                Err(e) => report_caught(&ctx, e),
            }
        });
    }

    /// After the loop: a main module whose top-level await never settled exits 13.
    pub fn unsettled_top_level_await(&self) -> bool {
        let saved = self.main_promise.borrow().clone();
        let Some(p) = saved else { return false };
        self.context.with(|ctx| {
            p.restore(&ctx)
                .map(|p| p.state() == PromiseState::Pending)
                .unwrap_or(false)
        })
    }

    pub fn main_name(&self) -> String {
        self.main_name.borrow().clone()
    }

    /// Evaluates `code` as `-e` does and runs the loop to the end; returns the exit
    /// code. (Embedding and benchmarks; the binary goes through `main_with_args`.)
    pub fn run_eval(&self, code: &str) -> i32 {
        self.run_main(&crate::cli::Mode::Eval {
            code: code.to_owned(),
            args: Vec::new(),
        });
        crate::event_loop::run(self)
    }
}

impl Drop for Vm {
    /// Releases every handle into the engine so QuickJS can free the runtime cleanly
    /// (the binary never drops its VM; embedders and benchmarks create many).
    fn drop(&mut self) {
        self.runtime.set_host_promise_rejection_tracker(None);
        self.main_promise.borrow_mut().take();
        HOOKS.with(|h| h.borrow_mut().take());
        crate::io::install(None);
        self.context.with(|ctx| {
            crate::serve::forget(&ctx);
            // SAFETY: blocks from js_malloc_rt of this runtime, freed once.
            let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
            for block in self.arena_pins.drain(..) {
                unsafe { qjs::js_free_rt(rt, block) };
            }
        });
        self.runtime.run_gc();
    }
}

/// Reports an exception caught in Rust through the JS uncaught path (prints, exits 1).
pub fn report_caught<'js>(ctx: &Ctx<'js>, e: rquickjs::CaughtError<'js>) {
    let value = match e {
        rquickjs::CaughtError::Exception(ex) => ex.into_value(),
        rquickjs::CaughtError::Value(v) => v,
        rquickjs::CaughtError::Error(err) => {
            binding::write(2, &format!("dynojs internal error: {err}\n"));
            binding::exit(70);
        }
    };
    let reported = hooks(ctx)
        .and_then(|h| h.get::<_, Function>("uncaught"))
        .and_then(|f| f.call::<_, ()>((value,)));
    if reported.is_err() {
        binding::write(2, "dynojs: an uncaught exception could not be reported\n");
        binding::exit(1);
    }
}

fn absolute(file: &str) -> PathBuf {
    let p = Path::new(file);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    resolver::normalize(&abs)
}

fn set_import_meta<'js>(
    ctx: &Ctx<'js>,
    module: &Module<'js, Declared>,
    name: &str,
    main: bool,
) -> rquickjs::Result<()> {
    let meta = module.meta()?;
    let path = Path::new(name);
    meta.set("url", format!("file://{name}"))?;
    meta.set("filename", name)?;
    meta.set(
        "dirname",
        path.parent()
            .map_or_else(String::new, |p| p.to_string_lossy().into_owned()),
    )?;
    meta.set("main", main)?;
    let referrer = name.to_owned();
    let resolve = Function::new(
        ctx.clone(),
        move |ctx: Ctx<'js>, spec: String| -> rquickjs::Result<String> {
            match resolver::resolve(&spec, &referrer, Kind::Import) {
                Ok(Resolved::Builtin(b)) => Ok(format!("node:{b}")),
                Ok(Resolved::File(p)) => Ok(format!("file://{}", p.display())),
                Err(e) => binding::throw_coded(&ctx, e.code, &e.message),
            }
        },
    )?;
    meta.set("resolve", resolve)?;
    Ok(())
}

/// Node-style resolution for `import` (see [`crate::resolver`]).
struct NodeResolver;

impl Resolver for NodeResolver {
    fn resolve<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        base: &str,
        name: &str,
        _attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<String> {
        match resolver::resolve(name, base, Kind::Import) {
            Ok(r) => Ok(r.key()),
            Err(e) => binding::throw_coded(ctx, e.code, &e.message),
        }
    }
}

/// Loads ES modules from files, JSON modules, builtins and CommonJS files (through a
/// synthetic module whose named exports are the CommonJS module's own keys).
struct NodeLoader;

/// Synthetic module source re-exporting `expr`'s keys; names are string exports, so
/// any key (even a reserved word) can be exported.
fn reexport_source(expr: &str, keys: &[String]) -> String {
    let mut src = format!("const m = {expr};\nexport default m;\n");
    for (i, key) in keys.iter().filter(|k| k.as_str() != "default").enumerate() {
        let quoted = serde_json::to_string(key).unwrap_or_default();
        src.push_str(&format!(
            "const e{i} = m[{quoted}];\nexport {{ e{i} as {quoted} }};\n"
        ));
    }
    src
}

impl Loader for NodeLoader {
    fn load<'js>(
        &mut self,
        ctx: &Ctx<'js>,
        name: &str,
        attributes: Option<ImportAttributes<'js>>,
    ) -> rquickjs::Result<Module<'js, Declared>> {
        let internal = format!("globalThis[Symbol.for('{INTERNAL_KEY}')]");
        let attr_type = attributes
            .as_ref()
            .and_then(|a| a.get_type().ok().flatten());
        if let Some(builtin) = name.strip_prefix("node:") {
            let keys: Vec<String> = hooks(ctx)?
                .get::<_, Function>("builtinKeys")?
                .call((builtin,))?;
            let source = reexport_source(
                &format!(
                    "{internal}.internal({})",
                    serde_json::to_string(builtin).unwrap_or_default()
                ),
                &keys,
            );
            return Module::declare(ctx.clone(), name, source);
        }
        let path = Path::new(name);
        let is_json = path.extension().is_some_and(|e| e == "json");
        if is_json || attr_type.as_deref() == Some("json") {
            if attr_type.as_deref() != Some("json") {
                let ctor: rquickjs::function::Constructor = ctx.globals().get("TypeError")?;
                let err: Object = ctor.construct((format!(
                    "Module \"file://{name}\" needs an import attribute of \"type: json\""
                ),))?;
                err.set("code", "ERR_IMPORT_ATTRIBUTE_MISSING")?;
                return Err(ctx.throw(err.into_value()));
            }
            let text = std::fs::read_to_string(path).or_else(|e| {
                binding::throw_coded(ctx, "ENOENT", &format!("ENOENT: {e}, open '{name}'"))
            })?;
            // Parse in JS so a syntax error is a SyntaxError naming the file.
            let literal = serde_json::to_string(&text).unwrap_or_default();
            let source = format!("export default JSON.parse({literal});\n");
            return Module::declare(ctx.clone(), name, source);
        }
        if resolver::is_esm(path) {
            let source = std::fs::read_to_string(path).or_else(|e| {
                binding::throw_coded(ctx, "ENOENT", &format!("ENOENT: {e}, open '{name}'"))
            })?;
            let module = Module::declare(ctx.clone(), name, source)?;
            set_import_meta(ctx, &module, name, false)?;
            return Ok(module);
        }
        let keys: Vec<String> = hooks(ctx)?.get::<_, Function>("cjsKeys")?.call((name,))?;
        let source = reexport_source(
            &format!(
                "{internal}.requireFile({})",
                serde_json::to_string(name).unwrap_or_default()
            ),
            &keys,
        );
        Module::declare(ctx.clone(), name, source)
    }
}
