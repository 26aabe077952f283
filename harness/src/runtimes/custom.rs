//! Custom runtimes from `[runtimes.NAME] command = [...]` or `--runtime NAME=PATH` when the
//! executable is not a known kind. The command template's `{file}` is replaced by the
//! script (appended when absent); the version comes from the first line of `--version`.

use std::ffi::OsString;

use super::adapter::{Adapter, Invocation, Probe};
use crate::store::Capabilities;

/// Placeholder for the script path in a command template.
pub const FILE_PLACEHOLDER: &str = "{file}";

pub struct CustomAdapter;

impl Adapter for CustomAdapter {
    fn kind(&self) -> &'static str {
        "custom"
    }

    fn args(&self, template: &[String], invocation: Invocation<'_>) -> Option<Vec<OsString>> {
        let file = match invocation {
            Invocation::Script(f) | Invocation::Module(f) => f,
            // No general way to pass a code string; callers write it to a file.
            Invocation::Eval(_) => return None,
        };
        let mut args: Vec<OsString> = Vec::new();
        let mut placed = false;
        for part in template {
            if part.contains(FILE_PLACEHOLDER) {
                placed = true;
                args.push(
                    part.replace(FILE_PLACEHOLDER, &file.to_string_lossy())
                        .into(),
                );
            } else {
                args.push(part.into());
            }
        }
        if !placed {
            args.push(file.as_os_str().to_os_string());
        }
        Some(args)
    }

    fn probe_args(&self, _variant: &[String]) -> Vec<OsString> {
        vec!["--version".into()]
    }

    fn parse_probe(&self, stdout: &str) -> Option<Probe> {
        // A wrapper script may print nothing for --version; that is "unknown", not broken.
        let line = stdout.lines().map(str::trim).find(|l| !l.is_empty());
        Some(Probe {
            version: line.unwrap_or("unknown").to_owned(),
            engine: "unknown".into(),
            engine_version: "unknown".into(),
        })
    }

    fn capabilities(&self) -> Capabilities {
        // Nothing is assumed about a custom runtime beyond running a file.
        Capabilities {
            cjs: true,
            ..Capabilities::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn template_substitution() {
        let t = vec!["--flag".to_owned(), "--entry={file}".to_owned()];
        let args = CustomAdapter
            .args(&t, Invocation::Script(Path::new("/t/a.js")))
            .unwrap();
        assert_eq!(
            args,
            vec![OsString::from("--flag"), OsString::from("--entry=/t/a.js")]
        );
        let args = CustomAdapter
            .args(&[], Invocation::Script(Path::new("/t/a.js")))
            .unwrap();
        assert_eq!(args, vec![OsString::from("/t/a.js")]);
        assert!(CustomAdapter.args(&[], Invocation::Eval("1")).is_none());
    }
}
