//! dyno: a dynamometer for JavaScript runtimes.
//!
//! [`run`] takes parsed arguments and dispatches to one module per concept: `runtimes`
//! (discovery, adapters, installs), `proc` (every child process), `store` (results
//! documents), `job` (the `dyno run` plan). stdout carries the chosen `--format`; progress
//! and logs go to stderr.

pub mod bench;
pub mod cli;
pub mod compare;
pub mod config;
pub mod conform;
pub mod host;
pub mod job;
pub mod proc;
pub mod report;
pub mod runtimes;
pub mod stats;
pub mod store;

use std::process::ExitCode;

use anyhow::{bail, Result};

use cli::{Cli, Command, Format, RuntimesAction};

/// Exit code for success.
pub const EXIT_OK: u8 = 0;
/// Exit code when a check failed (`--fail-on`, a regression).
pub const EXIT_CHECK_FAILED: u8 = 1;
/// Exit code for usage and input errors, and whenever dyno could not do its job.
pub const EXIT_USAGE: u8 = 2;

/// An error in what the user gave dyno (flags, files, config). Its message is complete:
/// it names the thing and the fix.
#[derive(Debug)]
pub struct UsageError(String);

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// How chatty stderr is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Log sink for progress and notes (stderr).
#[derive(Debug, Clone, Copy)]
pub struct Log {
    pub verbosity: Verbosity,
}

impl Log {
    pub fn info(&self, message: impl AsRef<str>) {
        if self.verbosity != Verbosity::Quiet {
            eprintln!("{}", message.as_ref());
        }
    }

    pub fn debug(&self, message: impl AsRef<str>) {
        if self.verbosity == Verbosity::Verbose {
            eprintln!("{}", message.as_ref());
        }
    }

    pub fn warn(&self, message: impl AsRef<str>) {
        eprintln!("warning: {}", message.as_ref());
    }
}

/// Runs one dyno command; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let log = Log {
        verbosity: if cli.global.quiet {
            Verbosity::Quiet
        } else if cli.global.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        },
    };
    let format = cli.global.format;
    let config_path = config::default_path(cli.global.config.as_deref())?;
    let config = config::Config::build(config_path.as_deref(), &cli.global.runtimes)?;
    match cli.command {
        Command::Runtimes(args) => match args.action {
            None => {
                formats(format, "dyno runtimes", &[Format::Human, Format::Json])?;
                job::list_runtimes(&config, format, log)
            }
            Some(RuntimesAction::Install { specs }) => {
                formats(
                    format,
                    "dyno runtimes install",
                    &[Format::Human, Format::Json],
                )?;
                job::install_runtimes(&config, &specs, format, log)
            }
        },
        Command::Run(args) => {
            formats(format, "dyno run", &[Format::Human, Format::Json])?;
            job::run_job(&config, &args, format, log)
        }
        Command::Test(args) => {
            formats(
                format,
                "dyno test",
                &[
                    Format::Human,
                    Format::Json,
                    Format::Jsonl,
                    Format::Junit,
                    Format::Tap,
                    Format::Matrix,
                ],
            )?;
            conform::run::run(&config, &args, format, log)
        }
        Command::Bench(args) => {
            formats(
                format,
                "dyno bench",
                &[
                    Format::Human,
                    Format::Json,
                    Format::Csv,
                    Format::Bmf,
                    Format::CustomSmallerIsBetter,
                    Format::CustomBiggerIsBetter,
                ],
            )?;
            bench::run(&config, &args, format, log)
        }
        Command::Internal { what } => match what {
            cli::Internal::CeilingServer => {
                bench::http::ceiling::serve()?;
                Ok(ExitCode::SUCCESS)
            }
        },
        Command::Compare(args) => {
            formats(
                format,
                "dyno compare",
                &[Format::Human, Format::Md, Format::Json],
            )?;
            compare::run(&config, &args, format, log)
        }
        Command::Report(args) => report::run(&args, format, log),
        Command::History(args) => {
            formats(
                format,
                "dyno history",
                &[Format::Human, Format::Md, Format::Json],
            )?;
            store::history::output::run(&args, &config.select, format, log)
        }
        Command::Merge(args) => {
            formats(format, "dyno merge", &[Format::Human, Format::Json])?;
            job::merge::run(&args, format, log)
        }
    }
}

fn formats(format: Format, command: &str, supported: &[Format]) -> Result<()> {
    if supported.contains(&format) {
        return Ok(());
    }
    let names: Vec<&str> = supported.iter().map(|f| f.name()).collect();
    bail!(UsageError::new(format!(
        "{command} cannot print --format {}; use one of: {}",
        format.name(),
        names.join(", ")
    )))
}
