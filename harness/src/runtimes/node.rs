//! node: V8. The version probe asks node itself for `process.versions`.

use std::ffi::{OsStr, OsString};

use super::adapter::{file_or_eval, server_runtime, with_variant, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct NodeAdapter;

impl Adapter for NodeAdapter {
    fn kind(&self) -> &'static str {
        "node"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        // node picks CJS for .js/.cjs and ESM for .mjs (or type: module).
        Some(file_or_eval(variant, invocation))
    }

    fn probe_args(&self, variant: &[String]) -> Vec<OsString> {
        with_variant(
            variant,
            &[
                OsStr::new("-p"),
                OsStr::new("process.versions.node + ' ' + process.versions.v8"),
            ],
        )
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let mut words = stdout.split_whitespace();
        let version = words.next()?.to_owned();
        let v8 = words.next()?.to_owned();
        Some(Probe {
            version,
            engine: "V8".into(),
            engine_version: v8,
        })
    }

    fn capabilities(&self) -> Capabilities {
        server_runtime(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe() {
        let p = NodeAdapter
            .parse_probe("20.20.2 11.3.244.8-node.33\n")
            .unwrap();
        assert_eq!(p.version, "20.20.2");
        assert_eq!(p.engine_version, "11.3.244.8-node.33");
        assert!(NodeAdapter.parse_probe("").is_none());
    }
}
