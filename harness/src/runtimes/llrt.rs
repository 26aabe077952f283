//! LLRT: AWS's runtime on QuickJS. `llrt --version` prints `LLRT (<os> <arch>) <version>`.

use std::ffi::OsString;

use super::adapter::{file_or_eval, Adapter, Invocation, Probe};
use crate::store::Capabilities;

pub struct LlrtAdapter;

impl Adapter for LlrtAdapter {
    fn kind(&self) -> &'static str {
        "llrt"
    }

    fn args(&self, variant: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        Some(file_or_eval(variant, invocation))
    }

    fn probe_args(&self, _variant: &[String]) -> Vec<OsString> {
        vec!["--version".into()]
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        let line = stdout.lines().find(|l| l.starts_with("LLRT"))?;
        let version = line.rsplit(' ').next()?.trim().to_owned();
        Some(Probe {
            version,
            engine: "QuickJS".into(),
            // LLRT does not report the QuickJS revision it embeds.
            engine_version: "unreported".into(),
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
        let p = LlrtAdapter
            .parse_probe("LLRT (linux x64) 0.8.1-beta\n")
            .unwrap();
        assert_eq!(p.version, "0.8.1-beta");
    }
}
