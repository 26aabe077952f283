//! Conformance diff: set differences of verdicts per suite × runtime, keyed by
//! (case id, scenario).
//!
//! Verdicts fall in three classes: passing (`pass`, `unexpected-pass`), skipped, and
//! failing (everything else — `fail`, `timeout`, `crash`, `expected-fail`, ...). A change
//! of class is newly failing or newly passing; a change inside the failing class
//! (`fail` → `timeout`) is a verdict-kind change.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::store::{CaseRecord, ConformanceRecord};

/// One case whose verdict differs between BASE and NEW.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseChange {
    pub id: String,
    pub scenario: String,
    /// Verdict in BASE; absent for a new test.
    pub from: Option<String>,
    /// Verdict in NEW; absent for a removed test.
    pub to: Option<String>,
    /// NEW's detail (or BASE's for a removed test): why it fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// End of NEW's stderr.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr_tail: Option<String>,
    /// Command that reproduces NEW's verdict (`--save-failed` runs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Where to read the test: the suite's source at its commit, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The diff of one suite on one runtime (or between two runtimes).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConformanceDiff {
    pub suite: String,
    /// Runtime name, or "A → B" when comparing runtimes.
    pub runtime: String,
    pub base_pass: u64,
    pub new_pass: u64,
    pub base_total: u64,
    pub new_total: u64,
    /// pass → not pass.
    pub newly_failing: Vec<CaseChange>,
    /// not pass → pass.
    pub newly_passing: Vec<CaseChange>,
    /// Failing in both, with a different verdict (fail → timeout), or into/out of skip.
    pub verdict_changed: Vec<CaseChange>,
    /// In NEW only.
    pub new_tests: Vec<CaseChange>,
    /// In BASE only.
    pub removed_tests: Vec<CaseChange>,
}

impl ConformanceDiff {
    pub fn is_empty(&self) -> bool {
        self.newly_failing.is_empty()
            && self.newly_passing.is_empty()
            && self.verdict_changed.is_empty()
            && self.new_tests.is_empty()
            && self.removed_tests.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Pass,
    Skip,
    Fail,
}

fn class(verdict: &str) -> Class {
    match crate::conform::verdict::class_of(verdict) {
        "pass" => Class::Pass,
        "skip" => Class::Skip,
        _ => Class::Fail,
    }
}

fn pass_count(record: &ConformanceRecord) -> u64 {
    record
        .results
        .iter()
        .filter(|r| class(&r.verdict) == Class::Pass)
        .count() as u64
}

/// Where a test's source can be read: test262 at a known commit links to GitHub.
fn source_url(record: &ConformanceRecord, id: &str) -> Option<String> {
    let commit = record.suite_version.as_deref()?;
    let is_sha = commit.len() == 40 && commit.bytes().all(|b| b.is_ascii_hexdigit());
    (record.suite == "test262" && is_sha).then(|| {
        format!(
            "https://github.com/tc39/test262/blob/{commit}/test/{}",
            percent_encode_path(id)
        )
    })
}

/// Percent-encodes everything in a URL path but unreserved characters and `/`, so a test
/// name cannot smuggle markup or Markdown into a link.
fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Diffs BASE and NEW results of one suite.
pub fn diff(base: &ConformanceRecord, new: &ConformanceRecord, runtime: String) -> ConformanceDiff {
    let index = |r: &'_ ConformanceRecord| -> BTreeMap<(String, String), CaseRecord> {
        r.results
            .iter()
            .map(|c| ((c.id.clone(), c.scenario.clone()), c.clone()))
            .collect()
    };
    let (old, cur) = (index(base), index(new));
    let mut out = ConformanceDiff {
        suite: new.suite.clone(),
        runtime,
        base_pass: pass_count(base),
        new_pass: pass_count(new),
        base_total: base.results.len() as u64,
        new_total: new.results.len() as u64,
        ..ConformanceDiff::default()
    };
    let change = |key: &(String, String), from: Option<&CaseRecord>, to: Option<&CaseRecord>| {
        let detail_from = to.or(from);
        CaseChange {
            id: key.0.clone(),
            scenario: key.1.clone(),
            from: from.map(|c| c.verdict.clone()),
            to: to.map(|c| c.verdict.clone()),
            detail: detail_from.and_then(|c| c.detail.clone()),
            stderr_tail: to.and_then(|c| c.stderr_tail.clone()),
            command: to.and_then(|c| c.command.clone()),
            url: source_url(new, &key.0),
        }
    };
    for (key, now) in &cur {
        match old.get(key) {
            None => out.new_tests.push(change(key, None, Some(now))),
            Some(before) if before.verdict != now.verdict => {
                let c = change(key, Some(before), Some(now));
                match (class(&before.verdict), class(&now.verdict)) {
                    (Class::Pass, Class::Fail) => out.newly_failing.push(c),
                    (Class::Fail, Class::Pass) => out.newly_passing.push(c),
                    // pass ↔ unexpected-pass is an expectations change, not a test change.
                    (Class::Pass, Class::Pass) => {}
                    _ => out.verdict_changed.push(c),
                }
            }
            Some(_) => {}
        }
    }
    for (key, before) in &old {
        if !cur.contains_key(key) {
            out.removed_tests.push(change(key, Some(before), None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suite(cases: &[(&str, &str, &str)]) -> ConformanceRecord {
        ConformanceRecord {
            suite: "test262".into(),
            runtime: "node".into(),
            suite_version: Some("be13516f0b6a2ac4f3bc8d3b3f25b2d0fd2ae8c5".into()),
            suite_contract_version: None,
            filter: None,
            expectations_sha256: None,
            duration_ms: 0.0,
            summary: BTreeMap::new(),
            results: cases
                .iter()
                .map(|(id, scenario, verdict)| CaseRecord {
                    id: (*id).into(),
                    scenario: (*scenario).into(),
                    verdict: (*verdict).into(),
                    detail: (*verdict != "pass").then(|| format!("{verdict} detail")),
                    duration_ms: 1.0,
                    stdout_tail: None,
                    stderr_tail: None,
                    command: None,
                    composed_path: None,
                })
                .collect(),
        }
    }

    fn ids(changes: &[CaseChange]) -> Vec<String> {
        changes
            .iter()
            .map(|c| format!("{}[{}]", c.id, c.scenario))
            .collect()
    }

    #[test]
    fn lists_exactly_the_changed_tests() {
        let base = suite(&[
            ("a.js", "default", "pass"),
            ("a.js", "strict", "pass"),
            ("b.js", "default", "fail"),
            ("c.js", "default", "fail"),
            ("d.js", "default", "pass"),
            ("gone.js", "default", "pass"),
            ("e.js", "default", "expected-fail"),
            ("f.js", "default", "pass"),
        ]);
        let new = suite(&[
            ("a.js", "default", "pass"),
            ("a.js", "strict", "timeout"),
            ("b.js", "default", "pass"),
            ("c.js", "default", "timeout"),
            ("d.js", "default", "pass"),
            ("e.js", "default", "unexpected-pass"),
            ("f.js", "default", "skip"),
            ("new.js", "module", "fail"),
        ]);
        let d = diff(&base, &new, "node".into());
        assert_eq!(ids(&d.newly_failing), ["a.js[strict]"]);
        assert_eq!(ids(&d.newly_passing), ["b.js[default]", "e.js[default]"]);
        assert_eq!(ids(&d.verdict_changed), ["c.js[default]", "f.js[default]"]);
        assert_eq!(ids(&d.new_tests), ["new.js[module]"]);
        assert_eq!(ids(&d.removed_tests), ["gone.js[default]"]);
        assert_eq!((d.base_pass, d.new_pass), (5, 4));
        let a = &d.newly_failing[0];
        assert_eq!(a.detail.as_deref(), Some("timeout detail"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://github.com/tc39/test262/blob/be13516f0b6a2ac4f3bc8d3b3f25b2d0fd2ae8c5/test/a.js")
        );
    }

    #[test]
    fn identical_runs_have_an_empty_diff() {
        let s = suite(&[("a.js", "default", "pass"), ("b.js", "default", "fail")]);
        assert!(diff(&s, &s, "node".into()).is_empty());
    }
}
