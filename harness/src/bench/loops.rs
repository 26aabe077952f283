//! `dyno bench loop`: event-loop and script workloads that time themselves and print
//! `DYNO_RESULT ops=N ms=T` (suites/README.md documents the protocol). Runtimes alternate
//! run by run; each run is one sample of ops/s.

use std::time::Duration;

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Metric, Program, Sample};
use crate::proc;

/// The result line's prefix.
pub const RESULT_PREFIX: &str = "DYNO_RESULT";
/// A workload running longer than this is a hang.
const RUN_TIMEOUT: Duration = Duration::from_secs(120);
/// Repetitions per runtime unless --repeat says otherwise.
const DEFAULT_REPEAT: u32 = 5;

/// Workloads are scripts and modules.
pub const EXTENSIONS: &[&str] = &["js", "mjs", "cjs"];

pub fn programs(ctx: &Ctx<'_>) -> Result<Vec<Program>> {
    super::programs_in(ctx, "loop", EXTENSIONS)
}

/// Reads `DYNO_RESULT ops=N ms=T` from a workload's stdout: ops per second.
pub fn parse_result(stdout: &str) -> Result<f64, String> {
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix(RESULT_PREFIX))
        .ok_or_else(|| format!("printed no `{RESULT_PREFIX} ops=N ms=T` line"))?;
    let field = |key: &str| -> Option<f64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .and_then(|v| v.parse::<f64>().ok())
    };
    match (field("ops"), field("ms")) {
        (Some(ops), Some(ms)) if ops > 0.0 && ms > 0.0 && ms.is_finite() => Ok(ops / ms * 1e3),
        _ => Err(format!(
            "bad result line `{RESULT_PREFIX}{line}`: expected ops=N ms=T, both above 0"
        )),
    }
}

pub fn run(ctx: &mut Ctx<'_>, programs: &[Program]) -> Result<()> {
    let repeat = ctx.args.repeat.unwrap_or(DEFAULT_REPEAT);
    for program in programs {
        let id = format!("loop/{}", program.name);
        if !ctx.selected(&id) {
            continue;
        }
        struct Row {
            name: String,
            spec: Option<proc::ProcSpec>,
            error: Option<String>,
            ops: Vec<f64>,
            rss: Vec<f64>,
        }
        let mut rows: Vec<Row> = ctx
            .runtimes
            .iter()
            .map(|r| {
                let spec = program.spec_on(r, &ctx.config.env, RUN_TIMEOUT, true);
                Row {
                    name: r.name().to_owned(),
                    error: spec.as_ref().err().cloned(),
                    spec: spec.ok(),
                    ops: Vec::new(),
                    rss: Vec::new(),
                }
            })
            .collect();
        let commands: Vec<Option<String>> = rows
            .iter()
            .map(|r| r.spec.as_ref().map(proc::ProcSpec::command_line))
            .collect();
        let bar = ctx.progress(repeat as u64, &id);
        for i in 0..repeat {
            for row in rows.iter_mut() {
                let Some(spec) = &row.spec else { continue };
                let result = proc::run(spec).map_err(|e| format!("{e:#}")).and_then(|r| {
                    if !r.outcome.success() {
                        let tail = r.stderr.tail_text(600);
                        return Err(format!("{}: {}", r.outcome, tail.trim()));
                    }
                    parse_result(&r.stdout.text()).map(|ops| (ops, r.max_rss_bytes as f64))
                });
                match result {
                    Ok((ops, rss)) => {
                        row.ops.push(ops);
                        row.rss.push(rss);
                    }
                    Err(e) => {
                        row.error = Some(e);
                        row.spec = None;
                    }
                }
            }
            bar.set_position(u64::from(i) + 1);
        }
        bar.finish_and_clear();
        for (row, command) in rows.into_iter().zip(commands) {
            ctx.record(Sample {
                benchmark: id.clone(),
                runtime: row.name,
                program: Some(program.clone()),
                command,
                error: row.error,
                params: serde_json::Map::from_iter([
                    ("repeat".to_owned(), json!(repeat)),
                    ("alternating".to_owned(), json!(true)),
                ]),
                metrics: vec![
                    Metric::new("ops_per_second", "ops/s", true, row.ops),
                    Metric::new("max_rss", "bytes", false, row.rss),
                ],
                distribution: Vec::new(),
                warnings: Vec::new(),
            })?;
        }
        ctx.finish_unit(&id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines() {
        assert_eq!(parse_result("x\nDYNO_RESULT ops=1000 ms=250\n"), Ok(4000.0));
        assert!(parse_result("nothing")
            .unwrap_err()
            .contains("no `DYNO_RESULT"));
        assert!(parse_result("DYNO_RESULT ops=10 ms=0").is_err());
        assert!(parse_result("DYNO_RESULT ops=ten ms=1").is_err());
    }
}
