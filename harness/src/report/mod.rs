//! `dyno report`: what results files become for readers and for other tools.
//!
//! Data flow: results files → [`Input`] (merged in order) → charts ([`chart`], SVG + PNG
//! under `charts/`) → `index.html` ([`html`]) and `summary.md` ([`markdown`]) in the
//! output folder, beside copies of the raw results. The exports that CI dashboards read
//! are here too, one file per format: CSV of benchmark summaries, github-action-benchmark's
//! custom JSON, Bencher Metric Format, and JUnit XML; `dyno bench`, `dyno test` and
//! `dyno report` print them with `--format`.

pub mod bmf;
pub mod chart;
pub mod csv;
pub mod github;
pub mod html;
pub mod junit;
pub mod markdown;
pub mod publish;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::cli::{Format, ReportArgs};
use crate::store::{self, BenchmarkRecord, ConformanceRecord, RunRecord, RuntimeRecord};
use crate::{Log, UsageError};

/// Renders benchmark records in an export format; `None` when `format` is not one.
pub fn benchmarks(records: &[BenchmarkRecord], format: Format) -> Option<Result<String>> {
    Some(match format {
        Format::Csv => Ok(csv::benchmarks(records)),
        Format::Bmf => bmf::benchmarks(records),
        Format::CustomSmallerIsBetter => github::benchmarks(records, false),
        Format::CustomBiggerIsBetter => github::benchmarks(records, true),
        _ => return None,
    })
}

/// `dyno report RESULTS...`: the HTML/Markdown report into `--out` (human format), or an
/// export on stdout (`--format`). Several files are merged in order.
pub fn run(args: &ReportArgs, format: Format, log: Log) -> Result<ExitCode> {
    let mut runs = Vec::new();
    for path in &args.results {
        let run = store::read_results(path).map_err(|e| UsageError::new(e.to_string()))?;
        runs.push((path.clone(), run));
    }
    if format == Format::Human {
        // Default: reports/<first run id>/, where `dyno run` puts its own.
        let out = args
            .out
            .clone()
            .unwrap_or_else(|| PathBuf::from("reports").join(&runs[0].1.run_id));
        let history = match &args.history {
            Some(p) if !p.exists() => bail!(UsageError::new(format!(
                "history database '{}' does not exist; create one with `dyno history --db {} import RESULTS...`",
                p.display(),
                p.display()
            ))),
            Some(p) => Some(store::history::Db::open(p).map_err(|e| UsageError::new(e.to_string()))?),
            None => None,
        };
        if let Some(dir) = &args.publish {
            let index = publish::publish(runs, dir, history.as_ref(), args.allow_partial)?;
            println!("published: {}", index.display());
            return Ok(ExitCode::SUCCESS);
        }
        let index = generate(runs, &out, history.as_ref())?;
        log.info(format!("summary: {}", out.join("summary.md").display()));
        println!("report: {}", index.display());
        return Ok(ExitCode::SUCCESS);
    }
    if args.publish.is_some() {
        bail!(UsageError::new(
            "--publish writes the HTML report; drop --format to publish"
        ));
    }
    let benchmarks: Vec<BenchmarkRecord> = runs
        .iter()
        .flat_map(|(_, r)| r.benchmarks.clone())
        .collect();
    let conformance: Vec<ConformanceRecord> = runs
        .iter()
        .flat_map(|(_, r)| r.conformance.clone())
        .collect();
    let text = match format {
        Format::Junit => junit::conformance(&conformance),
        Format::Json => {
            serde_json::to_string_pretty(&serde_json::json!({
                "benchmarks": benchmarks,
                "conformance": conformance,
            }))? + "\n"
        }
        f => match self::benchmarks(&benchmarks, f) {
            Some(text) => text?,
            None => bail!(UsageError::new(format!(
                "dyno report cannot print --format {}{}; use csv, bmf, custom-smaller-is-better, custom-bigger-is-better, junit or json, or no --format for the HTML report",
                f.name(),
                out_hint(&args.out)
            ))),
        },
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .context("writing the export to stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// Where a results file is, and how the report links to its raw JSON.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// Relative link from the report folder.
    pub raw_link: String,
}

/// Why `runs` are partial (a run did not finish, or shards are missing), if they are.
pub fn partial_reason<'a>(runs: impl Iterator<Item = &'a RunRecord>) -> Option<String> {
    let reasons: Vec<String> = runs
        .filter(|r| !r.complete)
        .map(|r| match &r.plan {
            Some(p) if !p.missing_shards.is_empty() => format!(
                "run {} lacks shard(s) {} — {} of {} units",
                r.run_id,
                p.missing_shards
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
                p.units_done,
                p.units_total
            ),
            Some(p) => format!(
                "run {} did not finish — {} of {} units",
                r.run_id, p.units_done, p.units_planned
            ),
            None => format!("run {} did not finish", r.run_id),
        })
        .collect();
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

/// The runs one report shows, in the order given.
#[derive(Debug, Clone)]
pub struct Input {
    pub runs: Vec<(Source, RunRecord)>,
}

impl Input {
    pub fn title(&self) -> String {
        self.runs
            .iter()
            .map(|(_, r)| r.run_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The machine, as chart titles name it.
    pub fn machine(&self) -> String {
        self.runs
            .first()
            .map(|(_, r)| format!("{}, {} cores", r.host.cpu_model, r.host.cores))
            .unwrap_or_else(|| "no runs".into())
    }

    pub fn subtitle(&self) -> String {
        let Some((_, first)) = self.runs.first() else {
            return String::new();
        };
        format!(
            "{} run(s) · {} · {} · {} · dyno {}",
            self.runs.len(),
            first.created_at.format("%Y-%m-%d %H:%M UTC"),
            self.machine(),
            first.host.os,
            first.dyno_version
        )
    }

    /// Why the results are partial, if they are; every page of the report says so.
    pub fn partial(&self) -> Option<String> {
        partial_reason(self.runs.iter().map(|(_, r)| r))
    }

    /// The machines of sharded runs: (run id, shard) with the benchmarks each measured.
    pub fn machines(&self) -> Vec<(String, &crate::store::ShardRecord, Vec<String>)> {
        let mut out = Vec::new();
        for (_, run) in &self.runs {
            for s in &run.shards {
                let mut ids: Vec<String> = run
                    .benchmarks
                    .iter()
                    .filter(|b| b.shard == Some(s.index))
                    .map(|b| b.benchmark.clone())
                    .collect();
                ids.dedup();
                out.push((run.run_id.clone(), s, ids));
            }
        }
        out
    }

    /// Runtimes of all runs, first appearance wins.
    pub fn runtimes(&self) -> Vec<&RuntimeRecord> {
        let mut out: Vec<&RuntimeRecord> = Vec::new();
        for (_, run) in &self.runs {
            for r in &run.runtimes {
                if !out.iter().any(|o| o.name == r.name) {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Every benchmark record. In a merged run a per-machine reference (the HTTP ceiling)
    /// was measured on each shard that needed it; those rows are named by their shard,
    /// so charts and tables show one series per machine instead of mixing them.
    pub fn benchmarks(&self) -> Vec<BenchmarkRecord> {
        let mut out = Vec::new();
        for (_, run) in &self.runs {
            let mut count: BTreeMap<(&str, &str, &str), usize> = BTreeMap::new();
            for b in &run.benchmarks {
                *count
                    .entry((&b.benchmark, &b.runtime, &b.metric))
                    .or_default() += 1;
            }
            for b in &run.benchmarks {
                let mut b = b.clone();
                if let Some(shard) = b.shard {
                    if count[&(b.benchmark.as_str(), b.runtime.as_str(), b.metric.as_str())] > 1 {
                        b.runtime = format!("{} · shard {shard}", b.runtime);
                    }
                }
                out.push(b);
            }
        }
        out
    }

    pub fn conformance(&self) -> Vec<&ConformanceRecord> {
        self.runs.iter().flat_map(|(_, r)| &r.conformance).collect()
    }
}

/// One row of the headline table.
#[derive(Debug, Clone)]
pub struct Headline {
    pub benchmark: String,
    pub metric: String,
    pub runtime: String,
    pub unit: String,
    pub median: f64,
    pub ci: (f64, f64),
    pub n: usize,
    /// Ratio to the first runtime of the benchmark.
    pub ratio: Option<f64>,
}

/// A headline matrix row: benchmark, metric, one cell per runtime column.
pub type MatrixRow<'a> = (String, String, Vec<Option<&'a Headline>>);

/// The headline as a matrix: one row per benchmark (with its metric), one column per
/// runtime, `None` where a runtime has no number. Returns (columns, rows).
pub fn headline_matrix(rows: &[Headline]) -> (Vec<String>, Vec<MatrixRow<'_>>) {
    let mut runtimes: Vec<String> = Vec::new();
    for h in rows {
        if !runtimes.contains(&h.runtime) {
            runtimes.push(h.runtime.clone());
        }
    }
    let mut out: Vec<MatrixRow<'_>> = Vec::new();
    for h in rows {
        let col = runtimes.iter().position(|r| *r == h.runtime).unwrap_or(0);
        match out
            .iter_mut()
            .find(|(b, m, _)| *b == h.benchmark && *m == h.metric)
        {
            Some(row) => row.2[col] = Some(h),
            None => {
                let mut cells = vec![None; runtimes.len()];
                cells[col] = Some(h);
                out.push((h.benchmark.clone(), h.metric.clone(), cells));
            }
        }
    }
    (runtimes, out)
}

impl Headline {
    /// The median in display units: `31.9 ms`, `45.3 kreq/s` (unescaped).
    pub fn median_text(&self) -> String {
        let (scale, unit) = crate::bench::display_unit(&self.unit, self.median);
        format!("{} {unit}", crate::bench::num(self.median / scale))
    }

    /// The 95% CI in the median's display scale, unitless: `31.3 … 32.4`.
    pub fn ci_text(&self) -> String {
        let (scale, _) = crate::bench::display_unit(&self.unit, self.median);
        format!(
            "{} … {}",
            crate::bench::num(self.ci.0 / scale),
            crate::bench::num(self.ci.1 / scale)
        )
    }
}

/// Metrics the headline table shows, one per benchmark (the first present).
const HEADLINE_METRICS: &[&str] = &[
    "wall",
    "time_to_first_response",
    "requests_per_second",
    "ops_per_second",
];

pub fn headline(records: &[BenchmarkRecord]) -> Vec<Headline> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in records {
        if seen.contains(&r.benchmark.as_str()) {
            continue;
        }
        seen.push(&r.benchmark);
        let Some(metric) = HEADLINE_METRICS.iter().find(|m| {
            records
                .iter()
                .any(|x| x.benchmark == r.benchmark && x.metric == **m)
        }) else {
            continue;
        };
        for x in records
            .iter()
            .filter(|x| x.benchmark == r.benchmark && x.metric == *metric)
        {
            let Some(s) = &x.summary else { continue };
            out.push(Headline {
                benchmark: x.benchmark.clone(),
                metric: x.metric.clone(),
                runtime: x.runtime.clone(),
                unit: x.unit.clone(),
                median: s.median,
                ci: (s.ci_low, s.ci_high),
                n: s.n,
                ratio: x.ratio.map(|r| r.ratio),
            });
        }
    }
    out
}

/// Writes `index.html`, `summary.md`, `charts/` and `raw/` into `out`; returns the
/// path of `index.html`.
pub fn generate(
    runs: Vec<(PathBuf, RunRecord)>,
    out: &Path,
    history: Option<&store::history::Db>,
) -> Result<PathBuf> {
    let charts_dir = out.join("charts");
    std::fs::create_dir_all(&charts_dir)
        .with_context(|| format!("creating '{}'", charts_dir.display()))?;
    let mut input = Input { runs: Vec::new() };
    for (path, run) in runs {
        let same_dir = path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .zip(out.canonicalize().ok())
            .is_some_and(|(a, b)| a == b);
        let raw_link = if same_dir {
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            let raw = out.join("raw");
            std::fs::create_dir_all(&raw)
                .with_context(|| format!("creating '{}'", raw.display()))?;
            let name = format!("{}.json", chart::stem(&run.run_id));
            std::fs::copy(&path, raw.join(&name))
                .with_context(|| format!("copying '{}' into the report", path.display()))?;
            format!("raw/{name}")
        };
        input.runs.push((Source { path, raw_link }, run));
    }
    let colours = chart::Colours::new(input.runtimes().iter().map(|r| r.name.clone()));
    let machine = input.machine();
    let benchmarks = input.benchmarks();
    let conformance: Vec<ConformanceRecord> = input.conformance().into_iter().cloned().collect();
    let mut drawn = Vec::new();
    let mut all: Vec<(String, chart::Chart)> = Vec::new();
    all.extend(
        chart::startup::charts(&benchmarks, &colours, &machine)
            .into_iter()
            .map(|(n, c)| (n, c.into())),
    );
    all.extend(chart::http::charts(&benchmarks, &colours, &machine));
    all.extend(
        chart::loops::chart(&benchmarks, &colours, &machine)
            .map(|c| ("loops".to_owned(), c.into())),
    );
    all.extend(
        chart::conformance::charts(&conformance, &machine)
            .into_iter()
            .chain(chart::conformance::interop(&conformance, &machine))
            .map(|(n, c)| (n, c.into())),
    );
    all.extend(
        chart::heatmap::charts(&conformance, &machine)
            .into_iter()
            .map(|(n, c)| (n, chart::Chart::Heatmap(c))),
    );
    if let Some(db) = history {
        let mut ids: Vec<(String, String)> = headline(&benchmarks)
            .into_iter()
            .map(|h| (h.benchmark, h.metric))
            .collect();
        ids.dedup();
        let mut suites: Vec<(String, String)> = conformance
            .iter()
            .map(|c| (c.suite.clone(), "passing".to_owned()))
            .collect();
        suites.dedup();
        ids.extend(suites);
        for (name, c) in chart::history::charts(db, &ids, &colours, &machine)? {
            all.push((name, chart::Chart::Lines(c)));
        }
    }
    for (name, c) in &all {
        drawn.push(chart::render(c, name, &charts_dir)?);
    }
    let head = headline(&benchmarks);
    let index = out.join("index.html");
    std::fs::write(&index, html::page(&input, &drawn, &head))
        .with_context(|| format!("writing '{}'", index.display()))?;
    let md = out.join("summary.md");
    std::fs::write(&md, markdown::summary(&input, &drawn, &head))
        .with_context(|| format!("writing '{}'", md.display()))?;
    Ok(index)
}

fn out_hint(out: &Option<PathBuf>) -> String {
    out.as_ref()
        .map(|o| format!(" --out {}", o.display()))
        .unwrap_or_default()
}

/// `benchmark [runtime]`: the name other tools show for one series.
pub fn series_name(r: &BenchmarkRecord) -> String {
    format!("{} [{}]", r.benchmark, r.runtime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_machine_references_of_a_merged_run_are_named_by_shard() {
        let mut run: RunRecord =
            serde_json::from_str(include_str!("../../tests/fixtures/results/v1-export.json"))
                .unwrap();
        let mut first = run.benchmarks[0].clone();
        first.shard = Some(1);
        let mut second = first.clone();
        second.shard = Some(2);
        let mut other = run.benchmarks[1].clone();
        other.shard = Some(2);
        run.benchmarks = vec![first.clone(), second, other.clone()];
        let input = Input {
            runs: vec![(
                Source {
                    path: PathBuf::from("r.json"),
                    raw_link: String::new(),
                },
                run,
            )],
        };
        let names: Vec<String> = input.benchmarks().into_iter().map(|b| b.runtime).collect();
        assert_eq!(
            names,
            [
                format!("{} · shard 1", first.runtime),
                format!("{} · shard 2", first.runtime),
                other.runtime
            ]
        );
    }
}
