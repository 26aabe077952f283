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

/// The class of a verdict name.
pub fn class(verdict: &str) -> &'static str {
    match verdict {
        "pass" | "unexpected-pass" => "pass",
        "timeout" => "timeout",
        "crash" => "crash",
        "skip" => "skip",
        _ => "fail",
    }
}

/// One chart per suite: (file stem, chart).
pub fn charts(records: &[ConformanceRecord], machine: &str) -> Vec<(String, HBars)> {
    let mut suites: Vec<&str> = Vec::new();
    for r in records {
        if !suites.contains(&r.suite.as_str()) {
            suites.push(&r.suite);
        }
    }
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
