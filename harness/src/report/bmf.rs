//! Bencher Metric Format: `{ benchmark: { measure: { value, lower_value, upper_value } } }`.
//! The benchmark is `id [runtime]`; the measure slug is the metric in kebab case (Bencher
//! creates measures it has not seen; slugs are at most 64 characters); the bounds are the
//! 95% CI of the median.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::series_name;
use crate::store::BenchmarkRecord;

/// One metric value (field names are Bencher's).
#[derive(Debug, Serialize)]
pub struct Metric {
    pub value: f64,
    pub lower_value: f64,
    pub upper_value: f64,
}

/// The measure slug for a dyno metric: `max_rss` → `max-rss`.
pub fn measure_slug(metric: &str) -> String {
    metric
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(64)
        .collect()
}

pub fn benchmarks(records: &[BenchmarkRecord]) -> Result<String> {
    let mut doc: BTreeMap<String, BTreeMap<String, Metric>> = BTreeMap::new();
    for r in records {
        let Some(s) = &r.summary else { continue };
        doc.entry(series_name(r)).or_default().insert(
            measure_slug(&r.metric),
            Metric {
                value: s.median,
                lower_value: s.ci_low,
                upper_value: s.ci_high,
            },
        );
    }
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}
