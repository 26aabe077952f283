//! Conformance inside `dyno run`: the test files of a plan's shard, one runtime at a
//! time, each finished file journaled as one unit (so a killed run resumes from the
//! files it has). The same scheduler and verdicts as `dyno test`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::expectations::Expectations;
use super::filter::Filter;
use super::run::{apply_expectations, case_records, expectations_path, progress_bar, tally};
use super::schedule;
use super::test262::{hosts, CaseOptions, Suite};
use crate::job::plan::case_key;
use crate::runtimes::Runtime;
use crate::store::{ConformanceRecord, Journal, UnitRecord};
use crate::Log;

/// test262 as a `dyno run` configures it.
pub struct PlannedSuite {
    pub suite: Suite,
    /// Test files after the directory part of the filter, in discovery order.
    pub paths: Vec<PathBuf>,
    pub filter: Option<(String, Filter)>,
    pub skip_features: BTreeSet<String>,
    pub timeout: Duration,
    pub jobs: usize,
    /// `--expectations`: a directory of `<runtime>.toml`, or the default location.
    pub expectations: Option<PathBuf>,
}

impl PlannedSuite {
    /// The suite's name in results (`test262`).
    pub const NAME: &'static str = "test262";

    /// Case ids, in discovery order.
    pub fn ids(&self) -> Vec<String> {
        self.paths.iter().map(|p| self.suite.id_of(p)).collect()
    }

    /// Runs the files `admit` lets through on `runtime`, journaling each.
    pub fn run_on(
        &self,
        runtime: &Runtime,
        env: &crate::proc::Environment,
        admit: &dyn Fn(&str) -> bool,
        journal: &mut Journal,
        log: Log,
    ) -> Result<()> {
        let name = runtime.name().to_owned();
        let todo: Vec<PathBuf> = self
            .paths
            .iter()
            .filter(|p| admit(&case_key(Self::NAME, &self.suite.id_of(p), &name)))
            .cloned()
            .collect();
        if todo.is_empty() {
            return Ok(());
        }
        let factory = hosts::factory_for(runtime, env)
            .map_err(|why| anyhow::anyhow!("{name} has no test262 host: {why}"))?;
        let exp_path = expectations_path(self.expectations.as_deref(), Self::NAME, &name);
        let expectations = Expectations::load(&exp_path)?;
        let record = ConformanceRecord {
            suite: Self::NAME.into(),
            runtime: name.clone(),
            suite_version: self.suite.commit.clone(),
            suite_contract_version: self.suite.version.clone(),
            filter: self.filter.as_ref().map(|(text, _)| text.clone()),
            expectations_sha256: expectations.sha256.clone(),
            duration_ms: 0.0,
            summary: Default::default(),
            results: Vec::new(),
        };
        let opts = CaseOptions {
            filter: self.filter.as_ref().map(|(_, f)| f),
            skip_features: &self.skip_features,
            timeout: self.timeout,
            caps: factory.caps(),
            expectations: &expectations,
            save_failed: None,
        };
        let waits = Suite::agent_tests(&todo, self.jobs);
        run_journaled(
            record,
            &todo,
            &waits,
            self.jobs,
            || factory.create(),
            // A file the filter excludes is a finished unit with no scenarios.
            |host, path| {
                (
                    self.suite.id_of(path),
                    super::test262::run_case(&self.suite, path, host.as_mut(), &opts),
                )
            },
            &expectations,
            journal,
            log,
        )
    }
}

/// Runs `items` on one runtime through the scheduler and journals each finished case as
/// one unit under `record`'s suite (so a killed run resumes from the cases it has).
/// `work` returns the case id and its result (`None`: filtered out, no scenarios).
#[allow(clippy::too_many_arguments)]
pub(crate) fn run_journaled<I: Sync, S>(
    record: ConformanceRecord,
    items: &[I],
    waits: &[bool],
    jobs: usize,
    init: impl Fn() -> Result<S> + Sync,
    work: impl Fn(&mut S, &I) -> (String, Option<super::CaseResult>) + Sync,
    expectations: &Expectations,
    journal: &mut Journal,
    log: Log,
) -> Result<()> {
    let suite = record.suite.clone();
    let name = record.runtime.clone();
    journal.suite(record)?;
    let progress = progress_bar(log, items.len() as u64, &name);
    let started = Instant::now();
    let (mut pass, mut fail) = (0u64, 0u64);
    let mut failure: Option<anyhow::Error> = None;
    schedule(
        items,
        waits,
        jobs,
        init,
        |state, item| Some(work(state, item)),
        |(id, case)| {
            progress.inc(1);
            if failure.is_some() {
                return;
            }
            let records = match case {
                Some(mut case) => {
                    apply_expectations(&mut case, expectations);
                    let (p, f) = tally(&case);
                    (pass, fail) = (pass + p, fail + f);
                    case_records(&case)
                }
                None => Vec::new(),
            };
            progress.set_message(format!("{name}: {pass} ok, {fail} failing"));
            let unit = UnitRecord {
                key: case_key(&suite, &id, &name),
                cases: Some((suite.clone(), name.clone(), records)),
                ..UnitRecord::default()
            };
            if let Err(e) = journal.unit(unit) {
                failure = Some(e);
            }
        },
    )?;
    progress.finish_and_clear();
    if let Some(e) = failure {
        return Err(e);
    }
    journal.suite_time(&suite, &name, started.elapsed().as_secs_f64() * 1e3)?;
    log.info(format!(
        "  {suite} {name:<16} {pass} passing, {fail} failing ({} files)",
        items.len()
    ));
    Ok(())
}

/// The compat suite as `dyno run` configures it.
pub struct PlannedCompat {
    pub suite: super::compat::Suite,
    pub cases: Vec<super::compat::Loaded>,
    pub timeout: Duration,
    pub jobs: usize,
    /// A directory of `<runtime>.toml`, or the default location.
    pub expectations: Option<PathBuf>,
}

impl PlannedCompat {
    /// The suite's name in results (`compat`).
    pub const NAME: &'static str = "compat";

    /// Case ids, in discovery order.
    pub fn ids(&self) -> Vec<String> {
        self.cases
            .iter()
            .map(|c| match c {
                Ok(case) => case.id.clone(),
                Err((id, _)) => id.clone(),
            })
            .collect()
    }

    /// Probes `runtime` once, then runs the cases `admit` lets through, journaling each.
    pub fn run_on(
        &self,
        runtime: &Runtime,
        env: &crate::proc::Environment,
        admit: &dyn Fn(&str) -> bool,
        journal: &mut Journal,
        log: Log,
    ) -> Result<()> {
        use super::compat::{self, run};
        let name = runtime.name().to_owned();
        let todo: Vec<&compat::Loaded> = self
            .cases
            .iter()
            .zip(self.ids())
            .filter(|(_, id)| admit(&case_key(Self::NAME, id, &name)))
            .map(|(c, _)| c)
            .collect();
        if todo.is_empty() {
            return Ok(());
        }
        let expectations = Expectations::load(&expectations_path(
            self.expectations.as_deref(),
            Self::NAME,
            &name,
        ))?;
        let opts = run::CaseRun::prepare(
            runtime,
            env,
            &compat::requirement_tokens(&self.cases),
            self.timeout,
            log,
        );
        let record = ConformanceRecord {
            suite: Self::NAME.into(),
            runtime: name.clone(),
            suite_version: self.suite.commit.clone(),
            suite_contract_version: None,
            filter: None,
            expectations_sha256: expectations.sha256.clone(),
            duration_ms: 0.0,
            summary: Default::default(),
            results: Vec::new(),
        };
        run_journaled(
            record,
            &todo,
            &[],
            self.jobs,
            || Ok(()),
            |_, case| {
                let result = run::run_loaded(case, &opts);
                (result.id.clone(), Some(result))
            },
            &expectations,
            journal,
            log,
        )
    }
}
