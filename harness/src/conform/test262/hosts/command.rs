//! Any runtime as a test262 host through its command line, one process per scenario:
//! QuickJS's `qjs` and custom commands. The composed test is written to a file next to
//! the original (so relative imports resolve), run through [`crate::proc`], and judged by
//! exit status; the error type is read from the output (the first `SomethingError` or
//! `Test262Error`), and phases are unknown, so negative tests check the type only.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use super::{Host, HostCaps, HostFactory, Request};
use crate::conform::verdict::{HostError, HostOutcome};
use crate::proc::{self, Environment, Limits, Outcome, ProcSpec};
use crate::runtimes::{Invocation, Runtime};

pub struct CommandHost {
    runtime_path: PathBuf,
    script: Vec<std::ffi::OsString>,
    module: Vec<std::ffi::OsString>,
    env: Environment,
}

struct Factory {
    host: CommandHost,
}

const PLACEHOLDER: &str = "/__dyno_test262_placeholder__.js";

impl CommandHost {
    pub fn factory(runtime: &Runtime, env: Environment) -> impl HostFactory {
        let placeholder = Path::new(PLACEHOLDER);
        let (path, script) = runtime
            .command(Invocation::Script(placeholder))
            .unwrap_or_default();
        let module = runtime
            .command(Invocation::Module(placeholder))
            .map(|c| c.1)
            .unwrap_or_else(|| script.clone());
        Factory {
            host: CommandHost {
                runtime_path: path,
                script,
                module,
                env,
            },
        }
    }

    fn args_for(&self, file: &Path, module: bool) -> Vec<std::ffi::OsString> {
        let template = if module { &self.module } else { &self.script };
        template
            .iter()
            .map(|a| {
                let s = a.to_string_lossy();
                if s.contains(PLACEHOLDER) {
                    s.replace(PLACEHOLDER, &file.to_string_lossy()).into()
                } else {
                    a.clone()
                }
            })
            .collect()
    }
}

/// The error type named in a runtime's output, if any.
fn error_name(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .find(|w| {
            w.len() > 5
                && w.ends_with("Error")
                && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        })
        .map(str::to_owned)
}

impl Host for CommandHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        let dir = request.file.parent().unwrap_or(Path::new("."));
        let name = request
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let composed = dir.join(format!(".dyno-{}-{name}", std::process::id()));
        if let Err(e) = std::fs::write(&composed, request.source) {
            return HostOutcome {
                error: Some(HostError {
                    phase: "harness".into(),
                    name: None,
                    message: format!("writing '{}': {e}", composed.display()),
                }),
                ..Default::default()
            };
        }
        let mut spec = ProcSpec::new(
            &self.runtime_path,
            self.args_for(&composed, request.module),
            self.env.clone(),
        );
        spec.limits = Limits {
            wall: request.timeout,
            kill_grace: Duration::from_millis(200),
            ..Limits::default()
        };
        let result = proc::run(&spec);
        let _ = std::fs::remove_file(&composed);
        let r = match result {
            Ok(r) => r,
            Err(e) => {
                return HostOutcome {
                    error: Some(HostError {
                        phase: "harness".into(),
                        name: None,
                        message: format!("{e:#}"),
                    }),
                    ..Default::default()
                }
            }
        };
        let stdout = r.stdout.text();
        let stderr = r.stderr.text();
        let mut outcome = HostOutcome {
            stdout: stdout.clone(),
            stderr: stderr.clone(),
            duration_ms: r.wall.as_secs_f64() * 1e3,
            ..Default::default()
        };
        match r.outcome {
            Outcome::Exited { code: 0 } => {}
            Outcome::Exited { .. } => {
                let name = error_name(&stderr).or_else(|| error_name(&stdout));
                outcome.error = Some(HostError {
                    phase: "unknown".into(),
                    name,
                    message: stderr
                        .lines()
                        .rev()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("")
                        .to_owned(),
                });
            }
            Outcome::TimedOut => outcome.timed_out = true,
            other => outcome.crashed = Some(other.to_string()),
        }
        outcome
    }

    fn reproduce(&self, composed: &Path, request: &Request<'_>) -> String {
        std::iter::once(self.runtime_path.as_os_str().to_os_string())
            .chain(self.args_for(composed, request.module))
            .map(|a| proc::shell_quote(&a.to_string_lossy()))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl HostFactory for Factory {
    fn caps(&self) -> HostCaps {
        // A plain command has no known $262: tests needing agents or IsHTMLDDA skip.
        HostCaps {
            can_block: true,
            is_html_dda: false,
            agent: false,
            phases: false,
            modules: true,
        }
    }

    fn create(&self) -> Result<Box<dyn Host>> {
        Ok(Box::new(CommandHost {
            runtime_path: self.host.runtime_path.clone(),
            script: self.host.script.clone(),
            module: self.host.module.clone(),
            env: self.host.env.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names() {
        assert_eq!(
            error_name("Uncaught SyntaxError: x"),
            Some("SyntaxError".into())
        );
        assert_eq!(
            error_name("Test262Error: boom"),
            Some("Test262Error".into())
        );
        assert_eq!(error_name("no error here"), None);
    }
}
