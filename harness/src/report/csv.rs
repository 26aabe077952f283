//! CSV (RFC 4180) of benchmark summaries: one row per benchmark × runtime × metric, for
//! spreadsheets and pandas. The columns are fixed and documented in [`COLUMNS`].

use crate::store::BenchmarkRecord;

/// The header row, in order.
pub const COLUMNS: &[&str] = &[
    "benchmark",
    "runtime",
    "metric",
    "unit",
    "higher_is_better",
    "n",
    "median",
    "ci_low",
    "ci_high",
    "mean",
    "stddev",
    "min",
    "max",
    "mad",
    "outliers",
    "ratio",
    "ratio_ci_low",
    "ratio_ci_high",
    "error",
];

/// Quotes a field when it holds a comma, quote or line break (doubling inner quotes).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn number(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn benchmarks(records: &[BenchmarkRecord]) -> String {
    let mut out = COLUMNS.join(",") + "\r\n";
    for r in records {
        let s = r.summary.as_ref();
        let cells = [
            field(&r.benchmark),
            field(&r.runtime),
            field(&r.metric),
            field(&r.unit),
            r.higher_is_better.to_string(),
            r.samples.len().to_string(),
            number(s.map(|s| s.median)),
            number(s.map(|s| s.ci_low)),
            number(s.map(|s| s.ci_high)),
            number(s.map(|s| s.mean)),
            number(s.map(|s| s.stddev)),
            number(s.map(|s| s.min)),
            number(s.map(|s| s.max)),
            number(s.map(|s| s.mad)),
            s.map(|s| s.outliers.to_string()).unwrap_or_default(),
            number(r.ratio.map(|x| x.ratio)),
            number(r.ratio.map(|x| x.ci_low)),
            number(r.ratio.map(|x| x.ci_high)),
            field(
                r.error
                    .as_deref()
                    .and_then(|e| e.lines().next())
                    .unwrap_or(""),
            ),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
