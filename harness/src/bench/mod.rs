//! `dyno bench`: start-up, HTTP and event-loop benchmarks with one method.
//!
//! Data flow: the selected runtimes and the benchmark programs (suites/bench/<kind>/ or
//! the user's) → one *unit* per benchmark, in which every runtime is measured side by
//! side on this machine (alternating run by run) → per runtime and metric, the raw
//! samples, their [`Summary`](crate::stats::Summary) and the ratio to the first selected
//! runtime → the run's journal as each unit finishes (a crash keeps finished units) →
//! human tables or JSON summaries on stdout.

pub mod http;
mod loops;
pub mod startup;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use serde_json::json;

use crate::cli::{BenchArgs, BenchKind, Format};
use crate::config::Config;
use crate::runtimes::{sha256_file, Invocation, Runtime};
use crate::stats::{self, Summary};
use crate::store::{BenchmarkRecord, Journal, RatioRecord};
use crate::{job, Log, UsageError};

/// A benchmark program on disk.
#[derive(Debug, Clone)]
pub struct Program {
    /// File name, used in benchmark ids (`hello.js`).
    pub name: String,
    pub path: PathBuf,
    pub sha256: String,
}

impl Program {
    pub fn load(path: &Path) -> Result<Program> {
        if !path.is_file() {
            bail!(UsageError::new(format!(
                "benchmark program '{}' does not exist (or is not a file)",
                path.display()
            )));
        }
        let path = std::fs::canonicalize(path)
            .with_context(|| format!("resolving '{}'", path.display()))?;
        Ok(Program {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256: sha256_file(&path)?,
            path,
        })
    }
}

impl Program {
    /// How to run this program: `.mjs` as an ES module, anything else as a script.
    pub fn invocation(&self) -> Invocation<'_> {
        if self.path.extension().is_some_and(|e| e == "mjs") {
            Invocation::Module(&self.path)
        } else {
            Invocation::Script(&self.path)
        }
    }

    /// The command that runs this program once on `runtime` with a wall-clock limit, or
    /// why there is none.
    pub fn spec_on(
        &self,
        runtime: &Runtime,
        env: &crate::proc::Environment,
        wall: std::time::Duration,
        death_signal: bool,
    ) -> Result<crate::proc::ProcSpec, String> {
        let mut spec = runtime
            .spec(self.invocation(), env)
            .ok_or_else(|| format!("{} cannot run {}", runtime.name(), self.name))?;
        spec.limits.wall = wall;
        spec.death_signal = death_signal;
        Ok(spec)
    }
}

/// One metric's samples for one runtime.
pub struct Metric {
    pub name: &'static str,
    pub unit: &'static str,
    pub higher_is_better: bool,
    pub samples: Vec<f64>,
}

impl Metric {
    pub fn new(
        name: &'static str,
        unit: &'static str,
        higher_is_better: bool,
        samples: Vec<f64>,
    ) -> Self {
        Metric {
            name,
            unit,
            higher_is_better,
            samples,
        }
    }
}

/// Everything measured for one runtime in one benchmark.
pub struct Sample {
    pub benchmark: String,
    // (`distribution` is stored on the first latency metric.)
    pub runtime: String,
    pub program: Option<Program>,
    pub command: Option<String>,
    pub error: Option<String>,
    pub params: serde_json::Map<String, serde_json::Value>,
    pub metrics: Vec<Metric>,
    pub distribution: Vec<[f64; 2]>,
    pub warnings: Vec<String>,
}

/// State shared by the benchmark kinds during one `dyno bench`.
pub struct Ctx<'a> {
    pub config: &'a Config,
    pub args: &'a BenchArgs,
    pub runtimes: &'a [Runtime],
    pub log: Log,
    /// suites/bench, when found.
    pub suites: Option<PathBuf>,
    journal: &'a mut Journal,
    /// Records of the unit in progress (ratios are computed when it finishes).
    pending: Vec<BenchmarkRecord>,
    pub done: Vec<BenchmarkRecord>,
    /// Which units run in this invocation (its shard, minus what a resumed run has).
    admit: Option<&'a dyn Fn(&str) -> bool>,
    /// The shard measuring, recorded on every benchmark record of a sharded run.
    shard: Option<u32>,
}

/// How `dyno run` narrows the benchmarks: a unit predicate and the shard's index.
#[derive(Clone, Copy, Default)]
pub struct Units<'a> {
    /// Runs benchmark unit `id` here?
    pub admit: Option<&'a dyn Fn(&str) -> bool>,
    pub shard: Option<u32>,
}

/// Whether benchmark `id` passes `--bench` (substring match, like cargo bench).
pub fn chosen(only: &[String], id: &str) -> bool {
    only.is_empty() || only.iter().any(|o| id.contains(o.as_str()))
}

impl Ctx<'_> {
    /// Whether benchmark `id` runs: it passes `--bench` and belongs to this invocation.
    pub fn selected(&self, id: &str) -> bool {
        chosen(&self.args.only, id) && self.admit.is_none_or(|admit| admit(id))
    }

    pub fn progress(&self, len: u64, what: &str) -> indicatif::ProgressBar {
        if self.log.verbosity == crate::Verbosity::Quiet {
            return indicatif::ProgressBar::hidden();
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(len),
            indicatif::ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:32} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(what.to_owned());
        bar
    }

    /// Adds one runtime's measurements to the unit in progress.
    pub fn record(&mut self, sample: Sample) -> Result<()> {
        let params: BTreeMap<String, serde_json::Value> = sample.params.into_iter().collect();
        let program_path = sample.program.as_ref().map(|p| self.shown_path(&p.path));
        let mut first = true;
        // The latency curve belongs with the first latency metric (else the first one).
        let curve_on = sample
            .metrics
            .iter()
            .position(|m| m.name.starts_with("latency"))
            .unwrap_or(0);
        for (i, metric) in sample.metrics.into_iter().enumerate() {
            let summary = Summary::of(&metric.samples);
            let error = sample
                .error
                .clone()
                .or_else(|| (metric.samples.is_empty() && first).then(|| "no samples".to_owned()));
            self.pending.push(BenchmarkRecord {
                benchmark: sample.benchmark.clone(),
                runtime: sample.runtime.clone(),
                metric: metric.name.to_owned(),
                unit: metric.unit.to_owned(),
                higher_is_better: metric.higher_is_better,
                program: program_path.clone(),
                program_sha256: sample.program.as_ref().map(|p| p.sha256.clone()),
                command: sample.command.clone(),
                samples: metric.samples,
                summary,
                ratio: None,
                error,
                params: params.clone(),
                distribution: if i == curve_on {
                    sample.distribution.clone()
                } else {
                    Vec::new()
                },
                warnings: sample.warnings.clone(),
                shard: None,
            });
            first = false;
        }
        Ok(())
    }

    /// Ends unit `id`: ratios to the first runtime, then into the journal as one line.
    pub fn finish_unit(&mut self, id: &str) -> Result<()> {
        let mut records = std::mem::take(&mut self.pending);
        add_ratios(&mut records);
        for r in &mut records {
            r.shard = self.shard;
        }
        self.journal.unit(crate::store::UnitRecord {
            key: id.to_owned(),
            benchmarks: records.clone(),
            // Measured here without being one of this invocation's units: a reference.
            reference: self.admit.is_some_and(|admit| !admit(id)),
            ..Default::default()
        })?;
        self.done.extend(records);
        Ok(())
    }

    fn shown_path(&self, path: &Path) -> String {
        let root = self.suites.as_ref().and_then(|s| s.parent()?.parent());
        root.and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }
}

/// For each benchmark × metric: the ratio of every runtime's median to the first
/// record's (the first selected runtime that has samples).
fn add_ratios(records: &mut [BenchmarkRecord]) {
    let mut base: BTreeMap<(String, String), Vec<f64>> = BTreeMap::new();
    for r in records.iter() {
        if !r.samples.is_empty() {
            base.entry((r.benchmark.clone(), r.metric.clone()))
                .or_insert_with(|| r.samples.clone());
        }
    }
    for r in records.iter_mut() {
        if let Some(b) = base.get(&(r.benchmark.clone(), r.metric.clone())) {
            r.ratio = stats::ratio_of_medians(&r.samples, b).map(|x| RatioRecord {
                ratio: x.ratio,
                ci_low: x.ci_low,
                ci_high: x.ci_high,
            });
        }
    }
}

/// Finds suites/bench: next to the current directory or one of its parents, or in the
/// checkout dyno was built from.
pub fn find_suites() -> Option<PathBuf> {
    let from_cwd = std::env::current_dir().ok().and_then(|d| {
        d.ancestors()
            .map(|a| a.join("suites/bench"))
            .find(|p| p.is_dir())
    });
    from_cwd.or_else(|| {
        let built = Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/bench");
        built.is_dir().then_some(built)
    })
}

/// The programs of one kind: the user's PROGRAM arguments, else suites/bench/<kind>/*.
pub fn programs_in(ctx: &Ctx<'_>, kind: &str, extensions: &[&str]) -> Result<Vec<Program>> {
    if !ctx.args.programs.is_empty() {
        return ctx.args.programs.iter().map(|p| Program::load(p)).collect();
    }
    let Some(suites) = &ctx.suites else {
        bail!(UsageError::new(
            "cannot find suites/bench (run dyno inside the dyno checkout) — or pass your own PROGRAM files"
        ));
    };
    program_paths(&suites.join(kind), extensions)?
        .iter()
        .map(|p| Program::load(p))
        .collect()
}

/// The files in `dir` with one of `extensions`, sorted by name.
fn program_paths(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading '{}'", dir.display()))? {
        let path = entry?.path();
        if path.is_file()
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        {
            out.push(path);
        }
    }
    out.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(out)
}

/// The ids of the benchmark units `args` selects from suites/bench (what `dyno run`
/// plans): one per program and kind, plus start-up's first response and the HTTP suite.
pub fn unit_ids(args: &BenchArgs) -> Result<Vec<String>> {
    let Some(suites) = find_suites() else {
        bail!(UsageError::new(
            "cannot find suites/bench (run dyno inside the dyno checkout), or pass --no-bench"
        ));
    };
    let kinds = match args.kind {
        BenchKind::All => vec![BenchKind::Startup, BenchKind::Loop, BenchKind::Http],
        k => vec![k],
    };
    let mut ids = Vec::new();
    for kind in kinds {
        match kind {
            BenchKind::Startup => {
                for p in program_paths(&suites.join("startup"), startup::EXTENSIONS)? {
                    ids.push(format!("startup/{}", file_name(&p)));
                }
                ids.push(startup::FIRST_RESPONSE.to_owned());
            }
            BenchKind::Loop => {
                for p in program_paths(&suites.join("loop"), loops::EXTENSIONS)? {
                    ids.push(format!("loop/{}", file_name(&p)));
                }
            }
            BenchKind::Http => ids.extend(http::bench_ids().into_iter().map(str::to_owned)),
            BenchKind::All => {}
        }
    }
    ids.retain(|id| chosen(&args.only, id));
    Ok(ids)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(crate) fn check_args(args: &BenchArgs) -> Result<()> {
    let usage = |m: String| -> Result<()> { Err(UsageError::new(m).into()) };
    if !(args.ci_target > 0.0 && args.ci_target < 1.0) {
        return usage(format!(
            "--ci-target {}: give a fraction between 0 and 1 (0.02 = ±2%)",
            args.ci_target
        ));
    }
    if args.min_runs > args.max_runs {
        return usage(format!(
            "--min-runs {} is above --max-runs {}",
            args.min_runs, args.max_runs
        ));
    }
    if args.runs == Some(0) || args.repeat == Some(0) {
        return usage("--runs and --repeat must be at least 1".into());
    }
    if args.connections.contains(&0) {
        return usage("--connections: every level must be at least 1".into());
    }
    if let Some(rate) = args.rate {
        if !(rate.is_finite() && rate > 0.0) {
            return usage(format!("--rate {rate}: give requests per second above 0"));
        }
    }
    for p in &args.programs {
        if !p.is_file() {
            return usage(format!(
                "benchmark program '{}' does not exist (or is not a file)",
                p.display()
            ));
        }
    }
    if let Some(url) = &args.url {
        http::parse_url(url)?;
    }
    if !args.programs.is_empty() && matches!(args.kind, BenchKind::All | BenchKind::Http) {
        return usage(
            "PROGRAM files go with `dyno bench startup` or `dyno bench loop`; for HTTP use --server 'CMD' or --url".into(),
        );
    }
    Ok(())
}

pub fn run(config: &Config, args: &BenchArgs, format: Format, log: Log) -> Result<ExitCode> {
    check_args(args)?;
    let mut runtimes = job::discover(config, log)?;
    if runtimes.is_empty() && args.url.is_none() && args.server.is_none() {
        bail!(UsageError::new("no runtimes to benchmark: build dynojs (cargo build --release) or pass --runtime NAME=/path/to/binary"));
    }
    let header = job::new_run(config, &mut runtimes, log)?;
    let path = args.out.clone().unwrap_or_else(|| {
        config
            .run_out
            .clone()
            .unwrap_or_else(|| PathBuf::from("reports"))
            .join(&header.run_id)
            .join("results.json")
    });
    let mut journal = Journal::create(&path, header)?;
    let (done, outcome) = measure(config, args, &runtimes, &mut journal, Units::default(), log);
    // Keep what was measured even when a later step failed.
    journal.finish(outcome.is_ok())?;
    outcome?;
    print(&done, format)?;
    // Machine-readable formats own stdout; the path is a log line for them.
    if format == Format::Human {
        println!("results: {}", path.display());
    } else {
        log.info(format!("results: {}", path.display()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The benchmark settings `dyno run` uses: every kind, sized to finish in a few minutes.
pub fn quick_args() -> BenchArgs {
    BenchArgs {
        kind: BenchKind::All,
        programs: Vec::new(),
        out: None,
        only: Vec::new(),
        warmup_runs: 2,
        runs: None,
        ci_target: 0.02,
        min_runs: 10,
        max_runs: 40,
        connections: vec![64],
        duration: Some(std::time::Duration::from_secs(2)),
        requests: None,
        rate: None,
        warmup: Some(std::time::Duration::from_millis(500)),
        repeat: Some(3),
        server_cpus: None,
        client_cpus: None,
        server: None,
        port: None,
        url: None,
    }
}

/// Runs the benchmarks `args` select into `journal`; returns the records and whether
/// every step finished.
pub fn measure(
    config: &Config,
    args: &BenchArgs,
    runtimes: &[Runtime],
    journal: &mut Journal,
    units: Units<'_>,
    log: Log,
) -> (Vec<BenchmarkRecord>, Result<()>) {
    let mut ctx = Ctx {
        admit: units.admit,
        shard: units.shard,
        config,
        args,
        runtimes,
        log,
        suites: find_suites(),
        journal,
        pending: Vec::new(),
        done: Vec::new(),
    };
    let kinds: &[BenchKind] = match args.kind {
        BenchKind::All => &[BenchKind::Startup, BenchKind::Loop, BenchKind::Http],
        BenchKind::Startup => &[BenchKind::Startup],
        BenchKind::Loop => &[BenchKind::Loop],
        BenchKind::Http => &[BenchKind::Http],
    };
    let mut outcome = Ok(());
    for kind in kinds {
        let step = match kind {
            BenchKind::Startup => startup::programs(&ctx).and_then(|p| startup::run(&mut ctx, &p)),
            BenchKind::Loop => loops::programs(&ctx).and_then(|p| loops::run(&mut ctx, &p)),
            BenchKind::Http => http::run(&mut ctx),
            BenchKind::All => Ok(()),
        };
        if let Err(e) = step {
            outcome = Err(e);
            break;
        }
    }
    (ctx.done, outcome)
}

/// Prints benchmark records as tables (human) or summaries (JSON) on stdout.
pub fn print(done: &[BenchmarkRecord], format: Format) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if let Some(text) = crate::report::benchmarks(done, format) {
        out.write_all(text?.as_bytes())
            .context("writing the export to stdout")?;
    } else if format == Format::Json {
        let rows: Vec<serde_json::Value> = done
            .iter()
            .map(|r| {
                json!({
                    "benchmark": r.benchmark,
                    "runtime": r.runtime,
                    "metric": r.metric,
                    "unit": r.unit,
                    "median": r.summary.as_ref().map(|s| s.median),
                    "ci_low": r.summary.as_ref().map(|s| s.ci_low),
                    "ci_high": r.summary.as_ref().map(|s| s.ci_high),
                    "samples": r.samples.len(),
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &rows).context("writing JSON to stdout")?;
        writeln!(out).ok();
    } else {
        human(&mut out, done)?;
    }
    Ok(())
}

/// Metrics shown in the terminal tables (all of them are in the results file).
pub(crate) const HEADLINE: &[&str] = &[
    "wall",
    "max_rss",
    "time_to_first_response",
    "ops_per_second",
    "requests_per_second",
    "latency_p50",
    "latency_p99",
    "server_cpu_per_request",
    "server_rss",
];

fn human(out: &mut impl Write, records: &[BenchmarkRecord]) -> Result<()> {
    let mut order: Vec<&str> = Vec::new();
    for r in records {
        if !order.contains(&r.benchmark.as_str()) {
            order.push(&r.benchmark);
        }
    }
    for bench in order {
        writeln!(out, "{bench}").ok();
        let mut rows = Vec::new();
        let mut errors: Vec<String> = Vec::new();
        for r in records.iter().filter(|r| r.benchmark == bench) {
            if !HEADLINE.contains(&r.metric.as_str()) {
                continue;
            }
            let Some(s) = &r.summary else {
                if let Some(e) = &r.error {
                    let line = format!(
                        "  {} failed: {}",
                        r.runtime,
                        e.lines().next().unwrap_or_default()
                    );
                    if !errors.contains(&line) {
                        errors.push(line);
                    }
                }
                continue;
            };
            let (scale, unit) = display_unit(&r.unit, s.median);
            rows.push(vec![
                r.runtime.clone(),
                r.metric.clone(),
                format!("{} {unit}", num(s.median / scale)),
                format!("[{} .. {}]", num(s.ci_low / scale), num(s.ci_high / scale)),
                format!("{} ± {}", num(s.mean / scale), num(s.stddev / scale)),
                num(s.min / scale),
                s.n.to_string(),
                r.ratio
                    .map(|x| format!("{:.2}x [{:.2}..{:.2}]", x.ratio, x.ci_low, x.ci_high))
                    .unwrap_or_default(),
            ]);
        }
        job::write_table(
            out,
            &[
                "  runtime",
                "metric",
                "median",
                "95% CI",
                "mean ± σ",
                "min",
                "n",
                "ratio",
            ],
            &rows
                .into_iter()
                .map(|mut r| {
                    r[0] = format!("  {}", r[0]);
                    r
                })
                .collect::<Vec<_>>(),
        )?;
        let warnings: Vec<String> = records
            .iter()
            .filter(|r| r.benchmark == bench && r.metric == first_metric(records, bench))
            .flat_map(|r| {
                r.warnings
                    .iter()
                    .map(move |w| format!("  note ({}): {w}", r.runtime))
            })
            .collect();
        for w in warnings {
            writeln!(out, "{w}").ok();
        }
        for e in errors {
            writeln!(out, "{}", truncate(&e, 300)).ok();
        }
        writeln!(out).ok();
    }
    Ok(())
}

fn first_metric<'a>(records: &'a [BenchmarkRecord], bench: &str) -> &'a str {
    records
        .iter()
        .find(|r| r.benchmark == bench)
        .map_or("", |r| r.metric.as_str())
}

pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// A readable scale for a unit: bytes as MiB, large rates in thousands.
pub(crate) fn display_unit(unit: &str, value: f64) -> (f64, String) {
    match unit {
        "bytes" => (1048576.0, "MiB".into()),
        "req/s" | "ops/s" if value >= 10_000.0 => (1000.0, format!("k{unit}")),
        u => (1.0, u.to_owned()),
    }
}

pub(crate) fn num(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}
