//! Results schema, version 1 — frozen.
//!
//! Every serialized field has a doc comment; keys are snake_case with units in the name.
//! `harness/schema/results.v1.json` is the JSON Schema for this shape and a test checks
//! real output against it. Version 1 is frozen: a change of shape is a new version with a
//! migration in `read.rs` (append-only) and a fixture of the old version that a test
//! loads. Optional fields added before the freeze (`plan`, `shards`, `shard`) default
//! when absent, so every v1 file ever written reads.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::host::HostRecord;
use crate::proc::{CaptureRecord, Outcome};

/// The schema version this dyno writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Version of how dyno measures (sampling, statistics, environment). Results with
/// different methodology versions are not comparable; bump it when numbers would shift.
pub const METHODOLOGY_VERSION: u32 = 1;

/// One run: the document `dyno run`, `dyno test --out` and `dyno bench --out` write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    /// Version of this document's shape; read first, before anything else.
    pub schema_version: u32,
    /// Unique id of the run (UTC start time plus a random suffix).
    pub run_id: String,
    /// Version of the dyno that wrote the file.
    pub dyno_version: String,
    /// See [`METHODOLOGY_VERSION`].
    pub methodology_version: u32,
    /// When the run started.
    pub created_at: DateTime<Utc>,
    /// When the run finished; absent in a document recovered from a crashed run.
    pub finished_at: Option<DateTime<Utc>>,
    /// Whether every planned unit finished.
    pub complete: bool,
    /// The dyno command line that produced the run.
    pub command: Vec<String>,
    /// The project (git work tree) dyno ran in, if any.
    pub project: ProjectRecord,
    /// The machine.
    pub host: HostRecord,
    /// The runtimes selected for the run.
    pub runtimes: Vec<RuntimeRecord>,
    /// The sanitized environment every child ran in.
    pub environment: EnvironmentRecord,
    /// Smoke units: one hello-world run per runtime.
    pub smoke: Vec<SmokeRecord>,
    /// Conformance results, one entry per suite × runtime.
    pub conformance: Vec<ConformanceRecord>,
    /// Benchmark results, one entry per benchmark × runtime.
    pub benchmarks: Vec<BenchmarkRecord>,
    /// The plan of units this run belongs to (`dyno run`); absent for `dyno test`/`bench`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanRecord>,
    /// In a merged run (`dyno merge`): each shard's machine and bookkeeping.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shards: Vec<ShardRecord>,
}

/// Which plan a run executes, and which part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRecord {
    /// Hex sha256 over the runtimes, settings and every unit key of the whole plan; every
    /// shard of one plan has the same value.
    pub sha256: String,
    /// Units in the whole plan (all shards).
    pub units_total: u64,
    /// Units this file was to run (its shard, or the whole plan).
    pub units_planned: u64,
    /// Units that finished and are in this file.
    pub units_done: u64,
    /// The part of the plan this file holds; absent when it holds the whole plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<ShardSpec>,
    /// Shards absent from a merge made with `--allow-partial` (1-based indices).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_shards: Vec<u32>,
}

/// `--shard I/N`: part I (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardSpec {
    /// 1-based index of this part.
    pub index: u32,
    /// Number of parts.
    pub count: u32,
}

/// One shard of a merged run: where and when it ran.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShardRecord {
    /// 1-based shard index (matches `benchmarks[].shard`).
    pub index: u32,
    /// The machine the shard ran on.
    pub host: HostRecord,
    /// When the shard started.
    pub created_at: DateTime<Utc>,
    /// When it finished, if it did.
    pub finished_at: Option<DateTime<Utc>>,
    /// Whether every unit of the shard finished.
    pub complete: bool,
    /// Units the shard was to run.
    pub units_planned: u64,
    /// Units it finished.
    pub units_done: u64,
    /// The dyno command line of the shard.
    pub command: Vec<String>,
}

/// The git state of the directory dyno ran in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRecord {
    /// `git rev-parse HEAD`, if the working directory is in a git repository.
    pub git_commit: Option<String>,
    /// Whether the work tree had uncommitted changes.
    pub git_dirty: Option<bool>,
}

/// A runtime as discovered: what was run and what it reported about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeRecord {
    /// Name used on the command line (`node`, `node@22.22.0`, `node-jitless`).
    pub name: String,
    /// Adapter kind: node, deno, bun, quickjs, llrt, dynojs or custom.
    pub kind: String,
    /// The runtime's own version string (`22.22.0`, `1.4.5`).
    pub version: String,
    /// JS engine: V8, JavaScriptCore, QuickJS-ng, ...
    pub engine: String,
    /// Engine version or revision, as the runtime reports it.
    pub engine_version: String,
    /// Resolved executable path.
    pub path: String,
    /// Arguments placed before the script (variant flags such as `--jitless`).
    pub args: Vec<String>,
    /// Hex sha256 of the executable, when computed (always in results files).
    pub sha256: Option<String>,
    /// Where dyno found it: path, cache, sibling (next to dyno), workspace, custom.
    pub source: String,
    /// What later units may rely on.
    pub capabilities: Capabilities,
}

/// Features of a runtime that decide which units can run on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    /// Runs CommonJS scripts (require, module.exports).
    pub cjs: bool,
    /// Runs ES modules.
    pub esm: bool,
    /// Evaluates a code string from the command line.
    pub eval: bool,
    /// Implements `node:http` createServer.
    pub node_http: bool,
    /// Its native HTTP server API, if any (`Bun.serve`, `Deno.serve`, `Dynojs.serve`).
    pub native_http: Option<String>,
    /// Implements `node:vm`.
    pub node_vm: bool,
    /// Implements `node:worker_threads`.
    pub worker_threads: bool,
    /// Has a test262 host mode (`$262`, agents) of its own.
    pub test262_host: bool,
    /// Tolerates RLIMIT_AS (V8-based runtimes abort under it).
    pub address_space_limit: bool,
}

/// The environment children saw.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvironmentRecord {
    /// Variables passed to every child; secret-looking values are `<redacted>`.
    pub variables: BTreeMap<String, String>,
}

/// A hello-world run of one runtime, recording that it works and one start-up sample.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmokeRecord {
    /// Runtime name (matches `runtimes[].name`).
    pub runtime: String,
    /// Exited 0 and printed the expected line.
    pub ok: bool,
    /// How the process ended.
    pub outcome: Outcome,
    /// The command line, ready to paste into a shell to reproduce.
    pub command: String,
    /// Wall time from spawn to exit, milliseconds.
    pub wall_ms: f64,
    /// User CPU time, milliseconds.
    pub user_ms: f64,
    /// System CPU time, milliseconds.
    pub sys_ms: f64,
    /// Peak resident set size of the process, bytes.
    pub max_rss_bytes: u64,
    /// What the runtime printed on stdout.
    pub stdout: CaptureRecord,
    /// What the runtime printed on stderr.
    pub stderr: CaptureRecord,
}

/// Results of one suite on one runtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConformanceRecord {
    /// Suite name (`test262`, `compat`, or a path).
    pub suite: String,
    /// Runtime name.
    pub runtime: String,
    /// Version of the suite's source (git commit of test262, for instance).
    pub suite_version: Option<String>,
    /// The suite's own contract version (test262's package.json version).
    #[serde(default)]
    pub suite_contract_version: Option<String>,
    /// The --filter expression, if any.
    #[serde(default)]
    pub filter: Option<String>,
    /// sha256 of the expectations file applied, if any.
    #[serde(default)]
    pub expectations_sha256: Option<String>,
    /// Wall time of the whole suite on this runtime, milliseconds.
    #[serde(default)]
    pub duration_ms: f64,
    /// Count of scenarios per verdict.
    pub summary: BTreeMap<String, u64>,
    /// One entry per scenario run.
    pub results: Vec<CaseRecord>,
}

/// The verdict of one scenario of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// Case id: its path relative to the suite root.
    pub id: String,
    /// How it was run: `default`, `strict`, `module`, ...
    pub scenario: String,
    /// pass, fail, timeout, crash, skip, ...
    pub verdict: String,
    /// Why, for anything but a pass.
    pub detail: Option<String>,
    /// Wall time, milliseconds.
    pub duration_ms: f64,
    /// End of what the test printed, for anything but a pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout_tail: Option<String>,
    /// End of the runtime's stderr, for anything but a pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr_tail: Option<String>,
    /// Shell command that reruns the saved composed test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// Where the composed test was saved (--save-failed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composed_path: Option<String>,
}

/// Samples and summary of one metric of one benchmark on one runtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkRecord {
    /// Benchmark id: `startup/hello.js`, `http/node-http-hello@c64`, `loop/timers.js`.
    pub benchmark: String,
    /// Runtime name (matches `runtimes[].name`).
    pub runtime: String,
    /// What was measured: `wall`, `user`, `sys`, `max_rss`, `requests_per_second`,
    /// `latency_p50`, `server_cpu_per_request`, `ops_per_second`, ...
    pub metric: String,
    /// Unit of the samples: `ms`, `bytes`, `req/s`, `us/req`, `ops/s`, ...
    pub unit: String,
    /// Whether a larger value is better (throughput) or worse (time, memory).
    pub higher_is_better: bool,
    /// The benchmark program, relative to the project when inside it.
    pub program: Option<String>,
    /// Hex sha256 of the benchmark program, so changed programs are not compared.
    pub program_sha256: Option<String>,
    /// Command line of one sample, ready to paste into a shell.
    pub command: Option<String>,
    /// Raw samples in measurement order (one per run or repetition).
    pub samples: Vec<f64>,
    /// Summary of the samples; absent when the runtime could not run the benchmark.
    pub summary: Option<crate::stats::Summary>,
    /// Median ratio to the same metric of the first selected runtime, with its 95% CI.
    pub ratio: Option<RatioRecord>,
    /// Why there are no samples (the runtime cannot run it, or it failed), with stderr.
    pub error: Option<String>,
    /// Settings that shape the numbers: connections, duration, rate, CPU sets, floor, ...
    pub params: BTreeMap<String, serde_json::Value>,
    /// Latency distribution of all repetitions merged: `[percentile, value]` pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<[f64; 2]>,
    /// Things a reader must know: generator-bound, above the ceiling's rankable range, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The shard (machine) that measured this unit, in sharded runs; see `shards`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<u32>,
}

/// A ratio of medians against a named runtime.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioRecord {
    /// median(this) / median(first runtime).
    pub ratio: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}
