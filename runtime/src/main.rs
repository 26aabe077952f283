//! `dynojs` binary: argument handling only; evaluation lives in the library.

use std::process::ExitCode;

const USAGE: &str =
    "usage: dynojs FILE [args...]\n       dynojs -e CODE\n       dynojs --version | --help";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, source) = match args.first().map(String::as_str) {
        Some("--version" | "-v") => {
            println!("{}", dynojs::version_line());
            return ExitCode::SUCCESS;
        }
        Some("--help" | "-h") => {
            println!("{}\n\n{USAGE}", dynojs::version_line());
            return ExitCode::SUCCESS;
        }
        Some("-e" | "--eval") => match args.get(1) {
            Some(code) => ("[eval]".to_owned(), code.clone()),
            None => {
                eprintln!("dynojs: -e needs an argument\n{USAGE}");
                return ExitCode::from(9);
            }
        },
        Some(flag) if flag.starts_with('-') => {
            eprintln!(
                "dynojs: unknown option '{flag}' (this build supports FILE, -e, --version, --help)"
            );
            return ExitCode::from(9);
        }
        Some(file) => match std::fs::read_to_string(file) {
            Ok(source) => (file.to_owned(), source),
            Err(e) => {
                eprintln!("dynojs: cannot read '{file}': {e}");
                return ExitCode::from(1);
            }
        },
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(9);
        }
    };
    match dynojs::eval_script(&name, &source) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Uncaught {}", e.report.trim_end());
            ExitCode::from(1)
        }
    }
}
