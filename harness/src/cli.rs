//! Command-line types (clap derive). Nothing here does work; [`crate::run`] dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A dynamometer for JavaScript runtimes: conformance and benchmarks across node, deno,
/// bun, QuickJS, LLRT and dynojs.
#[derive(Debug, Parser)]
#[command(name = "dyno", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Select a runtime by name (repeatable), or add one: NAME=PATH, or 'NAME=CMD --flag ...'
    /// for a variant (e.g. node-jitless='node --jitless').
    #[arg(
        long = "runtime",
        short = 'r',
        global = true,
        value_name = "NAME[=CMD]"
    )]
    pub runtimes: Vec<String>,
    /// Config file (default: ./dyno.toml when present).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to print on stdout; progress and logs always go to stderr.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Less output on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// More output on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// Formats for stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Jsonl,
    Junit,
    Tap,
    Md,
    /// CSV of benchmark summaries.
    Csv,
    /// Bencher Metric Format JSON.
    Bmf,
    /// github-action-benchmark, tool customSmallerIsBetter (times, memory).
    CustomSmallerIsBetter,
    /// github-action-benchmark, tool customBiggerIsBetter (throughput).
    CustomBiggerIsBetter,
    /// The compat interop matrix (Markdown on stdout; Markdown and JSON in reports/compat/).
    Matrix,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Junit => "junit",
            Format::Tap => "tap",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Bmf => "bmf",
            Format::CustomSmallerIsBetter => "custom-smaller-is-better",
            Format::CustomBiggerIsBetter => "custom-bigger-is-better",
            Format::Matrix => "matrix",
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List discovered runtimes, or install some from the npm registry.
    Runtimes(RuntimesArgs),
    /// Run conformance suites: `compat`, `test262`, or a path.
    Test(TestArgs),
    /// Run benchmarks.
    Bench(BenchArgs),
    /// The main job: every capability on the selected runtimes, then the report.
    Run(RunArgs),
    /// Compare two results files, or runtimes inside one.
    Compare(CompareArgs),
    /// Render charts, HTML and Markdown from results files.
    Report(ReportArgs),
    /// The history store of past runs.
    History(HistoryArgs),
    /// Merge shard results into one file.
    Merge(MergeArgs),
    /// dyno's own helpers, started by dyno itself (the HTTP ceiling server).
    #[command(hide = true)]
    Internal {
        #[command(subcommand)]
        what: Internal,
    },
}

#[derive(Debug, Subcommand)]
pub enum Internal {
    /// A minimal hyper hello-world server on 127.0.0.1:$PORT (the HTTP ceiling).
    CeilingServer,
}

#[derive(Debug, Args)]
pub struct RuntimesArgs {
    #[command(subcommand)]
    pub action: Option<RuntimesAction>,
}

#[derive(Debug, Subcommand)]
pub enum RuntimesAction {
    /// Install runtimes from the npm registry into dyno's cache: node@22 bun deno@2.9
    Install {
        /// NAME[@VERSION-RANGE]; NAME is node, bun or deno. Default: dyno.toml's
        /// [run] install list (the pinned runtimes of a nightly).
        #[arg(value_name = "SPEC")]
        specs: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Suites: test262 or compat (one per invocation).
    #[arg(value_name = "SUITE")]
    pub suites: Vec<String>,
    /// The compat suite's directory (default: suites/compat of the dyno checkout).
    #[arg(long, env = "DYNO_COMPAT_DIR", value_name = "DIR")]
    pub compat_dir: Option<PathBuf>,
    /// Root of a test262 checkout.
    #[arg(long, env = "TEST262_DIR", value_name = "DIR")]
    pub test262_dir: Option<PathBuf>,
    /// Save the full results document here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Parallel workers (default: the number of CPUs).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Per-scenario timeout in seconds.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub timeout: f64,
    /// Which tests: dir:, feature:, flag:, include:, id: atoms with & | ! ( ).
    #[arg(long, value_name = "EXPR")]
    pub filter: Option<String>,
    /// Skip tests that use this feature (repeatable), counted as skip(feature).
    #[arg(long = "skip-feature", value_name = "NAME")]
    pub skip_features: Vec<String>,
    /// Expectations file, or a directory of <runtime>.toml files (default:
    /// suites/expectations/<suite>/<runtime>.toml if present).
    #[arg(long, value_name = "FILE")]
    pub expectations: Option<PathBuf>,
    /// Rewrite the expectations file from this run's failures.
    #[arg(long)]
    pub update_expectations: bool,
    /// Exit 1 when results differ from expectations: `unexpected`.
    #[arg(long = "fail-on", value_name = "WHAT")]
    pub fail_on: Vec<String>,
    /// Write the composed source of every non-passing scenario under DIR.
    #[arg(long, value_name = "DIR")]
    pub save_failed: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchKind {
    Startup,
    Http,
    Loop,
    All,
}

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// startup, http, loop, or all of them.
    #[arg(value_enum, default_value_t = BenchKind::All)]
    pub kind: BenchKind,
    /// Your own programs instead of suites/bench/<kind>/ (startup and loop).
    #[arg(value_name = "PROGRAM")]
    pub programs: Vec<PathBuf>,
    /// Save the full results document here (default: reports/<run-id>/results.json).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only benchmarks whose id contains one of these (repeatable): `hello`, `http/json`.
    #[arg(long = "bench", short = 'b', value_name = "TEXT")]
    pub only: Vec<String>,
    /// Start-up: unmeasured runs of each runtime before sampling.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub warmup_runs: u32,
    /// Start-up: exactly N samples per runtime (no stopping rule).
    #[arg(long, value_name = "N")]
    pub runs: Option<u32>,
    /// Start-up: sample until the 95% CI of every median is within this (0.02 = ±2%)...
    #[arg(long, value_name = "FRACTION", default_value_t = 0.02)]
    pub ci_target: f64,
    /// ...but at least this many samples...
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub min_runs: u32,
    /// ...and at most this many.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_runs: u32,
    /// HTTP: concurrent connections; several give a sweep.
    #[arg(long, value_delimiter = ',', value_name = "N,N,...")]
    pub connections: Vec<usize>,
    /// HTTP: measured time per load run (10s, 500ms, 1m).
    #[arg(long, value_name = "TIME", value_parser = parse_duration)]
    pub duration: Option<std::time::Duration>,
    /// HTTP: stop each load run after N responses instead of after --duration.
    #[arg(long, value_name = "N", conflicts_with = "duration")]
    pub requests: Option<u64>,
    /// HTTP: open-loop constant rate (requests per second, all connections together).
    #[arg(long, value_name = "REQ/S")]
    pub rate: Option<f64>,
    /// HTTP: unmeasured load before each measured window.
    #[arg(long, value_name = "TIME", value_parser = parse_duration)]
    pub warmup: Option<std::time::Duration>,
    /// HTTP and loop: interleaved repetitions per runtime (each one sample).
    #[arg(long, value_name = "N")]
    pub repeat: Option<u32>,
    /// HTTP: CPUs for the server (e.g. 0 or 0-1 or 0,2); default: the first half.
    #[arg(long, value_name = "CPUS", value_parser = parse_cpus)]
    pub server_cpus: Option<CpuList>,
    /// HTTP: CPUs for dyno's load generator; default: the second half.
    #[arg(long, value_name = "CPUS", value_parser = parse_cpus)]
    pub client_cpus: Option<CpuList>,
    /// HTTP: benchmark your own server command (prints `DYNO_READY port=N`, or give --port).
    #[arg(long, value_name = "CMD", conflicts_with = "url")]
    pub server: Option<String>,
    /// HTTP: the port --server listens on, when it prints no readiness line.
    #[arg(long, value_name = "PORT", requires = "server")]
    pub port: Option<u16>,
    /// HTTP: load an already running server (loopback unless you name another host).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

/// Parses `10s`, `500ms`, `2m`, `1.5s` (a bare number is seconds).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t, 1.0)
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a duration; write 10s, 500ms or 2m"))?;
    if !(value.is_finite() && value > 0.0) {
        return Err(format!("'{text}': a duration must be positive"));
    }
    Ok(std::time::Duration::from_secs_f64(value * scale))
}

/// A set of CPU numbers, from `1`, `0-3` or `0,2,4-5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CpuList(pub Vec<usize>);

/// Parses a CPU list: `1`, `0-3`, `0,2,4-5`.
pub fn parse_cpus(text: &str) -> Result<CpuList, String> {
    let bad = || format!("'{text}' is not a CPU list; write 1, 0-3 or 0,2,4-5");
    let mut out = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        if let Some((a, b)) = part.split_once('-') {
            let (a, b): (usize, usize) = (
                a.trim().parse().map_err(|_| bad())?,
                b.trim().parse().map_err(|_| bad())?,
            );
            if a > b {
                return Err(bad());
            }
            out.extend(a..=b);
        } else {
            out.push(part.parse().map_err(|_| bad())?);
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(CpuList(out))
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Output directory (default: reports/<run-id>, or [run] out in dyno.toml).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Skip the benchmarks.
    #[arg(long)]
    pub no_bench: bool,
    /// Skip the conformance suites.
    #[arg(long)]
    pub no_test: bool,
    /// Only the benchmarks whose id contains one of these (repeatable).
    #[arg(long = "bench", short = 'b', value_name = "TEXT")]
    pub only: Vec<String>,
    /// Suites to run (repeatable): compat, test262 (default: both; test262 needs a checkout).
    #[arg(long = "suite", value_name = "SUITE")]
    pub suites: Vec<String>,
    /// Root of a test262 checkout (or [test262] dir in dyno.toml).
    #[arg(long, env = "TEST262_DIR", value_name = "DIR")]
    pub test262_dir: Option<PathBuf>,
    /// The compat suite's directory (default: suites/compat of the dyno checkout).
    #[arg(long, env = "DYNO_COMPAT_DIR", value_name = "DIR")]
    pub compat_dir: Option<PathBuf>,
    /// Run part I of N of the plan (1-based); N machines with 1/N..N/N run it all.
    #[arg(long, value_name = "I/N", value_parser = crate::job::plan::parse_shard)]
    pub shard: Option<crate::store::ShardSpec>,
    /// The run id (shards of one run share it; default: a new one from the time).
    #[arg(long, env = "DYNO_RUN_ID", value_name = "ID")]
    pub run_id: Option<String>,
    /// Continue an interrupted run from its results file, running only missing units.
    #[arg(long, value_name = "RESULTS", conflicts_with_all = ["out", "shard", "no_bench", "no_test", "only", "suites"])]
    pub resume: Option<PathBuf>,
    /// Import the finished run into this history database ([run] history in dyno.toml).
    #[arg(long, value_name = "DB")]
    pub history: Option<PathBuf>,
    /// Do not write the HTML/Markdown report beside the results.
    #[arg(long)]
    pub no_report: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The baseline results file.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// The results file to judge against BASE (omit it to compare --runtimes A,B in BASE).
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// With one file: compare runtime B against A. With two: only these runtimes.
    #[arg(long = "runtimes", value_delimiter = ',', value_name = "A,B")]
    pub compare_runtimes: Vec<String>,
    /// Smallest change that counts (5% or 0.05); default 5% or dyno.toml's [compare].
    #[arg(long, value_name = "PERCENT", value_parser = crate::compare::parse_threshold)]
    pub threshold: Option<f64>,
    /// Significance level of the Mann-Whitney U test (default 0.05).
    #[arg(long, value_name = "P")]
    pub alpha: Option<f64>,
    /// Exit 1 on: regression (benchmarks), conformance (newly failing tests), or both.
    #[arg(long = "fail-on", value_name = "CHECK")]
    pub fail_on: Vec<String>,
    /// Compare even across machines, methodology versions, suite commits or changed programs.
    #[arg(long)]
    pub force: bool,
    /// Only benchmarks whose id contains one of these (repeatable).
    #[arg(long = "bench", short = 'b', value_name = "TEXT")]
    pub only: Vec<String>,
    /// Only these metrics (repeatable): wall, requests_per_second, ...
    #[arg(long = "metric", value_name = "NAME")]
    pub metrics: Vec<String>,
    /// Show unchanged secondary metrics too.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Results files; several are concatenated (one per runtime or shard).
    #[arg(required = true, value_name = "RESULTS")]
    pub results: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, value_name = "DIR", conflicts_with = "publish")]
    pub out: Option<PathBuf>,
    /// A history database (`dyno history`): adds night-by-night charts.
    #[arg(long, value_name = "DB")]
    pub history: Option<PathBuf>,
    /// Publish into DIR atomically: written aside, then swapped into place, so readers
    /// never see a half-written report.
    #[arg(long, value_name = "DIR")]
    pub publish: Option<PathBuf>,
    /// Publish even an incomplete run (missing shards or units); every page says so.
    #[arg(long)]
    pub allow_partial: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The history database (SQLite; created when absent).
    #[arg(long, value_name = "FILE", default_value = crate::store::history::DEFAULT_DB)]
    pub db: PathBuf,
    #[command(subcommand)]
    pub action: HistoryAction,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Import results files (idempotent by run id).
    Import {
        #[arg(required = true, value_name = "RESULTS")]
        results: Vec<PathBuf>,
    },
    /// List stored runs, oldest first.
    List,
    /// One benchmark's series night by night, or a suite's passing scenarios
    /// (--runtime R to pick runtimes).
    Show {
        /// Benchmark id (`startup/hello.js`) or suite name (`test262`).
        benchmark: String,
        /// Metric (default: the headline one: wall, requests_per_second, ops_per_second).
        #[arg(long, value_name = "NAME")]
        metric: Option<String>,
    },
    /// Change points in every series, flaky and newly failing tests, bisect ranges.
    Trend {
        /// Nights that define the normal band.
        #[arg(long, value_name = "K", default_value_t = 20)]
        window: usize,
        /// Smallest relative change ever flagged (0.02 = 2%).
        #[arg(long, value_name = "FRACTION", default_value_t = 0.02)]
        min_change: f64,
        /// Only this benchmark id.
        #[arg(long = "bench", short = 'b', value_name = "ID")]
        only: Option<String>,
        /// Only this metric.
        #[arg(long, value_name = "NAME")]
        metric: Option<String>,
        /// Exit 1 when the newest night has a regression (benchmarks) or newly failing,
        /// non-flaky tests (conformance).
        #[arg(long = "fail-on", value_name = "CHECK")]
        fail_on: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' results files (`dyno run --shard I/N`), all of one run.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Where to write the merged results.
    #[arg(long, required = true, value_name = "FILE")]
    pub out: PathBuf,
    /// Merge even with shards missing; the result is marked partial.
    #[arg(long)]
    pub allow_partial: bool,
}
