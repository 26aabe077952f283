//! Line charts on a logarithmic x axis: throughput against connections, latency against
//! percentile. Each line is labelled at its end instead of by a legend box, so no legend
//! covers data.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{LABEL_SIZE, TITLE_SIZE};

/// How x values are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XAxis {
    /// Plain numbers (connections).
    Count,
    /// x = 1 / (1 − p): labels are percentiles (2 → 50%, 100 → 99%).
    Percentile,
}

/// One line.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub colour: RGBColor,
    /// (x, y), x > 0.
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Lines {
    pub title: String,
    pub x_desc: String,
    pub y_desc: String,
    pub x_axis: XAxis,
    pub lines: Vec<Line>,
}

/// Height of a line chart, pixels.
const HEIGHT: u32 = 420;

impl Lines {
    pub fn height(&self) -> u32 {
        HEIGHT
    }

    fn ranges(&self) -> ((f64, f64), f64) {
        let xs = self.lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
        let (lo, hi) = xs.fold((f64::INFINITY, 0.0f64), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
        let (lo, hi) = if lo.is_finite() && lo > 0.0 {
            (lo, hi)
        } else {
            (1.0, 10.0)
        };
        // Room on the right for the line labels; a single x gets a decade around it.
        let (lo, hi) = if hi > lo {
            (lo / 1.3, hi * 3.0)
        } else {
            (lo / 3.0, lo * 10.0)
        };
        let y = self
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.1))
            .fold(0.0f64, f64::max);
        (
            (lo, hi),
            if y > 0.0 && y.is_finite() {
                y * 1.15
            } else {
                1.0
            },
        )
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
        let ((x_lo, x_hi), y_max) = self.ranges();
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", px(TITLE_SIZE)))
            .margin(px(12))
            .x_label_area_size(px(40))
            .y_label_area_size(px(60))
            .build_cartesian_2d((x_lo..x_hi).log_scale(), 0.0..y_max)
            .map_err(e)?;
        let axis = self.x_axis;
        chart
            .configure_mesh()
            .x_desc(&self.x_desc)
            .y_desc(&self.y_desc)
            .label_style(font)
            .axis_desc_style(font)
            .y_label_formatter(&|y| short_number(*y))
            .x_label_formatter(&|x| match axis {
                XAxis::Count => format!("{x}"),
                XAxis::Percentile => {
                    let p = (1.0 - 1.0 / x) * 100.0;
                    if p <= 0.0 {
                        "0%".into()
                    } else {
                        format!("{}%", (p * 1000.0).round() / 1000.0)
                    }
                }
            })
            .draw()
            .map_err(e)?;
        for line in &self.lines {
            let colour = line.colour;
            chart
                .draw_series(LineSeries::new(
                    line.points.iter().copied(),
                    colour.stroke_width(px(2)),
                ))
                .map_err(e)?;
            chart
                .draw_series(
                    line.points
                        .iter()
                        .map(|&p| Circle::new(p, px(3), colour.filled())),
                )
                .map_err(e)?;
            if let Some(&last) = line.points.last() {
                chart
                    .draw_series(std::iter::once(Text::new(
                        format!("  {}", line.name),
                        last,
                        font.into_font()
                            .color(&colour)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    )))
                    .map_err(e)?;
            }
        }
        root.present().map_err(e)?;
        Ok(())
    }
}

/// `125000` → `125k`, `2.5` → `2.5`: axis labels people read at a glance.
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1e6 {
        format!("{}M", trim(v / 1e6))
    } else if a >= 1e3 {
        format!("{}k", trim(v / 1e3))
    } else {
        trim(v)
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_numbers() {
        assert_eq!(super::short_number(125_000.0), "125k");
        assert_eq!(super::short_number(2_500_000.0), "2.5M");
        assert_eq!(super::short_number(2.5), "2.5");
        assert_eq!(super::short_number(0.0), "0");
    }
}
