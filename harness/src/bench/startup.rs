//! `dyno bench startup`: spawn→exit time of small programs, runtimes alternating run by
//! run (A B C floor A B C floor ...) so machine drift hits all alike, until the 95% CI of
//! every median is within the target or the run cap; plus time to first response of a
//! server program (spawn → readiness line → first 200).

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use anyhow::Result;
use serde_json::json;

use super::{Ctx, Metric, Program, Sample};
use crate::proc::{self, ProcSpec, Server};
use crate::runtimes::Runtime;
use crate::stats;

/// A start-up run longer than this is a hang.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
/// Time to first response: samples per runtime.
const FIRST_RESPONSE_RUNS: usize = 20;
/// Samples of the floor per program.
const FLOOR_RUNS: u32 = 30;
/// Name of the floor row: spawning a trivial binary.
pub const FLOOR: &str = "floor (/bin/true)";

/// One row being sampled: a runtime (or the floor) with its command.
struct Row<'a> {
    name: String,
    spec: Option<ProcSpec>,
    /// The command line, kept after a failure clears `spec`.
    command: Option<String>,
    error: Option<String>,
    wall: Vec<f64>,
    user: Vec<f64>,
    sys: Vec<f64>,
    rss: Vec<f64>,
    runtime: Option<&'a Runtime>,
}

impl Row<'_> {
    fn run_once(&mut self) -> bool {
        let Some(spec) = &self.spec else { return false };
        match proc::run(spec) {
            Ok(r) if r.outcome.success() => {
                self.wall.push(r.wall.as_secs_f64() * 1e3);
                self.user.push(r.user.as_secs_f64() * 1e3);
                self.sys.push(r.sys.as_secs_f64() * 1e3);
                self.rss.push(r.max_rss_bytes as f64);
                true
            }
            Ok(r) => {
                let tail = r.stderr.tail_text(600);
                self.error = Some(format!(
                    "{}{}",
                    r.outcome,
                    if tail.trim().is_empty() {
                        String::new()
                    } else {
                        format!(": {}", tail.trim())
                    }
                ));
                self.spec = None;
                false
            }
            Err(e) => {
                self.error = Some(format!("{e:#}"));
                self.spec = None;
                false
            }
        }
    }
}

/// The start-up programs: the user's, or everything in suites/bench/startup/.
/// Start-up programs are scripts and modules.
pub const EXTENSIONS: &[&str] = &["js", "cjs", "mjs"];

/// The id of the spawn-to-first-response benchmark.
pub const FIRST_RESPONSE: &str = "startup/first-response";

pub fn programs(ctx: &Ctx<'_>) -> Result<Vec<Program>> {
    super::programs_in(ctx, "startup", EXTENSIONS)
}

pub fn run(ctx: &mut Ctx<'_>, programs: &[Program]) -> Result<()> {
    for program in programs {
        let id = format!("startup/{}", program.name);
        if !ctx.selected(&id) {
            continue;
        }
        measure_program(ctx, &id, program)?;
    }
    let id = FIRST_RESPONSE;
    if ctx.args.programs.is_empty() && ctx.selected(id) {
        first_response(ctx, id)?;
    }
    Ok(())
}

fn measure_program(ctx: &mut Ctx<'_>, id: &str, program: &Program) -> Result<()> {
    let mut rows: Vec<Row<'_>> = ctx
        .runtimes
        .iter()
        .map(|r| {
            // No death-signal hook: the child starts through posix_spawn (see ProcSpec).
            let spec = program.spec_on(r, &ctx.config.env, RUN_TIMEOUT, false);
            Row {
                name: r.name().to_owned(),
                error: spec.as_ref().err().cloned(),
                command: spec.as_ref().ok().map(ProcSpec::command_line),
                spec: spec.ok(),
                wall: Vec::new(),
                user: Vec::new(),
                sys: Vec::new(),
                rss: Vec::new(),
                runtime: Some(r),
            }
        })
        .collect();
    let mut floor_spec = ProcSpec::new("/bin/true", Vec::new(), ctx.config.env.clone());
    floor_spec.limits.wall = RUN_TIMEOUT;
    floor_spec.death_signal = false;
    rows.push(Row {
        name: FLOOR.into(),
        command: Some(floor_spec.command_line()),
        spec: Some(floor_spec),
        error: None,
        wall: Vec::new(),
        user: Vec::new(),
        sys: Vec::new(),
        rss: Vec::new(),
        runtime: None,
    });

    let args = ctx.args;
    let (min, max) = match args.runs {
        Some(n) => (n.max(1), n.max(1)),
        None => (
            args.min_runs.max(2),
            args.max_runs.max(args.min_runs.max(2)),
        ),
    };
    let bar = ctx.progress(max as u64, id);
    // Warm-up: page cache, dynamic linker, JIT caches; a runtime failing here is out.
    for _ in 0..args.warmup_runs {
        for row in rows.iter_mut() {
            if row.run_once() {
                row.wall.clear();
                row.user.clear();
                row.sys.clear();
                row.rss.clear();
            }
        }
    }
    // The floor runs in a block of its own before the rounds: interleaved, each /bin/true
    // would leave the next runtime's run a little colder than hyperfine-style back-to-back
    // runs see (measured here: +0-0.6 ms on a 3 ms start-up).
    let runtimes_len = rows.len() - 1;
    let (runtime_rows, floor_row) = rows.split_at_mut(runtimes_len);
    for _ in 0..FLOOR_RUNS.min(max) {
        floor_row[0].run_once();
    }
    let mut round = 0;
    while round < max {
        let mut any = false;
        for row in runtime_rows.iter_mut() {
            any |= row.run_once();
        }
        round += 1;
        bar.set_position(round as u64);
        if !any {
            break;
        }
        if round >= min
            && runtime_rows.iter().filter(|r| r.spec.is_some()).all(|r| {
                stats::median_ci_order(&r.wall)
                    .is_some_and(|(lo, hi, m)| m > 0.0 && (hi - lo) / 2.0 / m <= args.ci_target)
            })
        {
            break;
        }
    }
    bar.finish_and_clear();

    let floor_median = stats::median(&rows.last().map(|r| r.wall.clone()).unwrap_or_default());
    let mut params = serde_json::Map::new();
    params.insert("warmup_runs".into(), json!(args.warmup_runs));
    params.insert("rounds".into(), json!(round));
    params.insert("alternating".into(), json!(true));
    params.insert("ci_target".into(), json!(args.ci_target));
    if floor_median.is_finite() {
        params.insert("floor_ms".into(), json!(floor_median));
    }
    // wait4's max RSS of a child includes the memory of the process that spawned it, folded
    // in at exec; the floor shows that baseline, and a runtime at it uses no more than that.
    let floor_rss = rows
        .last()
        .map(|r| stats::median(&r.rss))
        .unwrap_or(f64::NAN);
    for row in rows {
        let mut warnings = Vec::new();
        if row.runtime.is_some() && stats::median(&row.rss) <= floor_rss * 1.02 {
            warnings.push(format!(
                "max RSS is at the floor ({:.1} MiB: the spawning process's memory, which exec folds into wait4's figure); the runtime's own peak is at most this",
                floor_rss / 1048576.0
            ));
        }
        let command = row.command.clone();
        let sample = Sample {
            benchmark: id.to_owned(),
            runtime: row.name.clone(),
            program: (row.runtime.is_some()).then(|| program.clone()),
            command,
            error: row.error.clone(),
            params: params.clone(),
            metrics: vec![
                Metric::new("wall", "ms", false, row.wall),
                Metric::new("user", "ms", false, row.user),
                Metric::new("sys", "ms", false, row.sys),
                Metric::new("max_rss", "bytes", false, row.rss),
            ],
            distribution: Vec::new(),
            warnings,
        };
        ctx.record(sample)?;
    }
    ctx.finish_unit(id)?;
    Ok(())
}

/// Spawn → `DYNO_READY` → one GET answered 200, per runtime with its native server
/// program, plus dyno's hyper ceiling server; alternating like the start-up runs.
fn first_response(ctx: &mut Ctx<'_>, id: &str) -> Result<()> {
    struct Target {
        name: String,
        spec: Option<ProcSpec>,
        program: Option<Program>,
        error: Option<String>,
        samples: Vec<f64>,
    }
    let mut targets: Vec<Target> = Vec::new();
    for r in ctx.runtimes {
        let program = super::http::native_program(ctx, r);
        let (spec, error) = match &program {
            Ok(p) => match super::http::server_spec(ctx, r, &p.path, &[]) {
                Some(s) => (Some(s), None),
                None => (None, Some(format!("{} cannot run {}", r.name(), p.name))),
            },
            Err(e) => (None, Some(e.clone())),
        };
        targets.push(Target {
            name: r.name().to_owned(),
            spec,
            program: program.ok(),
            error,
            samples: Vec::new(),
        });
    }
    targets.push(Target {
        name: super::http::CEILING.into(),
        spec: Some(super::http::ceiling_spec(ctx, &[])?),
        program: None,
        error: None,
        samples: Vec::new(),
    });
    let bar = ctx.progress(FIRST_RESPONSE_RUNS as u64, id);
    for round in 0..FIRST_RESPONSE_RUNS + 1 {
        for t in targets.iter_mut() {
            let Some(spec) = &t.spec else { continue };
            match time_to_first_response(spec) {
                // Round 0 warms the page cache and is not kept.
                Ok(ms) if round > 0 => t.samples.push(ms),
                Ok(_) => {}
                Err(e) => {
                    t.error = Some(e);
                    t.spec = None;
                }
            }
        }
        bar.set_position(round as u64);
    }
    bar.finish_and_clear();
    for t in targets {
        let command = t.spec.as_ref().map(ProcSpec::command_line);
        ctx.record(Sample {
            benchmark: id.to_owned(),
            runtime: t.name,
            program: t.program,
            command,
            error: t.error,
            params: serde_json::Map::from_iter([("runs".to_owned(), json!(FIRST_RESPONSE_RUNS))]),
            metrics: vec![Metric::new(
                "time_to_first_response",
                "ms",
                false,
                t.samples,
            )],
            distribution: Vec::new(),
            warnings: Vec::new(),
        })?;
    }
    ctx.finish_unit(id)
}

fn time_to_first_response(spec: &ProcSpec) -> Result<f64, String> {
    let mut server = Server::spawn(spec).map_err(|e| format!("{e:#}"))?;
    let port = server.wait_ready(Duration::from_secs(30))?;
    let answer = get_once(port, Duration::from_secs(10));
    let elapsed = server.started.elapsed();
    let end = server.stop();
    match answer {
        Ok(200) => Ok(elapsed.as_secs_f64() * 1e3),
        Ok(status) => Err(format!("first response was {status}, not 200")),
        Err(e) => Err(format!(
            "first request failed: {e}{}",
            if end.stderr_tail.trim().is_empty() {
                String::new()
            } else {
                format!("; stderr: {}", end.stderr_tail.trim())
            }
        )),
    }
}

/// One blocking `GET /`; returns the status once the whole head has arrived.
fn get_once(port: u16, timeout: Duration) -> std::io::Result<u16> {
    let deadline = Instant::now() + timeout;
    let mut stream = std::net::TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), timeout)?;
    stream.set_nodelay(true)?;
    stream.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes())?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        stream.set_read_timeout(Some(
            deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1)),
        ))?;
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") {
            let line = String::from_utf8_lossy(&buf);
            return line
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| std::io::ErrorKind::InvalidData.into());
        }
    }
}
