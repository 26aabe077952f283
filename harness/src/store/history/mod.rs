//! `dyno history`: past runs in an SQLite database, their series, and change detection.
//!
//! Data flow: `import` reads results files ([`crate::store::read_results`]) and inserts
//! each run once (idempotent by run id, one transaction per run) → `list` and `show`
//! read runs and series back in `created_at` order → [`trend`] applies the IQR band rule
//! per series and the flip rule per conformance test, and names the runs to bisect between.

pub mod db;
pub mod output;
pub mod trend;

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::store::RunRecord;
pub use db::{Db, HistoryError};

/// Default database path, relative to the working directory.
pub const DEFAULT_DB: &str = "reports/history.db";

/// What an import did with one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Imported {
    /// Inserted, with this many benchmark records and case verdicts.
    New { benchmarks: usize, cases: usize },
    /// The run id was already there; nothing changed.
    AlreadyPresent,
}

/// A run as stored.
#[derive(Debug, Clone, Serialize)]
pub struct RunRow {
    pub run_id: String,
    pub created_at: String,
    pub dyno_version: String,
    pub git_commit: Option<String>,
    pub hostname: String,
    pub complete: bool,
    /// `name version` of each runtime.
    pub runtimes: Vec<String>,
    pub benchmarks: i64,
    pub suites: i64,
}

/// One night of a benchmark series.
#[derive(Debug, Clone, Serialize)]
pub struct Point {
    pub run_id: String,
    pub created_at: String,
    pub git_commit: Option<String>,
    /// The runtime's version in that run.
    pub runtime_version: Option<String>,
    pub runtime_sha256: Option<String>,
    pub median: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub n: i64,
}

/// A benchmark series key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SeriesKey {
    pub benchmark: String,
    pub runtime: String,
    pub metric: String,
}

/// A series with its direction and unit.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    #[serde(flatten)]
    pub key: SeriesKey,
    pub unit: String,
    pub higher_is_better: bool,
    /// Not a runtime of its runs (the floor, the HTTP ceiling): it tracks the machine.
    pub reference: bool,
    pub points: Vec<Point>,
}

impl Db {
    /// Imports one run; a run id already present is left as it is.
    pub fn import(&mut self, run: &RunRecord, source: &Path) -> Result<Imported, HistoryError> {
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM runs WHERE run_id = ?1", [&run.run_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))?;
        if exists.is_some() {
            return Ok(Imported::AlreadyPresent);
        }
        let path = self.path.clone();
        let sql = |source| HistoryError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute(
            "INSERT INTO runs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                run.run_id,
                run.created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                run.dyno_version,
                run.methodology_version,
                run.project.git_commit,
                run.host.cpu_model,
                run.host.cores as i64,
                run.host.hostname,
                run.complete,
                source.display().to_string(),
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            ],
        )
        .map_err(sql)?;
        for r in &run.runtimes {
            tx.execute(
                "INSERT INTO runtimes VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![run.run_id, r.name, r.kind, r.version, r.engine, r.sha256],
            )
            .map_err(sql)?;
        }
        let mut benchmarks = 0;
        {
            let mut insert = tx
                .prepare("INSERT OR REPLACE INTO benchmarks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
                .map_err(sql)?;
            for b in &run.benchmarks {
                let s = b.summary.as_ref();
                insert
                    .execute(params![
                        run.run_id,
                        b.benchmark,
                        b.runtime,
                        b.metric,
                        b.unit,
                        b.higher_is_better,
                        b.samples.len() as i64,
                        s.map(|s| s.median),
                        s.map(|s| s.ci_low),
                        s.map(|s| s.ci_high),
                        b.program_sha256,
                        serde_json::to_string(&b.samples).unwrap_or_else(|_| "[]".into()),
                        b.error,
                    ])
                    .map_err(sql)?;
                benchmarks += 1;
            }
        }
        let mut cases = 0;
        {
            let mut suite = tx
                .prepare("INSERT OR REPLACE INTO suites VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .map_err(sql)?;
            let mut case = tx
                .prepare("INSERT OR REPLACE INTO cases VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .map_err(sql)?;
            for c in &run.conformance {
                let passed = c
                    .results
                    .iter()
                    .filter(|r| trend::passing(&r.verdict))
                    .count() as i64;
                suite
                    .execute(params![
                        run.run_id,
                        c.suite,
                        c.runtime,
                        c.suite_version,
                        c.results.len() as i64,
                        passed
                    ])
                    .map_err(sql)?;
                for r in &c.results {
                    case.execute(params![
                        run.run_id, c.suite, c.runtime, r.id, r.scenario, r.verdict
                    ])
                    .map_err(sql)?;
                    cases += 1;
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(Imported::New { benchmarks, cases })
    }

    /// Every run, oldest first.
    pub fn runs(&self) -> Result<Vec<RunRow>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.run_id, r.created_at, r.dyno_version, r.git_commit, r.hostname, r.complete,
                    (SELECT group_concat(name || ' ' || version, ', ') FROM runtimes t WHERE t.run_id = r.run_id),
                    (SELECT count(*) FROM benchmarks b WHERE b.run_id = r.run_id),
                    (SELECT count(*) FROM suites s WHERE s.run_id = r.run_id)
                 FROM runs r ORDER BY r.created_at, r.run_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let runtimes: Option<String> = r.get(6)?;
                Ok(RunRow {
                    run_id: r.get(0)?,
                    created_at: r.get(1)?,
                    dyno_version: r.get(2)?,
                    git_commit: r.get(3)?,
                    hostname: r.get(4)?,
                    complete: r.get(5)?,
                    runtimes: runtimes
                        .map(|s| s.split(", ").map(str::to_owned).collect())
                        .unwrap_or_default(),
                    benchmarks: r.get(7)?,
                    suites: r.get(8)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Series matching the filters (empty filter: any), each oldest first.
    pub fn series(
        &self,
        benchmark: Option<&str>,
        runtime: Option<&str>,
        metric: Option<&str>,
    ) -> Result<Vec<Series>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT b.benchmark, b.runtime, b.metric, b.unit, b.higher_is_better,
                        r.run_id, r.created_at, r.git_commit, t.version, t.sha256,
                        b.median, b.ci_low, b.ci_high, b.n
                 FROM benchmarks b
                 JOIN runs r ON r.run_id = b.run_id
                 LEFT JOIN runtimes t ON t.run_id = b.run_id AND t.name = b.runtime
                 WHERE b.median IS NOT NULL
                   AND (?1 IS NULL OR b.benchmark = ?1)
                   AND (?2 IS NULL OR b.runtime = ?2)
                   AND (?3 IS NULL OR b.metric = ?3)
                 ORDER BY b.benchmark, b.runtime, b.metric, r.created_at, r.run_id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query(params![benchmark, runtime, metric])
            .map_err(|e| self.err(e))?;
        let mut out: Vec<Series> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |e| self.err(e);
            let key = SeriesKey {
                benchmark: r.get(0).map_err(get)?,
                runtime: r.get(1).map_err(get)?,
                metric: r.get(2).map_err(get)?,
            };
            let point = Point {
                run_id: r.get(5).map_err(get)?,
                created_at: r.get(6).map_err(get)?,
                git_commit: r.get(7).map_err(get)?,
                runtime_version: r.get(8).map_err(get)?,
                runtime_sha256: r.get(9).map_err(get)?,
                median: r.get(10).map_err(get)?,
                ci_low: r.get(11).map_err(get)?,
                ci_high: r.get(12).map_err(get)?,
                n: r.get(13).map_err(get)?,
            };
            match out.last_mut() {
                Some(s) if s.key == key => s.points.push(point),
                _ => out.push(Series {
                    key,
                    unit: r.get(3).map_err(get)?,
                    higher_is_better: r.get(4).map_err(get)?,
                    reference: point.runtime_version.is_none(),
                    points: vec![point],
                }),
            }
        }
        Ok(out)
    }

    /// A suite's passing scenarios night by night, one series per runtime (metric
    /// `passing`, `n` = scenarios run).
    pub fn suite_series(&self, suite: &str) -> Result<Vec<Series>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.runtime, r.run_id, r.created_at, r.git_commit, t.version, t.sha256, s.passed, s.total
                 FROM suites s
                 JOIN runs r ON r.run_id = s.run_id
                 LEFT JOIN runtimes t ON t.run_id = s.run_id AND t.name = s.runtime
                 WHERE s.suite = ?1
                 ORDER BY s.runtime, r.created_at, r.run_id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([suite]).map_err(|e| self.err(e))?;
        let mut out: Vec<Series> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |e| self.err(e);
            let runtime: String = r.get(0).map_err(get)?;
            let passed: i64 = r.get(6).map_err(get)?;
            let point = Point {
                run_id: r.get(1).map_err(get)?,
                created_at: r.get(2).map_err(get)?,
                git_commit: r.get(3).map_err(get)?,
                runtime_version: r.get(4).map_err(get)?,
                runtime_sha256: r.get(5).map_err(get)?,
                median: passed as f64,
                ci_low: passed as f64,
                ci_high: passed as f64,
                n: r.get(7).map_err(get)?,
            };
            match out.last_mut() {
                Some(s) if s.key.runtime == runtime => s.points.push(point),
                _ => out.push(Series {
                    key: SeriesKey {
                        benchmark: suite.to_owned(),
                        runtime,
                        metric: "passing".into(),
                    },
                    unit: "scenarios".into(),
                    higher_is_better: true,
                    reference: false,
                    points: vec![point],
                }),
            }
        }
        Ok(out)
    }

    /// Distinct benchmark ids and suite names, for "did you mean" messages.
    pub fn names(&self) -> Result<Vec<String>, HistoryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT benchmark FROM benchmarks UNION SELECT DISTINCT suite FROM suites ORDER BY 1")
            .map_err(|e| self.err(e))?;
        let names = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| self.err(e));
        names
    }
}
