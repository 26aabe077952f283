//! dynojs as a test262 host: its `--test262-batch` mode (a fresh realm per test in one
//! long-lived process, composed source sent inline). A crash or hang of the batch
//! process restarts it and reruns that one scenario in a fresh process, so a test that
//! breaks the process is judged alone and never takes its neighbours down with it.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;
use serde_json::{json, Value};

use super::{Host, HostCaps, HostFactory, Request};
use crate::conform::verdict::{HostError, HostOutcome};
use crate::proc::{shell_quote, Environment, Limits, ProcSpec, Worker, WorkerError};

/// Extra time the harness gives dynojs beyond its own interrupt-handler timeout: a
/// test blocked in native code (Atomics.wait, a huge allocation) is not interruptible.
const WATCHDOG_GRACE: Duration = Duration::from_secs(5);

pub struct DynojsHost {
    spec: ProcSpec,
    worker: Option<Worker>,
}

struct Factory {
    spec: ProcSpec,
}

impl DynojsHost {
    pub fn factory(path: String, args: Vec<String>, env: Environment) -> impl HostFactory {
        let mut argv: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        argv.push("--test262-batch".into());
        let mut spec = ProcSpec::new(path, argv, env);
        spec.limits = Limits {
            wall: Duration::MAX,
            ..Limits::default()
        };
        Factory { spec }
    }

    fn ask(&mut self, request: &Request<'_>) -> Result<HostOutcome, WorkerError> {
        if self.worker.is_none() {
            self.worker =
                Some(Worker::spawn(&self.spec).map_err(|e| WorkerError::Exited(format!("{e:#}")))?);
        }
        let line = json!({
            "file": request.file,
            "source": request.source,
            "module": request.module,
            "strict": request.strict,
            "timeout_ms": request.timeout.as_millis() as u64,
        })
        .to_string();
        let worker = self.worker.as_mut().expect("worker just created");
        let answer = match worker.request(&line, request.timeout + WATCHDOG_GRACE) {
            Ok(a) => a,
            Err(e) => {
                self.worker = None;
                return Err(e);
            }
        };
        Ok(parse_answer(&answer))
    }
}

/// Reads one batch answer line.
fn parse_answer(answer: &str) -> HostOutcome {
    let v: Value = match serde_json::from_str(answer) {
        Ok(v) => v,
        Err(e) => {
            return HostOutcome {
                error: Some(HostError {
                    phase: "harness".into(),
                    name: None,
                    message: format!("unreadable answer from dynojs ({e}): {answer:.200}"),
                }),
                ..Default::default()
            }
        }
    };
    let error = v.get("error").filter(|e| e.is_object()).map(|e| HostError {
        phase: e["phase"].as_str().unwrap_or("runtime").to_owned(),
        name: e["name"].as_str().map(str::to_owned),
        message: e["message"].as_str().unwrap_or_default().to_owned(),
    });
    HostOutcome {
        timed_out: v["timed_out"].as_bool().unwrap_or(false),
        error,
        stdout: v["stdout"].as_str().unwrap_or_default().to_owned(),
        stderr: String::new(),
        crashed: None,
        duration_ms: v["duration_ms"].as_f64().unwrap_or(0.0),
    }
}

impl Host for DynojsHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        match self.ask(request) {
            Ok(outcome) => outcome,
            Err(_) => {
                // Judge the scenario alone in a fresh process.
                match self.ask(request) {
                    Ok(outcome) => {
                        self.worker = None;
                        outcome
                    }
                    Err(WorkerError::Timeout) => HostOutcome {
                        timed_out: true,
                        ..Default::default()
                    },
                    Err(WorkerError::Exited(status)) => HostOutcome {
                        crashed: Some(format!("dynojs {status}")),
                        ..Default::default()
                    },
                }
            }
        }
    }

    fn reproduce(&self, composed: &Path, request: &Request<'_>) -> String {
        let mut cmd = format!(
            "{} --test262 {}",
            shell_quote(&self.spec.program.to_string_lossy()),
            shell_quote(&composed.to_string_lossy())
        );
        if request.module {
            cmd.push_str(" --module");
        }
        if request.strict {
            cmd.push_str(" --strict");
        }
        cmd
    }
}

impl HostFactory for Factory {
    fn caps(&self) -> HostCaps {
        HostCaps {
            can_block: true,
            is_html_dda: true,
            agent: true,
            phases: true,
            modules: true,
        }
    }

    fn create(&self) -> Result<Box<dyn Host>> {
        Ok(Box::new(DynojsHost {
            spec: self.spec.clone(),
            worker: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let ok = parse_answer(
            r#"{"file":"f","error":null,"timed_out":false,"stdout":"x\n","duration_ms":1.5}"#,
        );
        assert_eq!(ok.error, None);
        assert_eq!(ok.stdout, "x\n");
        let neg = parse_answer(
            r#"{"error":{"phase":"parse","name":"SyntaxError","message":"m"},"timed_out":false}"#,
        );
        assert_eq!(neg.error.unwrap().name.as_deref(), Some("SyntaxError"));
        let bad = parse_answer("garbage");
        assert_eq!(bad.error.unwrap().phase, "harness");
    }
}
