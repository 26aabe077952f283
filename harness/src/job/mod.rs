//! The top-level jobs: listing and installing runtimes, and `dyno run` with its plan,
//! shards, resume and merge.
//!
//! `dyno run` builds a [`plan::Plan`] of units (a smoke run per runtime, a test file per
//! runtime, a benchmark with all its runtimes), keeps the units of its shard, and streams
//! each finished unit into the run's journal, so an interrupted run keeps what it
//! finished and `--resume` runs only the rest. `dyno merge` joins the shards' files.

pub mod merge;
pub mod plan;
mod run;

pub use run::run_job;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::cli::Format;
use crate::config::Config;
use crate::host::HostRecord;
use crate::proc::{self, Limits};
use crate::runtimes::{self, install, DiscoverOptions, Invocation, Runtime};
use crate::store::{
    EnvironmentRecord, ProjectRecord, RunRecord, SmokeRecord, METHODOLOGY_VERSION, SCHEMA_VERSION,
};
use crate::Log;

/// What the smoke script prints; checked exactly so a runtime that exits 0 without
/// running the script does not pass.
pub(crate) const SMOKE_LINE: &str = "hello from dyno";

/// A smoke run is one process start; anything slower than this is broken, not slow.
const SMOKE_TIMEOUT: Duration = Duration::from_secs(30);

/// Discovers runtimes per `config` and applies the selection.
pub fn discover(config: &Config, log: Log) -> Result<Vec<Runtime>> {
    let options = DiscoverOptions::for_this_process(
        config.cache_dir.clone(),
        config.custom.clone(),
        config.env.clone(),
    );
    let found = runtimes::discover(&options)?;
    for w in &found.warnings {
        log.warn(w);
    }
    runtimes::select(found.runtimes, &config.select)
}

/// `dyno runtimes`.
pub fn list_runtimes(config: &Config, format: Format, log: Log) -> Result<ExitCode> {
    let found = discover(config, log)?;
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        let records: Vec<_> = found.iter().map(|r| &r.record).collect();
        serde_json::to_writer_pretty(&mut out, &records).context("writing JSON to stdout")?;
        writeln!(out).ok();
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            let rec = &r.record;
            vec![
                rec.name.clone(),
                rec.version.clone(),
                format!("{} {}", rec.engine, rec.engine_version),
                rec.source.clone(),
                if rec.args.is_empty() {
                    rec.path.clone()
                } else {
                    format!("{} {}", rec.path, rec.args.join(" "))
                },
            ]
        })
        .collect();
    write_table(
        &mut out,
        &["runtime", "version", "engine", "source", "command"],
        &rows,
    )?;
    if found.is_empty() {
        log.info("no runtimes found; build dynojs (cargo build --release) or install some: dyno runtimes install node@22 bun deno");
    }
    Ok(ExitCode::SUCCESS)
}

/// `dyno runtimes install SPEC...`.
pub fn install_runtimes(
    config: &Config,
    specs: &[String],
    format: Format,
    log: Log,
) -> Result<ExitCode> {
    let specs = if specs.is_empty() {
        if config.run.install.is_empty() {
            return Err(crate::UsageError::new(
                "dyno runtimes install needs SPECs (node@22 bun deno@2.9) or a config with [run] install = [...]",
            )
            .into());
        }
        &config.run.install[..]
    } else {
        specs
    };
    let parsed: Vec<_> = specs
        .iter()
        .map(|s| install::parse_spec(s))
        .collect::<Result<_>>()?;
    let mut done = Vec::new();
    for spec in &parsed {
        log.info(format!(
            "installing {}@{} from the npm registry ...",
            spec.name, spec.range
        ));
        let (installed, existed) = install::install(spec, &config.cache_dir)
            .with_context(|| format!("installing {}@{}", spec.name, spec.range))?;
        log.info(format!(
            "{} {} at {}",
            if existed {
                "already installed:"
            } else {
                "installed"
            },
            installed.display_name(),
            installed.binary.display()
        ));
        done.push(installed);
    }
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &done).context("writing JSON to stdout")?;
        writeln!(out).ok();
    } else {
        for i in &done {
            writeln!(out, "{}\t{}", i.display_name(), i.binary.display()).ok();
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The header of a new run: ids, host facts, the runtimes (hashed), the environment.
pub fn new_run(config: &Config, selected: &mut [Runtime], log: Log) -> Result<RunRecord> {
    let created_at = chrono::Utc::now();
    let run_id = new_run_id(created_at);
    log.info(format!("dyno {run_id}: {} runtime(s)", selected.len()));
    // Hash executables in parallel: node/deno/bun binaries are ~100 MB each.
    std::thread::scope(|s| {
        let handles: Vec<_> = selected
            .iter_mut()
            .map(|r| s.spawn(move || r.compute_sha256()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("hash thread panicked"))
            .collect::<Result<Vec<()>>>()
    })?;
    Ok(RunRecord {
        schema_version: SCHEMA_VERSION,
        run_id,
        dyno_version: env!("CARGO_PKG_VERSION").to_owned(),
        methodology_version: METHODOLOGY_VERSION,
        created_at,
        finished_at: None,
        complete: false,
        command: std::env::args().collect(),
        project: project_record(),
        host: HostRecord::detect(),
        runtimes: selected.iter().map(|r| r.record.clone()).collect(),
        environment: EnvironmentRecord {
            variables: config.env.redacted(),
        },
        smoke: Vec::new(),
        conformance: Vec::new(),
        benchmarks: Vec::new(),
        plan: None,
        shards: Vec::new(),
    })
}

/// Runs the smoke script on one runtime. A failure is recorded, not returned.
pub(crate) fn smoke(runtime: &Runtime, script: &Path, config: &Config) -> Result<SmokeRecord> {
    let mut spec = runtime
        .spec(Invocation::Script(script), &config.env)
        .with_context(|| format!("{} cannot run a script file", runtime.name()))?;
    spec.limits = Limits {
        wall: SMOKE_TIMEOUT,
        ..Limits::default()
    };
    let command = spec.command_line();
    let r = proc::run(&spec)?;
    let ok = r.outcome.success() && r.stdout.text().lines().any(|l| l.trim() == SMOKE_LINE);
    Ok(SmokeRecord {
        runtime: runtime.name().to_owned(),
        ok,
        outcome: r.outcome.clone(),
        command,
        wall_ms: r.wall.as_secs_f64() * 1e3,
        user_ms: r.user.as_secs_f64() * 1e3,
        sys_ms: r.sys.as_secs_f64() * 1e3,
        max_rss_bytes: r.max_rss_bytes,
        stdout: r.stdout.summary(2000),
        stderr: r.stderr.summary(2000),
    })
}

/// `20261126T053012Z-3fa9c1`: sortable by time, unique by the random suffix.
pub(crate) fn new_run_id(at: chrono::DateTime<chrono::Utc>) -> String {
    use std::hash::{BuildHasher, Hasher};
    // RandomState is seeded from the OS per process; enough to tell concurrent runs apart.
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(at.timestamp_nanos_opt().unwrap_or(0) as u128);
    h.write_u32(std::process::id());
    format!(
        "{}-{:06x}",
        at.format("%Y%m%dT%H%M%SZ"),
        h.finish() & 0xff_ffff
    )
}

/// The git state of the working directory, when git and a repository are there.
fn project_record() -> ProjectRecord {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "HEAD"]);
    let dirty = commit
        .as_ref()
        .and_then(|_| git(&["status", "--porcelain", "--untracked-files=no"]))
        .map(|s| !s.is_empty());
    ProjectRecord {
        git_commit: commit,
        git_dirty: dirty,
    }
}

/// A plain left-aligned table, column widths from the content.
pub fn write_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(header.to_vec())).context("writing to stdout")?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))
            .context("writing to stdout")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_ids_sort_by_time_and_differ() {
        let t = chrono::Utc::now();
        let a = new_run_id(t);
        let b = new_run_id(t + chrono::Duration::seconds(1));
        assert!(a < b, "{a} {b}");
        assert_eq!(a.len(), "20261126T053012Z-3fa9c1".len());
    }

    #[test]
    fn table_alignment() {
        let mut buf = Vec::new();
        write_table(&mut buf, &["a", "bb"], &[vec!["xxx".into(), "y".into()]]).unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "a    bb\nxxx  y\n");
    }
}
