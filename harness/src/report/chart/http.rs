//! HTTP: per server program, requests/s against connections (one line per runtime, log
//! x), the latency percentile curve at the highest connection count (log x of
//! 1/(1 − p), the HDR histogram convention), and server RSS per runtime.

use super::lines::{Line, Lines, XAxis};
use super::{Chart, Colours, HBars, Row, Segment};
use crate::store::BenchmarkRecord;

/// `http/node-http-hello@c64` → (`http/node-http-hello`, 64).
fn split(id: &str) -> Option<(&str, f64)> {
    let (program, c) = id.rsplit_once("@c")?;
    Some((program, c.parse().ok()?))
}

pub fn charts(
    records: &[BenchmarkRecord],
    colours: &Colours,
    machine: &str,
) -> Vec<(String, Chart)> {
    let programs = super::distinct(
        records
            .iter()
            .filter(|r| r.benchmark.starts_with("http/"))
            .filter_map(|r| split(&r.benchmark).map(|(p, _)| p)),
    );
    let mut out = Vec::new();
    for program in programs {
        let name = program.trim_start_matches("http/");
        let of = |metric: &'static str| {
            records.iter().filter(move |r| {
                r.metric == metric && split(&r.benchmark).is_some_and(|(p, _)| p == program)
            })
        };
        // Requests/s against connections, a line per runtime.
        let mut throughput = Lines {
            title: format!("HTTP {name}: requests/s by connections · {machine}"),
            x_desc: "concurrent connections (log scale)".into(),
            y_desc: "requests/s (median)".into(),
            x_axis: XAxis::Count,
            lines: Vec::new(),
        };
        for r in of("requests_per_second") {
            let (Some(s), Some((_, c))) = (&r.summary, split(&r.benchmark)) else {
                continue;
            };
            match throughput.lines.iter_mut().find(|l| l.name == r.runtime) {
                Some(line) => line.points.push((c, s.median)),
                None => throughput.lines.push(Line {
                    name: r.runtime.clone(),
                    colour: colours.of(&r.runtime),
                    points: vec![(c, s.median)],
                    marks: Vec::new(),
                }),
            }
        }
        for line in &mut throughput.lines {
            line.points.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
        if throughput.lines.is_empty() {
            continue;
        }
        let top = of("requests_per_second")
            .filter_map(|r| split(&r.benchmark).map(|(_, c)| c))
            .fold(0.0f64, f64::max);
        let at_top = |r: &&BenchmarkRecord| split(&r.benchmark).is_some_and(|(_, c)| c == top);
        // Latency percentiles at the highest connection count.
        let latency = Lines {
            title: format!("HTTP {name}: latency by percentile at {top} connections · {machine}"),
            x_desc: "percentile (log scale of 1/(1 − p))".into(),
            y_desc: "latency, ms (log scale)".into(),
            x_axis: XAxis::Percentile,
            lines: of("latency_p50")
                .filter(at_top)
                .filter(|r| !r.distribution.is_empty())
                .map(|r| Line {
                    name: r.runtime.clone(),
                    colour: colours.of(&r.runtime),
                    points: r
                        .distribution
                        .iter()
                        .filter(|[p, _]| *p < 100.0)
                        .map(|[p, v]| (1.0 / (1.0 - p / 100.0), *v))
                        .collect(),
                    marks: Vec::new(),
                })
                .collect(),
        };
        // Server memory at the highest connection count.
        let rss = HBars {
            title: format!("HTTP {name}: server RSS at {top} connections · {machine}"),
            x_desc: "peak resident memory of the server, MiB (whisker: 95% CI)".into(),
            rows: of("server_rss")
                .filter(at_top)
                .filter_map(|r| {
                    let s = r.summary.as_ref()?;
                    let mib = |v: f64| v / 1_048_576.0;
                    Some(Row {
                        label: r.runtime.clone(),
                        segments: vec![Segment {
                            value: mib(s.median),
                            colour: colours.of(&r.runtime),
                        }],
                        whisker: Some((mib(s.ci_low), mib(s.ci_high))),
                        note: format!("{:.1} MiB", mib(s.median)),
                    })
                })
                .collect(),
            ..HBars::default()
        };
        let stem = super::stem(name);
        // One connection level: bars say it better than lone points on a log axis.
        let throughput = if throughput.lines.iter().all(|l| l.points.len() == 1) {
            Chart::Bars(HBars {
                title: format!("HTTP {name}: requests/s at {top} connections · {machine}"),
                x_desc: "requests/s (median)".into(),
                rows: throughput
                    .lines
                    .iter()
                    .map(|l| Row {
                        label: l.name.clone(),
                        segments: vec![Segment {
                            value: l.points[0].1,
                            colour: l.colour,
                        }],
                        whisker: None,
                        note: super::lines::short_number(l.points[0].1) + " req/s",
                    })
                    .collect(),
                ..HBars::default()
            })
        } else {
            Chart::Lines(throughput)
        };
        out.push((format!("http-{stem}-throughput"), throughput));
        if !latency.lines.is_empty() {
            out.push((format!("http-{stem}-latency"), Chart::Lines(latency)));
        }
        if !rss.rows.is_empty() {
            out.push((format!("http-{stem}-rss"), Chart::Bars(rss)));
        }
    }
    out
}
