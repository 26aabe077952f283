//! `dynojs` binary: hand the arguments to the library and exit with its code without
//! tearing down the engine (as Node does; freeing the heap would only cost time).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = dynojs::main_with_args(args);
    dynojs::binding::exit(code);
}
