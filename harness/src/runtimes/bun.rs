//! bun: JavaScriptCore. The probe asks bun for its version and WebKit revision.

use std::ffi::{OsStr, OsString};

use super::adapter::{file_or_eval, server_runtime, with_variant, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct BunAdapter;

impl Adapter for BunAdapter {
    fn kind(&self) -> &'static str {
        "bun"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        Some(file_or_eval(variant, invocation))
    }

    fn probe_args(&self, variant: &[String]) -> Vec<OsString> {
        with_variant(
            variant,
            &[
                OsStr::new("-e"),
                OsStr::new("console.log(process.versions.bun + ' ' + process.versions.webkit)"),
            ],
        )
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let mut words = stdout.split_whitespace();
        Some(Probe {
            version: words.next()?.to_owned(),
            engine: "JavaScriptCore".into(),
            engine_version: format!("WebKit {}", words.next()?),
        })
    }

    fn capabilities(&self) -> Capabilities {
        server_runtime(Some("Bun.serve"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe() {
        let p = BunAdapter.parse_probe("1.4.5 d6375c72affe\n").unwrap();
        assert_eq!(p.version, "1.4.5");
        assert_eq!(p.engine_version, "WebKit d6375c72affe");
    }
}
