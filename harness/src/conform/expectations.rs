//! Expectations: the scenarios a runtime is known to fail, so that only changes fail a
//! build. One TOML file per suite and runtime (`suites/expectations/<suite>/<runtime>.toml`):
//!
//! ```toml
//! [[fail]]
//! id = "built-ins/Atomics/wait/cannot-suspend-throws.js"
//! scenario = "strict"        # optional; absent = every scenario
//! reason = "main thread can block"
//! issue = "https://..."      # optional
//! flaky = 2                  # optional: retry this many times before counting a failure
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::UsageError;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectationFile {
    #[serde(default, rename = "fail")]
    pub entries: Vec<Expectation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flaky: Option<u32>,
}

/// Expectations indexed for lookups during a run.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    /// (id, scenario or "*") → entry.
    by_key: BTreeMap<(String, String), Expectation>,
    /// sha256 of the file, for provenance.
    pub sha256: Option<String>,
}

impl Expectations {
    pub fn load(path: &Path) -> Result<Self> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("reading expectations '{}'", path.display()))
            }
        };
        let file: ExpectationFile = toml::from_str(&text).map_err(|e| {
            UsageError::new(format!(
                "expectations '{}' are not valid: {}; fix the file or regenerate it with --update-expectations",
                path.display(),
                e.message().trim()
            ))
        })?;
        let mut by_key = BTreeMap::new();
        for e in file.entries {
            let key = (
                e.id.clone(),
                e.scenario.clone().unwrap_or_else(|| "*".into()),
            );
            by_key.insert(key, e);
        }
        let sha256 = crate::runtimes::sha256_file(path).ok();
        Ok(Expectations { by_key, sha256 })
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The entry covering `id` in `scenario`, if any.
    pub fn get(&self, id: &str, scenario: &str) -> Option<&Expectation> {
        self.by_key
            .get(&(id.to_owned(), scenario.to_owned()))
            .or_else(|| self.by_key.get(&(id.to_owned(), "*".to_owned())))
    }

    /// Entries whose test did not run at all (renamed or deleted tests).
    pub fn stale<'a>(&'a self, ran: &BTreeSet<String>) -> Vec<&'a Expectation> {
        self.by_key
            .values()
            .filter(|e| !ran.contains(&e.id))
            .collect()
    }

    /// Writes the failures of this run as the new expectations, keeping reason, issue
    /// and flaky of entries that still apply.
    pub fn write_updated(&self, path: &Path, failures: &[(String, String, String)]) -> Result<()> {
        let mut entries = Vec::new();
        for (id, scenario, verdict) in failures {
            let old = self.get(id, scenario);
            entries.push(Expectation {
                id: id.clone(),
                scenario: Some(scenario.clone()),
                reason: old
                    .map(|o| o.reason.clone())
                    .filter(|r| !r.is_empty())
                    .unwrap_or_else(|| verdict.clone()),
                issue: old.and_then(|o| o.issue.clone()),
                flaky: old.and_then(|o| o.flaky),
            });
        }
        entries.sort_by(|a, b| (&a.id, &a.scenario).cmp(&(&b.id, &b.scenario)));
        let text =
            toml::to_string(&ExpectationFile { entries }).context("serializing expectations")?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating '{}'", dir.display()))?;
        }
        let header = "# Scenarios this runtime is expected to fail. Written by `dyno test --update-expectations`;\n# edit reason/issue/flaky by hand, they are kept on the next update.\n\n";
        std::fs::write(path, format!("{header}{text}"))
            .with_context(|| format!("writing expectations '{}'", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_lookup_update_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.toml");
        std::fs::write(&path, "[[fail]]\nid = \"a.js\"\nreason = \"known\"\nissue = \"https://x\"\n\n[[fail]]\nid = \"b.js\"\nscenario = \"strict\"\nflaky = 2\n").unwrap();
        let e = Expectations::load(&path).unwrap();
        assert!(e.get("a.js", "default").is_some());
        assert!(e.get("b.js", "strict").is_some());
        assert!(e.get("b.js", "default").is_none());
        let ran: BTreeSet<String> = ["a.js".to_owned()].into();
        assert_eq!(e.stale(&ran).len(), 1);
        e.write_updated(
            &path,
            &[
                ("a.js".into(), "default".into(), "fail".into()),
                ("c.js".into(), "module".into(), "timeout".into()),
            ],
        )
        .unwrap();
        let again = Expectations::load(&path).unwrap();
        assert_eq!(again.get("a.js", "default").unwrap().reason, "known");
        assert_eq!(
            again.get("a.js", "default").unwrap().issue.as_deref(),
            Some("https://x")
        );
        assert_eq!(again.get("c.js", "module").unwrap().reason, "timeout");
        assert!(again.get("b.js", "strict").is_none());
    }

    #[test]
    fn missing_file_is_empty_and_bad_file_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Expectations::load(&dir.path().join("none.toml"))
            .unwrap()
            .is_empty());
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "[[fail]]\nidd = \"x\"\n").unwrap();
        let err = Expectations::load(&bad).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some(), "{err:#}");
    }
}
