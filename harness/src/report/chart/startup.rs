//! Start-up: one horizontal bar per runtime with the median and its 95% CI as a whisker,
//! per program, and the `/bin/true` floor as a marker line.

use super::{Colours, HBars, Row, Segment};
use crate::bench::startup::FLOOR;
use crate::store::BenchmarkRecord;

/// Metrics that make a start-up chart: spawn→exit and spawn→first response.
const METRICS: &[(&str, &str)] = &[
    ("wall", "median wall time, ms (whisker: 95% CI)"),
    (
        "time_to_first_response",
        "median spawn → first 200, ms (whisker: 95% CI)",
    ),
];

/// One chart per start-up benchmark, in order of appearance: (file stem, chart).
pub fn charts(
    records: &[BenchmarkRecord],
    colours: &Colours,
    machine: &str,
) -> Vec<(String, HBars)> {
    let ids = super::distinct(
        records
            .iter()
            .map(|r| r.benchmark.as_str())
            .filter(|b| b.starts_with("startup/")),
    );
    let mut out = Vec::new();
    for id in ids {
        let Some(&(metric, desc)) = METRICS
            .iter()
            .find(|(m, _)| records.iter().any(|r| r.benchmark == id && r.metric == *m))
        else {
            continue;
        };
        let mut chart = HBars {
            title: format!(
                "Start-up: {} · {machine}",
                id.trim_start_matches("startup/")
            ),
            x_desc: desc.to_owned(),
            ..HBars::default()
        };
        for r in records
            .iter()
            .filter(|r| r.benchmark == id && r.metric == metric)
        {
            let Some(s) = &r.summary else {
                chart.rows.push(Row {
                    label: r.runtime.clone(),
                    segments: Vec::new(),
                    whisker: None,
                    note: "failed".into(),
                });
                continue;
            };
            if r.runtime == FLOOR {
                // Merged runs each carry a floor; the first one marks the chart.
                if chart.markers.is_empty() {
                    chart
                        .markers
                        .push((s.median, format!("floor {:.2} ms", s.median)));
                }
                continue;
            }
            // The same runtime from several merged runs: number the repeats.
            let seen = chart
                .rows
                .iter()
                .filter(|row| {
                    row.label == r.runtime || row.label.starts_with(&format!("{} #", r.runtime))
                })
                .count();
            chart.rows.push(Row {
                label: if seen == 0 {
                    r.runtime.clone()
                } else {
                    format!("{} #{}", r.runtime, seen + 1)
                },
                segments: vec![Segment {
                    value: s.median,
                    colour: colours.of(&r.runtime),
                }],
                whisker: Some((s.ci_low, s.ci_high)),
                note: format!("{:.1} ms", s.median),
            });
        }
        out.push((
            format!("startup-{}", super::stem(id.trim_start_matches("startup/"))),
            chart,
        ));
    }
    out
}
