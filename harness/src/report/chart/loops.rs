//! Event-loop workloads: ops/s of each runtime relative to the first runtime, grouped
//! by workload, with the ratio's 95% CI as a whisker and a marker at 1.

use super::{Colours, HBars, Row, Segment};
use crate::store::BenchmarkRecord;

/// One chart of every `loop/` workload, or none when there are none.
pub fn chart(records: &[BenchmarkRecord], colours: &Colours, machine: &str) -> Option<HBars> {
    let rows: Vec<&BenchmarkRecord> = records
        .iter()
        .filter(|r| r.benchmark.starts_with("loop/") && r.metric == "ops_per_second")
        .collect();
    let first = rows.first()?.runtime.clone();
    let mut chart = HBars {
        title: format!("Event-loop workloads: ops/s relative to {first} · {machine}"),
        x_desc: format!("ops/s ÷ {first}'s (whisker: 95% CI; higher is better)"),
        markers: vec![(1.0, format!("= {first}"))],
        ..HBars::default()
    };
    let mut last_workload = "";
    for r in rows {
        let workload = r.benchmark.trim_start_matches("loop/");
        let label = if workload == last_workload {
            r.runtime.clone()
        } else {
            format!("{workload} · {}", r.runtime)
        };
        last_workload = workload;
        match (&r.summary, &r.ratio) {
            (Some(s), Some(ratio)) => chart.rows.push(Row {
                label,
                segments: vec![Segment {
                    value: ratio.ratio,
                    colour: colours.of(&r.runtime),
                }],
                whisker: Some((ratio.ci_low, ratio.ci_high)),
                note: format!("{:.2}× ({})", ratio.ratio, ops(s.median)),
            }),
            _ => chart.rows.push(Row {
                label,
                segments: Vec::new(),
                whisker: None,
                note: "no result".into(),
            }),
        }
    }
    Some(chart)
}

fn ops(v: f64) -> String {
    if v >= 1e6 {
        format!("{:.2}M ops/s", v / 1e6)
    } else if v >= 1e3 {
        format!("{:.1}k ops/s", v / 1e3)
    } else {
        format!("{v:.0} ops/s")
    }
}
