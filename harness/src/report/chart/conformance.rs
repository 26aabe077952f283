//! Conformance: one stacked bar per runtime, scenarios by verdict class.

use plotters::style::RGBColor;

use super::{HBars, Row, Segment};
use crate::store::ConformanceRecord;

/// Verdict classes in stacking order, with their colours (the same in every report).
pub const CLASSES: &[(&str, RGBColor)] = &[
    ("pass", RGBColor(0, 158, 115)),
    ("fail", RGBColor(213, 94, 0)),
    ("timeout", RGBColor(230, 159, 0)),
    ("crash", RGBColor(120, 40, 140)),
    ("skip", RGBColor(190, 190, 190)),
];

pub use crate::conform::verdict::class_of as class;

/// One chart per suite: (file stem, chart).
pub fn charts(records: &[ConformanceRecord], machine: &str) -> Vec<(String, HBars)> {
    let suites = super::distinct(records.iter().map(|r| r.suite.as_str()));
    suites
        .into_iter()
        .map(|suite| {
            let mut chart = HBars {
                title: format!("{suite}: scenarios by verdict · {machine}"),
                x_desc: "scenarios".into(),
                legend: CLASSES
                    .iter()
                    .map(|(name, colour)| ((*name).to_owned(), *colour))
                    .collect(),
                ..HBars::default()
            };
            for r in records.iter().filter(|r| r.suite == suite) {
                let mut counts = [0u64; 5];
                for (verdict, n) in &r.summary {
                    let c = class(verdict);
                    if let Some(i) = CLASSES.iter().position(|(name, _)| *name == c) {
                        counts[i] += n;
                    }
                }
                let total: u64 = counts.iter().sum();
                let counted = total - counts[4];
                chart.rows.push(Row {
                    label: r.runtime.clone(),
                    segments: CLASSES
                        .iter()
                        .zip(counts)
                        .map(|((_, colour), n)| Segment {
                            value: n as f64,
                            colour: *colour,
                        })
                        .collect(),
                    whisker: None,
                    note: if counted == 0 {
                        "nothing run".into()
                    } else {
                        format!(
                            "{:.1}% pass ({} of {counted})",
                            counts[0] as f64 * 100.0 / counted as f64,
                            counts[0]
                        )
                    },
                });
            }
            (format!("conformance-{}", super::stem(suite)), chart)
        })
        .collect()
}

/// The interop chart of one suite: how many scenarios pass on exactly N of the M
/// runtimes that ran it ("passed by 4 of 5"), counting only scenarios every runtime ran
/// and none skipped.
pub fn interop(records: &[ConformanceRecord], machine: &str) -> Vec<(String, HBars)> {
    use std::collections::BTreeMap;
    let suites = super::distinct(records.iter().map(|r| r.suite.as_str()));
    let mut out = Vec::new();
    for suite in suites {
        let runs: Vec<&ConformanceRecord> = records.iter().filter(|r| r.suite == suite).collect();
        let m = runs.len();
        if m < 2 {
            continue;
        }
        // (id, scenario) → (runtimes that ran it, runtimes that passed it).
        let mut seen: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
        for run in &runs {
            for c in &run.results {
                if c.verdict == "skip" {
                    continue;
                }
                let e = seen.entry((&c.id, &c.scenario)).or_default();
                e.0 += 1;
                e.1 += usize::from(class(&c.verdict) == "pass");
            }
        }
        let mut by_n = vec![0u64; m + 1];
        for (ran, passed) in seen.values() {
            if *ran == m {
                by_n[*passed] += 1;
            }
        }
        let total: u64 = by_n.iter().sum();
        let rows = (0..=m)
            .rev()
            .map(|n| Row {
                label: match n {
                    n if n == m => format!("all {m}"),
                    0 => "none".into(),
                    n => format!("{n} of {m}"),
                },
                segments: vec![Segment {
                    value: by_n[n] as f64,
                    // Green for all, red for none, shades between.
                    colour: RGBColor(
                        (213.0 - 213.0 * n as f64 / m as f64) as u8,
                        (94.0 + 64.0 * n as f64 / m as f64) as u8,
                        (115.0 * n as f64 / m as f64) as u8,
                    ),
                }],
                whisker: None,
                note: format!(
                    "{} ({:.1}%)",
                    by_n[n],
                    if total == 0 {
                        0.0
                    } else {
                        by_n[n] as f64 * 100.0 / total as f64
                    }
                ),
            })
            .collect();
        out.push((
            format!("conformance-{}-interop", super::stem(suite)),
            HBars {
                title: format!("{suite}: scenarios passed by N of {m} runtimes · {machine}"),
                x_desc: format!("scenarios run (not skipped) on all {m} runtimes"),
                rows,
                ..HBars::default()
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::chart::tests::conformance_run as run;

    #[test]
    fn interop_counts_scenarios_by_how_many_runtimes_pass() {
        let runs = [
            run(
                "a",
                &[
                    ("both", "pass"),
                    ("one", "pass"),
                    ("none", "fail"),
                    ("skipped", "skip"),
                    ("only-a", "pass"),
                ],
            ),
            run(
                "b",
                &[
                    ("both", "unexpected-pass"),
                    ("one", "timeout"),
                    ("none", "crash"),
                    ("skipped", "pass"),
                ],
            ),
        ];
        let charts = interop(&runs, "m");
        assert_eq!(charts.len(), 1);
        let rows: Vec<(String, f64)> = charts[0]
            .1
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.segments[0].value))
            .collect();
        // "skipped" was not run by a; "only-a" was not run by b: neither counts.
        assert_eq!(
            rows,
            [
                ("all 2".into(), 1.0),
                ("1 of 2".into(), 1.0),
                ("none".into(), 1.0)
            ]
        );
        assert!(interop(&runs[..1], "m").is_empty());
    }
}
