//! Conformance by area: a runtime × area grid, each cell coloured by pass rate (red 0%
//! → green 100%) and labelled with it. Areas are the first two path components of test
//! ids (`built-ins/Array`) — for the compat suite its area directories (`url`) — the
//! largest [`MAX_AREAS`] of them by scenario count.

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::conformance::class;
use super::{LABEL_SIZE, TITLE_SIZE, WIDTH};
use crate::store::ConformanceRecord;

/// Rows shown: enough to see where runtimes differ, few enough to read at 800 px.
pub const MAX_AREAS: usize = 30;
const ROW: u32 = 22;
const FRAME: u32 = 110;

#[derive(Debug, Clone)]
pub struct Heatmap {
    pub title: String,
    pub runtimes: Vec<String>,
    /// (area, pass rate per runtime; `None` where the runtime ran nothing there).
    pub areas: Vec<(String, Vec<Option<f64>>)>,
}

fn area(suite: &str, id: &str) -> String {
    if suite == "compat" {
        return crate::conform::compat::area_of(id).to_owned();
    }
    id.split('/').take(2).collect::<Vec<_>>().join("/")
}

/// One heatmap per suite run by at least one runtime.
pub fn charts(records: &[ConformanceRecord], machine: &str) -> Vec<(String, Heatmap)> {
    let suites = super::distinct(records.iter().map(|r| r.suite.as_str()));
    let mut out = Vec::new();
    for suite in suites {
        let runs: Vec<&ConformanceRecord> = records.iter().filter(|r| r.suite == suite).collect();
        // area → per runtime (passed, counted), skips not counted.
        let mut counts: BTreeMap<String, Vec<(u64, u64)>> = BTreeMap::new();
        for (k, run) in runs.iter().enumerate() {
            for c in &run.results {
                let cls = class(&c.verdict);
                if cls == "skip" {
                    continue;
                }
                let cell = &mut counts
                    .entry(area(suite, &c.id))
                    .or_insert_with(|| vec![(0, 0); runs.len()])[k];
                cell.1 += 1;
                cell.0 += u64::from(cls == "pass");
            }
        }
        let mut areas: Vec<(String, Vec<(u64, u64)>)> = counts.into_iter().collect();
        areas.sort_by_key(|(_, cells)| {
            std::cmp::Reverse(cells.iter().map(|c| c.1).max().unwrap_or(0))
        });
        areas.truncate(MAX_AREAS);
        if areas.is_empty() {
            continue;
        }
        areas.sort_by(|a, b| a.0.cmp(&b.0));
        out.push((
            format!("conformance-{}-areas", super::stem(suite)),
            Heatmap {
                title: format!("{suite}: pass rate by area · {machine}"),
                runtimes: runs.iter().map(|r| r.runtime.clone()).collect(),
                areas: areas
                    .into_iter()
                    .map(|(a, cells)| {
                        let rates = cells
                            .iter()
                            .map(|(p, n)| (*n > 0).then(|| *p as f64 / *n as f64))
                            .collect();
                        (a, rates)
                    })
                    .collect(),
            },
        ));
    }
    out
}

/// Red (0) → amber → green (1).
fn colour(rate: f64) -> RGBColor {
    let r = rate.clamp(0.0, 1.0);
    let (a, b, t) = if r < 0.5 {
        ((213.0, 94.0, 0.0), (230.0, 159.0, 0.0), r * 2.0)
    } else {
        ((230.0, 159.0, 0.0), (0.0, 158.0, 115.0), (r - 0.5) * 2.0)
    };
    RGBColor(
        (a.0 + (b.0 - a.0) * t) as u8,
        (a.1 + (b.1 - a.1) * t) as u8,
        (a.2 + (b.2 - a.2) * t) as u8,
    )
}

impl Heatmap {
    pub fn height(&self) -> u32 {
        // One more row for the runtime names.
        FRAME + ROW * (self.areas.len().max(1) as u32 + 1)
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: u32,
    ) -> Result<(), String> {
        let e = |err: DrawingAreaErrorKind<DB::ErrorType>| err.to_string();
        let px = |v: u32| v * scale;
        let font = ("sans-serif", px(LABEL_SIZE));
        root.fill(&WHITE).map_err(e)?;
        let (cols, rows) = (self.runtimes.len().max(1), self.areas.len().max(1));
        let label_width = super::label_width(self.areas.iter().map(|(a, _)| a.as_str()));
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", px(TITLE_SIZE)))
            .margin(px(12))
            .x_label_area_size(px(30))
            .y_label_area_size(px(label_width.min(WIDTH / 2)))
            .build_cartesian_2d(0.0..cols as f64, 0.0..rows as f64 + 1.0)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .disable_y_axis()
            .draw()
            .map_err(e)?;
        let plot = chart.plotting_area();
        for (j, name) in self.runtimes.iter().enumerate() {
            plot.draw(&Text::new(
                name.clone(),
                (j as f64 + 0.5, rows as f64 + 0.5),
                font.into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Center)),
            ))
            .map_err(e)?;
        }
        for (i, (area, rates)) in self.areas.iter().enumerate() {
            // First area on top.
            let y = (rows - 1 - i) as f64;
            root.draw(&Text::new(
                area.clone(),
                {
                    let (x, y) = chart.backend_coord(&(0.0, y + 0.5));
                    (x - px(6) as i32, y)
                },
                font.into_font()
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .map_err(e)?;
            for (j, rate) in rates.iter().enumerate() {
                let x = j as f64;
                let fill = rate.map_or(RGBColor(235, 235, 235), colour);
                plot.draw(&Rectangle::new(
                    [(x + 0.02, y + 0.06), (x + 0.98, y + 0.94)],
                    fill.filled(),
                ))
                .map_err(e)?;
                let text = rate.map_or_else(|| "–".to_owned(), |r| format!("{:.1}%", r * 100.0));
                plot.draw(&Text::new(
                    text,
                    (x + 0.5, y + 0.5),
                    font.into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                ))
                .map_err(e)?;
            }
        }
        root.present().map_err(e)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::chart::tests::conformance_run as run;

    #[test]
    fn compat_areas_are_its_directories() {
        let mut r = run(
            "node",
            &[("url/api.mjs", "pass"), ("url/parsing.mjs", "fail")],
        );
        r.suite = "compat".into();
        let charts = charts(&[r], "m");
        assert_eq!(charts[0].1.areas, vec![("url".to_owned(), vec![Some(0.5)])]);
    }

    #[test]
    fn rates_by_area_and_rendering_for_zero_one_and_ten_runtimes() {
        let cases = [
            ("built-ins/Array/a.js", "pass"),
            ("built-ins/Array/b.js", "fail"),
            ("built-ins/Array/c.js", "skip"),
            ("language/x/y.js", "pass"),
        ];
        let charts = charts(&[run("node", &cases), run("bun", &cases[..1])], "m");
        let map = &charts[0].1;
        assert_eq!(map.runtimes, ["node", "bun"]);
        assert_eq!(
            map.areas[0],
            ("built-ins/Array".into(), vec![Some(0.5), Some(1.0)])
        );
        assert_eq!(map.areas[1], ("language/x".into(), vec![Some(1.0), None]));
        assert!(super::charts(&[], "m").is_empty());
        let dir = tempfile::tempdir().unwrap();
        for n in [1, 10] {
            let runs: Vec<ConformanceRecord> = (0..n)
                .map(|i| run(&format!("runtime-{i}"), &cases))
                .collect();
            for (name, map) in super::charts(&runs, "m") {
                let r = crate::report::chart::render(
                    &crate::report::chart::Chart::Heatmap(map),
                    &format!("{name}-{n}"),
                    dir.path(),
                )
                .unwrap();
                assert!(r.svg.contains("built-ins/Array") && r.svg.contains("50.0%"));
            }
        }
    }
}
