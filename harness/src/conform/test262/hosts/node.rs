//! node, deno and bun as test262 hosts: a persistent worker script (`node_host.js`,
//! embedded in dyno) runs each scenario in a fresh `node:vm` context — so script tests
//! run as Scripts, not as CommonJS or ES-module entry files — with `$262` built from
//! vm contexts (realms, evalScript), `structuredClone` transfer (detach), worker
//! threads sharing memory (agents) and `--expose-gc`. What a runtime's node:vm lacks is
//! probed at start; tests that need it are skipped, never failed.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use serde_json::{json, Value};

use super::{Host, HostCaps, HostFactory, Request, WorkerSession};
use crate::conform::verdict::HostOutcome;
use crate::proc::{shell_quote, Environment, Limits, ProcSpec, Worker};
use crate::runtimes::Runtime;

const HOST_SCRIPT: &str = include_str!("node_host.js");

/// Extra time beyond the script's own vm timeout before the worker is killed.
const WATCHDOG_GRACE: Duration = Duration::from_secs(5);

/// Tests per worker process before it is replaced: node keeps memory of every vm
/// context and module it created (a worker reached 3 GB after ~20k tests and slowed to a
/// crawl), and a fresh process costs ~50 ms.
const TESTS_PER_WORKER: u32 = 400;

pub struct NodeHost {
    session: WorkerSession,
    _script: Arc<tempfile::TempDir>,
}

struct Factory {
    spec: ProcSpec,
    caps: HostCaps,
    script: Arc<tempfile::TempDir>,
}

/// The worker command for `runtime` running `script`.
fn worker_args(runtime: &Runtime, script: &Path) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = Vec::new();
    let variant = runtime.record.args.iter().map(Into::into);
    match runtime.record.kind.as_str() {
        "deno" => {
            args.extend(["run", "-A", "--quiet", "--v8-flags=--expose-gc"].map(Into::into));
            args.extend(variant);
        }
        "bun" => args.extend(variant),
        _ => {
            args.extend(variant);
            args.extend(
                ["--expose-gc", "--experimental-vm-modules", "--no-warnings"].map(Into::into),
            );
        }
    }
    args.push(script.as_os_str().to_os_string());
    args
}

pub fn factory(runtime: &Runtime, env: &Environment) -> Result<Box<dyn HostFactory>> {
    let dir = tempfile::Builder::new()
        .prefix("dyno-test262-host-")
        .tempdir()
        .context("creating a directory for the node host script")?;
    let script = dir.path().join("test262-host.cjs");
    std::fs::write(&script, HOST_SCRIPT)
        .with_context(|| format!("writing '{}'", script.display()))?;
    let mut spec = ProcSpec::new(
        &runtime.record.path,
        worker_args(runtime, &script),
        env.clone(),
    );
    spec.limits = Limits {
        wall: Duration::MAX,
        ..Limits::default()
    };
    // Probe what this runtime's node:vm can do.
    let mut probe = Worker::spawn(&spec)?;
    let answer = probe
        .request(r#"{"probe":true}"#, Duration::from_secs(30))
        .map_err(|e| {
            anyhow::anyhow!(
                "{} could not start the test262 host script: {e:?}",
                runtime.name()
            )
        })?;
    let v: Value = serde_json::from_str(&answer)
        .with_context(|| format!("{}: unreadable probe answer {answer:.200}", runtime.name()))?;
    let caps = HostCaps {
        can_block: true,
        is_html_dda: false,
        agent: v["caps"]["agent"].as_bool().unwrap_or(false),
        phases: true,
        modules: v["caps"]["modules"].as_bool().unwrap_or(false),
    };
    Ok(Box::new(Factory {
        spec,
        caps,
        script: Arc::new(dir),
    }))
}

impl Host for NodeHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        self.session.run(request)
    }

    fn reproduce(&self, composed: &Path, request: &Request<'_>) -> String {
        let req = json!({ "file": composed, "module": request.module, "async": request.is_async, "source": "<composed file>" });
        format!(
            "# runs through dyno's host script: echo '{}' | {}",
            req,
            std::iter::once(self.session.spec.program.as_os_str())
                .chain(self.session.spec.args.iter().map(|a| a.as_os_str()))
                .map(|a| shell_quote(&a.to_string_lossy()))
                .collect::<Vec<_>>()
                .join(" ")
        )
    }
}

impl HostFactory for Factory {
    fn caps(&self) -> HostCaps {
        self.caps
    }

    fn create(&self) -> Result<Box<dyn Host>> {
        Ok(Box::new(NodeHost {
            session: WorkerSession::new(self.spec.clone(), TESTS_PER_WORKER, WATCHDOG_GRACE),
            _script: self.script.clone(),
        }))
    }
}
