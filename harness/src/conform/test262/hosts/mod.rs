//! test262 hosts: how one runtime runs one composed scenario and reports print output,
//! the error (with its phase) or a crash. One file per kind of host.

mod command;
mod dynojs;
mod node;

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;
use serde_json::{json, Value};

pub use command::CommandHost;
pub use dynojs::DynojsHost;

use crate::conform::verdict::{HostError, HostOutcome};
use crate::proc::{Environment, ProcSpec, Worker, WorkerError};
use crate::runtimes::Runtime;

/// One scenario to run.
pub struct Request<'a> {
    /// The test's real path (relative and self imports resolve next to it).
    pub file: &'a Path,
    /// The composed source.
    pub source: &'a str,
    /// The harness files in `source`, in order (absolute paths), and the test without
    /// them: for hosts that evaluate (and cache) the harness scripts themselves.
    pub prelude: &'a [PathBuf],
    pub body: &'a str,
    pub module: bool,
    pub strict: bool,
    /// An async test: the host waits for its `Test262:AsyncTest...` line.
    pub is_async: bool,
    pub timeout: Duration,
}

/// What a host can do, probed or known per runtime; a missing capability turns the tests
/// that need it into skip(host-capability).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostCaps {
    /// The main thread may block in Atomics.wait ([[CanBlock]]).
    pub can_block: bool,
    pub is_html_dda: bool,
    pub agent: bool,
    /// The host reports the phase of an error (else negative tests check the type only).
    pub phases: bool,
    /// The host runs module tests.
    pub modules: bool,
}

/// Runs scenarios; one instance per scheduler thread.
pub trait Host: Send {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome;
    /// A shell command that reruns the scenario from a saved composed file.
    fn reproduce(&self, composed: &Path, request: &Request<'_>) -> String;
}

/// Creates hosts for one runtime.
pub trait HostFactory: Send + Sync {
    fn caps(&self) -> HostCaps;
    fn create(&self) -> Result<Box<dyn Host>>;
}

/// The host factory for `runtime`, or `None` with the reason when there is none yet.
pub fn factory_for(runtime: &Runtime, env: &Environment) -> Result<Box<dyn HostFactory>, String> {
    let record = &runtime.record;
    match record.kind.as_str() {
        "dynojs" => Ok(Box::new(DynojsHost::factory(
            record.path.clone(),
            record.args.clone(),
            env.clone(),
        ))),
        "quickjs" | "custom" | "llrt" => Ok(Box::new(CommandHost::factory(runtime, env.clone()))),
        "node" | "deno" | "bun" => node::factory(runtime, env).map_err(|e| format!("{e:#}")),
        other => Err(format!("no test262 host for runtime kind '{other}'")),
    }
}

/// A long-lived worker answering one JSON line per scenario (dynojs batch mode, the
/// node:vm host script). A worker that crashes or hangs is replaced, and the scenario is
/// rerun alone in the fresh process, so it is judged without its neighbours; a worker is
/// also replaced after `recycle_after` scenarios when the runtime leaks per test.
pub(crate) struct WorkerSession {
    pub spec: ProcSpec,
    worker: Option<Worker>,
    served: u32,
    recycle_after: u32,
    /// Time beyond the scenario's own timeout before the worker is killed (native code
    /// such as Atomics.wait cannot be interrupted from inside).
    grace: Duration,
}

impl WorkerSession {
    pub fn new(spec: ProcSpec, recycle_after: u32, grace: Duration) -> Self {
        WorkerSession {
            spec,
            worker: None,
            served: 0,
            recycle_after,
            grace,
        }
    }

    fn ask(&mut self, line: &str, timeout: Duration) -> Result<HostOutcome, WorkerError> {
        if self.served >= self.recycle_after {
            self.worker = None;
        }
        if self.worker.is_none() {
            self.worker =
                Some(Worker::spawn(&self.spec).map_err(|e| WorkerError::Exited(format!("{e:#}")))?);
            self.served = 0;
        }
        self.served += 1;
        let worker = self.worker.as_mut().expect("worker just created");
        match worker.request(line, timeout + self.grace) {
            Ok(answer) => Ok(parse_answer(&answer)),
            Err(e) => {
                self.worker = None;
                Err(e)
            }
        }
    }

    /// Runs `request`; a crash or hang is retried once alone in a fresh worker.
    pub fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        self.run_line(request_line(request), request.timeout)
    }

    /// Sends `line` (a request in the worker's protocol) with the same retry rule.
    pub fn run_line(&mut self, line: String, timeout: Duration) -> HostOutcome {
        match self.ask(&line, timeout) {
            Ok(outcome) => outcome,
            Err(_) => match self.ask(&line, timeout) {
                Ok(outcome) => {
                    self.worker = None;
                    outcome
                }
                Err(WorkerError::Timeout) => HostOutcome {
                    timed_out: true,
                    ..Default::default()
                },
                Err(WorkerError::Exited(status)) => HostOutcome {
                    crashed: Some(status),
                    ..Default::default()
                },
            },
        }
    }
}

/// The JSON request line both worker protocols read.
pub(crate) fn request_line(request: &Request<'_>) -> String {
    json!({
        "file": request.file,
        "source": request.source,
        "module": request.module,
        "strict": request.strict,
        "async": request.is_async,
        "timeout_ms": request.timeout.as_millis() as u64,
    })
    .to_string()
}

/// Reads one answer line: `{"error": {phase, name, message} | null, "stdout",
/// "timed_out", "duration_ms"}`.
fn parse_answer(answer: &str) -> HostOutcome {
    let v: Value = match serde_json::from_str(answer) {
        Ok(v) => v,
        Err(e) => {
            return HostOutcome {
                error: Some(HostError {
                    phase: "harness".into(),
                    name: None,
                    message: format!("unreadable answer from the host ({e}): {answer:.200}"),
                }),
                ..Default::default()
            }
        }
    };
    HostOutcome {
        error: v.get("error").filter(|e| e.is_object()).map(|e| HostError {
            phase: e["phase"].as_str().unwrap_or("runtime").to_owned(),
            name: e["name"].as_str().map(str::to_owned),
            message: e["message"].as_str().unwrap_or_default().to_owned(),
        }),
        stdout: v["stdout"].as_str().unwrap_or_default().to_owned(),
        timed_out: v["timed_out"].as_bool().unwrap_or(false),
        duration_ms: v["duration_ms"].as_f64().unwrap_or(0.0),
        ..Default::default()
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
        assert_eq!(parse_answer("garbage").error.unwrap().phase, "harness");
    }
}
