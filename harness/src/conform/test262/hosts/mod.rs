//! test262 hosts: how one runtime runs one composed scenario and reports print output,
//! the error (with its phase) or a crash. One file per kind of host.

mod command;
mod dynojs;
mod node;

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

pub use command::CommandHost;
pub use dynojs::DynojsHost;

use crate::conform::verdict::HostOutcome;
use crate::proc::Environment;
use crate::runtimes::Runtime;

/// One scenario to run.
pub struct Request<'a> {
    /// The test's real path (relative and self imports resolve next to it).
    pub file: &'a Path,
    /// The composed source.
    pub source: &'a str,
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
