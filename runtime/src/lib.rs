//! dynojs — dyno's reference JavaScript runtime (QuickJS-ng through rquickjs).
//!
//! This is the foundation stub: it reports its version and evaluates one script with a
//! minimal `console` and `print`, so dyno's runtime discovery and smoke units have a real
//! engine to find and run. The Node-faithful event loop, modules and globals arrive with
//! the runtime-core issue; until then anything beyond plain script evaluation is absent
//! and says so by throwing, never by pretending.

use std::io::Write;

use rquickjs::{CatchResultExt, CaughtError, Context, Function, Runtime};

/// The crate version, printed by `dynojs --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The QuickJS-ng version compiled into this binary, as the engine itself reports it.
pub fn engine_version() -> String {
    // SAFETY: JS_GetVersion returns a pointer to a static NUL-terminated string.
    let ptr = unsafe { rquickjs::qjs::JS_GetVersion() };
    if ptr.is_null() {
        return "unknown".to_owned();
    }
    unsafe { std::ffi::CStr::from_ptr(ptr) }
        .to_string_lossy()
        .into_owned()
}

/// The `--version` line: `dynojs X.Y.Z (quickjs-ng A.B.C)`.
pub fn version_line() -> String {
    format!("dynojs {VERSION} (quickjs-ng {})", engine_version())
}

/// A JS error that escaped evaluation, already formatted the way Node prints it.
#[derive(Debug)]
pub struct UncaughtError {
    /// `<Name>: <message>` followed by the stack, if any.
    pub report: String,
}

/// JS installed before the user's script: `console` and `print` over one native writer.
const PRELUDE: &str = r#"
(() => {
  const write = globalThis.__dynojs_write;
  delete globalThis.__dynojs_write;
  const fmt = (args) => args.map((a) => (typeof a === "string" ? a : String(a))).join(" ") + "\n";
  const out = (...a) => write(1, fmt(a));
  const err = (...a) => write(2, fmt(a));
  globalThis.console = { log: out, info: out, debug: out, warn: err, error: err };
  globalThis.print = out;
})();
"#;

/// Evaluates `source` as a classic script named `name`; returns the uncaught error if any.
pub fn eval_script(name: &str, source: &str) -> Result<(), UncaughtError> {
    let engine_failure = |e: rquickjs::Error| UncaughtError {
        report: format!("InternalError: {e}"),
    };
    let runtime = Runtime::new().map_err(engine_failure)?;
    let context = Context::full(&runtime).map_err(engine_failure)?;
    context.with(|ctx| {
        let write = Function::new(ctx.clone(), |fd: i32, text: String| {
            let result = if fd == 2 {
                std::io::stderr().write_all(text.as_bytes())
            } else {
                std::io::stdout().write_all(text.as_bytes())
            };
            // A closed stdout (e.g. `| head`) is not the script's error.
            let _ = result;
        })
        .map_err(engine_failure)?;
        ctx.globals()
            .set("__dynojs_write", write)
            .map_err(engine_failure)?;
        ctx.eval::<(), _>(PRELUDE).map_err(engine_failure)?;
        let options = {
            let mut o = rquickjs::context::EvalOptions::default();
            o.global = true;
            o.strict = false;
            o.filename = Some(name.to_owned());
            o
        };
        ctx.eval_with_options::<(), _>(source, options)
            .catch(&ctx)
            .map_err(|caught| UncaughtError {
                report: describe(caught),
            })
    })
}

fn describe(caught: CaughtError<'_>) -> String {
    match caught {
        CaughtError::Exception(e) => {
            let name: String = e
                .get::<_, String>("name")
                .unwrap_or_else(|_| "Error".to_owned());
            let message = e.message().unwrap_or_default();
            let stack = e.stack().unwrap_or_default();
            format!("{name}: {message}\n{stack}")
        }
        CaughtError::Value(v) => format!("Uncaught {v:?}"),
        CaughtError::Error(e) => format!("InternalError: {e}"),
    }
}
