//! github-action-benchmark's custom tools: `customSmallerIsBetter` and
//! `customBiggerIsBetter` each read a JSON array of `{name, unit, value, range?, extra?}`.
//! One file holds one direction, so each format prints only the records of its
//! direction; a workflow runs the action once per direction.

use anyhow::Result;
use serde::Serialize;

use super::series_name;
use crate::store::BenchmarkRecord;

/// One entry of the action's custom JSON (field names are the action's).
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Series name; the action keys its history on it.
    pub name: String,
    pub unit: String,
    pub value: f64,
    /// Shown as "± range" in the action's charts: half the 95% CI of the median.
    pub range: String,
    /// Tooltip text.
    pub extra: String,
}

pub fn benchmarks(records: &[BenchmarkRecord], bigger_is_better: bool) -> Result<String> {
    let entries: Vec<Entry> = records
        .iter()
        .filter(|r| r.higher_is_better == bigger_is_better)
        .filter_map(|r| {
            let s = r.summary.as_ref()?;
            Some(Entry {
                name: format!("{} · {}", series_name(r), r.metric),
                unit: r.unit.clone(),
                value: s.median,
                range: format!("± {}", (s.ci_high - s.ci_low) / 2.0),
                extra: format!(
                    "median of {} samples, 95% CI {} … {} {}",
                    s.n, s.ci_low, s.ci_high, r.unit
                ),
            })
        })
        .collect();
    Ok(serde_json::to_string_pretty(&entries)? + "\n")
}
