//! dynojs: dyno's own runtime (QuickJS-ng). `dynojs --version` prints
//! `dynojs X.Y.Z (quickjs-ng A.B.C)`.

use std::ffi::OsString;

use super::adapter::{file_or_eval, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct DynojsAdapter;

impl Adapter for DynojsAdapter {
    fn kind(&self) -> &'static str {
        "dynojs"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        // Like node: .mjs (or "type": "module") is an ES module, .js/.cjs CommonJS.
        Some(file_or_eval(variant, invocation))
    }

    fn probe_args(&self, _variant: &[String]) -> Vec<OsString> {
        vec!["--version".into()]
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let rest = stdout.trim().strip_prefix("dynojs ")?;
        let (version, engine) = rest.split_once(" (")?;
        let (engine, engine_version) = engine.trim_end_matches(')').split_once(' ')?;
        Some(Probe {
            version: version.to_owned(),
            engine: if engine == "quickjs-ng" {
                "QuickJS-ng".into()
            } else {
                engine.to_owned()
            },
            engine_version: engine_version.to_owned(),
        })
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            cjs: true,
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
        let p = DynojsAdapter
            .parse_probe("dynojs 0.1.0 (quickjs-ng 0.16.2)\n")
            .unwrap();
        assert_eq!(p.version, "0.1.0");
        assert_eq!(p.engine, "QuickJS-ng");
        assert_eq!(p.engine_version, "0.16.2");
        assert!(DynojsAdapter.parse_probe("node 1").is_none());
    }
}
