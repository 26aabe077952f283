//! `dyno run`: the main job. Settings from dyno.toml and flags → runtimes (installing
//! pinned ones) → a [`Plan`] → the units of this shard that the journal lacks → the
//! results file, the report beside it, and the history import.
//!
//! `--resume RESULTS` reads the interrupted run's header, re-parses the command line it
//! was started with, rebuilds the plan, and refuses when the plan, the runtimes or the
//! machine changed; then it runs only the missing units into the same journal.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Parser;

use super::plan::{self, Plan, Unit};
use crate::cli::{BenchArgs, BenchKind, Cli, Command, Format, RunArgs};
use crate::config::Config;
use crate::conform::filter::Filter;
use crate::conform::planned::{PlannedCompat, PlannedSuite};
use crate::conform::test262::{hosts, Suite};
use crate::runtimes::{install, Runtime};
use crate::store::{self, Journal, PlanRecord, RunRecord, ShardSpec, UnitRecord};
use crate::{Log, UsageError};

/// Everything a run does, settled before the first unit.
struct Settings {
    /// dyno's compat suite, when selected and found.
    compat: Option<PlannedCompat>,
    /// test262, when selected and a checkout is configured.
    test262: Option<PlannedSuite>,
    /// Benchmark settings and kinds (in measuring order), when benchmarks run.
    bench: Option<(BenchArgs, Vec<BenchKind>)>,
    shard: Option<ShardSpec>,
    /// History database to import a finished whole run into.
    history: Option<PathBuf>,
    report: bool,
    /// Things skipped, said once at the start.
    notes: Vec<String>,
}

/// `dyno run`.
pub fn run_job(config: &Config, args: &RunArgs, format: Format, log: Log) -> Result<ExitCode> {
    if let Some(results) = &args.resume {
        return resume(results, args.run_id.as_deref(), format, log);
    }
    let settings = settings(config, args)?;
    install_pinned(config, log)?;
    let mut selected = super::discover(config, log)?;
    if selected.is_empty() {
        bail!(UsageError::new(
            "no runtimes to run: dynojs was not found next to dyno and none is on PATH; build it with `cargo build --release` or add one with --runtime NAME=/path/to/binary",
        ));
    }
    let plan = make_plan(&settings, &selected, config)?;
    let mut header = super::new_run(config, &mut selected, log)?;
    match (&args.run_id, settings.shard) {
        (Some(id), _) => {
            plan::check_run_id(id)?;
            header.run_id = id.clone();
        }
        (None, Some(_)) => bail!(UsageError::new(
            "--shard needs --run-id (or DYNO_RUN_ID): every shard of a run must carry the same id, e.g. --run-id nightly-$(date +%F)"
        )),
        (None, None) => {}
    }
    let planned = plan.shard(settings.shard).len() as u64;
    header.plan = Some(PlanRecord {
        sha256: plan.sha256.clone(),
        units_total: plan.units.len() as u64,
        units_planned: planned,
        units_done: 0,
        shard: settings.shard,
        missing_shards: Vec::new(),
    });
    let dir = args
        .out
        .clone()
        .or_else(|| config.run_out.clone().map(|d| d.join(&header.run_id)))
        .unwrap_or_else(|| PathBuf::from("reports").join(&header.run_id));
    let file = match settings.shard {
        Some(s) => format!("results.shard-{}-of-{}.json", s.index, s.count),
        None => "results.json".to_owned(),
    };
    let results = dir.join(file);
    for existing in [results.clone(), store::journal_path(&results)] {
        if existing.exists() {
            bail!(UsageError::new(format!(
                "'{}' already exists: continue that run with `dyno run --resume {}`, or choose another --out or --run-id",
                existing.display(),
                results.display()
            )));
        }
    }
    log.info(format!(
        "plan {}: {} units{}",
        &plan.sha256[..12],
        plan.units.len(),
        settings.shard.map_or_else(String::new, |s| format!(
            ", shard {}/{} has {planned}",
            s.index, s.count
        ))
    ));
    let journal = Journal::create(&results, header)?;
    execute(
        config, &settings, &plan, &selected, journal, &results, format, log,
    )
}

/// `dyno run --resume RESULTS`; `run_id` (from the flag or DYNO_RUN_ID, which a
/// nightly exports for all its steps) must name the same run when given.
fn resume(results: &Path, run_id: Option<&str>, format: Format, log: Log) -> Result<ExitCode> {
    let journal_file = store::journal_path(results);
    if let Ok(run) = store::read_results(results) {
        if run.complete {
            // A kill between writing the document and removing the journal leaves both.
            if journal_file.exists() {
                std::fs::remove_file(&journal_file).with_context(|| {
                    format!(
                        "removing the finished run's journal '{}'",
                        journal_file.display()
                    )
                })?;
            }
            log.info(format!(
                "'{}' is complete; nothing to resume",
                results.display()
            ));
            return Ok(ExitCode::SUCCESS);
        }
    }
    if !journal_file.exists() {
        bail!(UsageError::new(format!(
            "nothing to resume at '{}': its journal '{}' does not exist (a run keeps one until it finishes); start a new run",
            results.display(),
            journal_file.display()
        )));
    }
    let journal = Journal::reopen(results)?;
    let header = journal.run().clone();
    if let Some(id) = run_id.filter(|id| *id != header.run_id) {
        bail!(UsageError::new(format!(
            "--run-id/DYNO_RUN_ID is {id}, but '{}' is run {}; resume it without a run id or with its own",
            results.display(),
            header.run_id
        )));
    }
    let Some(plan_record) = header.plan.clone() else {
        bail!(UsageError::new(format!(
            "'{}' was not written by `dyno run` (no plan); only `dyno run` can resume",
            results.display()
        )));
    };
    // The run's own command line says what it was to do.
    let cli = Cli::try_parse_from(&header.command).map_err(|e| {
        UsageError::new(format!(
            "cannot re-read the command the run was started with ({}): {}",
            header.command.join(" "),
            e.to_string().lines().next().unwrap_or_default()
        ))
    })?;
    let Command::Run(args) = cli.command else {
        bail!(UsageError::new(format!(
            "'{}' was written by `{}`, not `dyno run`",
            results.display(),
            header.command.join(" ")
        )));
    };
    let config_path = crate::config::default_path(cli.global.config.as_deref())?;
    let config = Config::build(config_path.as_deref(), &cli.global.runtimes)?;
    let settings = settings(&config, &args)?;
    let here = crate::host::HostRecord::detect();
    if (here.hostname.as_str(), here.cpu_model.as_str())
        != (
            header.host.hostname.as_str(),
            header.host.cpu_model.as_str(),
        )
    {
        bail!(UsageError::new(format!(
            "'{}' was started on {} ({}); resume it there — units measured on two machines would be mixed in one file",
            results.display(),
            header.host.hostname,
            header.host.cpu_model
        )));
    }
    install_pinned(&config, log)?;
    let names: Vec<String> = header.runtimes.iter().map(|r| r.name.clone()).collect();
    let mut config_for_names = config.clone();
    config_for_names.select = names;
    let mut selected = super::discover(&config_for_names, log)?;
    for r in &mut selected {
        r.compute_sha256()?;
        let was = header.runtimes.iter().find(|h| h.name == r.record.name);
        if let Some(was) =
            was.filter(|w| w.sha256 != r.record.sha256 || w.version != r.record.version)
        {
            bail!(UsageError::new(format!(
                "runtime {} changed since the run started ({} → {}, executable {}); start a new run",
                was.name,
                was.version,
                r.record.version,
                r.record.path
            )));
        }
    }
    let plan = make_plan(&settings, &selected, &config)?;
    if plan.sha256 != plan_record.sha256 {
        bail!(UsageError::new(format!(
            "the plan of '{}' changed since it started (suite files, benchmark programs or settings differ: {} → {}); start a new run",
            results.display(),
            &plan_record.sha256[..12],
            &plan.sha256[..12]
        )));
    }
    let todo = plan
        .shard(settings.shard)
        .iter()
        .filter(|u| !journal.done().contains(&u.key))
        .count();
    log.info(format!(
        "resuming {}: {} of {} units done, {todo} to run",
        header.run_id,
        journal.done().len(),
        plan_record.units_planned
    ));
    execute(
        &config, &settings, &plan, &selected, journal, results, format, log,
    )
}

/// Runs the units of this shard that the journal lacks, then finishes the run.
#[allow(clippy::too_many_arguments)]
fn execute(
    config: &Config,
    settings: &Settings,
    plan: &Plan,
    selected: &[Runtime],
    mut journal: Journal,
    results: &Path,
    format: Format,
    log: Log,
) -> Result<ExitCode> {
    for n in &settings.notes {
        log.info(n);
    }
    let mine: BTreeSet<&str> = plan
        .shard(settings.shard)
        .into_iter()
        .map(|u| u.key.as_str())
        .collect();
    let outcome = run_units(config, settings, &mine, selected, &mut journal, log);
    let complete = outcome.is_ok() && mine.iter().all(|k| journal.done().contains(*k));
    let run = journal.finish(complete)?;
    if let Err(e) = outcome {
        log.warn(format!(
            "the run stopped early; what finished is in '{}' — continue with `dyno run --resume {}`",
            results.display(),
            results.display()
        ));
        return Err(e);
    }
    let report = if settings.report {
        let dir = results
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Some(crate::report::generate(
            vec![(results.to_path_buf(), run.clone())],
            &dir,
            None,
        ))
    } else {
        None
    };
    // A shard is imported after `dyno merge`, as part of its night.
    let history = match (&settings.history, settings.shard) {
        (Some(db), None) => Some(import(db, &run, results).map(|()| {
            log.info(format!(
                "history: imported {} into {}",
                run.run_id,
                db.display()
            ));
        })),
        _ => None,
    };
    print_summary(&run, results, report.as_ref(), format)?;
    // Failures after the results are saved are reported last; nothing measured is lost.
    if let Some(r) = report {
        r.with_context(|| format!("writing the report for '{}'", results.display()))?;
    }
    if let Some(h) = history {
        h?;
    }
    Ok(ExitCode::SUCCESS)
}

fn import(db: &Path, run: &RunRecord, results: &Path) -> Result<()> {
    let mut db = crate::store::history::Db::open(db)
        .map_err(|e| UsageError::new(format!("history: {e}")))?;
    db.import(run, results)
        .with_context(|| format!("importing '{}' into history", results.display()))?;
    Ok(())
}

/// The three unit kinds, in order: smoke, conformance, benchmarks.
fn run_units(
    config: &Config,
    settings: &Settings,
    mine: &BTreeSet<&str>,
    selected: &[Runtime],
    journal: &mut Journal,
    log: Log,
) -> Result<()> {
    let todo = |journal: &Journal, key: &str| mine.contains(key) && !journal.done().contains(key);
    let scratch = tempfile::Builder::new()
        .prefix("dyno-smoke-")
        .tempdir()
        .context("creating a scratch directory for the smoke script")?;
    let script = scratch.path().join("hello.js");
    std::fs::write(&script, format!("console.log({:?});\n", super::SMOKE_LINE))
        .with_context(|| format!("writing '{}'", script.display()))?;
    for runtime in selected {
        let unit = Unit::smoke(runtime.name());
        if !todo(journal, &unit.key) {
            continue;
        }
        let record = super::smoke(runtime, &script, config)?;
        log.info(format!(
            "  smoke {:<16} {}",
            record.runtime,
            if record.ok {
                format!("ok, {:.1} ms", record.wall_ms)
            } else {
                format!("FAILED ({})", record.outcome)
            }
        ));
        journal.unit(UnitRecord {
            key: unit.key,
            smoke: Some(record),
            ..UnitRecord::default()
        })?;
    }
    if let Some(suite) = &settings.compat {
        let done: BTreeSet<String> = journal.done().clone();
        let admit = |key: &str| mine.contains(key) && !done.contains(key);
        for runtime in selected {
            suite.run_on(runtime, &config.env, &admit, journal, log)?;
        }
    }
    if let Some(suite) = &settings.test262 {
        // Units done before this phase; a runtime's run adds only its own keys.
        let done: BTreeSet<String> = journal.done().clone();
        let admit = |key: &str| mine.contains(key) && !done.contains(key);
        for runtime in selected {
            suite.run_on(runtime, &config.env, &admit, journal, log)?;
        }
    }
    if let Some((bench, kinds)) = &settings.bench {
        for &kind in kinds {
            let args = BenchArgs {
                kind,
                ..bench.clone()
            };
            let todo_ids: BTreeSet<String> = crate::bench::unit_ids(&args)?
                .into_iter()
                .filter(|id| todo(journal, id))
                .collect();
            if todo_ids.is_empty() {
                continue;
            }
            let admit = |id: &str| todo_ids.contains(id);
            let units = crate::bench::Units {
                admit: Some(&admit),
                shard: settings.shard.map(|s| s.index),
            };
            crate::bench::measure(config, &args, selected, journal, units, log).1?;
        }
    }
    Ok(())
}

/// Runs and settings from dyno.toml's [run]/[test262]/[bench] with flags on top.
fn settings(config: &Config, args: &RunArgs) -> Result<Settings> {
    let run = &config.run;
    let mut notes = Vec::new();
    let suites: Vec<String> = if args.no_test {
        Vec::new()
    } else if !args.suites.is_empty() {
        args.suites.clone()
    } else {
        run.suites
            .clone()
            .unwrap_or_else(|| vec!["compat".into(), "test262".into()])
    };
    let explicit = !args.suites.is_empty() || run.suites.is_some();
    let mut test262 = None;
    let mut compat = None;
    for s in &suites {
        match s.as_str() {
            "compat" => {
                let dir = args
                    .compat_dir
                    .clone()
                    .unwrap_or_else(|| PathBuf::from(crate::conform::compat::DEFAULT_DIR));
                if dir.join("_harness/prelude.cjs").is_file() || explicit {
                    compat = Some(open_compat(&dir)?);
                } else {
                    notes.push(format!(
                        "compat suite: '{}' not found (run from the dyno checkout or pass --compat-dir); skipped",
                        dir.display()
                    ));
                }
            }
            "test262" => {
                let dir = args.test262_dir.clone().or_else(|| run.test262.dir.clone());
                match dir {
                    Some(d) => test262 = Some(open_test262(&d, run)?),
                    None if explicit => bail!(UsageError::new(
                        "test262 is selected but no checkout is configured: pass --test262-dir DIR, set TEST262_DIR, or [test262] dir in dyno.toml"
                    )),
                    None => notes.push(
                        "test262: no checkout configured (TEST262_DIR, --test262-dir or [test262] dir); skipped".to_owned(),
                    ),
                }
            }
            other => bail!(UsageError::new(format!(
                "--suite {other}: dyno run knows `compat` and `test262`"
            ))),
        }
    }
    let kinds: Vec<BenchKind> = match &run.benchmarks {
        None => vec![BenchKind::Startup, BenchKind::Loop, BenchKind::Http],
        Some(list) => [
            ("startup", BenchKind::Startup),
            ("loop", BenchKind::Loop),
            ("http", BenchKind::Http),
        ]
        .into_iter()
        .filter(|(name, _)| list.iter().any(|l| l == name))
        .map(|(_, k)| k)
        .collect(),
    };
    let bench = if args.no_bench || kinds.is_empty() {
        None
    } else {
        let mut b = run.bench.clone();
        if !args.only.is_empty() {
            b.only = args.only.clone();
        }
        Some((b, kinds))
    };
    Ok(Settings {
        compat,
        test262,
        bench,
        shard: args.shard,
        history: args.history.clone().or_else(|| run.history.clone()),
        report: !args.no_report,
        notes,
    })
}

/// The compat suite as `dyno run` runs it: every case, `dyno test`'s defaults (10 s per
/// case, one job per CPU).
fn open_compat(dir: &Path) -> Result<PlannedCompat> {
    let suite = crate::conform::compat::Suite::open(dir)?;
    let cases = crate::conform::compat::load_all(&suite, None)?;
    Ok(PlannedCompat {
        suite,
        cases,
        timeout: std::time::Duration::from_secs(10),
        jobs: crate::conform::jobs_or_cpus(None),
        expectations: None,
    })
}

fn open_test262(dir: &Path, run: &crate::config::RunConfig) -> Result<PlannedSuite> {
    let t = &run.test262;
    let suite = Suite::open(dir)?;
    let filter = t
        .filter
        .as_deref()
        .map(|text| Filter::parse(text).map(|f| (text.to_owned(), f)))
        .transpose()?;
    let paths = suite.discover(
        filter
            .as_ref()
            .and_then(|(_, f)| f.required_dirs())
            .as_deref(),
    )?;
    if paths.is_empty() {
        bail!(UsageError::new(format!(
            "no test files under '{}' match; check [test262] dir and filter",
            suite.test_dir.display()
        )));
    }
    Ok(PlannedSuite {
        suite,
        paths,
        filter,
        skip_features: t.skip_features.iter().cloned().collect(),
        timeout: std::time::Duration::from_secs_f64(t.timeout_s.unwrap_or(10.0)),
        jobs: crate::conform::jobs_or_cpus(t.jobs),
        expectations: t.expectations.clone(),
    })
}

/// Installs `[run] install` runtimes that the cache lacks (each is idempotent).
fn install_pinned(config: &Config, log: Log) -> Result<()> {
    for spec in &config.run.install {
        let parsed = install::parse_spec(spec)?;
        let (installed, existed) = install::install(&parsed, &config.cache_dir)
            .with_context(|| format!("installing {spec} ([run] install in dyno.toml)"))?;
        if !existed {
            log.info(format!("installed {}", installed.display_name()));
        }
    }
    Ok(())
}

/// The whole plan: smoke per runtime, test files per runtime with a test262 host, and
/// benchmarks.
fn make_plan(settings: &Settings, selected: &[Runtime], config: &Config) -> Result<Plan> {
    let names: Vec<String> = selected.iter().map(|r| r.name().to_owned()).collect();
    let mut units: Vec<Unit> = names.iter().map(|n| Unit::smoke(n)).collect();
    let mut described = serde_json::Map::new();
    if let Some(c) = &settings.compat {
        let ids = c.ids();
        for r in selected {
            if r.command(crate::runtimes::Invocation::Module(Path::new("x.mjs")))
                .is_none()
            {
                continue;
            }
            units.extend(
                ids.iter()
                    .map(|id| Unit::case(PlannedCompat::NAME, id, r.name())),
            );
        }
        described.insert(
            "compat".into(),
            serde_json::json!({
                "commit": c.suite.commit,
                "timeout_s": c.timeout.as_secs_f64(),
            }),
        );
    }
    if let Some(t) = &settings.test262 {
        let ids = t.ids();
        for r in selected {
            if hosts::factory_for(r, &config.env).is_err() {
                continue;
            }
            units.extend(
                ids.iter()
                    .map(|id| Unit::case(PlannedSuite::NAME, id, r.name())),
            );
        }
        described.insert(
            "test262".into(),
            serde_json::json!({
                "commit": t.suite.commit,
                "version": t.suite.version,
                "filter": t.filter.as_ref().map(|(s, _)| s),
                "skip_features": t.skip_features,
                "timeout_s": t.timeout.as_secs_f64(),
            }),
        );
    }
    if let Some((b, kinds)) = &settings.bench {
        for &kind in kinds {
            let args = BenchArgs { kind, ..b.clone() };
            units.extend(
                crate::bench::unit_ids(&args)?
                    .iter()
                    .map(|id| Unit::benchmark(id)),
            );
        }
        described.insert(
            "bench".into(),
            serde_json::json!({
                "warmup_runs": b.warmup_runs,
                "runs": b.runs,
                "ci_target": b.ci_target,
                "min_runs": b.min_runs,
                "max_runs": b.max_runs,
                "connections": b.connections,
                "duration_s": b.duration.map(|d| d.as_secs_f64()),
                "warmup_s": b.warmup.map(|d| d.as_secs_f64()),
                "repeat": b.repeat,
                "rate": b.rate,
                "server_cpus": b.server_cpus.as_ref().map(|c| c.0.clone()),
                "client_cpus": b.client_cpus.as_ref().map(|c| c.0.clone()),
            }),
        );
    }
    Ok(Plan::new(
        &names,
        &serde_json::Value::Object(described).to_string(),
        units,
    ))
}

fn print_summary(
    run: &RunRecord,
    results: &Path,
    report: Option<&Result<PathBuf>>,
    format: Format,
) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, run).context("writing JSON to stdout")?;
        writeln!(out).ok();
        return Ok(());
    }
    let rows: Vec<Vec<String>> = run
        .smoke
        .iter()
        .map(|s| {
            let rt = run.runtimes.iter().find(|r| r.name == s.runtime);
            vec![
                s.runtime.clone(),
                rt.map_or_else(String::new, |r| r.version.clone()),
                rt.map_or_else(String::new, |r| {
                    format!("{} {}", r.engine, r.engine_version)
                }),
                if s.ok {
                    "ok".into()
                } else {
                    format!("FAIL: {}", s.outcome)
                },
                format!("{:.1}", s.wall_ms),
                format!("{:.1}", s.max_rss_bytes as f64 / 1048576.0),
            ]
        })
        .collect();
    if !rows.is_empty() {
        super::write_table(
            &mut out,
            &[
                "runtime",
                "version",
                "engine",
                "smoke",
                "wall_ms",
                "max_rss_mib",
            ],
            &rows,
        )?;
        writeln!(out).ok();
    }
    for c in &run.conformance {
        let total: u64 = c.summary.values().sum();
        let passing = c.summary.get("pass").copied().unwrap_or(0)
            + c.summary.get("expected-fail").copied().unwrap_or(0);
        writeln!(
            out,
            "{} on {}: {passing} of {total} scenarios pass or fail as expected",
            c.suite, c.runtime
        )
        .ok();
    }
    if !run.conformance.is_empty() {
        writeln!(out).ok();
    }
    crate::bench::print(&run.benchmarks, format)?;
    if let Some(p) = &run.plan {
        let part = p
            .shard
            .map_or_else(String::new, |s| format!(" (shard {}/{})", s.index, s.count));
        writeln!(
            out,
            "units: {} of {}{part}{}",
            p.units_done,
            p.units_planned,
            if run.complete { "" } else { " — incomplete" }
        )
        .ok();
    }
    writeln!(out, "results: {}", results.display()).ok();
    if let Some(Ok(index)) = report {
        writeln!(out, "report: {}", index.display()).ok();
    }
    Ok(())
}
