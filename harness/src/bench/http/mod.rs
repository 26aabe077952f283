//! `dyno bench http`: servers from suites/bench/http/ (or the user's `--server`/`--url`)
//! under dyno's own load generator.
//!
//! Method: the server runs pinned to the server CPUs, the generator's threads to the
//! client CPUs. Each repetition starts every runtime's server once (runtime order rotates
//! per repetition so drift spreads), waits for `DYNO_READY port=N`, then runs every
//! connection level: warm-up, measured window, server CPU time and peak RSS from procfs.
//! dyno's hyper hello server is measured the same way as the ceiling. A server that
//! dies is recorded with its stderr and the run goes on.

pub mod ceiling;
pub mod load;

use std::collections::BTreeMap;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use hdrhistogram::Histogram;
use serde_json::json;

use super::{Ctx, Metric, Program, Sample};
use crate::proc::{self, ProcSpec, Server, Usage};
use crate::runtimes::{Invocation, Runtime};
use crate::UsageError;
use load::{Expect, LoadSpec};

/// Row name of dyno's hyper hello server.
pub const CEILING: &str = "hyper (dyno ceiling)";
/// Results above this share of the ceiling's req/s are not rankable against each other.
const RANKABLE_SHARE: f64 = 0.75;
/// Generator threads above this utilization make the result generator-bound.
const GENERATOR_BOUND: f64 = 0.90;
/// How long a server may take to print its readiness line.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// A response slower than this is a timeout error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// Defaults, sized so `dyno bench http` finishes in minutes.
const DEFAULT_DURATION: Duration = Duration::from_secs(3);
const DEFAULT_WARMUP: Duration = Duration::from_secs(1);
const DEFAULT_REPEAT: u32 = 5;
const SWEEP: &[usize] = &[1, 64, 256];
const HEAVY: &[usize] = &[64];
/// Body of the echo benchmark's requests.
const ECHO_BYTES: usize = 64 * 1024;
/// Percentiles kept of each merged latency histogram (the report's percentile curve).
const CURVE: &[f64] = &[
    50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999, 100.0,
];

/// One benchmark program kind.
struct Bench {
    id: &'static str,
    /// File under suites/bench/http/ for a runtime kind; `None`: not for this runtime.
    program: fn(&str) -> Option<&'static str>,
    method: &'static str,
    path: &'static str,
    body: Option<Vec<u8>>,
    expect: Expect,
    levels: &'static [usize],
    /// Needs `npm ci` in this directory first.
    npm_dir: Option<&'static str>,
}

/// The ids of the HTTP suite's benchmarks.
pub fn bench_ids() -> Vec<&'static str> {
    benches().iter().map(|b| b.id).collect()
}

fn benches() -> Vec<Bench> {
    let echo_body: Vec<u8> = (0..ECHO_BYTES).map(|i| b'a' + (i % 26) as u8).collect();
    vec![
        Bench {
            id: "http/node-http-hello",
            program: |_| Some("node-http-hello.js"),
            method: "GET",
            path: "/",
            body: None,
            expect: Expect::Exact(ceiling::HELLO.to_vec()),
            levels: SWEEP,
            npm_dir: None,
        },
        Bench {
            id: "http/native-hello",
            program: native_file,
            method: "GET",
            path: "/",
            body: None,
            expect: Expect::Exact(ceiling::HELLO.to_vec()),
            levels: SWEEP,
            npm_dir: None,
        },
        Bench {
            id: "http/json-1k",
            program: |_| Some("node-http-json.js"),
            method: "GET",
            path: "/",
            body: None,
            expect: Expect::SameAsFirst,
            levels: HEAVY,
            npm_dir: None,
        },
        Bench {
            id: "http/echo-64k",
            program: |_| Some("node-http-echo.js"),
            method: "POST",
            path: "/echo",
            body: Some(echo_body.clone()),
            expect: Expect::Exact(echo_body),
            levels: HEAVY,
            npm_dir: None,
        },
        Bench {
            id: "http/cpu",
            program: |_| Some("node-http-cpu.js"),
            method: "GET",
            path: "/",
            body: None,
            expect: Expect::SameAsFirst,
            levels: HEAVY,
            npm_dir: None,
        },
        Bench {
            id: "http/express",
            program: |_| Some("express/app.js"),
            method: "GET",
            path: "/api/users/42",
            body: None,
            expect: Expect::SameAsFirst,
            levels: HEAVY,
            npm_dir: Some("express"),
        },
    ]
}

/// Each runtime's own server API (node's is node:http).
fn native_file(kind: &str) -> Option<&'static str> {
    match kind {
        "node" => Some("node-http-hello.js"),
        "bun" => Some("bun-serve-hello.js"),
        "deno" => Some("deno-serve-hello.js"),
        "dynojs" => Some("dynojs-serve-hello.js"),
        _ => None,
    }
}

/// The native hello program of `runtime` (for time to first response).
pub fn native_program(ctx: &Ctx<'_>, runtime: &Runtime) -> Result<Program, String> {
    let file = native_file(&runtime.record.kind)
        .ok_or_else(|| format!("{} has no native server program", runtime.name()))?;
    let suites = ctx
        .suites
        .as_ref()
        .ok_or_else(|| "cannot find suites/bench".to_owned())?;
    Program::load(&suites.join("http").join(file)).map_err(|e| format!("{e:#}"))
}

/// How to start `program` as a server on `runtime`: PORT=0, pinned to `cpus`.
pub fn server_spec(
    ctx: &Ctx<'_>,
    runtime: &Runtime,
    program: &Path,
    cpus: &[usize],
) -> Option<ProcSpec> {
    let mut spec = runtime.spec(Invocation::Script(program), &ctx.config.env)?;
    prepare(&mut spec, cpus);
    Some(spec)
}

/// The ceiling server: this dyno binary's hidden `internal ceiling-server`.
pub fn ceiling_spec(ctx: &Ctx<'_>, cpus: &[usize]) -> Result<ProcSpec> {
    let exe = std::env::current_exe().context("locating the dyno executable")?;
    let mut spec = ProcSpec::new(
        exe,
        vec!["internal".into(), "ceiling-server".into()],
        ctx.config.env.clone(),
    );
    prepare(&mut spec, cpus);
    Ok(spec)
}

fn prepare(spec: &mut ProcSpec, cpus: &[usize]) {
    spec.env.set("PORT", "0");
    spec.limits.wall = Duration::MAX;
    if !cpus.is_empty() {
        spec.cpus = Some(cpus.to_vec());
    }
}

/// Server and client CPU sets, and a note when they cannot be disjoint.
fn placement(ctx: &Ctx<'_>) -> (Vec<usize>, Vec<usize>, Option<String>) {
    let all = proc::allowed_cpus();
    let wanted = |c: &Option<crate::cli::CpuList>| c.as_ref().map(|l| l.0.clone());
    let (server, client) = match (wanted(&ctx.args.server_cpus), wanted(&ctx.args.client_cpus)) {
        (Some(s), Some(c)) => (s, c),
        (Some(s), None) => {
            let rest = all.iter().copied().filter(|c| !s.contains(c)).collect();
            (s, rest)
        }
        (None, Some(c)) => (all.iter().copied().filter(|x| !c.contains(x)).collect(), c),
        (None, None) if all.len() >= 2 => {
            let half = all.len() / 2;
            (all[..half].to_vec(), all[half..].to_vec())
        }
        (None, None) => (Vec::new(), Vec::new()),
    };
    let note = if server.is_empty() || client.is_empty() {
        Some(format!(
            "one CPU available ({all:?}): server and load generator share it, so numbers mix both"
        ))
    } else if server.iter().any(|c| client.contains(c)) {
        Some(format!(
            "server CPUs {server:?} and client CPUs {client:?} overlap"
        ))
    } else {
        None
    };
    (server, client, note)
}

/// Raises this process's open-file limit to its hard limit (children inherit it), so
/// thousands of connections work on both ends.
fn raise_nofile() {
    // SAFETY: getrlimit/setrlimit on a struct we own.
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

/// One row measured in a unit: a runtime's server, the ceiling, the user's server.
struct Contender {
    name: String,
    spec: Option<ProcSpec>,
    /// An already running server (`--url`).
    fixed_addr: Option<(SocketAddr, String)>,
    program: Option<Program>,
    command: Option<String>,
    error: Option<String>,
    /// Per level: one entry per repetition.
    levels: BTreeMap<usize, Vec<Measured>>,
    histograms: BTreeMap<usize, Histogram<u64>>,
}

struct Measured {
    rps: f64,
    p50: f64,
    p90: f64,
    p99: f64,
    p999: f64,
    max: f64,
    server_us: Option<f64>,
    server_rss: Option<f64>,
    gen_us: f64,
    gen_util: f64,
    errors: load::Errors,
    bytes_per_s: f64,
    request_bytes: usize,
    response_bytes: usize,
}

struct Settings {
    duration: Duration,
    warmup: Duration,
    repeat: u32,
    server_cpus: Vec<usize>,
    client_cpus: Vec<usize>,
    note: Option<String>,
    rate: Option<f64>,
    requests: Option<u64>,
}

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    raise_nofile();
    let (server_cpus, client_cpus, note) = placement(ctx);
    if let Some(n) = &note {
        ctx.log.warn(n);
    }
    let settings = Settings {
        duration: ctx.args.duration.unwrap_or(DEFAULT_DURATION),
        warmup: ctx.args.warmup.unwrap_or(DEFAULT_WARMUP),
        repeat: ctx.args.repeat.unwrap_or(DEFAULT_REPEAT),
        server_cpus,
        client_cpus,
        note,
        rate: ctx.args.rate,
        requests: ctx.args.requests,
    };
    // The user's own server or URL replaces the suite.
    if ctx.args.server.is_some() || ctx.args.url.is_some() {
        return user_target(ctx, &settings);
    }
    let levels_for = |b: &Bench| -> Vec<usize> {
        if ctx.args.connections.is_empty() {
            b.levels.to_vec()
        } else {
            ctx.args.connections.clone()
        }
    };
    let suites = ctx
        .suites
        .clone()
        .ok_or_else(|| UsageError::new("cannot find suites/bench (run dyno inside the dyno checkout), or use --server 'CMD' / --url URL"))?;
    let dir = suites.join("http");
    // The ceiling at every level any selected benchmark uses.
    let selected: Vec<Bench> = benches()
        .into_iter()
        .filter(|b| ctx.selected(b.id))
        .collect();
    if selected.is_empty() {
        return Ok(());
    }
    let mut all_levels: Vec<usize> = selected.iter().flat_map(levels_for).collect();
    all_levels.sort_unstable();
    all_levels.dedup();
    let ceiling = vec![Contender::new(
        CEILING.into(),
        Some(ceiling_spec(ctx, &settings.server_cpus)?),
        None,
    )];
    let ceiling_rps = measure_unit(
        ctx,
        &settings,
        "http/ceiling",
        ceiling,
        &all_levels,
        "GET",
        "/",
        None,
        &Expect::Exact(ceiling::HELLO.to_vec()),
        &BTreeMap::new(),
    )?;
    for bench in &selected {
        let npm_error = match bench.npm_dir {
            Some(d) => npm_ci(ctx, &dir.join(d)).err(),
            None => None,
        };
        let contenders: Vec<Contender> = ctx
            .runtimes
            .iter()
            .map(|r| {
                let Some(file) = (bench.program)(&r.record.kind) else {
                    return Contender::failed(
                        r.name(),
                        format!("{} has no program for {}", r.name(), bench.id),
                    );
                };
                if let Some(e) = &npm_error {
                    return Contender::failed(r.name(), e.clone());
                }
                let program = match Program::load(&dir.join(file)) {
                    Ok(p) => p,
                    Err(e) => return Contender::failed(r.name(), format!("{e:#}")),
                };
                match server_spec(ctx, r, &program.path, &settings.server_cpus) {
                    Some(spec) => Contender::new(r.name().to_owned(), Some(spec), Some(program)),
                    None => Contender::failed(
                        r.name(),
                        format!("{} cannot run {}", r.name(), program.name),
                    ),
                }
            })
            .collect();
        measure_unit(
            ctx,
            &settings,
            bench.id,
            contenders,
            &levels_for(bench),
            bench.method,
            bench.path,
            bench.body.as_deref(),
            &bench.expect,
            &ceiling_rps,
        )?;
    }
    Ok(())
}

impl Contender {
    fn new(name: String, spec: Option<ProcSpec>, program: Option<Program>) -> Self {
        Contender {
            command: spec.as_ref().map(ProcSpec::command_line),
            name,
            spec,
            fixed_addr: None,
            program,
            error: None,
            levels: BTreeMap::new(),
            histograms: BTreeMap::new(),
        }
    }

    fn failed(name: &str, error: String) -> Self {
        let mut c = Contender::new(name.to_owned(), None, None);
        c.error = Some(error);
        c
    }
}

/// `--server 'CMD'` or `--url URL`: one contender, no ceiling comparison.
fn user_target(ctx: &mut Ctx<'_>, settings: &Settings) -> Result<()> {
    let levels = if ctx.args.connections.is_empty() {
        SWEEP.to_vec()
    } else {
        ctx.args.connections.clone()
    };
    let mut contender;
    let mut path = "/".to_owned();
    if let Some(cmd) = &ctx.args.server {
        let words = shell_words::split(cmd)
            .map_err(|e| UsageError::new(format!("--server {cmd:?}: {e}")))?;
        let Some((program, args)) = words.split_first() else {
            bail!(UsageError::new("--server needs a command"));
        };
        let resolved = crate::runtimes::resolve_program(
            program,
            ctx.config.env.get("PATH").map(std::ffi::OsStr::new),
        )
        .ok_or_else(|| {
            UsageError::new(format!(
                "--server: '{program}' is not an executable file or on PATH"
            ))
        })?;
        let mut spec = ProcSpec::new(
            resolved,
            args.iter().map(Into::into).collect(),
            ctx.config.env.clone(),
        );
        spec.cwd = std::env::current_dir().ok();
        prepare(&mut spec, &settings.server_cpus);
        if let Some(port) = ctx.args.port {
            spec.env.set("PORT", port.to_string());
        }
        contender = Contender::new("server".into(), Some(spec), None);
    } else {
        let url = ctx.args.url.as_deref().unwrap_or_default();
        let (addr, host, p) = parse_url(url)?;
        path = p;
        contender = Contender::new("url".into(), None, None);
        contender.fixed_addr = Some((addr, host));
        contender.command = Some(url.to_owned());
    }
    measure_unit(
        ctx,
        settings,
        "http/custom",
        vec![contender],
        &levels,
        "GET",
        &path,
        None,
        &Expect::SameAsFirst,
        &BTreeMap::new(),
    )?;
    Ok(())
}

/// `http://host:port/path` → address, Host header, path.
pub fn parse_url(url: &str) -> Result<(SocketAddr, String, String)> {
    let bad = || {
        UsageError::new(format!(
            "--url {url:?}: give http://HOST:PORT/PATH (https is not supported)"
        ))
    };
    let rest = url.strip_prefix("http://").ok_or_else(bad)?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_owned()),
        None => (rest, "/".to_owned()),
    };
    if authority.is_empty() {
        bail!(bad());
    }
    let with_port = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let addr = with_port
        .to_socket_addrs()
        .map_err(|e| UsageError::new(format!("--url {url:?}: cannot resolve {authority}: {e}")))?
        .next()
        .ok_or_else(bad)?;
    Ok((addr, authority.to_owned(), path))
}

/// Runs `npm ci` in `dir` unless its node_modules matches the lockfile already.
fn npm_ci(ctx: &Ctx<'_>, dir: &Path) -> Result<(), String> {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(l), Some(i)) = (fresh(&lock), fresh(&installed)) {
        if i >= l {
            return Ok(());
        }
    }
    let path = ctx.config.env.get("PATH").map(std::ffi::OsStr::new);
    let npm = crate::runtimes::resolve_program("npm", path).ok_or_else(|| {
        format!(
            "npm is not on PATH; install node's npm to run the benchmark in {}",
            dir.display()
        )
    })?;
    ctx.log.info(format!("npm ci in {}", dir.display()));
    let mut spec = ProcSpec::new(
        npm,
        vec![
            "ci".into(),
            "--ignore-scripts".into(),
            "--no-audit".into(),
            "--no-fund".into(),
        ],
        ctx.config.env.clone(),
    );
    spec.cwd = Some(dir.to_path_buf());
    spec.limits.wall = Duration::from_secs(600);
    let r = proc::run(&spec).map_err(|e| format!("npm ci: {e:#}"))?;
    if !r.outcome.success() {
        return Err(format!(
            "npm ci in {} {}: {}",
            dir.display(),
            r.outcome,
            r.stderr.tail_text(600).trim()
        ));
    }
    Ok(())
}

/// Measures `contenders` at every level, `repeat` times interleaved; records one sample
/// per contender and level. Returns the median req/s per level of the first contender
/// (the ceiling's, when this is the ceiling unit).
#[allow(clippy::too_many_arguments)]
fn measure_unit(
    ctx: &mut Ctx<'_>,
    settings: &Settings,
    id: &str,
    mut contenders: Vec<Contender>,
    levels: &[usize],
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    expect: &Expect,
    ceiling_rps: &BTreeMap<usize, f64>,
) -> Result<BTreeMap<usize, f64>> {
    let steps = settings.repeat as u64 * contenders.len() as u64 * levels.len() as u64;
    let bar = ctx.progress(steps, id);
    let n = contenders.len();
    for rep in 0..settings.repeat as usize {
        for k in 0..n {
            let c = &mut contenders[(k + rep) % n];
            if c.error.is_some() {
                bar.inc(levels.len() as u64);
                continue;
            }
            bar.set_message(format!("{id} {} #{}", c.name, rep + 1));
            measure_contender(settings, c, levels, method, path, body, expect, &bar);
        }
    }
    bar.finish_and_clear();

    let mut firsts = BTreeMap::new();
    for &level in levels {
        let bench_id = format!("{id}@c{level}");
        for c in &contenders {
            let runs = c.levels.get(&level).map(Vec::as_slice).unwrap_or_default();
            let col = |f: fn(&Measured) -> Option<f64>| -> Vec<f64> {
                runs.iter().filter_map(f).collect()
            };
            let rps = col(|m| Some(m.rps));
            if !firsts.contains_key(&level) && !rps.is_empty() {
                firsts.insert(level, crate::stats::median(&rps));
            }
            let mut warnings = Vec::new();
            if let Some(n) = &settings.note {
                warnings.push(n.clone());
            }
            if runs.iter().any(|m| m.gen_util >= GENERATOR_BOUND) {
                warnings.push(format!(
                    "generator-bound: dyno's load generator used ≥ {:.0}% of its CPUs, so this measures dyno, not the server",
                    GENERATOR_BOUND * 100.0
                ));
            }
            if let Some(&ceil) = ceiling_rps.get(&level) {
                let m = crate::stats::median(&rps);
                if m.is_finite() && ceil > 0.0 && m >= RANKABLE_SHARE * ceil {
                    warnings.push(format!(
                        "at {:.0}% of the ceiling ({:.0} req/s): not rankable against other results above {:.0}%",
                        m / ceil * 100.0,
                        ceil,
                        RANKABLE_SHARE * 100.0
                    ));
                }
            }
            let errors: u64 = runs.iter().map(|m| m.errors.total()).sum();
            if errors > 0 {
                let mut kinds = load::Errors::default();
                for m in runs {
                    kinds.add(&m.errors);
                }
                warnings.push(format!("{errors} failed requests: {kinds:?}"));
            }
            let distribution = c
                .histograms
                .get(&level)
                .filter(|h| !h.is_empty())
                .map(|h| {
                    CURVE
                        .iter()
                        .map(|&p| [p, h.value_at_percentile(p) as f64 / 1e6])
                        .collect()
                })
                .unwrap_or_default();
            let mut params = serde_json::Map::new();
            params.insert("connections".into(), json!(level));
            params.insert("duration_s".into(), json!(settings.duration.as_secs_f64()));
            params.insert("warmup_s".into(), json!(settings.warmup.as_secs_f64()));
            params.insert("repeat".into(), json!(settings.repeat));
            params.insert("rate".into(), json!(ctx.args.rate));
            params.insert("requests".into(), json!(ctx.args.requests));
            params.insert("server_cpus".into(), json!(settings.server_cpus));
            params.insert("client_cpus".into(), json!(settings.client_cpus));
            params.insert("method".into(), json!(method));
            params.insert("path".into(), json!(path));
            if let Some(m) = runs.first() {
                params.insert("request_bytes".into(), json!(m.request_bytes));
                params.insert("response_bytes".into(), json!(m.response_bytes));
            }
            ctx.record(Sample {
                benchmark: bench_id.clone(),
                runtime: c.name.clone(),
                program: c.program.clone(),
                command: c.command.clone(),
                error: c.error.clone(),
                params,
                metrics: vec![
                    Metric::new("requests_per_second", "req/s", true, rps),
                    Metric::new("latency_p50", "ms", false, col(|m| Some(m.p50))),
                    Metric::new("latency_p90", "ms", false, col(|m| Some(m.p90))),
                    Metric::new("latency_p99", "ms", false, col(|m| Some(m.p99))),
                    Metric::new("latency_p999", "ms", false, col(|m| Some(m.p999))),
                    Metric::new("latency_max", "ms", false, col(|m| Some(m.max))),
                    Metric::new(
                        "server_cpu_per_request",
                        "us/req",
                        false,
                        col(|m| m.server_us),
                    ),
                    Metric::new("server_rss", "bytes", false, col(|m| m.server_rss)),
                    Metric::new(
                        "generator_cpu_per_request",
                        "us/req",
                        false,
                        col(|m| Some(m.gen_us)),
                    ),
                    Metric::new(
                        "bytes_per_second",
                        "bytes/s",
                        true,
                        col(|m| Some(m.bytes_per_s)),
                    ),
                    Metric::new(
                        "errors",
                        "count",
                        false,
                        col(|m| Some(m.errors.total() as f64)),
                    ),
                ],
                distribution,
                warnings,
            })?;
        }
        ctx.finish_unit(id)?;
    }
    Ok(firsts)
}

/// One repetition of one contender: start its server, run every level, stop it.
#[allow(clippy::too_many_arguments)]
fn measure_contender(
    settings: &Settings,
    c: &mut Contender,
    levels: &[usize],
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    expect: &Expect,
    bar: &indicatif::ProgressBar,
) {
    let mut server = None;
    let (addr, host) = if let Some((addr, host)) = &c.fixed_addr {
        (*addr, host.clone())
    } else {
        let Some(spec) = &c.spec else { return };
        let mut s = match Server::spawn(spec) {
            Ok(s) => s,
            Err(e) => {
                c.error = Some(format!("{e:#}"));
                return;
            }
        };
        let port = match s.wait_ready(READY_TIMEOUT) {
            Ok(p) => p,
            Err(e) => {
                c.error = Some(e);
                return;
            }
        };
        server = Some(s);
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        (addr, addr.to_string())
    };
    let request = load::request_bytes(method, path, &host, body);
    for &level in levels {
        let spec = LoadSpec {
            addr,
            request: request.clone(),
            expect: expect.clone(),
            connections: level,
            threads: settings.client_cpus.len().max(1),
            cpus: settings.client_cpus.clone(),
            warmup: settings.warmup,
            duration: settings.duration,
            requests: settings.requests,
            rate: settings.rate,
            timeout: REQUEST_TIMEOUT,
        };
        let result = sample_during(server.as_ref(), &spec, load::run);
        bar.inc(1);
        let (result, before, after, peak) = match result {
            Ok(r) => r,
            Err(e) => {
                c.error = Some(format!("load generator: {e:#}"));
                break;
            }
        };
        if let Some(s) = server.as_mut() {
            if let Some(status) = s.reap_if_exited() {
                c.error = Some(format!(
                    "server died during the run at {level} connections ({status}); stderr: {}",
                    s.final_stderr(1000).trim()
                ));
                break;
            }
        }
        let ms = |p: f64| result.histogram.value_at_percentile(p) as f64 / 1e6;
        let responses = result.responses.max(1) as f64;
        let measured = Measured {
            rps: result.requests_per_second(),
            p50: ms(50.0),
            p90: ms(90.0),
            p99: ms(99.0),
            p999: ms(99.9),
            max: result.histogram.max() as f64 / 1e6,
            server_us: server
                .as_ref()
                .map(|_| (after.cpu_seconds - before.cpu_seconds).max(0.0) * 1e6 / responses),
            server_rss: server.as_ref().map(|_| peak as f64),
            gen_us: result.generator_us_per_request(),
            gen_util: result.generator_utilization(),
            errors: result.errors,
            bytes_per_s: result.bytes_read as f64 / result.window.as_secs_f64().max(1e-9),
            request_bytes: request.len(),
            response_bytes: result.response_bytes,
        };
        if result.responses == 0 {
            c.error = Some(format!(
                "no good response at {level} connections ({:?}){}",
                result.errors,
                server
                    .as_ref()
                    .map(|s| format!("; stderr: {}", s.stderr_tail(600).trim()))
                    .unwrap_or_default()
            ));
            break;
        }
        c.histograms
            .entry(level)
            .or_insert_with(|| Histogram::new_with_bounds(1, 120_000_000_000, 3).expect("bounds"))
            .add(&result.histogram)
            .ok();
        c.levels.entry(level).or_default().push(measured);
    }
    if let Some(s) = server {
        s.stop();
    }
}

/// Runs `load` while sampling the server: usage at the window's start and end, and the
/// peak RSS every 100 ms in between.
fn sample_during(
    server: Option<&Server>,
    spec: &LoadSpec,
    load: impl FnOnce(&LoadSpec) -> Result<load::LoadResult>,
) -> Result<(load::LoadResult, Usage, Usage, u64)> {
    let Some(server) = server else {
        return Ok((load(spec)?, Usage::default(), Usage::default(), 0));
    };
    let pid = server.pid();
    let done = std::sync::atomic::AtomicBool::new(false);
    let from = Instant::now() + Duration::from_millis(20) + spec.warmup;
    let until = from + spec.duration;
    std::thread::scope(|scope| {
        let done = &done;
        let sampler = scope.spawn(move || {
            let finished = || done.load(std::sync::atomic::Ordering::Relaxed);
            while Instant::now() < from && !finished() {
                std::thread::sleep(
                    Duration::from_millis(5).min(from.saturating_duration_since(Instant::now())),
                );
            }
            let before = proc::usage_of(pid);
            let mut peak = before.rss_bytes;
            while Instant::now() < until && !finished() {
                std::thread::sleep(
                    Duration::from_millis(100).min(until.saturating_duration_since(Instant::now())),
                );
                peak = peak.max(proc::usage_of(pid).rss_bytes);
            }
            let after = proc::usage_of(pid);
            (before, after, peak.max(after.rss_bytes))
        });
        let result = load(spec);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let (before, after, peak) = sampler.join().unwrap_or_default();
        result.map(|r| (r, before, after, peak))
    })
}
