//! dynojs — dyno's reference JavaScript runtime: QuickJS-ng (through rquickjs) with a
//! Node-faithful event loop. Layout: `cli` (arguments), `vm` (runtime, context, module
//! loader, entry points), `event_loop` (phases), `binding` (natives for the JS side),
//! `resolver` (Node-style resolution), `modules` (builtin JS modules), and `js/` (the
//! JavaScript half: bootstrap, inspect, CommonJS loader, builtins).

pub mod agent;
pub mod binding;
pub mod cli;
pub mod event_loop;
pub mod fetch;
pub mod fs;
pub mod http;
pub mod io;
pub mod modules;
pub mod net;
pub mod os;
pub mod resolver;
pub mod serve;
pub mod test262;
pub mod vm;
pub mod wasm;
pub mod web;

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

/// Runs dynojs with `args` (without the program name); returns the exit code.
pub fn main_with_args(args: Vec<String>) -> i32 {
    use cli::Mode;
    let mode = match cli::parse(&args) {
        Ok(m) => m,
        Err(msg) => {
            eprintln!("{msg}");
            return 9; // Node's exit code for invalid arguments
        }
    };
    let argv = match &mode {
        Mode::Version => {
            println!("{}", version_line());
            return 0;
        }
        Mode::Help => {
            println!("{}\n\n{}", version_line(), cli::USAGE);
            return 0;
        }
        Mode::Test262 {
            file,
            module,
            strict,
        } => return test262::run_file(file, *module, *strict),
        Mode::Test262Batch => return test262::run_batch(),
        Mode::Run { file, args } => {
            let mut v = vec![exe_path(), absolute_string(file)];
            v.extend(args.iter().cloned());
            v
        }
        Mode::Eval { args, .. } => {
            let mut v = vec![exe_path()];
            v.extend(args.iter().cloned());
            v
        }
    };
    let vm = match vm::Vm::new(argv) {
        Ok(vm) => vm,
        Err(e) => {
            eprintln!("dynojs: {e}");
            return 70;
        }
    };
    vm.run_main(&mode);
    let code = event_loop::run(&vm);
    binding::flush_stdout();
    // Persistent handles are alive until the process ends; freeing the engine would
    // only cost time (and assert on them), so the VM is never dropped.
    std::mem::forget(vm);
    code
}

fn exe_path() -> String {
    std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "dynojs".into())
}

fn absolute_string(file: &str) -> String {
    let p = std::path::Path::new(file);
    if p.is_absolute() {
        return file.to_owned();
    }
    std::env::current_dir()
        .map(|d| {
            resolver::normalize(&d.join(p))
                .to_string_lossy()
                .into_owned()
        })
        .unwrap_or_else(|_| file.to_owned())
}
