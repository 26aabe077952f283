//! What `dyno test` prints: the human summary (scores, per-directory breakdown, the
//! spec-only score beside the full one), JSONL lines as results stream in, and TAP 13.
//! JUnit XML is `report::junit`, built from the same records a results file holds.
//! Everything that came from a test is escaped for its format.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{CaseResult, Verdict};

/// One runtime's results on one suite.
pub struct SuiteRun {
    pub runtime: String,
    pub runtime_version: String,
    pub suite: String,
    pub suite_label: String,
    pub cases: Vec<CaseResult>,
    pub duration_ms: f64,
    pub stale_expectations: Vec<String>,
    /// Whether an expectations file applied (else every failure is "unexpected").
    pub has_expectations: bool,
}

impl SuiteRun {
    pub fn scenario_counts(&self) -> BTreeMap<&'static str, u64> {
        let mut m = BTreeMap::new();
        for c in &self.cases {
            for s in &c.scenarios {
                *m.entry(s.verdict.name()).or_insert(0) += 1;
            }
        }
        m
    }

    /// (passed files, counted files) over cases that are not fully skipped.
    pub fn file_score(&self, only_spec: bool) -> (u64, u64) {
        let mut passed = 0;
        let mut total = 0;
        for c in self
            .cases
            .iter()
            .filter(|c| !c.skipped() && (!only_spec || c.spec_only()))
        {
            total += 1;
            if c.passed() {
                passed += 1;
            }
        }
        (passed, total)
    }

    /// Scenarios whose result differs from the expectations (unexpected failures and
    /// unexpected passes), as (id, scenario, verdict).
    pub fn unexpected(&self) -> Vec<(String, String, Verdict)> {
        let mut out = Vec::new();
        for c in &self.cases {
            for s in &c.scenarios {
                if s.verdict == Verdict::UnexpectedPass
                    || (s.verdict.is_failure() && s.verdict != Verdict::ExpectedFail)
                {
                    out.push((c.id.clone(), s.scenario.clone(), s.verdict));
                }
            }
        }
        out
    }
}

fn pct(p: u64, t: u64) -> String {
    if t == 0 {
        "-".into()
    } else {
        format!("{:.1}%", p as f64 * 100.0 / t as f64)
    }
}

/// The directory a case is reported under: its first two path segments.
fn area(id: &str) -> String {
    let mut parts = id.split('/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(_)) => format!("{a}/{b}"),
        (Some(a), _, _) => a.to_owned(),
        _ => id.to_owned(),
    }
}

/// The human summary for all runtimes.
pub fn human(runs: &[SuiteRun], max_dirs: usize) -> String {
    let mut out = String::new();
    for run in runs {
        let scenarios: u64 = run.scenario_counts().values().sum();
        let _ = writeln!(
            out,
            "{} on {} {} — {} files, {} scenarios in {:.1} s ({:.0} scenarios/s)",
            run.suite_label,
            run.runtime,
            run.runtime_version,
            run.cases.len(),
            scenarios,
            run.duration_ms / 1e3,
            scenarios as f64 / (run.duration_ms / 1e3).max(1e-9)
        );
        let counts = run.scenario_counts();
        let line: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(out, "  scenarios: {}", line.join(", "));
        let (p, t) = run.file_score(false);
        let (sp, st) = run.file_score(true);
        let _ = writeln!(out, "  files passing: {p}/{t} ({})   spec-only (no staging, intl402, proposals): {sp}/{st} ({})", pct(p, t), pct(sp, st));
        expectation_notes(&mut out, run);
    }
    // Per-directory table, one column per runtime.
    let mut areas: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
    for (i, run) in runs.iter().enumerate() {
        for c in run.cases.iter().filter(|c| !c.skipped()) {
            let entry = areas
                .entry(area(&c.id))
                .or_insert_with(|| vec![(0, 0); runs.len()]);
            entry[i].1 += 1;
            if c.passed() {
                entry[i].0 += 1;
            }
        }
    }
    if !areas.is_empty() {
        let _ = writeln!(out, "\nby directory (files passing):");
        let width = areas.keys().map(String::len).max().unwrap_or(10).min(48);
        let header: Vec<String> = runs.iter().map(|r| format!("{:>18}", r.runtime)).collect();
        let _ = writeln!(out, "  {:<width$} {}", "directory", header.join(""));
        let mut rows: Vec<_> = areas.into_iter().collect();
        rows.sort_by_key(|(_, v)| std::cmp::Reverse(v.iter().map(|x| x.1).max().unwrap_or(0)));
        let shown = rows.len().min(max_dirs);
        for (name, cells) in rows.iter().take(shown) {
            let cells: Vec<String> = cells
                .iter()
                .map(|(p, t)| format!("{:>18}", format!("{p}/{t} {}", pct(*p, *t))))
                .collect();
            let _ = writeln!(out, "  {:<width$} {}", name, cells.join(""));
        }
        if rows.len() > shown {
            let _ = writeln!(
                out,
                "  ... {} more directories (--format json or --out has them all)",
                rows.len() - shown
            );
        }
    }
    out
}

/// Stale expectations and unexpected results of one run (the first 20), for summaries.
pub fn expectation_notes(out: &mut String, run: &SuiteRun) {
    if !run.stale_expectations.is_empty() {
        let _ = writeln!(
            out,
            "  stale expectations (tests not run): {}",
            run.stale_expectations.join(", ")
        );
    }
    let unexpected = run.unexpected();
    if !unexpected.is_empty() {
        let label = if run.has_expectations {
            "unexpected results (vs expectations)"
        } else {
            "failing scenarios (no expectations file)"
        };
        let _ = writeln!(out, "  {label}: {}", unexpected.len());
        for (id, sc, v) in unexpected.iter().take(20) {
            let _ = writeln!(out, "    {} {id} ({sc})", v.name());
        }
        if unexpected.len() > 20 {
            let _ = writeln!(
                out,
                "    ... and {} more (see --format jsonl or --out)",
                unexpected.len() - 20
            );
        }
    }
}

/// One JSONL line per scenario.
pub fn jsonl_lines(runtime: &str, case: &CaseResult) -> Vec<String> {
    case.scenarios
        .iter()
        .map(|s| {
            serde_json::json!({
                "runtime": runtime,
                "id": case.id,
                "scenario": s.scenario,
                "verdict": s.verdict.name(),
                "detail": s.detail,
                "duration_ms": s.duration_ms,
                "command": s.command,
            })
            .to_string()
        })
        .collect()
}

/// TAP version 13, one test point per scenario, YAML diagnostics on failures.
pub fn tap(runs: &[SuiteRun]) -> String {
    let total: usize = runs
        .iter()
        .map(|r| r.cases.iter().map(|c| c.scenarios.len()).sum::<usize>())
        .sum();
    let mut out = format!("TAP version 13\n1..{total}\n");
    let mut n = 0;
    for run in runs {
        for c in &run.cases {
            for s in &c.scenarios {
                n += 1;
                let desc = format!("{} {} ({})", run.runtime, c.id, s.scenario).replace('#', "\\#");
                match s.verdict {
                    Verdict::Pass => {
                        let _ = writeln!(out, "ok {n} - {desc}");
                    }
                    Verdict::ExpectedFail => {
                        let _ = writeln!(out, "not ok {n} - {desc} # TODO expected failure");
                    }
                    Verdict::Skip => {
                        let _ = writeln!(
                            out,
                            "ok {n} - {desc} # SKIP {}",
                            s.detail.as_deref().unwrap_or("").replace('\n', " ")
                        );
                    }
                    v => {
                        let _ =
                            writeln!(out, "not ok {n} - {desc}\n  ---\n  verdict: {}", v.name());
                        if let Some(d) = &s.detail {
                            let _ = writeln!(
                                out,
                                "  detail: {}",
                                serde_json::to_string(d).unwrap_or_default()
                            );
                        }
                        if let Some(cmd) = &s.command {
                            let _ = writeln!(
                                out,
                                "  reproduce: {}",
                                serde_json::to_string(cmd).unwrap_or_default()
                            );
                        }
                        out.push_str("  ...\n");
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conform::ScenarioResult;

    fn run() -> SuiteRun {
        let mut fail = ScenarioResult::new(
            "strict",
            Verdict::Fail,
            Some("Test262Error: <x> & \"y\"".into()),
        );
        fail.stderr_tail = Some("\u{1}boom".into());
        SuiteRun {
            runtime: "dynojs".into(),
            runtime_version: "0.1.0".into(),
            suite: "test262".into(),
            suite_label: "test262 abc".into(),
            cases: vec![
                CaseResult {
                    id: "built-ins/A/a.js".into(),
                    features: vec![],
                    proposal: false,
                    scenarios: vec![ScenarioResult::new("default", Verdict::Pass, None), fail],
                },
                CaseResult {
                    id: "staging/b.js".into(),
                    features: vec![],
                    proposal: false,
                    scenarios: vec![ScenarioResult::new("default", Verdict::Pass, None)],
                },
                CaseResult {
                    id: "built-ins/A/c.js".into(),
                    features: vec![],
                    proposal: false,
                    scenarios: vec![ScenarioResult::new(
                        "default",
                        Verdict::Skip,
                        Some("feature: X".into()),
                    )],
                },
            ],
            duration_ms: 1000.0,
            stale_expectations: vec![],
            has_expectations: false,
        }
    }

    #[test]
    fn scores_and_summary() {
        let r = run();
        assert_eq!(r.file_score(false), (1, 2));
        assert_eq!(r.file_score(true), (0, 1));
        let text = human(&[r], 10);
        assert!(text.contains("files passing: 1/2 (50.0%)"), "{text}");
        assert!(text.contains("built-ins/A"), "{text}");
        assert!(
            text.contains("failing scenarios (no expectations file): 1"),
            "{text}"
        );
    }

    #[test]
    fn tap_points() {
        let t = tap(&[run()]);
        assert!(t.starts_with("TAP version 13\n1..4\n"));
        assert!(t.contains("not ok 2 - dynojs built-ins/A/a.js (strict)"));
        assert!(t.contains("# SKIP feature: X"));
    }
}
