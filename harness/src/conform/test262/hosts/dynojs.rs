//! dynojs as a test262 host: its `--test262-batch` mode (a fresh realm per test in one
//! long-lived process, composed source sent inline), through [`WorkerSession`]: a crash
//! or hang restarts the process and reruns that one scenario alone.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use serde_json::json;

use super::{request_line, Host, HostCaps, HostFactory, Request, WorkerSession};
use crate::conform::verdict::HostOutcome;
use crate::proc::{shell_quote, Environment, Limits, ProcSpec};

/// Extra time the harness gives dynojs beyond its own interrupt-handler timeout: a
/// test blocked in native code (Atomics.wait, a huge allocation) is not interruptible.
const WATCHDOG_GRACE: Duration = Duration::from_secs(5);

/// dynojs frees each test's realm; its batch process needs no recycling.
const NEVER: u32 = u32::MAX;

pub struct DynojsHost {
    session: WorkerSession,
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
}

/// Whether `body` opens with a string-literal statement: as a script of its own that would
/// be a directive prologue (`"use strict"` would apply), which it is not after the harness.
fn opens_with_string(body: &str) -> bool {
    let mut rest = body.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            // An unterminated comment: let the engine say so on the composed source.
            let Some(end) = after.find("*/") else {
                return true;
            };
            rest = after[end + 2..].trim_start();
        } else {
            return rest.starts_with(['"', '\'']);
        }
    }
}

/// The batch request: script tests name their harness files so dynojs evaluates them from
/// its bytecode cache, then runs the test alone; module tests and tests whose first
/// statement would become a directive get the composed source.
fn batch_line(request: &Request<'_>) -> String {
    if request.module || request.prelude.is_empty() || opens_with_string(request.body) {
        return request_line(request);
    }
    json!({
        "file": request.file,
        "source": request.body,
        "prelude": request.prelude,
        "module": false,
        "strict": request.strict,
        "async": request.is_async,
        "timeout_ms": request.timeout.as_millis() as u64,
    })
    .to_string()
}

impl Host for DynojsHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        let mut outcome = self.session.run_line(batch_line(request), request.timeout);
        if let Some(status) = outcome.crashed.take() {
            outcome.crashed = Some(format!("dynojs {status}"));
        }
        outcome
    }

    fn reproduce(&self, composed: &Path, request: &Request<'_>) -> String {
        let program = &self.session.spec.program;
        let mut cmd = format!(
            "{} --test262 {}",
            shell_quote(&program.to_string_lossy()),
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
            session: WorkerSession::new(self.spec.clone(), NEVER, WATCHDOG_GRACE),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directive_like_openings() {
        assert!(opens_with_string("'use strict';\nx"));
        assert!(opens_with_string("// c\n/*---\nfm\n---*/\n\"a\";"));
        assert!(!opens_with_string("// c\n/*---\nfm\n---*/\nvar a = 'x';"));
        assert!(!opens_with_string("/* 'x' */ f('y')"));
        assert!(opens_with_string("/* unterminated"));
        assert!(!opens_with_string(""));
    }

    #[test]
    fn script_tests_name_their_harness_files() {
        let prelude = [std::path::PathBuf::from("/h/assert.js")];
        let mut request = Request {
            file: Path::new("/t/a.js"),
            source: "ASSERT\nbody()",
            prelude: &prelude,
            body: "body()",
            module: false,
            strict: true,
            is_async: false,
            timeout: Duration::from_secs(1),
        };
        let v: serde_json::Value = serde_json::from_str(&batch_line(&request)).unwrap();
        assert_eq!(v["source"], "body()");
        assert_eq!(v["prelude"][0], "/h/assert.js");
        request.module = true;
        let v: serde_json::Value = serde_json::from_str(&batch_line(&request)).unwrap();
        assert_eq!(v["source"], "ASSERT\nbody()");
        assert!(v.get("prelude").is_none());
    }
}
