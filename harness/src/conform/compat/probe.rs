//! Host capabilities: which of the suite's `requires` a runtime has, probed once per
//! runtime by one small ES module. `node:<module>` is present when it can be imported;
//! anything else is a dotted path from the global object (`crypto.subtle`) that is
//! present when it is not `undefined`. A probe answers presence only — whether the thing
//! works is what the cases test (a stub that throws "not implemented" fails there).

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::proc::{self, Environment, Limits};
use crate::runtimes::{Invocation, Runtime};

const PREFIX: &str = "DYNO_CAPS ";

/// The probe module for `tokens`.
pub fn script(tokens: &BTreeSet<String>) -> String {
    let list = serde_json::to_string(&tokens.iter().collect::<Vec<_>>()).unwrap_or_default();
    format!(
        r#"const caps = {{}};
for (const t of {list}) {{
  if (t.startsWith("node:")) {{
    try {{ await import(t); caps[t] = true; }} catch {{ caps[t] = false; }}
  }} else {{
    let v = globalThis;
    for (const part of t.split(".")) v = v == null ? undefined : v[part];
    caps[t] = v !== undefined;
  }}
}}
console.log("{PREFIX}" + JSON.stringify(caps));
"#
    )
}

/// What the probe found: the tokens present. `Err` when the probe itself could not run
/// (the runtime cannot run an ES module, or crashed): the caller reports it and treats
/// every requirement as missing.
pub fn probe(
    runtime: &Runtime,
    tokens: &BTreeSet<String>,
    env: &Environment,
) -> Result<BTreeSet<String>> {
    if tokens.is_empty() {
        return Ok(BTreeSet::new());
    }
    let dir = tempfile::Builder::new()
        .prefix("dyno-compat-probe-")
        .tempdir()
        .context("creating a temp dir for the capability probe")?;
    let file = dir.path().join("probe.mjs");
    std::fs::write(&file, script(tokens))
        .with_context(|| format!("writing '{}'", file.display()))?;
    let Some(mut spec) = runtime.spec(Invocation::Module(&file), env) else {
        anyhow::bail!("{} cannot run ES modules", runtime.name());
    };
    spec.limits = Limits {
        wall: Duration::from_secs(30),
        ..Limits::default()
    };
    let result = proc::run(&spec)?;
    let stdout = result.stdout.text();
    let line = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix(PREFIX))
        .with_context(|| {
            format!(
                "the capability probe {} without a result; stderr: {}",
                result.outcome,
                result.stderr.tail_text(300).trim()
            )
        })?;
    let caps: std::collections::BTreeMap<String, bool> =
        serde_json::from_str(line).context("reading the capability probe's answer")?;
    Ok(caps
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect())
}
