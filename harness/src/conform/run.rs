//! `dyno test`: select runtimes and suites, run them through the scheduler, apply
//! expectations, print the chosen format, save the results document.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use super::expectations::Expectations;
use super::filter::Filter;
use super::output::{self, SuiteRun};
use super::test262::{self, hosts, CaseOptions, Suite};
use super::{schedule, CaseResult, Verdict};
use crate::cli::{Format, TestArgs};
use crate::config::Config;
use crate::store::{CaseRecord, ConformanceRecord};
use crate::{job, Log, UsageError};

pub fn run(config: &Config, args: &TestArgs, format: Format, log: Log) -> Result<ExitCode> {
    // Without a suite: test262 when a checkout is given, else dyno's own compat suite.
    let suites: Vec<String> = if args.suites.is_empty() {
        vec![if args.test262_dir.is_some() {
            "test262"
        } else {
            "compat"
        }
        .into()]
    } else {
        args.suites.clone()
    };
    if suites.len() > 1 {
        bail!(UsageError::new(format!(
            "dyno test runs one suite per invocation (got {}); run `dyno test test262` and `dyno test compat` separately, or `dyno run` for both",
            suites.join(", ")
        )));
    }
    for f in &args.fail_on {
        if f != "unexpected" {
            bail!(UsageError::new(format!(
                "--fail-on {f}: dyno test knows `--fail-on unexpected`"
            )));
        }
    }
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        bail!(UsageError::new(format!(
            "--timeout {}: give a positive number of seconds",
            args.timeout
        )));
    }
    match suites[0].as_str() {
        "test262" => {}
        "compat" => return super::compat::run::run(config, args, format, log),
        other => bail!(UsageError::new(format!(
            "suite '{other}': dyno test knows `test262` and `compat`"
        ))),
    }
    if format == Format::Matrix {
        bail!(UsageError::new(
            "--format matrix is the compat suite's interop matrix; use it with `dyno test compat`"
        ));
    }
    let Some(dir) = &args.test262_dir else {
        bail!(UsageError::new("test262 needs a checkout: pass --test262-dir DIR or set TEST262_DIR (dyno never ships test262)"));
    };
    let suite = Suite::open(dir)?;
    if let Some(v) = &suite.version {
        if !test262::KNOWN_VERSIONS.contains(&v.as_str()) {
            log.warn(format!("test262 version {v} is newer or older than the INTERPRETING.md contract dyno implements ({}); results may be off", test262::KNOWN_VERSIONS.join(", ")));
        }
    }
    let filter = args.filter.as_deref().map(Filter::parse).transpose()?;
    let paths = suite.discover(filter.as_ref().and_then(Filter::required_dirs).as_deref())?;
    if paths.is_empty() {
        bail!(UsageError::new(format!(
            "no test files under '{}' match; check --test262-dir and --filter",
            suite.test_dir.display()
        )));
    }

    let mut runtimes = job::discover(config, log)?;
    if config.select.is_empty() {
        // Without a selection, every runtime that has a test262 host.
        runtimes.retain(|r| hosts::factory_for(r, &config.env).is_ok());
    }
    if runtimes.is_empty() {
        bail!(UsageError::new("no runtime with a test262 host was found; build dynojs (cargo build --release) or pass --runtime"));
    }
    let factories = runtimes
        .iter()
        .map(|r| {
            hosts::factory_for(r, &config.env)
                .map_err(|why| UsageError::new(format!("--runtime {}: {why}", r.name())))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let header = if args.out.is_some() {
        Some(job::new_run(config, &mut runtimes, log)?)
    } else {
        None
    };

    let jobs = crate::conform::jobs_or_cpus(args.jobs);
    let waits = Suite::agent_tests(&paths, jobs);
    let skip_features: BTreeSet<String> = args.skip_features.iter().cloned().collect();
    let suite_label = format!(
        "test262 {}{}",
        suite
            .commit
            .as_deref()
            .map_or("(no git commit)", |c| &c[..c.len().min(10)]),
        suite
            .version
            .as_deref()
            .map(|v| format!(" (v{v})"))
            .unwrap_or_default()
    );
    if let Some(p) = &args.expectations {
        if runtimes.len() > 1 && !is_dir_path(p) {
            bail!(UsageError::new(format!(
                "--expectations {}: with several runtimes give a directory (it holds <runtime>.toml for each)",
                p.display()
            )));
        }
    }
    let mut runs = Vec::new();
    let mut exp_shas = Vec::new();
    let mut expectations_error: Option<anyhow::Error> = None;
    for (runtime, factory) in runtimes.iter().zip(&factories) {
        let name = runtime.name().to_owned();
        let exp_path = expectations_path(args.expectations.as_deref(), "test262", &name);
        let expectations = Expectations::load(&exp_path)?;
        let save_dir = args.save_failed.as_ref().map(|d| d.join(&name));
        let opts = CaseOptions {
            filter: filter.as_ref(),
            skip_features: &skip_features,
            timeout: Duration::from_secs_f64(args.timeout),
            caps: factory.caps(),
            expectations: &expectations,
            save_failed: save_dir.as_deref(),
        };
        let started = Instant::now();
        let cases = run_cases(
            &paths,
            &waits,
            jobs,
            || factory.create(),
            |host, path| test262::run_case(&suite, path, host.as_mut(), &opts),
            &expectations,
            &name,
            format,
            log,
        )?;
        let stale = settle_expectations(
            &cases,
            &expectations,
            &exp_path,
            &name,
            args,
            log,
            &mut expectations_error,
        );
        let run = SuiteRun {
            runtime: name.clone(),
            runtime_version: runtime.record.version.clone(),
            suite: "test262".into(),
            suite_label: suite_label.clone(),
            cases,
            duration_ms: started.elapsed().as_secs_f64() * 1e3,
            stale_expectations: stale,
            has_expectations: !expectations.is_empty(),
        };
        exp_shas.push(expectations.sha256.clone());
        runs.push(run);
    }

    let records: Vec<ConformanceRecord> = runs
        .iter()
        .zip(&exp_shas)
        .map(|(r, sha)| {
            record(
                r,
                suite.commit.clone(),
                suite.version.clone(),
                args.filter.clone(),
                sha.clone(),
            )
        })
        .collect();
    finish(
        args,
        format,
        log,
        &runs,
        records,
        header,
        || Ok(output::human(&runs, 40)),
        expectations_error,
    )
}

/// The end every suite shares: write the results document (`--out`) first, so nothing
/// measured is lost to a failing output; print `format` (`own` renders the suite's own
/// text: its human summary, or compat's matrix); report a failed expectations update; exit
/// 1 on unexpected results with `--fail-on unexpected`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finish(
    args: &TestArgs,
    format: Format,
    log: Log,
    runs: &[SuiteRun],
    records: Vec<ConformanceRecord>,
    header: Option<crate::store::RunRecord>,
    own: impl FnOnce() -> Result<String>,
    expectations_error: Option<anyhow::Error>,
) -> Result<ExitCode> {
    if let (Some(path), Some(mut h)) = (&args.out, header) {
        h.conformance = records.clone();
        h.finished_at = Some(chrono::Utc::now());
        h.complete = true;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating '{}'", dir.display()))?;
        }
        crate::store::write_atomic(path, &h)?;
        log.info(format!("results: {}", path.display()));
    }
    let mut stdout = std::io::stdout().lock();
    match format {
        Format::Human | Format::Matrix => stdout
            .write_all(own()?.as_bytes())
            .context("writing to stdout")?,
        Format::Junit => stdout
            .write_all(crate::report::junit::conformance(&records).as_bytes())
            .context("writing to stdout")?,
        Format::Tap => stdout
            .write_all(output::tap(runs).as_bytes())
            .context("writing to stdout")?,
        Format::Json => {
            serde_json::to_writer_pretty(&mut stdout, &records)
                .context("writing JSON to stdout")?;
            writeln!(stdout).ok();
        }
        _ => {}
    }
    if let Some(e) = expectations_error {
        return Err(e);
    }
    let unexpected: usize = runs.iter().map(|r| r.unexpected().len()).sum();
    if args.fail_on.iter().any(|f| f == "unexpected") && unexpected > 0 {
        for r in runs {
            for (id, sc, v) in r.unexpected().iter().take(50) {
                eprintln!("unexpected: {} {id} ({sc}) on {}", v.name(), r.runtime);
            }
        }
        return Ok(ExitCode::from(crate::EXIT_CHECK_FAILED));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `items` through the scheduler for one runtime: expectations applied, a progress
/// bar, JSONL printed as results arrive (`--format jsonl`); results sorted by id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_cases<I: Sync, S>(
    items: &[I],
    waits: &[bool],
    jobs: usize,
    init: impl Fn() -> Result<S> + Sync,
    work: impl Fn(&mut S, &I) -> Option<CaseResult> + Sync,
    expectations: &Expectations,
    name: &str,
    format: Format,
    log: Log,
) -> Result<Vec<CaseResult>> {
    let progress = progress_bar(log, items.len() as u64, name);
    let mut cases: Vec<CaseResult> = Vec::with_capacity(items.len());
    let (mut pass, mut fail) = (0u64, 0u64);
    let mut write_error: Option<std::io::Error> = None;
    let mut stdout = std::io::stdout().lock();
    schedule(
        items,
        waits,
        jobs,
        init,
        |state, item| {
            let result = work(state, item);
            if result.is_none() {
                progress.inc(1);
            }
            result
        },
        |mut case| {
            apply_expectations(&mut case, expectations);
            let (p, f) = tally(&case);
            (pass, fail) = (pass + p, fail + f);
            if format == Format::Jsonl && write_error.is_none() {
                for line in output::jsonl_lines(name, &case) {
                    if let Err(e) = writeln!(stdout, "{line}") {
                        write_error = Some(e);
                        break;
                    }
                }
            }
            progress.set_message(format!("{name}: {pass} ok, {fail} failing"));
            progress.inc(1);
            cases.push(case);
        },
    )?;
    progress.finish_and_clear();
    if let Some(e) = write_error {
        return Err(e).context("writing JSONL to stdout");
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(cases)
}

/// After one runtime's cases: the expectation entries whose case did not run (renamed or
/// deleted; none under a filter), and with `--update-expectations` the file rewritten from
/// this run's failures — an error there is kept in `error` for the end, so the results
/// are still written.
pub(crate) fn settle_expectations(
    cases: &[CaseResult],
    expectations: &Expectations,
    path: &std::path::Path,
    name: &str,
    args: &TestArgs,
    log: Log,
    error: &mut Option<anyhow::Error>,
) -> Vec<String> {
    let stale = stale_expectations(cases, expectations, args.filter.is_some());
    if args.update_expectations {
        if let Err(e) = update_expectations(cases, expectations, path, name, log) {
            error.get_or_insert(e);
        }
    }
    stale
}

fn stale_expectations(
    cases: &[CaseResult],
    expectations: &Expectations,
    filtered: bool,
) -> Vec<String> {
    if filtered {
        return Vec::new();
    }
    let ran: BTreeSet<String> = cases.iter().map(|c| c.id.clone()).collect();
    expectations
        .stale(&ran)
        .into_iter()
        .map(|e| e.id.clone())
        .collect()
}

/// `--update-expectations`: rewrites `path` from this run's failures. A failed write is
/// returned (and logged) so the caller still saves the run before reporting it.
fn update_expectations(
    cases: &[CaseResult],
    expectations: &Expectations,
    path: &std::path::Path,
    name: &str,
    log: Log,
) -> Result<()> {
    let failures: Vec<(String, String, String)> = cases
        .iter()
        .flat_map(|c| {
            c.scenarios
                .iter()
                .filter(|s| s.verdict.is_failure() || s.verdict == Verdict::ExpectedFail)
                .map(move |s| {
                    (
                        c.id.clone(),
                        s.scenario.clone(),
                        s.verdict.name().to_owned(),
                    )
                })
        })
        .filter(|(_, _, v)| v != "unexpected-pass")
        .collect();
    match expectations.write_updated(path, &failures) {
        Ok(()) => {
            log.info(format!(
                "{name}: wrote {} expected failures to {}",
                failures.len(),
                path.display()
            ));
            Ok(())
        }
        Err(e) => {
            log.warn(format!("{e:#}"));
            Err(e)
        }
    }
}

/// Turns failures into expected-fail and passes into unexpected-pass per expectations.
pub(crate) fn apply_expectations(case: &mut CaseResult, expectations: &Expectations) {
    if expectations.is_empty() {
        return;
    }
    for s in &mut case.scenarios {
        if expectations.get(&case.id, &s.scenario).is_some() {
            s.verdict = match s.verdict {
                Verdict::Pass => Verdict::UnexpectedPass,
                Verdict::Skip => Verdict::Skip,
                _ => Verdict::ExpectedFail,
            };
        }
    }
}

pub(crate) fn record(
    run: &SuiteRun,
    suite_version: Option<String>,
    suite_contract_version: Option<String>,
    filter: Option<String>,
    expectations_sha256: Option<String>,
) -> ConformanceRecord {
    let summary = run
        .scenario_counts()
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
    let results = run.cases.iter().flat_map(case_records).collect();
    ConformanceRecord {
        suite: run.suite.clone(),
        runtime: run.runtime.clone(),
        suite_version,
        suite_contract_version,
        filter,
        expectations_sha256,
        duration_ms: run.duration_ms,
        summary,
        results,
    }
}

/// (scenarios that pass or fail as expected, scenarios failing) of one case; skips are
/// neither. For the progress line.
pub(crate) fn tally(case: &CaseResult) -> (u64, u64) {
    case.scenarios
        .iter()
        .fold((0, 0), |(pass, fail), s| match s.verdict {
            Verdict::Pass | Verdict::ExpectedFail => (pass + 1, fail),
            Verdict::Skip => (pass, fail),
            _ => (pass, fail + 1),
        })
}

/// The stored form of one case's scenarios.
pub(crate) fn case_records(c: &CaseResult) -> Vec<CaseRecord> {
    c.scenarios
        .iter()
        .map(|s| CaseRecord {
            id: c.id.clone(),
            scenario: s.scenario.to_owned(),
            verdict: s.verdict.name().to_owned(),
            detail: s.detail.clone(),
            duration_ms: s.duration_ms,
            stdout_tail: s.stdout_tail.clone().filter(|t| !t.is_empty()),
            stderr_tail: s.stderr_tail.clone().filter(|t| !t.is_empty()),
            command: s.command.clone(),
            composed_path: s.composed_path.clone(),
        })
        .collect()
}

pub(crate) fn progress_bar(log: Log, total: u64, runtime: &str) -> indicatif::ProgressBar {
    if log.verbosity == crate::Verbosity::Quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} files {msg} [{elapsed_precise}, ETA {eta}]",
    ) {
        bar.set_style(style);
    }
    bar.set_message(runtime.to_owned());
    bar
}

/// Whether `path` names a directory: an existing one, or one written with a trailing `/`.
pub(crate) fn is_dir_path(path: &std::path::Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/')
}

/// The expectations file of `runtime`: `--expectations FILE`, `DIR/<runtime>.toml` for a
/// directory, else `suites/expectations/<suite>/<runtime>.toml`.
pub(crate) fn expectations_path(
    given: Option<&std::path::Path>,
    suite: &str,
    runtime: &str,
) -> PathBuf {
    match given {
        Some(p) if is_dir_path(p) => p.join(format!("{runtime}.toml")),
        Some(p) => p.to_path_buf(),
        None => PathBuf::from(format!("suites/expectations/{suite}/{runtime}.toml")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_paths() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            expectations_path(Some(dir.path()), "test262", "node"),
            dir.path().join("node.toml")
        );
        let fresh = PathBuf::from("/tmp/not-yet-made/");
        assert_eq!(
            expectations_path(Some(&fresh), "test262", "deno@2"),
            fresh.join("deno@2.toml")
        );
        let file = PathBuf::from("mine.toml");
        assert_eq!(expectations_path(Some(&file), "test262", "node"), file);
        assert_eq!(
            expectations_path(None, "test262", "bun"),
            PathBuf::from("suites/expectations/test262/bun.toml")
        );
    }
}
