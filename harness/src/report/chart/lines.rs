//! Line charts on a logarithmic x axis: throughput against connections, latency against
//! percentile. Each line is labelled at its end instead of by a legend box, so no legend
//! covers data.

use plotters::coord::ranged1d::ValueFormatter;
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
    /// Nights 1, 2, 3, … on a linear axis.
    Night,
}

/// One line.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub colour: RGBColor,
    /// (x, y), x > 0.
    pub points: Vec<(f64, f64)>,
    /// Points to mark as change points (drawn as a ring).
    pub marks: Vec<(f64, f64)>,
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
        let (lo, hi) = match (self.x_axis, hi > lo) {
            (XAxis::Night, _) => (0.5, hi + (hi - lo).max(1.0) * 0.2 + 0.5),
            (_, true) => (lo / 1.3, hi * 3.0),
            (_, false) => (lo / 3.0, lo * 10.0),
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
        root.fill(&WHITE).map_err(e)?;
        let ((x_lo, x_hi), y_max) = self.ranges();
        let builder = |root| {
            let mut b = ChartBuilder::on(root);
            b.caption(&self.title, ("sans-serif", px(TITLE_SIZE)))
                .margin(px(12))
                .x_label_area_size(px(40))
                .y_label_area_size(px(60));
            b
        };
        match self.x_axis {
            XAxis::Night => {
                let chart = builder(root)
                    .build_cartesian_2d(x_lo..x_hi, 0.0..y_max)
                    .map_err(e)?;
                self.plot(chart, scale).map_err(e)?;
            }
            XAxis::Count => {
                let chart = builder(root)
                    .build_cartesian_2d((x_lo..x_hi).log_scale(), 0.0..y_max)
                    .map_err(e)?;
                self.plot(chart, scale).map_err(e)?;
            }
            // Latency tails span orders of magnitude: log y too, or one stall flattens
            // every other line.
            XAxis::Percentile => {
                let y_min = self
                    .lines
                    .iter()
                    .flat_map(|l| l.points.iter().map(|p| p.1))
                    .filter(|y| *y > 0.0)
                    .fold(f64::INFINITY, f64::min);
                let y_min = if y_min.is_finite() {
                    y_min / 1.5
                } else {
                    0.001
                };
                let chart = builder(root)
                    .build_cartesian_2d(
                        (x_lo..x_hi).log_scale(),
                        (y_min..y_max.max(y_min * 10.0)).log_scale(),
                    )
                    .map_err(e)?;
                self.plot(chart, scale).map_err(e)?;
            }
        }
        root.present().map_err(e)?;
        Ok(())
    }

    /// Axes, lines, marks and end labels on a built chart (linear or log axes).
    fn plot<DB, X, Y>(
        &self,
        mut chart: ChartContext<'_, DB, Cartesian2d<X, Y>>,
        scale: u32,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
    where
        DB: DrawingBackend,
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let px = |v: u32| v * scale;
        let font = ("sans-serif", px(LABEL_SIZE));
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
                XAxis::Night => {
                    if (x - x.round()).abs() < 1e-9 && *x >= 1.0 {
                        format!("{x:.0}")
                    } else {
                        String::new()
                    }
                }
                XAxis::Percentile => {
                    let p = (1.0 - 1.0 / x) * 100.0;
                    if p <= 0.0 {
                        "0%".into()
                    } else {
                        format!("{}%", (p * 1000.0).round() / 1000.0)
                    }
                }
            })
            .draw()?;
        for line in &self.lines {
            let colour = line.colour;
            chart.draw_series(LineSeries::new(
                line.points.iter().copied(),
                colour.stroke_width(px(2)),
            ))?;
            chart.draw_series(
                line.points
                    .iter()
                    .map(|&p| Circle::new(p, px(3), colour.filled())),
            )?;
        }
        // End labels, pushed apart vertically so close lines stay readable.
        let mut labels: Vec<(i32, i32, usize)> = self
            .lines
            .iter()
            .enumerate()
            .filter_map(|(k, l)| {
                let (x, y) = chart.backend_coord(l.points.last()?);
                Some((y, x, k))
            })
            .collect();
        labels.sort();
        let gap = px(LABEL_SIZE + 2) as i32;
        for i in 1..labels.len() {
            if labels[i].0 - labels[i - 1].0 < gap {
                labels[i].0 = labels[i - 1].0 + gap;
            }
        }
        let area = chart.plotting_area().strip_coord_spec();
        let (base_x, base_y) = area.get_base_pixel();
        for (y, x, k) in labels {
            let line = &self.lines[k];
            area.draw(&Text::new(
                format!("  {}", line.name),
                (x - base_x, y - base_y),
                font.into_font()
                    .color(&line.colour)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        for line in &self.lines {
            let colour = line.colour;
            chart.draw_series(
                line.marks
                    .iter()
                    .map(|&p| Circle::new(p, px(9), colour.stroke_width(px(2)))),
            )?;
        }
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
