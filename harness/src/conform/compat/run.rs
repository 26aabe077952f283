//! `dyno test compat`: probe each runtime's capabilities once, run every case through the
//! shared scheduler (one process per case), classify, apply expectations, and end like
//! every suite (formats, results file, `--fail-on`) — plus the per-area table and the
//! interop matrix.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};

use super::{classify, file_result, matrix, missing, probe, Case, Suite};
use crate::cli::{Format, TestArgs};
use crate::config::Config;
use crate::conform::expectations::Expectations;
use crate::conform::filter::Filter;
use crate::conform::output::SuiteRun;
use crate::conform::run::{
    expectations_path, finish, is_dir_path, record, run_cases, settle_expectations,
};
use crate::conform::{CaseResult, Verdict};
use crate::proc::{self, Environment, Limits, ProcSpec};
use crate::runtimes::{Invocation, Runtime};
use crate::{job, Log, UsageError};

/// Output kept per stream: a file prints one line per subtest, so this bounds a flood
/// without cutting an honest file's report.
const CAPTURE_BYTES: usize = 1024 * 1024;

pub fn run(config: &Config, args: &TestArgs, format: Format, log: Log) -> Result<ExitCode> {
    if args.save_failed.is_some() || !args.skip_features.is_empty() {
        bail!(UsageError::new(
            "--save-failed and --skip-feature are test262 options; a compat case runs as it is (`node suites/compat/<area>/<case>.mjs`) and --filter selects cases"
        ));
    }
    let root = args
        .compat_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(super::DEFAULT_DIR));
    let suite = Suite::open(&root)?;
    let filter = args.filter.as_deref().map(Filter::parse).transpose()?;
    let loaded = super::load_all(&suite, filter.as_ref())?;
    if loaded.is_empty() {
        bail!(UsageError::new(format!(
            "no compat cases under '{}' match; check --compat-dir and --filter",
            root.display()
        )));
    }
    let mut runtimes = job::discover(config, log)?;
    if config.select.is_empty() {
        runtimes.retain(|r| r.command(Invocation::Module(Path::new("x.mjs"))).is_some());
    }
    if runtimes.is_empty() {
        bail!(UsageError::new("no runtime that runs ES modules was found; build dynojs (cargo build --release) or pass --runtime"));
    }
    if let Some(p) = &args.expectations {
        if runtimes.len() > 1 && !is_dir_path(p) {
            bail!(UsageError::new(format!(
                "--expectations {}: with several runtimes give a directory (it holds <runtime>.toml for each)",
                p.display()
            )));
        }
    }
    let header = if args.out.is_some() {
        Some(job::new_run(config, &mut runtimes, log)?)
    } else {
        None
    };
    let jobs = crate::conform::jobs_or_cpus(args.jobs);
    let tokens = super::requirement_tokens(&loaded);
    let label = format!(
        "compat {}",
        suite
            .commit
            .as_deref()
            .map_or("(no git commit)", |c| &c[..c.len().min(10)])
    );
    let mut runs = Vec::new();
    let mut exp_shas = Vec::new();
    let mut expectations_error = None;
    for runtime in &runtimes {
        let name = runtime.name().to_owned();
        let exp_path = expectations_path(args.expectations.as_deref(), "compat", &name);
        let expectations = Expectations::load(&exp_path)?;
        let opts = CaseRun::prepare(
            runtime,
            &config.env,
            &tokens,
            Duration::from_secs_f64(args.timeout),
            log,
        );
        let started = Instant::now();
        let cases = run_cases(
            &loaded,
            &[],
            jobs,
            || Ok(()),
            |_, case| Some(run_loaded(case, &opts)),
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
        exp_shas.push(expectations.sha256.clone());
        runs.push(SuiteRun {
            runtime: name,
            runtime_version: runtime.record.version.clone(),
            suite: "compat".into(),
            suite_label: label.clone(),
            cases,
            duration_ms: started.elapsed().as_secs_f64() * 1e3,
            stale_expectations: stale,
            has_expectations: !expectations.is_empty(),
        });
    }
    let records = runs
        .iter()
        .zip(exp_shas)
        .map(|(r, sha)| record(r, suite.commit.clone(), None, args.filter.clone(), sha))
        .collect();
    let own = || -> Result<String> {
        if format != Format::Matrix {
            return Ok(matrix::area_table(&runs));
        }
        let m = matrix::Matrix::build(&runs);
        let dir = PathBuf::from("reports/compat");
        m.write(&dir)?;
        log.info(format!(
            "interop matrix: {} and {}",
            dir.join("matrix.md").display(),
            dir.join("matrix.json").display()
        ));
        Ok(m.markdown())
    };
    finish(
        args,
        format,
        log,
        &runs,
        records,
        header,
        own,
        expectations_error,
    )
}

/// What applies to every case on one runtime.
pub struct CaseRun<'a> {
    pub runtime: &'a Runtime,
    /// The children's environment: the run's, plus NO_COLOR and the child-runtime argv.
    pub env: Environment,
    /// Capabilities the probe found.
    pub caps: BTreeSet<String>,
    /// `--timeout`; a case's `timeout:` replaces it.
    pub timeout: Duration,
}

impl<'a> CaseRun<'a> {
    /// Probes `runtime` for `tokens` (a probe that fails is logged, and every case with
    /// `requires` is then skipped) and settles the environment its cases run in.
    pub fn prepare(
        runtime: &'a Runtime,
        env: &Environment,
        tokens: &BTreeSet<String>,
        timeout: Duration,
        log: Log,
    ) -> Self {
        let caps = probe::probe(runtime, tokens, env).unwrap_or_else(|e| {
            log.warn(format!(
                "{}: capability probe failed ({e:#}); every compat case with `requires` is skipped",
                runtime.name()
            ));
            BTreeSet::new()
        });
        let mut env = env.clone();
        // Plain output: tests read stderr, and a colour escape would split a message.
        env.set("NO_COLOR", "1");
        let placeholder = PathBuf::from(super::FILE_PLACEHOLDER);
        if let Some((program, args)) = runtime.command(Invocation::Module(&placeholder)) {
            let argv: Vec<String> = std::iter::once(program.to_string_lossy().into_owned())
                .chain(args.iter().map(|a| a.to_string_lossy().into_owned()))
                .collect();
            env.set(
                super::RUNTIME_VAR,
                serde_json::to_string(&argv).unwrap_or_default(),
            );
        }
        CaseRun {
            runtime,
            env,
            caps,
            timeout,
        }
    }
}

/// Runs a loaded case; a case whose frontmatter is broken is a harness error.
pub fn run_loaded(case: &super::Loaded, opts: &CaseRun<'_>) -> CaseResult {
    match case {
        Ok(case) => run_case(case, opts),
        Err((id, why)) => file_result(id, Verdict::HarnessError, format!("frontmatter: {why}")),
    }
}

/// Runs one case on one runtime: skip(host-capability) when a requirement is missing,
/// else one process, classified.
pub fn run_case(case: &Case, opts: &CaseRun<'_>) -> CaseResult {
    let lacking = missing(case, &opts.caps);
    if !lacking.is_empty() {
        return file_result(
            &case.id,
            Verdict::Skip,
            format!("host-capability: no {}", lacking.join(", ")),
        );
    }
    let Some(spec) = spec_for(case, opts) else {
        return file_result(
            &case.id,
            Verdict::Skip,
            format!(
                "host-capability: {} cannot run .{} files",
                opts.runtime.name(),
                case.path.extension().unwrap_or_default().to_string_lossy()
            ),
        );
    };
    run_spec(&case.id, &spec)
}

/// Runs a prepared process and classifies what it printed (also the mutation check's
/// entry point, with its own node command line).
pub fn run_spec(id: &str, spec: &ProcSpec) -> CaseResult {
    let started = Instant::now();
    match proc::run(spec) {
        Ok(result) => classify(id, &result, started.elapsed()),
        Err(e) => file_result(id, Verdict::HarnessError, format!("{e:#}")),
    }
}

/// The process for `case`: the runtime's module or script invocation, in the prepared
/// environment, with the case's limits.
pub fn spec_for(case: &Case, opts: &CaseRun<'_>) -> Option<ProcSpec> {
    let invocation = if case.path.extension().is_some_and(|e| e == "cjs") {
        Invocation::Script(&case.path)
    } else {
        Invocation::Module(&case.path)
    };
    let mut spec = opts.runtime.spec(invocation, &opts.env)?;
    spec.limits = limits(
        case.meta
            .timeout
            .map_or(opts.timeout, Duration::from_secs_f64),
    );
    Some(spec)
}

/// Limits for one case file.
pub fn limits(wall: Duration) -> Limits {
    Limits {
        wall,
        capture_bytes: CAPTURE_BYTES,
        ..Limits::default()
    }
}
