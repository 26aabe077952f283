//! Change detection over history.
//!
//! Benchmarks: every series (benchmark × runtime × metric, oldest night first) goes
//! through [`BandRule::change_points`] — a night is a change when its median leaves the
//! `Q1 − 3·IQR … Q3 + 3·IQR` band of the nights before it. Each flagged change names the
//! last good and first bad runs, with the runtime's version and the commit of each, which
//! is where a bisect starts.
//!
//! Conformance: verdicts are exact, but tests flap (timing, the network, GC). A test whose
//! pass/fail class flipped at least [`FLAKY_FLIPS`] times within the window is flaky; a
//! newly failing flaky test is reported as flaky, never as a regression.

use std::collections::BTreeMap;

use rusqlite::params;
use serde::Serialize;

use super::{Db, HistoryError, Point, SeriesKey};
use crate::stats::{Band, BandRule};

/// Class flips within the window that make a test flaky: pass → fail → pass is two.
pub const FLAKY_FLIPS: usize = 2;

/// Whether a verdict counts as passing.
pub fn passing(verdict: &str) -> bool {
    crate::conform::verdict::class_of(verdict) == "pass"
}

/// A flagged change in a benchmark series.
#[derive(Debug, Clone, Serialize)]
pub struct BenchChange {
    #[serde(flatten)]
    pub key: SeriesKey,
    pub unit: String,
    /// `regression` or `improvement`; `machine` for a reference series (the floor, the
    /// HTTP ceiling), whose changes are the machine's, never a runtime's.
    pub direction: &'static str,
    /// `value / band median − 1`.
    pub relative: f64,
    pub band: Band,
    /// The night before the change.
    pub last_good: Point,
    /// The night of the change.
    pub first_bad: Point,
    /// Whether the change is on the newest night of the series.
    pub latest: bool,
}

/// One suite × runtime over the nights.
#[derive(Debug, Clone, Serialize)]
pub struct ConformanceTrend {
    pub suite: String,
    pub runtime: String,
    /// Nights with results, oldest first: (run id, passing scenarios).
    pub nights: Vec<(String, i64)>,
    /// Passing the night before the newest, failing on the newest; not flaky.
    pub newly_failing: Vec<String>,
    pub newly_passing: Vec<String>,
    /// Tests that flipped at least [`FLAKY_FLIPS`] times within the window, with the count.
    pub flaky: Vec<(String, usize)>,
}

/// Everything `dyno history trend` found.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    pub runs: usize,
    pub window: usize,
    pub min_change: f64,
    pub series: usize,
    pub changes: Vec<BenchChange>,
    pub conformance: Vec<ConformanceTrend>,
}

/// Filters for [`trend`].
#[derive(Debug, Clone, Default)]
pub struct TrendFilter {
    pub benchmark: Option<String>,
    /// Runtime names; empty: all.
    pub runtimes: Vec<String>,
    pub metric: Option<String>,
}

pub fn trend(db: &Db, rule: BandRule, filter: &TrendFilter) -> Result<Trend, HistoryError> {
    let mut series = db.series(filter.benchmark.as_deref(), None, filter.metric.as_deref())?;
    series.retain(|s| filter.runtimes.is_empty() || filter.runtimes.contains(&s.key.runtime));
    let mut changes = Vec::new();
    for s in &series {
        let values: Vec<f64> = s.points.iter().map(|p| p.median).collect();
        for cp in rule.change_points(&values) {
            let worse = if s.higher_is_better {
                cp.relative < 0.0
            } else {
                cp.relative > 0.0
            };
            changes.push(BenchChange {
                key: s.key.clone(),
                unit: s.unit.clone(),
                direction: match (s.reference, worse) {
                    (true, _) => "machine",
                    (false, true) => "regression",
                    (false, false) => "improvement",
                },
                relative: cp.relative,
                band: cp.band,
                last_good: s.points[cp.index - 1].clone(),
                first_bad: s.points[cp.index].clone(),
                latest: cp.index + 1 == s.points.len(),
            });
        }
    }
    let conformance = if filter.benchmark.is_none() && filter.metric.is_none() {
        let mut all = conformance_trends(db, rule.window)?;
        all.retain(|c| filter.runtimes.is_empty() || filter.runtimes.contains(&c.runtime));
        all
    } else {
        Vec::new()
    };
    Ok(Trend {
        runs: db.runs()?.len(),
        window: rule.window,
        min_change: rule.min_change,
        series: series.len(),
        changes,
        conformance,
    })
}

fn conformance_trends(db: &Db, window: usize) -> Result<Vec<ConformanceTrend>, HistoryError> {
    let mut stmt = db
        .conn
        .prepare(
            "SELECT s.suite, s.runtime, s.run_id, s.passed FROM suites s JOIN runs r ON r.run_id = s.run_id
             ORDER BY s.suite, s.runtime, r.created_at, r.run_id",
        )
        .map_err(|e| db.err(e))?;
    let mut groups: BTreeMap<(String, String), Vec<(String, i64)>> = BTreeMap::new();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })
        .map_err(|e| db.err(e))?;
    for row in rows {
        let (suite, rt, run, passed) = row.map_err(|e| db.err(e))?;
        groups.entry((suite, rt)).or_default().push((run, passed));
    }
    let mut out = Vec::new();
    for ((suite, rt), nights) in groups {
        let index: BTreeMap<&str, usize> = nights
            .iter()
            .enumerate()
            .map(|(i, (run, _))| (run.as_str(), i))
            .collect();
        let newest = nights.len() - 1;
        let first_in_window = nights.len().saturating_sub(window);
        let mut trend = ConformanceTrend {
            suite: suite.clone(),
            runtime: rt.clone(),
            nights: nights.clone(),
            newly_failing: Vec::new(),
            newly_passing: Vec::new(),
            flaky: Vec::new(),
        };
        if nights.len() < 2 {
            out.push(trend);
            continue;
        }
        let mut stmt = db
            .conn
            .prepare(
                "SELECT id, scenario, run_id, verdict FROM cases WHERE suite = ?1 AND runtime = ?2
                 ORDER BY id, scenario",
            )
            .map_err(|e| db.err(e))?;
        let mut rows = stmt.query(params![suite, rt]).map_err(|e| db.err(e))?;
        // Verdict class per night for the current test: Some(true) pass, Some(false) fail,
        // None absent or skipped.
        let mut current: Option<(String, String)> = None;
        let mut classes: Vec<Option<bool>> = vec![None; nights.len()];
        let finish =
            |test: &(String, String), classes: &[Option<bool>], trend: &mut ConformanceTrend| {
                let name = format!("{} [{}]", test.0, test.1);
                let seen: Vec<bool> = classes[first_in_window..]
                    .iter()
                    .flatten()
                    .copied()
                    .collect();
                let flips = seen.windows(2).filter(|w| w[0] != w[1]).count();
                let (before, now) = (classes[newest - 1], classes[newest]);
                let changed = matches!((before, now), (Some(a), Some(b)) if a != b);
                if flips >= FLAKY_FLIPS {
                    trend.flaky.push((name, flips));
                } else if changed && now == Some(false) {
                    trend.newly_failing.push(name);
                } else if changed && now == Some(true) {
                    trend.newly_passing.push(name);
                }
            };
        while let Some(r) = rows.next().map_err(|e| db.err(e))? {
            let get = |e| db.err(e);
            let test: (String, String) = (r.get(0).map_err(get)?, r.get(1).map_err(get)?);
            let run: String = r.get(2).map_err(get)?;
            let verdict: String = r.get(3).map_err(get)?;
            if current.as_ref() != Some(&test) {
                if let Some(prev) = current.take() {
                    finish(&prev, &classes, &mut trend);
                }
                classes.iter_mut().for_each(|c| *c = None);
                current = Some(test);
            }
            if let Some(&i) = index.get(run.as_str()) {
                classes[i] = (verdict != "skip").then(|| passing(&verdict));
            }
        }
        if let Some(prev) = current.take() {
            finish(&prev, &classes, &mut trend);
        }
        out.push(trend);
    }
    Ok(out)
}
