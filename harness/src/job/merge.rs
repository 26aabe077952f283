//! `dyno merge FILES... --out FILE`: the shards of one sharded run into one document.
//!
//! Refuses files of different runs or plans, a shard given twice, and (unless
//! `--allow-partial`) a missing shard, naming it. Runtimes must be the same builds on
//! every shard. Benchmark records keep the shard that measured them, and `shards` keeps
//! each shard's machine, so a report can say which machine measured what; conformance
//! records of one suite and runtime are joined (verdicts do not depend on the machine).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};

use crate::cli::{Format, MergeArgs};
use crate::store::{self, ConformanceRecord, PlanRecord, RunRecord, ShardRecord};
use crate::{Log, UsageError};

/// `dyno merge`.
pub fn run(args: &MergeArgs, format: Format, log: Log) -> Result<ExitCode> {
    let mut shards = Vec::new();
    for path in &args.files {
        let run = store::read_results(path).map_err(|e| UsageError::new(e.to_string()))?;
        shards.push((path.clone(), run));
    }
    let merged = merge(shards, args.allow_partial)?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("creating '{}': {e}", dir.display()))?;
    }
    store::write_atomic(&args.out, &merged)?;
    let plan = merged.plan.as_ref().expect("merge sets the plan");
    let line = format!(
        "merged {} shard(s) of {} into '{}': {} of {} units{}",
        merged.shards.len(),
        merged.run_id,
        args.out.display(),
        plan.units_done,
        plan.units_total,
        if merged.complete {
            String::new()
        } else if plan.missing_shards.is_empty() {
            " — incomplete (a shard did not finish)".to_owned()
        } else {
            format!(" — partial, missing shard(s) {:?}", plan.missing_shards)
        }
    );
    if format == Format::Json {
        serde_json::to_writer_pretty(std::io::stdout().lock(), &merged)?;
        println!();
        log.info(line);
    } else {
        writeln!(std::io::stdout().lock(), "{line}").ok();
    }
    Ok(ExitCode::SUCCESS)
}

/// Joins shard documents; see the module docs for what is refused.
pub fn merge(files: Vec<(PathBuf, RunRecord)>, allow_partial: bool) -> Result<RunRecord> {
    let Some((first_path, first)) = files.first() else {
        bail!(UsageError::new(
            "dyno merge needs the shards' results files"
        ));
    };
    let spec_of = |path: &Path, run: &RunRecord| -> Result<(PlanRecord, u32, u32)> {
        let Some(plan) = run.plan.clone() else {
            bail!(UsageError::new(format!(
                "'{}' is not from `dyno run` (it has no plan); only shards of `dyno run --shard I/N` merge",
                path.display()
            )));
        };
        let Some(s) = plan.shard else {
            bail!(UsageError::new(format!(
                "'{}' holds a whole run, not a shard (it was run without --shard); there is nothing to merge it with",
                path.display()
            )));
        };
        Ok((plan, s.index, s.count))
    };
    let (plan0, _, count) = spec_of(first_path, first)?;
    let mut by_index: BTreeMap<u32, (&PathBuf, &RunRecord)> = BTreeMap::new();
    for (path, run) in &files {
        let (plan, index, n) = spec_of(path, run)?;
        if run.run_id != first.run_id {
            bail!(UsageError::new(format!(
                "'{}' is from run {}, but '{}' is from run {}; merge the shards of one run",
                path.display(),
                run.run_id,
                first_path.display(),
                first.run_id
            )));
        }
        if plan.sha256 != plan0.sha256 || n != count {
            bail!(UsageError::new(format!(
                "'{}' ran plan {} in {n} shards, but '{}' ran plan {} in {count}; the shards were started with different settings, suites or runtimes",
                path.display(),
                &plan.sha256[..12],
                first_path.display(),
                &plan0.sha256[..12]
            )));
        }
        if let Some((other, _)) = by_index.insert(index, (path, run)) {
            bail!(UsageError::new(format!(
                "shard {index}/{count} is given twice: '{}' and '{}'",
                other.display(),
                path.display()
            )));
        }
    }
    let missing: Vec<u32> = (1..=count).filter(|i| !by_index.contains_key(i)).collect();
    if !missing.is_empty() && !allow_partial {
        let list: Vec<String> = missing.iter().map(|i| format!("{i}/{count}")).collect();
        bail!(UsageError::new(format!(
            "shard {} missing (have {} of {count}); pass every shard's results file, or --allow-partial to merge without {}",
            if missing.len() == 1 {
                format!("{} is", list[0])
            } else {
                format!("{} are", list.join(", "))
            },
            by_index.len(),
            if missing.len() == 1 { "it" } else { "them" }
        )));
    }
    // The same runtime builds everywhere: a merged night compares one thing.
    let (&first_index, &(_, base)) = by_index.iter().next().expect("at least one shard");
    for (&index, &(path, run)) in &by_index {
        for r in &run.runtimes {
            let Some(b) = base.runtimes.iter().find(|b| b.name == r.name) else {
                bail!(UsageError::new(format!(
                    "'{}' (shard {index}) has runtime {} that shard {first_index} lacks",
                    path.display(),
                    r.name
                )));
            };
            if (b.version.as_str(), b.sha256.as_deref())
                != (r.version.as_str(), r.sha256.as_deref())
            {
                bail!(UsageError::new(format!(
                    "runtime {} differs between shards: {} on shard {first_index}, {} on shard {index} (sha256 {} vs {}); pin it with [run] install so every machine runs the same build",
                    r.name,
                    b.version,
                    r.version,
                    short(b.sha256.as_deref()),
                    short(r.sha256.as_deref())
                )));
            }
        }
    }
    let mut merged = base.clone();
    merged.smoke.clear();
    merged.conformance.clear();
    merged.benchmarks.clear();
    merged.command = std::env::args().collect();
    let mut conformance: BTreeMap<(String, String), ConformanceRecord> = BTreeMap::new();
    let mut units_done = 0;
    let mut complete = missing.is_empty();
    for (&index, &(_, run)) in &by_index {
        let plan = run.plan.as_ref().expect("checked above");
        units_done += plan.units_done;
        complete &= run.complete;
        merged.created_at = merged.created_at.min(run.created_at);
        merged.finished_at = match (merged.finished_at, run.finished_at) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        merged.shards.push(ShardRecord {
            index,
            host: run.host.clone(),
            created_at: run.created_at,
            finished_at: run.finished_at,
            complete: run.complete,
            units_planned: plan.units_planned,
            units_done: plan.units_done,
            command: run.command.clone(),
        });
        merged.smoke.extend(run.smoke.iter().cloned());
        for c in &run.conformance {
            match conformance.entry((c.suite.clone(), c.runtime.clone())) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(c.clone());
                }
                std::collections::btree_map::Entry::Occupied(mut o) => {
                    let m = o.get_mut();
                    if m.suite_version != c.suite_version {
                        bail!(UsageError::new(format!(
                            "{} differs between shards ({} vs {}); check out the same commit on every machine",
                            c.suite,
                            m.suite_version.as_deref().unwrap_or("no commit"),
                            c.suite_version.as_deref().unwrap_or("no commit")
                        )));
                    }
                    m.duration_ms += c.duration_ms;
                    m.results.extend(c.results.iter().cloned());
                }
            }
        }
        merged.benchmarks.extend(run.benchmarks.iter().map(|b| {
            let mut b = b.clone();
            b.shard = Some(index);
            b
        }));
    }
    merged.conformance = conformance.into_values().collect();
    merged.complete = complete;
    merged.plan = Some(PlanRecord {
        sha256: plan0.sha256.clone(),
        units_total: plan0.units_total,
        units_planned: plan0.units_total,
        units_done,
        shard: None,
        missing_shards: missing,
    });
    store::finalize(&mut merged);
    Ok(merged)
}

fn short(sha: Option<&str>) -> &str {
    sha.map_or("unknown", |s| &s[..s.len().min(12)])
}
