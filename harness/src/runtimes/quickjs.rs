//! QuickJS (`qjs`): Bellard's or QuickJS-ng. `qjs --help` names the engine and version in
//! its first line (`QuickJS-ng version 0.10.1`, `QuickJS version 2024-01-13`).

use std::ffi::{OsStr, OsString};

use super::adapter::{with_variant, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct QuickJsAdapter;

impl Adapter for QuickJsAdapter {
    fn kind(&self) -> &'static str {
        "quickjs"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        Some(match invocation {
            Invocation::Script(file) => {
                with_variant(variant, &[OsStr::new("--script"), file.as_os_str()])
            }
            Invocation::Module(file) => {
                with_variant(variant, &[OsStr::new("--module"), file.as_os_str()])
            }
            Invocation::Eval(code) => with_variant(variant, &[OsStr::new("-e"), OsStr::new(code)]),
        })
    }

    fn probe_args(&self, _variant: &[String]) -> Vec<OsString> {
        vec!["--help".into()]
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let line = stdout.lines().find(|l| l.contains("QuickJS"))?;
        let (engine, version) = line.trim().split_once(" version ")?;
        Some(Probe {
            version: version.trim().to_owned(),
            engine: engine.trim().to_owned(),
            engine_version: version.trim().to_owned(),
        })
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            cjs: false,
            esm: true,
            eval: true,
            address_space_limit: true,
            ..Capabilities::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe() {
        let p = QuickJsAdapter
            .parse_probe("QuickJS-ng version 0.10.1\nusage: qjs [options] [file [args]]\n")
            .unwrap();
        assert_eq!(p.engine, "QuickJS-ng");
        assert_eq!(p.version, "0.10.1");
        let p = QuickJsAdapter
            .parse_probe("QuickJS version 2024-01-13\n")
            .unwrap();
        assert_eq!(p.engine, "QuickJS");
    }
}
