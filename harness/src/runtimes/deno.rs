//! deno: V8. `deno --version` prints `deno X (...)` and `v8 Y` lines.

use std::ffi::{OsStr, OsString};

use super::adapter::{line_after, server_runtime, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct DenoAdapter;

impl Adapter for DenoAdapter {
    fn kind(&self) -> &'static str {
        "deno"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        // Flags go after the subcommand; -A because benchmarks and tests need the network
        // and files, and a permission prompt would hang a headless run.
        let (sub, target): (&str, &OsStr) = match invocation {
            Invocation::Script(file) | Invocation::Module(file) => ("run", file.as_os_str()),
            Invocation::Eval(code) => ("eval", OsStr::new(code)),
        };
        let mut args = vec![OsString::from(sub)];
        if sub == "run" {
            args.push("-A".into());
        }
        args.push("--quiet".into());
        args.extend(variant.iter().map(OsString::from));
        args.push(target.to_os_string());
        Some(args)
    }

    fn probe_args(&self, _variant: &[String]) -> Vec<OsString> {
        vec!["--version".into()]
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let version = line_after(stdout, "deno ")?
            .split_whitespace()
            .next()?
            .to_owned();
        let v8 = line_after(stdout, "v8 ")?.to_owned();
        Some(Probe {
            version,
            engine: "V8".into(),
            engine_version: v8,
        })
    }

    fn capabilities(&self) -> Capabilities {
        server_runtime(Some("Deno.serve"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe() {
        let out = "deno 2.9.6 (stable, release, x86_64-unknown-linux-gnu)\nv8 15.0.245.2-rusty\ntypescript 6.0.3\n";
        let p = DenoAdapter.parse_probe(out).unwrap();
        assert_eq!(p.version, "2.9.6");
        assert_eq!(p.engine_version, "15.0.245.2-rusty");
    }
}
