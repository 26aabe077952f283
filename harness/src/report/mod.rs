//! `dyno report`: what results files become for readers and for other tools.
//!
//! The exports that CI dashboards read are here, one file per format: CSV of benchmark
//! summaries, github-action-benchmark's custom JSON, Bencher Metric Format, and JUnit XML
//! of conformance results. `dyno bench`, `dyno test` and `dyno report` print them with
//! `--format`. Charts and the HTML/Markdown report are not implemented yet.

pub mod bmf;
pub mod csv;
pub mod github;
pub mod junit;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::cli::{Format, ReportArgs};
use crate::store::{self, BenchmarkRecord, ConformanceRecord};
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

/// `dyno report RESULTS... --format FORMAT`: several files are concatenated in order.
pub fn run(args: &ReportArgs, format: Format, log: Log) -> Result<ExitCode> {
    let mut benchmarks = Vec::new();
    let mut conformance: Vec<ConformanceRecord> = Vec::new();
    for path in &args.results {
        let run = store::read_results(path).map_err(|e| UsageError::new(e.to_string()))?;
        log.debug(format!(
            "{}: run {} with {} benchmark records",
            path.display(),
            run.run_id,
            run.benchmarks.len()
        ));
        benchmarks.extend(run.benchmarks);
        conformance.extend(run.conformance);
    }
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
                "the HTML and Markdown report (`dyno report{}`) is not implemented yet; this dyno exports results with --format csv, bmf, custom-smaller-is-better, custom-bigger-is-better, junit or json",
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

fn out_hint(out: &Option<PathBuf>) -> String {
    out.as_ref()
        .map(|o| format!(" --out {}", o.display()))
        .unwrap_or_default()
}

/// `benchmark [runtime]`: the name other tools show for one series.
pub fn series_name(r: &BenchmarkRecord) -> String {
    format!("{} [{}]", r.benchmark, r.runtime)
}
