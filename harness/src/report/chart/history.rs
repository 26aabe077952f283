//! History: one line per runtime over the nights of the history database, for the
//! headline metric of each benchmark in the report (and each suite's passing scenarios),
//! with the change points that `dyno history trend` would flag ringed.

use super::lines::{Line, Lines, XAxis};
use super::Colours;
use crate::stats::BandRule;
use crate::store::history::{Db, HistoryError, Series};

/// At most this many history charts per report: the headline series, not every metric.
pub const MAX_CHARTS: usize = 12;

/// One chart per (benchmark or suite, metric) named in `ids`, from `db`.
pub fn charts(
    db: &Db,
    ids: &[(String, String)],
    colours: &Colours,
    machine: &str,
) -> Result<Vec<(String, Lines)>, HistoryError> {
    let rule = BandRule::default();
    let mut out = Vec::new();
    for (id, metric) in ids.iter().take(MAX_CHARTS) {
        let mut series: Vec<Series> = db.series(Some(id), None, Some(metric))?;
        if series.is_empty() {
            series = db.suite_series(id)?;
        }
        series.retain(|s| s.points.len() >= 2);
        if series.is_empty() {
            continue;
        }
        let unit = series[0].unit.clone();
        let lines = series
            .iter()
            .map(|s| {
                let points: Vec<(f64, f64)> = s
                    .points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| ((i + 1) as f64, p.median))
                    .collect();
                let values: Vec<f64> = s.points.iter().map(|p| p.median).collect();
                let marks = rule
                    .change_points(&values)
                    .iter()
                    .map(|c| points[c.index])
                    .collect();
                Line {
                    name: s.key.runtime.clone(),
                    colour: colours.of(&s.key.runtime),
                    points,
                    marks,
                }
            })
            .collect();
        out.push((
            format!("history-{}", super::stem(&format!("{id}-{metric}"))),
            Lines {
                title: format!("{id} ({metric}) night by night · {machine}"),
                x_desc: "night (oldest first; ringed: change point)".into(),
                y_desc: format!("median, {unit}"),
                x_axis: XAxis::Night,
                lines,
            },
        ));
    }
    Ok(out)
}
