//! Benchmark comparison: per benchmark × runtime × metric, the ratio NEW/BASE of medians
//! with its bootstrap CI, a Mann-Whitney U test on the raw samples, and a verdict.
//!
//! A change counts only when it is both significant (p < α) and larger than the
//! threshold; anything else is noise. Direction comes from `higher_is_better`.

use serde::Serialize;

use crate::stats::{self, mann_whitney, ratio_of_medians};
use crate::store::BenchmarkRecord;

use super::Settings;

/// What a comparison concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Regression,
    Improvement,
    /// Not significant, or within the threshold.
    Noise,
    /// One side has no samples (the runtime failed or could not run it).
    Missing,
}

impl Change {
    pub fn name(self) -> &'static str {
        match self {
            Change::Regression => "regression",
            Change::Improvement => "improvement",
            Change::Noise => "noise",
            Change::Missing => "missing",
        }
    }
}

/// One row of a benchmark comparison.
#[derive(Debug, Clone, Serialize)]
pub struct BenchComparison {
    pub benchmark: String,
    /// The runtime compared (runs mode), or "BASE → NEW" runtime names (runtimes mode).
    pub runtime: String,
    pub metric: String,
    pub unit: String,
    pub higher_is_better: bool,
    /// Whether the row is a reference (the floor, the HTTP ceiling) rather than a runtime
    /// under test; references never fail a check but explain machine drift.
    pub reference: bool,
    pub base_median: Option<f64>,
    pub new_median: Option<f64>,
    pub base_n: usize,
    pub new_n: usize,
    /// median(NEW) / median(BASE).
    pub ratio: Option<f64>,
    /// 95% bootstrap CI of the ratio.
    pub ratio_ci: Option<[f64; 2]>,
    /// Two-sided Mann-Whitney U p-value.
    pub p_value: Option<f64>,
    /// The relative threshold that applied (0.05 = 5%).
    pub threshold: f64,
    pub change: Change,
    /// Why a row is missing, or other things a reader must know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Compares one metric's samples.
pub fn compare(
    base: &BenchmarkRecord,
    new: &BenchmarkRecord,
    runtime: String,
    reference: bool,
    settings: &Settings,
) -> BenchComparison {
    let threshold = settings.threshold_for(&base.benchmark);
    let mut row = BenchComparison {
        benchmark: base.benchmark.clone(),
        runtime,
        metric: base.metric.clone(),
        unit: base.unit.clone(),
        higher_is_better: base.higher_is_better,
        reference,
        base_median: (!base.samples.is_empty()).then(|| stats::median(&base.samples)),
        new_median: (!new.samples.is_empty()).then(|| stats::median(&new.samples)),
        base_n: base.samples.len(),
        new_n: new.samples.len(),
        ratio: None,
        ratio_ci: None,
        p_value: None,
        threshold,
        change: Change::Missing,
        note: None,
    };
    if base.samples.is_empty() || new.samples.is_empty() {
        let side = if base.samples.is_empty() {
            ("BASE", &base.error)
        } else {
            ("NEW", &new.error)
        };
        row.note = Some(format!(
            "no samples in {}{}",
            side.0,
            side.1
                .as_deref()
                .and_then(|e| e.lines().next())
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        ));
        return row;
    }
    let test = mann_whitney(&base.samples, &new.samples);
    row.p_value = test.map(|t| t.p_value);
    let significant = row.p_value.is_some_and(|p| p < settings.alpha);
    // Both sides have samples here, so both medians were computed above.
    let (mb, mn) = (
        row.base_median.unwrap_or(f64::NAN),
        row.new_median.unwrap_or(f64::NAN),
    );
    let worse = if base.higher_is_better {
        mn < mb
    } else {
        mn > mb
    };
    let beyond = match ratio_of_medians(&new.samples, &base.samples) {
        Some(r) => {
            row.ratio = Some(r.ratio);
            row.ratio_ci = Some([r.ci_low, r.ci_high]);
            (r.ratio - 1.0).abs() > threshold
        }
        // BASE's median is 0 (an error count, say): any significant move is beyond.
        None => mn != mb,
    };
    row.change = match (significant && beyond, worse) {
        (false, _) => Change::Noise,
        (true, true) => Change::Regression,
        (true, false) => Change::Improvement,
    };
    row
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn record(samples: Vec<f64>, higher_is_better: bool) -> BenchmarkRecord {
        BenchmarkRecord {
            benchmark: "startup/hello.js".into(),
            runtime: "node".into(),
            metric: "wall".into(),
            unit: "ms".into(),
            higher_is_better,
            program: None,
            program_sha256: None,
            command: None,
            summary: stats::Summary::of(&samples),
            samples,
            ratio: None,
            error: None,
            params: BTreeMap::new(),
            distribution: Vec::new(),
            warnings: Vec::new(),
            shard: None,
        }
    }

    fn series(level: f64) -> Vec<f64> {
        (0..30).map(|i| level + (i % 7) as f64 * 0.1).collect()
    }

    fn verdict(base: f64, new: f64, higher_is_better: bool) -> BenchComparison {
        compare(
            &record(series(base), higher_is_better),
            &record(series(new), higher_is_better),
            "node".into(),
            false,
            &Settings::default(),
        )
    }

    #[test]
    fn classification_table() {
        // (base level, new level, higher is better, expected)
        for (b, n, hib, want) in [
            (40.0, 40.0, false, Change::Noise),
            (40.0, 44.0, false, Change::Regression),
            (40.0, 36.0, false, Change::Improvement),
            (40.0, 44.0, true, Change::Improvement),
            (40.0, 36.0, true, Change::Regression),
            // Significant (every sample moved) but within 5%: noise.
            (40.0, 41.0, false, Change::Noise),
        ] {
            let row = verdict(b, n, hib);
            assert_eq!(row.change, want, "{b} → {n} hib={hib}: {row:?}");
        }
        assert!(verdict(40.0, 41.0, false).p_value.unwrap() < 0.05);
    }

    #[test]
    fn per_benchmark_threshold_applies() {
        let mut settings = Settings::default();
        settings.overrides.push(("startup/*".into(), 0.01));
        let row = compare(
            &record(series(40.0), false),
            &record(series(41.0), false),
            "node".into(),
            false,
            &settings,
        );
        assert_eq!(row.threshold, 0.01);
        assert_eq!(row.change, Change::Regression);
    }

    #[test]
    fn missing_samples_say_why() {
        let mut failed = record(Vec::new(), false);
        failed.error = Some("exit 1: boom\nmore".into());
        let row = compare(
            &record(series(40.0), false),
            &failed,
            "node".into(),
            false,
            &Settings::default(),
        );
        assert_eq!(row.change, Change::Missing);
        assert_eq!(row.note.as_deref(), Some("no samples in NEW: exit 1: boom"));
    }

    #[test]
    fn zero_base_median_counts_any_significant_move() {
        let row = compare(
            &record(vec![0.0; 10], false),
            &record(vec![3.0; 10], false),
            "node".into(),
            false,
            &Settings::default(),
        );
        assert_eq!(row.ratio, None);
        assert_eq!(row.change, Change::Regression);
    }
}
