//! `dyno compare`: two runs (BASE → NEW), or two runtimes inside one run.
//!
//! Data flow: read both results files → refuse incomparable pairs (different CPU or core
//! count, methodology, suite commit, benchmark program) unless `--force` → pair records
//! by key → [`bench::compare`] and [`conform::diff`] → a [`Comparison`] that
//! [`output`] prints as a table, Markdown or JSON → exit 1 when a `--fail-on` check
//! trips.

pub mod bench;
pub mod conform;
pub mod output;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};
use serde::Serialize;

use crate::cli::{CompareArgs, Format};
use crate::config::Config;
use crate::store::{self, BenchmarkRecord, RunRecord};
use crate::{Log, UsageError, EXIT_CHECK_FAILED};

pub use bench::{BenchComparison, Change};
pub use conform::{CaseChange, ConformanceDiff};

/// Default relative threshold: changes smaller than 5% are noise even when significant.
pub const DEFAULT_THRESHOLD: f64 = 0.05;
/// Significance level of the U test (two-sided).
pub const DEFAULT_ALPHA: f64 = 0.05;

/// How changes are judged.
#[derive(Debug, Clone)]
pub struct Settings {
    pub threshold: f64,
    /// Per-benchmark thresholds: (glob over benchmark ids, threshold); the longest
    /// matching pattern wins.
    pub overrides: Vec<(String, f64)>,
    pub alpha: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            threshold: DEFAULT_THRESHOLD,
            overrides: Vec::new(),
            alpha: DEFAULT_ALPHA,
        }
    }
}

impl Settings {
    pub fn threshold_for(&self, benchmark: &str) -> f64 {
        self.overrides
            .iter()
            .filter(|(pattern, _)| glob_match(pattern, benchmark))
            .max_by_key(|(pattern, _)| pattern.len())
            .map_or(self.threshold, |(_, t)| *t)
    }
}

/// `*` matches any run of characters (including `/`); everything else is literal.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Which side is which.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// The results file.
    pub path: PathBuf,
    pub run_id: String,
    pub created_at: String,
    pub git_commit: Option<String>,
    /// In runtimes mode, the runtime this side is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<String>,
}

/// Everything a comparison found; printed by [`output`].
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// `runs` (BASE and NEW files) or `runtimes` (two runtimes inside one file).
    pub mode: &'static str,
    pub base: Side,
    pub new: Side,
    pub threshold: f64,
    pub alpha: f64,
    pub benchmarks: Vec<BenchComparison>,
    pub conformance: Vec<ConformanceDiff>,
    /// Incomparabilities overridden with --force, environment differences, unmatched units.
    pub notes: Vec<String>,
}

impl Comparison {
    pub fn count(&self, change: Change) -> usize {
        self.benchmarks
            .iter()
            .filter(|b| b.change == change && !b.reference)
            .count()
    }

    pub fn newly_failing(&self) -> usize {
        self.conformance.iter().map(|d| d.newly_failing.len()).sum()
    }
}

/// What `--fail-on` checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FailOn {
    pub regression: bool,
    pub conformance: bool,
}

impl FailOn {
    pub fn parse(values: &[String]) -> Result<FailOn> {
        let mut out = FailOn::default();
        for v in values.iter().flat_map(|v| v.split(',')) {
            match v.trim() {
                "regression" => out.regression = true,
                "conformance" => out.conformance = true,
                other => bail!(UsageError::new(format!(
                    "--fail-on {other}: unknown check; use regression (benchmarks), conformance (newly failing tests), or both"
                ))),
            }
        }
        Ok(out)
    }
}

/// Runs `dyno compare`.
pub fn run(config: &Config, args: &CompareArgs, format: Format, log: Log) -> Result<ExitCode> {
    let fail_on = FailOn::parse(&args.fail_on)?;
    let mut settings = config.compare.clone();
    if let Some(t) = args.threshold {
        settings.threshold = t;
    }
    if let Some(a) = args.alpha {
        settings.alpha = a;
    }
    let base = read(&args.base)?;
    let comparison = match &args.new {
        Some(new_path) => {
            let new = read(new_path)?;
            let mut notes = Vec::new();
            let refusals = incomparable(&base, &new);
            if !refusals.is_empty() {
                if !args.force {
                    bail!(UsageError::new(format!(
                        "cannot compare '{}' with '{}': {}; pass --force to compare anyway",
                        args.base.display(),
                        new_path.display(),
                        refusals.join("; ")
                    )));
                }
                notes.extend(
                    refusals
                        .into_iter()
                        .map(|r| format!("compared anyway (--force): {r}")),
                );
            }
            notes.extend(environment_notes(&base, &new));
            compare_runs(
                (&args.base, &base),
                (new_path, &new),
                &args.compare_runtimes,
                Filter::new(args),
                &settings,
                notes,
            )
        }
        None => {
            let [a, b] = args.compare_runtimes.as_slice() else {
                bail!(UsageError::new(
                    "dyno compare needs two results files (BASE NEW), or one file and --runtimes A,B"
                ));
            };
            compare_runtimes(&args.base, &base, a, b, Filter::new(args), &settings)?
        }
    };
    output::print(&comparison, format, args.all)?;
    let regressions = comparison.count(Change::Regression);
    let failing = comparison.newly_failing();
    let mut failed = false;
    if fail_on.regression && regressions > 0 {
        log.info(format!("--fail-on regression: {regressions} regression(s)"));
        failed = true;
    }
    if fail_on.conformance && failing > 0 {
        log.info(format!(
            "--fail-on conformance: {failing} newly failing test(s)"
        ));
        failed = true;
    }
    Ok(if failed {
        ExitCode::from(EXIT_CHECK_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(path: &Path) -> Result<RunRecord> {
    store::read_results(path).map_err(|e| UsageError::new(e.to_string()).into())
}

/// `-b` and `--metric` filters.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub benchmarks: Vec<String>,
    pub metrics: Vec<String>,
}

impl Filter {
    fn new(args: &CompareArgs) -> Filter {
        Filter {
            benchmarks: args.only.clone(),
            metrics: args.metrics.clone(),
        }
    }

    fn keeps(&self, r: &BenchmarkRecord) -> bool {
        (self.benchmarks.is_empty() || self.benchmarks.iter().any(|b| r.benchmark.contains(b)))
            && (self.metrics.is_empty() || self.metrics.contains(&r.metric))
    }
}

/// Reasons two runs cannot be compared (empty: comparable).
pub fn incomparable(base: &RunRecord, new: &RunRecord) -> Vec<String> {
    let mut out = Vec::new();
    if base.methodology_version != new.methodology_version {
        out.push(format!(
            "different dyno methodology versions ({} vs {}): the numbers are measured differently",
            base.methodology_version, new.methodology_version
        ));
    }
    let (hb, hn) = (&base.host, &new.host);
    if hb.cpu_model != hn.cpu_model || hb.cores != hn.cores {
        out.push(format!(
            "different machines (BASE '{}' × {} cores, NEW '{}' × {} cores)",
            hb.cpu_model, hb.cores, hn.cpu_model, hn.cores
        ));
    }
    let mut suites = Vec::new();
    for c in &new.conformance {
        if let Some(b) = base
            .conformance
            .iter()
            .find(|b| b.suite == c.suite && b.runtime == c.runtime)
        {
            if b.suite_version != c.suite_version && !suites.contains(&c.suite) {
                suites.push(c.suite.clone());
                out.push(format!(
                    "suite {} is at different commits (BASE {}, NEW {})",
                    c.suite,
                    b.suite_version.as_deref().unwrap_or("unknown"),
                    c.suite_version.as_deref().unwrap_or("unknown")
                ));
            }
        }
    }
    let mut changed: Vec<&str> = Vec::new();
    for n in &new.benchmarks {
        let Some(b) = base.benchmarks.iter().find(|b| same_unit(b, n)) else {
            continue;
        };
        if b.program_sha256 != n.program_sha256 && !changed.contains(&n.benchmark.as_str()) {
            changed.push(&n.benchmark);
        }
    }
    if !changed.is_empty() {
        out.push(format!(
            "benchmark program changed (sha256 differs): {}",
            list(&changed, 5)
        ));
    }
    out
}

fn same_unit(a: &BenchmarkRecord, b: &BenchmarkRecord) -> bool {
    a.benchmark == b.benchmark && a.runtime == b.runtime && a.metric == b.metric
}

fn list(items: &[&str], max: usize) -> String {
    let mut s = items
        .iter()
        .take(max)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > max {
        s.push_str(&format!(" and {} more", items.len() - max));
    }
    s
}

/// Differences worth knowing that do not make numbers incomparable.
pub fn environment_notes(base: &RunRecord, new: &RunRecord) -> Vec<String> {
    let mut out = Vec::new();
    let (hb, hn) = (&base.host, &new.host);
    for (what, b, n) in [
        ("kernel", &hb.kernel, &hn.kernel),
        ("OS", &hb.os, &hn.os),
        ("host name", &hb.hostname, &hn.hostname),
        ("dyno version", &base.dyno_version, &new.dyno_version),
    ] {
        if b != n {
            out.push(format!("{what}: {b} → {n}"));
        }
    }
    if hb.memory_bytes != hn.memory_bytes {
        out.push(format!(
            "memory: {} → {} MiB",
            hb.memory_bytes >> 20,
            hn.memory_bytes >> 20
        ));
    }
    for r in &new.runtimes {
        if let Some(b) = base.runtimes.iter().find(|b| b.name == r.name) {
            if b.version != r.version {
                out.push(format!("{}: version {} → {}", r.name, b.version, r.version));
            } else if b.sha256 != r.sha256 {
                out.push(format!(
                    "{}: same version {} but a different executable (sha256 differs)",
                    r.name, r.version
                ));
            }
        }
    }
    if base.environment != new.environment {
        let keys = |r: &RunRecord| -> BTreeMap<String, String> { r.environment.variables.clone() };
        let (kb, kn) = (keys(base), keys(new));
        let differing: Vec<&str> = kb
            .keys()
            .chain(kn.keys())
            .filter(|k| kb.get(*k) != kn.get(*k))
            .map(String::as_str)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        out.push(format!(
            "child environment differs: {}",
            list(&differing, 8)
        ));
    }
    for (side, r) in [("BASE", base), ("NEW", new)] {
        let load = r.host.load_average[0];
        // A 1-minute load above half the cores means something else was competing.
        if load > r.host.cores as f64 / 2.0 {
            out.push(format!(
                "{side} started on a busy machine (1-minute load {load:.2} on {} cores)",
                r.host.cores
            ));
        }
        if !r.complete {
            out.push(format!(
                "{side} is incomplete (recovered from a crash or interrupted)"
            ));
        }
    }
    out
}

fn side(path: &Path, run: &RunRecord, runtime: Option<&str>) -> Side {
    Side {
        path: path.to_path_buf(),
        run_id: run.run_id.clone(),
        created_at: run.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
        git_commit: run.project.git_commit.clone(),
        runtime: runtime.map(str::to_owned),
    }
}

/// Pairs BASE and NEW by (benchmark, runtime, metric) and (suite, runtime).
pub fn compare_runs(
    (base_path, base): (&Path, &RunRecord),
    (new_path, new): (&Path, &RunRecord),
    runtimes: &[String],
    filter: Filter,
    settings: &Settings,
    mut notes: Vec<String>,
) -> Comparison {
    let wanted = |name: &str| runtimes.is_empty() || runtimes.iter().any(|r| r == name);
    let under_test = |name: &str| new.runtimes.iter().any(|r| r.name == name);
    let mut benchmarks = Vec::new();
    let mut only_new: Vec<String> = Vec::new();
    for n in new
        .benchmarks
        .iter()
        .filter(|r| filter.keeps(r) && wanted(&r.runtime))
    {
        match base.benchmarks.iter().find(|b| same_unit(b, n)) {
            Some(b) => benchmarks.push(bench::compare(
                b,
                n,
                n.runtime.clone(),
                !under_test(&n.runtime),
                settings,
            )),
            None => only_new.push(format!("{} on {}", n.benchmark, n.runtime)),
        }
    }
    let only_base: Vec<String> = base
        .benchmarks
        .iter()
        .filter(|b| filter.keeps(b) && wanted(&b.runtime))
        .filter(|b| !new.benchmarks.iter().any(|n| same_unit(b, n)))
        .map(|b| format!("{} on {}", b.benchmark, b.runtime))
        .collect();
    // A reference (the /bin/true floor, the hyper ceiling) does not change between builds
    // of a runtime; when it moves, the machine did.
    for r in benchmarks.iter().filter(|b| {
        b.reference
            && matches!(b.metric.as_str(), "wall" | "requests_per_second")
            && b.change != Change::Noise
            && b.change != Change::Missing
    }) {
        notes.push(format!(
            "{} of {} moved {:+.1}% between the runs: the machine's speed differed, so changes of that size in {} are suspect — compare builds inside one run (--runtimes A,B) for a drift-free verdict",
            r.runtime,
            r.benchmark,
            (r.ratio.unwrap_or(1.0) - 1.0) * 100.0,
            r.benchmark
        ));
    }
    for (label, mut items) in [("only in NEW", only_new), ("only in BASE", only_base)] {
        items.dedup();
        if !items.is_empty() {
            let refs: Vec<&str> = items.iter().map(String::as_str).collect();
            notes.push(format!("benchmarks {label}: {}", list(&refs, 6)));
        }
    }
    let mut conformance = Vec::new();
    for c in new.conformance.iter().filter(|c| wanted(&c.runtime)) {
        match base
            .conformance
            .iter()
            .find(|b| b.suite == c.suite && b.runtime == c.runtime)
        {
            Some(b) => conformance.push(conform::diff(b, c, c.runtime.clone())),
            None => notes.push(format!("{} on {} only in NEW", c.suite, c.runtime)),
        }
    }
    Comparison {
        mode: "runs",
        base: side(base_path, base, None),
        new: side(new_path, new, None),
        threshold: settings.threshold,
        alpha: settings.alpha,
        benchmarks,
        conformance,
        notes,
    }
}

/// Runtime B against runtime A inside one run (ratio B/A).
pub fn compare_runtimes(
    path: &Path,
    run: &RunRecord,
    a: &str,
    b: &str,
    filter: Filter,
    settings: &Settings,
) -> Result<Comparison> {
    let names: Vec<&str> = run.runtimes.iter().map(|r| r.name.as_str()).collect();
    for name in [a, b] {
        if !names.contains(&name) {
            bail!(UsageError::new(format!(
                "runtime '{name}' is not in '{}' (it has: {}); pick two of those with --runtimes A,B",
                path.display(),
                names.join(", ")
            )));
        }
    }
    let label = format!("{a} → {b}");
    let benchmarks =
        run.benchmarks
            .iter()
            .filter(|r| r.runtime == a && filter.keeps(r))
            .filter_map(|ra| {
                let rb = run.benchmarks.iter().find(|r| {
                    r.runtime == b && r.benchmark == ra.benchmark && r.metric == ra.metric
                })?;
                Some(bench::compare(ra, rb, label.clone(), false, settings))
            })
            .collect();
    let conformance = run
        .conformance
        .iter()
        .filter(|c| c.runtime == a)
        .filter_map(|ca| {
            let cb = run
                .conformance
                .iter()
                .find(|c| c.runtime == b && c.suite == ca.suite)?;
            Some(conform::diff(ca, cb, label.clone()))
        })
        .collect();
    Ok(Comparison {
        mode: "runtimes",
        base: side(path, run, Some(a)),
        new: side(path, run, Some(b)),
        threshold: settings.threshold,
        alpha: settings.alpha,
        benchmarks,
        conformance,
        notes: Vec::new(),
    })
}

/// Parses `5%`, `0.05` or `5 %` into a fraction.
pub fn parse_threshold(text: &str) -> Result<f64, String> {
    let t = text.trim();
    let value = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
        None => t.parse::<f64>(),
    }
    .map_err(|_| format!("'{text}' is not a threshold; write 5% or 0.05"))?;
    if !(0.0..1.0).contains(&value) {
        return Err(format!("'{text}': a threshold is between 0% and 100%"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        for (p, t, want) in [
            ("startup/*", "startup/hello.js", true),
            ("startup/*", "http/x", false),
            ("http/*@c256", "http/json-1k@c256", true),
            ("http/*@c256", "http/json-1k@c64", false),
            ("*", "anything", true),
            ("exact", "exact", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXcYb", false),
        ] {
            assert_eq!(glob_match(p, t), want, "{p} {t}");
        }
    }

    #[test]
    fn longest_pattern_wins() {
        let s = Settings {
            overrides: vec![("http/*".into(), 0.10), ("http/cpu*".into(), 0.02)],
            ..Settings::default()
        };
        assert_eq!(s.threshold_for("http/cpu@c64"), 0.02);
        assert_eq!(s.threshold_for("http/json@c64"), 0.10);
        assert_eq!(s.threshold_for("startup/hello.js"), DEFAULT_THRESHOLD);
    }

    #[test]
    fn thresholds_parse() {
        assert_eq!(parse_threshold("5%"), Ok(0.05));
        assert_eq!(parse_threshold("0.02"), Ok(0.02));
        assert!(parse_threshold("five").is_err());
        assert!(parse_threshold("150%").is_err());
    }

    #[test]
    fn fail_on_values() {
        let f = FailOn::parse(&["regression,conformance".into()]).unwrap();
        assert!(f.regression && f.conformance);
        assert!(FailOn::parse(&["regresion".into()]).is_err());
    }
}
