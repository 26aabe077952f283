//! dynojs as a test262 host: its `--test262-batch` mode (a fresh realm per test in one
//! long-lived process, composed source sent inline), through [`WorkerSession`]: a crash
//! or hang restarts the process and reruns that one scenario alone.

use std::path::Path;
use std::time::Duration;

use anyhow::Result;

use super::{Host, HostCaps, HostFactory, Request, WorkerSession};
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

impl Host for DynojsHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        let mut outcome = self.session.run(request);
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
