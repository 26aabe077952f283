//! Charts (plotters): each kind has its own module that turns results into a
//! [`HBars`] description; this module draws it to SVG (inline in the HTML report) and
//! PNG (for Markdown, READMEs and chat).
//!
//! Conventions every chart shares: [`WIDTH`] pixels wide (readable at 800 px), a title
//! that says what and on what machine, axis descriptions with units, one colour per
//! runtime from [`Colours`] (stable across all charts of a report), references (the
//! floor, the ceiling) in grey, and the embedded DejaVu Sans subset so PNG text renders
//! on machines without system fonts.

pub mod conformance;
pub mod heatmap;
pub mod history;
pub mod http;
pub mod lines;
pub mod loops;
pub mod startup;

use std::path::Path;
use std::sync::Once;

use anyhow::{Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width of every chart, pixels.
pub const WIDTH: u32 = 800;
/// Height of one bar row, pixels, and of the frame around the rows (title, axis, legend).
const ROW: u32 = 26;
const FRAME: u32 = 130;
/// Font size of titles and of labels, pixels.
pub(crate) const TITLE_SIZE: u32 = 18;
pub(crate) const LABEL_SIZE: u32 = 13;

/// Okabe-Ito's colour-blind-safe palette (black dropped), then four darker extras; a
/// runtime keeps its colour in every chart of a report.
pub const PALETTE: [RGBColor; 11] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(90, 60, 150),
    RGBColor(120, 80, 40),
    RGBColor(40, 100, 60),
    RGBColor(150, 30, 60),
];
/// Colour of references (the floor, the HTTP ceiling) and of marker lines.
pub const REFERENCE: RGBColor = RGBColor(150, 150, 150);

/// The embedded font: DejaVu Sans cut to Latin-1 and a few symbols (24 KB;
/// harness/assets/DejaVuSans-LICENSE.txt).
static FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans-subset.ttf");

fn ensure_font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            // The bytes are compiled in and known to parse (a test renders text).
            let _ = plotters::style::register_font("sans-serif", style, FONT);
        }
    });
}

/// Colours by runtime name, assigned in order of first appearance.
#[derive(Debug, Clone, Default)]
pub struct Colours {
    order: Vec<String>,
}

impl Colours {
    pub fn new(runtimes: impl IntoIterator<Item = String>) -> Colours {
        let mut order = Vec::new();
        for r in runtimes {
            if !order.contains(&r) {
                order.push(r);
            }
        }
        Colours { order }
    }

    /// The runtime's colour; references and unknown names are grey.
    pub fn of(&self, runtime: &str) -> RGBColor {
        self.order
            .iter()
            .position(|r| r == runtime)
            .map_or(REFERENCE, |i| PALETTE[i % PALETTE.len()])
    }
}

/// One stacked piece of a bar.
#[derive(Debug, Clone)]
pub struct Segment {
    pub value: f64,
    pub colour: RGBColor,
}

/// One row of a horizontal bar chart.
#[derive(Debug, Clone)]
pub struct Row {
    /// Text left of the bar.
    pub label: String,
    /// Stacked left to right from 0.
    pub segments: Vec<Segment>,
    /// A 95% CI drawn as a whisker over the bar's end.
    pub whisker: Option<(f64, f64)>,
    /// Text right of the bar (the value, a ratio).
    pub note: String,
}

/// A horizontal bar chart: the shape every bar chart of the report takes.
#[derive(Debug, Clone, Default)]
pub struct HBars {
    pub title: String,
    /// The x axis description, with its unit.
    pub x_desc: String,
    pub rows: Vec<Row>,
    /// Vertical marker lines with their labels (the floor; 1.0 for ratios).
    pub markers: Vec<(f64, String)>,
    /// Legend entries (for stacked bars).
    pub legend: Vec<(String, RGBColor)>,
}

impl HBars {
    pub fn height(&self) -> u32 {
        FRAME + ROW * (self.rows.len() as u32 + 1)
    }

    /// Pixels left of the plot for the row labels.
    fn label_width(&self) -> u32 {
        label_width(self.rows.iter().map(|r| r.label.as_str()))
    }

    fn x_max(&self) -> f64 {
        let ends = self.rows.iter().flat_map(|r| {
            let total: f64 = r.segments.iter().map(|s| s.value).sum();
            [total, r.whisker.map_or(0.0, |w| w.1)]
        });
        let markers = self.markers.iter().map(|m| m.0);
        let max = ends.chain(markers).fold(0.0f64, f64::max);
        if !(max > 0.0 && max.is_finite()) {
            return 1.0;
        }
        // Leave room right of the longest bar for the longest note (about 7 px a
        // character at the label size).
        let plot = f64::from(WIDTH - 24 - self.label_width());
        let note = self
            .rows
            .iter()
            .map(|r| r.note.chars().count())
            .max()
            .unwrap_or(0) as f64
            * 7.0
            + 16.0;
        max / (1.0 - (note / plot).min(0.6))
    }

    /// Draws the chart on `root`, every size multiplied by `scale` (2 for PNG: crisper
    /// on high-density screens, and small text keeps its baseline — plotters rounds
    /// glyph offsets to whole pixels).
    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: u32,
    ) -> Result<(), String> {
        let e = |err: DrawingAreaErrorKind<DB::ErrorType>| err.to_string();
        let px = |v: u32| v * scale;
        let label_font = ("sans-serif", px(LABEL_SIZE));
        root.fill(&WHITE).map_err(e)?;
        let n = self.rows.len();
        // A top row for marker labels or the legend (always there: plotters draws no
        // labels on a one-segment axis).
        let total = n + 1;
        let label_width = self.label_width();
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, ("sans-serif", px(TITLE_SIZE)))
            .margin(px(12))
            .x_label_area_size(px(40))
            .y_label_area_size(px(label_width))
            .build_cartesian_2d(0.0..self.x_max(), (0..total - 1).into_segmented())
            .map_err(e)?;
        // Row i (0 = first) is drawn at segment n − 1 − i: the first row on top.
        let at = |i: usize| n - 1 - i;
        let labels: Vec<String> = self.rows.iter().map(|r| r.label.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(&self.x_desc)
            .label_style(label_font)
            .axis_desc_style(label_font)
            .x_label_formatter(&|x| lines::short_number(*x))
            .y_labels(total)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(s) if *s < n => labels[n - 1 - *s].clone(),
                _ => String::new(),
            })
            .draw()
            .map_err(e)?;
        for (i, row) in self.rows.iter().enumerate() {
            let mut start = 0.0;
            for seg in row.segments.iter().filter(|s| s.value > 0.0) {
                let mut bar = Rectangle::new(
                    [
                        (start, SegmentValue::Exact(at(i))),
                        (start + seg.value, SegmentValue::Exact(at(i) + 1)),
                    ],
                    seg.colour.filled(),
                );
                bar.set_margin(px(4), px(4), 0, 0);
                chart.draw_series(std::iter::once(bar)).map_err(e)?;
                start += seg.value;
            }
            if let Some((lo, hi)) = row.whisker {
                let y = SegmentValue::CenterOf(at(i));
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(lo, y.clone()), (hi, y)],
                        BLACK.stroke_width(px(2)),
                    )))
                    .map_err(e)?;
            }
            let end = start.max(row.whisker.map_or(0.0, |w| w.1));
            chart
                .draw_series(std::iter::once(Text::new(
                    format!(" {}", row.note),
                    (end, SegmentValue::CenterOf(at(i))),
                    label_font
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )))
                .map_err(e)?;
        }
        for (x, label) in &self.markers {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(*x, SegmentValue::Exact(0)), (*x, SegmentValue::Exact(n))],
                    REFERENCE.stroke_width(px(2)),
                )))
                .map_err(e)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (*x, SegmentValue::CenterOf(n)),
                    label_font
                        .into_font()
                        .color(&RGBColor(90, 90, 90))
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )))
                .map_err(e)?;
        }
        // The legend: coloured squares and names across the top row.
        let step = self.x_max() / (self.legend.len() as f64 + 0.5);
        for (k, (name, colour)) in self.legend.iter().enumerate() {
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("■ {name}"),
                    (step * k as f64, SegmentValue::CenterOf(n)),
                    label_font
                        .into_font()
                        .color(colour)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )))
                .map_err(e)?;
        }
        root.present().map_err(e)?;
        Ok(())
    }
}

/// A chart drawn both ways.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// File stem: `startup-hello`, `conformance-test262`.
    pub name: String,
    pub title: String,
    /// The SVG document (inlined by the HTML report, saved as `<name>.svg`).
    pub svg: String,
}

/// Any chart of the report.
#[derive(Debug, Clone)]
pub enum Chart {
    Bars(HBars),
    Lines(lines::Lines),
    Heatmap(heatmap::Heatmap),
}

impl Chart {
    pub fn title(&self) -> &str {
        match self {
            Chart::Bars(c) => &c.title,
            Chart::Lines(c) => &c.title,
            Chart::Heatmap(c) => &c.title,
        }
    }

    pub fn height(&self) -> u32 {
        match self {
            Chart::Bars(c) => c.height(),
            Chart::Lines(c) => c.height(),
            Chart::Heatmap(c) => c.height(),
        }
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        scale: u32,
    ) -> Result<(), String> {
        match self {
            Chart::Bars(c) => c.draw(root, scale),
            Chart::Lines(c) => c.draw(root, scale),
            Chart::Heatmap(c) => c.draw(root, scale),
        }
    }
}

impl From<HBars> for Chart {
    fn from(c: HBars) -> Chart {
        Chart::Bars(c)
    }
}

/// Draws `chart` as SVG (returned and saved) and PNG into `dir`.
pub fn render(chart: &Chart, name: &str, dir: &Path) -> Result<Rendered> {
    ensure_font();
    let size = (WIDTH, chart.height());
    // The SVG at 1×, the PNG at 2× the same layout.
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        chart
            .draw(&root, 1)
            .map_err(|e| anyhow::anyhow!("drawing chart '{name}' as SVG: {e}"))?;
    }
    std::fs::write(dir.join(format!("{name}.svg")), &svg)
        .with_context(|| format!("writing '{}'", dir.join(format!("{name}.svg")).display()))?;
    let png = dir.join(format!("{name}.png"));
    {
        let root = BitMapBackend::new(&png, (size.0 * 2, size.1 * 2)).into_drawing_area();
        chart
            .draw(&root, 2)
            .map_err(|e| anyhow::anyhow!("drawing chart '{name}' as PNG: {e}"))?;
    }
    Ok(Rendered {
        name: name.to_owned(),
        title: chart.title().to_owned(),
        svg,
    })
}

/// Distinct items in order of first appearance (suites, programs, benchmark ids).
pub fn distinct<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Pixels left of a plot for row labels: about 7 px a character at the label size,
/// between 4 and 40 characters.
pub fn label_width<'a>(labels: impl IntoIterator<Item = &'a str>) -> u32 {
    labels
        .into_iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 40) as u32
        * 7
        + 12
}

/// A file-name-safe stem: `startup/hello.js` → `startup-hello-js`.
pub fn stem(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::stats::Summary;
    use crate::store::{BenchmarkRecord, ConformanceRecord, RatioRecord};

    fn record(benchmark: &str, runtime: &str, metric: &str, level: f64) -> BenchmarkRecord {
        let samples: Vec<f64> = (0..7).map(|i| level * (1.0 + i as f64 / 100.0)).collect();
        BenchmarkRecord {
            benchmark: benchmark.into(),
            runtime: runtime.into(),
            metric: metric.into(),
            unit: "ms".into(),
            higher_is_better: metric == "ops_per_second",
            program: None,
            program_sha256: None,
            command: None,
            summary: Summary::of(&samples),
            samples,
            ratio: Some(RatioRecord {
                ratio: level / 10.0,
                ci_low: level / 11.0,
                ci_high: level / 9.0,
            }),
            error: None,
            params: BTreeMap::new(),
            distribution: Vec::new(),
            warnings: Vec::new(),
            shard: None,
        }
    }

    fn runtimes(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("runtime-{i}")).collect()
    }

    fn records(n: usize) -> Vec<BenchmarkRecord> {
        let mut out = Vec::new();
        for (i, rt) in runtimes(n).iter().enumerate() {
            out.push(record("startup/hello.js", rt, "wall", 5.0 + i as f64));
            out.push(record(
                "loop/timers.mjs",
                rt,
                "ops_per_second",
                10.0 + i as f64,
            ));
        }
        if n > 0 {
            out.push(record(
                "startup/hello.js",
                crate::bench::startup::FLOOR,
                "wall",
                0.7,
            ));
        }
        out
    }

    /// A suite result of one runtime from (id, verdict) pairs, scenario `default`.
    pub(crate) fn conformance_run(runtime: &str, cases: &[(&str, &str)]) -> ConformanceRecord {
        ConformanceRecord {
            suite: "test262".into(),
            runtime: runtime.into(),
            suite_version: None,
            suite_contract_version: None,
            filter: None,
            expectations_sha256: None,
            duration_ms: 0.0,
            summary: BTreeMap::new(),
            results: cases
                .iter()
                .map(|(id, v)| crate::store::CaseRecord {
                    id: (*id).into(),
                    scenario: "default".into(),
                    verdict: (*v).into(),
                    detail: None,
                    duration_ms: 0.0,
                    stdout_tail: None,
                    stderr_tail: None,
                    command: None,
                    composed_path: None,
                })
                .collect(),
        }
    }

    fn suites(n: usize) -> Vec<ConformanceRecord> {
        runtimes(n)
            .into_iter()
            .map(|rt| ConformanceRecord {
                suite: "test262".into(),
                runtime: rt,
                suite_version: None,
                suite_contract_version: None,
                filter: None,
                expectations_sha256: None,
                duration_ms: 1.0,
                summary: BTreeMap::from([
                    ("pass".into(), 90),
                    ("fail".into(), 5),
                    ("timeout".into(), 1),
                    ("crash".into(), 1),
                    ("skip".into(), 3),
                ]),
                results: Vec::new(),
            })
            .collect()
    }

    /// Every chart kind renders from no runtime, one and ten, as SVG and PNG.
    #[test]
    fn every_kind_renders_for_zero_one_and_ten_runtimes() {
        let dir = tempfile::tempdir().unwrap();
        for n in [0, 1, 10] {
            let colours = Colours::new(runtimes(n));
            let recs = records(n);
            let mut charts: Vec<(String, HBars)> = startup::charts(&recs, &colours, "test machine");
            charts.extend(
                loops::chart(&recs, &colours, "test machine").map(|c| ("loops".to_owned(), c)),
            );
            charts.extend(conformance::charts(&suites(n), "test machine"));
            charts.extend(conformance::interop(&suites(n), "test machine"));
            // An empty chart must render too (a suite with no runtimes, say).
            charts.push(("empty".into(), HBars::default()));
            // Interop needs two runtimes or more.
            assert_eq!(
                charts.len(),
                [1, 4, 5][[0, 1, 10].iter().position(|&k| k == n).unwrap()],
                "n = {n}"
            );
            for (name, chart) in &charts {
                let name = format!("{name}-{n}");
                let r = render(&chart.clone().into(), &name, dir.path()).unwrap();
                assert!(
                    r.svg.starts_with("<svg") || r.svg.contains("<svg"),
                    "{name}"
                );
                for row in &chart.rows {
                    assert!(r.svg.contains(&row.label), "{name}: label {}", row.label);
                }
                let png = std::fs::read(dir.path().join(format!("{name}.png"))).unwrap();
                assert_eq!(&png[1..4], b"PNG");
            }
        }
    }

    /// Empty charts of the kinds that are not bars render too.
    #[test]
    fn empty_lines_and_heatmaps_render() {
        let dir = tempfile::tempdir().unwrap();
        let lines = Chart::Lines(lines::Lines {
            title: "empty".into(),
            x_desc: "x".into(),
            y_desc: "y".into(),
            x_axis: lines::XAxis::Percentile,
            lines: Vec::new(),
        });
        render(&lines, "lines", dir.path()).unwrap();
        let map = Chart::Heatmap(heatmap::Heatmap {
            title: "empty".into(),
            runtimes: Vec::new(),
            areas: Vec::new(),
        });
        render(&map, "map", dir.path()).unwrap();
    }

    /// The SVG structure of each kind from fixed data (3 runtimes): element names and
    /// texts in order, no coordinates — a lost label, title or series shows up here.
    #[test]
    fn svg_structure_snapshots() {
        let dir = tempfile::tempdir().unwrap();
        let colours = Colours::new(runtimes(3));
        let mut recs = records(3);
        for (i, rt) in runtimes(3).iter().enumerate() {
            for c in [1, 64] {
                let mut rps = record(
                    &format!("http/hello@c{c}"),
                    rt,
                    "requests_per_second",
                    1000.0 * (i + 1) as f64 * c as f64,
                );
                rps.unit = "req/s".into();
                recs.push(rps);
                let mut lat = record(
                    &format!("http/hello@c{c}"),
                    rt,
                    "latency_p50",
                    1.0 + i as f64,
                );
                lat.distribution =
                    vec![[50.0, 1.0 + i as f64], [99.0, 5.0 + i as f64], [99.9, 20.0]];
                recs.push(lat);
                let mut rss = record(&format!("http/hello@c{c}"), rt, "server_rss", 50e6);
                rss.unit = "bytes".into();
                recs.push(rss);
            }
        }
        let mut all: Vec<(String, Chart)> = Vec::new();
        all.extend(
            startup::charts(&recs, &colours, "m")
                .into_iter()
                .map(|(n, c)| (n, c.into())),
        );
        all.extend(http::charts(&recs, &colours, "m"));
        all.extend(loops::chart(&recs, &colours, "m").map(|c| ("loops".to_owned(), c.into())));
        let suites = suites(3);
        all.extend(
            conformance::charts(&suites, "m")
                .into_iter()
                .map(|(n, c)| (n, c.into())),
        );
        all.extend(
            conformance::interop(&suites, "m")
                .into_iter()
                .map(|(n, c)| (n, c.into())),
        );
        let with_results: Vec<ConformanceRecord> = runtimes(3)
            .iter()
            .map(|rt| conformance_run(rt, &[("built-ins/Array/a.js", "pass")]))
            .collect();
        all.extend(
            heatmap::charts(&with_results, "m")
                .into_iter()
                .map(|(n, c)| (n, Chart::Heatmap(c))),
        );
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "startup-hello-js",
                "http-hello-throughput",
                "http-hello-latency",
                "http-hello-rss",
                "loops",
                "conformance-test262",
                "conformance-test262-interop",
                "conformance-test262-areas"
            ]
        );
        for (name, chart) in &all {
            let r = render(chart, name, dir.path()).unwrap();
            insta::assert_snapshot!(format!("svg_{name}"), svg_structure(&r.svg));
        }
    }

    /// Element names and texts of an SVG, in order, consecutive repeats folded.
    pub(crate) fn svg_structure(svg: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        for part in svg.split('<').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if name.is_empty() {
                continue;
            }
            let text = part.split_once('>').map(|(_, t)| t.trim()).unwrap_or("");
            if name == "text" {
                out.push(format!("text: {text}"));
            } else if out.last().map(String::as_str) != Some(name.as_str()) {
                out.push(name);
            }
        }
        out.join("\n")
    }

    #[test]
    fn colours_are_stable_and_references_grey() {
        let c = Colours::new(["node".to_owned(), "bun".to_owned(), "node".to_owned()]);
        assert_eq!(c.of("node"), PALETTE[0]);
        assert_eq!(c.of("bun"), PALETTE[1]);
        assert_eq!(c.of(crate::bench::startup::FLOOR), REFERENCE);
    }

    #[test]
    fn text_from_runtimes_is_escaped_in_svg() {
        let dir = tempfile::tempdir().unwrap();
        let chart = HBars {
            title: "t <b>".into(),
            rows: vec![Row {
                label: "<script>alert(1)</script>".into(),
                segments: vec![Segment {
                    value: 1.0,
                    colour: PALETTE[0],
                }],
                whisker: None,
                note: "&".into(),
            }],
            ..HBars::default()
        };
        let r = render(&chart.into(), "escape", dir.path()).unwrap();
        assert!(
            !r.svg.contains("<script>") && r.svg.contains("&lt;script&gt;"),
            "{}",
            r.svg
        );
    }

    #[test]
    fn stems() {
        assert_eq!(stem("startup/hello.js"), "startup-hello-js");
        assert_eq!(stem("http/x@c64"), "http-x-c64");
    }
}
