//! The adapter trait: how dyno runs a script, a module or an eval string on one kind of
//! runtime, how it asks the runtime for its version, and what the runtime can do.

use std::ffi::OsString;
use std::path::Path;

use crate::store::Capabilities;

/// What to run.
#[derive(Debug, Clone, Copy)]
pub enum Invocation<'a> {
    /// A classic script (CommonJS where the runtime has it).
    Script(&'a Path),
    /// An ES module.
    Module(&'a Path),
    /// A code string.
    Eval(&'a str),
}

/// What a runtime reported about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub version: String,
    pub engine: String,
    pub engine_version: String,
}

/// One kind of runtime. `variant` holds extra flags (`node --jitless`).
pub trait Adapter: Send + Sync {
    /// The adapter kind recorded in results (`node`, `deno`, ...).
    fn kind(&self) -> &'static str;

    /// Arguments after the executable for `invocation`, or `None` when the runtime cannot
    /// run it that way.
    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>>;

    /// Arguments that make the runtime print what [`Adapter::parse_probe`] reads.
    fn probe_args(&self, variant: &[String]) -> Vec<OsString>;

    /// Reads the probe's stdout.
    fn parse_probe(&self, stdout: &str) -> Option<Probe>;

    fn capabilities(&self) -> Capabilities;
}

/// `variant` then `rest`, as OsStrings.
pub(crate) fn with_variant(variant: &[String], rest: &[&OsStr]) -> Vec<OsString> {
    variant
        .iter()
        .map(OsString::from)
        .chain(rest.iter().map(|s| s.to_os_string()))
        .collect()
}

/// The common command-line shape: `[variant...] FILE` for scripts and modules,
/// `[variant...] -e CODE` for eval (node, bun, llrt, dynojs).
pub(crate) fn file_or_eval(variant: &[String], invocation: Invocation<'_>) -> Vec<OsString> {
    match invocation {
        Invocation::Script(file) | Invocation::Module(file) => {
            with_variant(variant, &[file.as_os_str()])
        }
        Invocation::Eval(code) => with_variant(variant, &[OsStr::new("-e"), OsStr::new(code)]),
    }
}

/// Capabilities of a full server-side runtime (node, deno, bun): both module systems,
/// node:http, node:vm and workers; V8 and JSC abort under RLIMIT_AS.
pub(crate) fn server_runtime(native_http: Option<&str>) -> Capabilities {
    Capabilities {
        cjs: true,
        esm: true,
        eval: true,
        node_http: true,
        native_http: native_http.map(str::to_owned),
        node_vm: true,
        worker_threads: true,
        test262_host: false,
        address_space_limit: false,
    }
}

use std::ffi::OsStr;

/// First line of `text` that starts with `prefix`, with the prefix removed and trimmed.
pub(crate) fn line_after<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(prefix))
        .map(str::trim)
}
