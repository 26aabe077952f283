//! bun: JavaScriptCore. The probe asks bun for its version and WebKit revision.

use std::ffi::{OsStr, OsString};

use super::adapter::{with_variant, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct BunAdapter;

impl Adapter for BunAdapter {
    fn kind(&self) -> &'static str {
        "bun"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        Some(match invocation {
            Invocation::Script(file) | Invocation::Module(file) => {
                with_variant(variant, &[file.as_os_str()])
            }
            Invocation::Eval(code) => with_variant(variant, &[OsStr::new("-e"), OsStr::new(code)]),
        })
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
        Capabilities {
            cjs: true,
            esm: true,
            eval: true,
            node_http: true,
            native_http: Some("Bun.serve".into()),
            node_vm: true,
            worker_threads: true,
            test262_host: false,
            address_space_limit: false,
        }
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
