//! `dyno` binary: parse, run, print the error chain on one line, exit.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dyno::cli::Cli::parse();
    match dyno::run(cli) {
        Ok(code) => code,
        // `dyno ... | head` closing the pipe early is not an error worth a message.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` joins the context chain with ": " — one line naming what failed.
            eprintln!("error: {err:#}");
            ExitCode::from(dyno::EXIT_USAGE)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().map(|e| e.kind());
        let json = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| e.io_error_kind());
        io.or(json) == Some(std::io::ErrorKind::BrokenPipe)
    })
}
