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
        /// NAME[@VERSION-RANGE]; NAME is node, bun or deno.
        #[arg(required = true, value_name = "SPEC")]
        specs: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Suites: test262 (compat and paths come with their issues).
    #[arg(value_name = "SUITE")]
    pub suites: Vec<String>,
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
    /// Expectations file (default: suites/expectations/<suite>/<runtime>.toml if present).
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

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(value_enum, default_value_t = BenchKind::All)]
    pub kind: BenchKind,
    /// Save the full results document here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Output directory (default: reports/<run-id>).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Compare these runtimes inside one file: a,b
    #[arg(long = "runtimes", value_delimiter = ',', value_name = "A,B")]
    pub compare_runtimes: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(required = true, value_name = "RESULTS")]
    pub results: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub action: HistoryAction,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// Import results files (idempotent by run id).
    Import {
        #[arg(required = true)]
        results: Vec<PathBuf>,
    },
    /// List stored runs.
    List,
    /// One benchmark's series.
    Show { benchmark: String },
    /// Change points.
    Trend,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[arg(long, required = true, value_name = "FILE")]
    pub out: PathBuf,
}
