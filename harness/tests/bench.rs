//! `dyno bench` on real processes and real loopback servers, kept short: start-up with
//! the floor row, loop workloads, HTTP against dyno's ceiling server and (when present)
//! node, and servers that fail in the ways real ones do.

mod common;

use common::{dyno, expected_runtimes, node_eval, validate_results};
use serde_json::Value;

fn bench(dir: &std::path::Path, args: &[&str]) -> (Value, String) {
    let out = dir.join("results.json");
    let run = dyno(dir)
        .arg("bench")
        .args(args)
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "dyno bench {args:?} failed: {}\n{stdout}",
        String::from_utf8_lossy(&run.stderr)
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    validate_results(&doc);
    (doc, stdout)
}

fn records<'a>(doc: &'a Value, bench: &str, metric: &str) -> Vec<&'a Value> {
    doc["benchmarks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["benchmark"] == bench && r["metric"] == metric)
        .collect()
}

fn median(r: &Value) -> f64 {
    r["summary"]["median"].as_f64().unwrap_or(f64::NAN)
}

#[test]
fn startup_samples_each_runtime_beside_the_floor() {
    let dir = tempfile::tempdir().unwrap();
    let hello =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/bench/startup/hello.js");
    let (doc, stdout) = bench(
        dir.path(),
        &[
            "startup",
            hello.to_str().unwrap(),
            "-r",
            "dynojs",
            "--runs",
            "4",
            "--warmup-runs",
            "1",
        ],
    );
    let wall = records(&doc, "startup/hello.js", "wall");
    let names: Vec<&str> = wall
        .iter()
        .map(|r| r["runtime"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dynojs", "floor (/bin/true)"]);
    for r in &wall {
        assert_eq!(r["samples"].as_array().unwrap().len(), 4, "{r}");
        assert!(median(r) > 0.0);
        assert_eq!(r["unit"], "ms");
    }
    // The floor is cheaper than any runtime, and both carry the floor's median.
    assert!(median(wall[1]) < median(wall[0]));
    assert!(wall[0]["params"]["floor_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(wall[0]["ratio"]["ratio"], 1.0);
    assert_eq!(wall[0]["program_sha256"].as_str().unwrap().len(), 64);
    let rss = records(&doc, "startup/hello.js", "max_rss");
    assert!(median(rss[0]) > 1e6, "{}", rss[0]);
    assert!(stdout.contains("startup/hello.js"), "{stdout}");
}

#[test]
fn json_format_prints_one_summary_per_metric() {
    let dir = tempfile::tempdir().unwrap();
    let prog = dir.path().join("empty.js");
    std::fs::write(&prog, "").unwrap();
    let out = dyno(dir.path())
        .args([
            "--format",
            "json",
            "bench",
            "startup",
            prog.to_str().unwrap(),
        ])
        .args(["-r", "dynojs", "--runs", "2", "--warmup-runs", "0"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let wall = rows
        .iter()
        .find(|r| r["runtime"] == "dynojs" && r["metric"] == "wall")
        .expect("a wall row");
    for key in [
        "benchmark",
        "runtime",
        "metric",
        "unit",
        "median",
        "ci_low",
        "ci_high",
        "samples",
    ] {
        assert!(wall.get(key).is_some(), "missing {key}: {wall}");
    }
    assert_eq!(wall["samples"], 2);
}

#[test]
fn a_failing_program_is_recorded_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let prog = dir.path().join("boom.js");
    std::fs::write(&prog, "throw new Error('boom at start-up')").unwrap();
    let (doc, stdout) = bench(
        dir.path(),
        &[
            "startup",
            prog.to_str().unwrap(),
            "-r",
            "dynojs",
            "--runs",
            "2",
        ],
    );
    let wall = records(&doc, "startup/boom.js", "wall");
    let dynojs = wall.iter().find(|r| r["runtime"] == "dynojs").unwrap();
    assert!(dynojs["summary"].is_null());
    assert!(
        dynojs["error"]
            .as_str()
            .unwrap()
            .contains("boom at start-up"),
        "{dynojs}"
    );
    assert!(stdout.contains("dynojs failed"), "{stdout}");
}

#[test]
fn loop_workloads_report_ops_per_second() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("count.mjs");
    std::fs::write(
        &good,
        "const t = performance.now(); let x = 0; for (let i = 0; i < 1e5; i++) x += i;\n\
         console.log(`DYNO_RESULT ops=100000 ms=${Math.max(performance.now() - t, 0.001)}`);",
    )
    .unwrap();
    let silent = dir.path().join("silent.mjs");
    std::fs::write(&silent, "console.log('no protocol line');").unwrap();
    let (doc, _) = bench(
        dir.path(),
        &[
            "loop",
            good.to_str().unwrap(),
            silent.to_str().unwrap(),
            "-r",
            "dynojs",
            "--repeat",
            "2",
        ],
    );
    let ops = records(&doc, "loop/count.mjs", "ops_per_second");
    assert_eq!(ops[0]["samples"].as_array().unwrap().len(), 2);
    assert!(median(ops[0]) > 0.0);
    assert_eq!(ops[0]["higher_is_better"], true);
    let bad = records(&doc, "loop/silent.mjs", "ops_per_second");
    assert!(
        bad[0]["error"].as_str().unwrap().contains("DYNO_RESULT"),
        "{}",
        bad[0]
    );
}

/// Short HTTP settings for tests.
const QUICK: &[&str] = &["--duration", "400ms", "--warmup", "100ms", "--repeat", "2"];

#[test]
fn http_against_a_users_server_command() {
    // dyno's own hyper server stands in for the user's: a real server on loopback.
    let dir = tempfile::tempdir().unwrap();
    let exe = assert_cmd::cargo::cargo_bin("dyno");
    let cmd = format!("{} internal ceiling-server", exe.display());
    let mut args = vec![
        "http",
        "--server",
        &cmd,
        "--connections",
        "1,8",
        "--server-cpus",
        "0",
        "--client-cpus",
        "0-1",
    ];
    args.extend_from_slice(QUICK);
    let (doc, _) = bench(dir.path(), &args);
    for level in ["http/custom@c1", "http/custom@c8"] {
        let rps = records(&doc, level, "requests_per_second");
        assert_eq!(rps.len(), 1, "{level}");
        let r = rps[0];
        assert!(r["error"].is_null(), "{r}");
        assert_eq!(r["samples"].as_array().unwrap().len(), 2);
        assert!(median(r) > 100.0, "{r}");
        let errors = records(&doc, level, "errors");
        assert_eq!(median(errors[0]), 0.0, "{}", errors[0]);
        let cpu = records(&doc, level, "server_cpu_per_request");
        assert!(median(cpu[0]).is_finite());
        let p50 = records(&doc, level, "latency_p50");
        assert!(median(p50[0]) > 0.0);
        assert!(!p50[0]["distribution"].as_array().unwrap().is_empty());
        assert_eq!(r["params"]["server_cpus"], serde_json::json!([0]));
        // `GET / HTTP/1.1` + `Host: 127.0.0.1:PORT`: wrk's 40 bytes give or take the port.
        let request = r["params"]["request_bytes"].as_u64().unwrap();
        assert!((38..=41).contains(&request), "{request}");
    }
}

#[test]
fn http_suite_on_node_with_the_ceiling_row() {
    if node_eval("1").is_none() {
        assert!(
            !expected_runtimes().contains(&"node".to_owned()),
            "node is expected but not on PATH"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "http",
        "-b",
        "node-http-hello",
        "-b",
        "echo",
        "--connections",
        "4",
        "-r",
        "node",
    ];
    args.extend_from_slice(QUICK);
    let (doc, stdout) = bench(dir.path(), &args);
    let ceiling = records(&doc, "http/ceiling@c4", "requests_per_second");
    assert_eq!(ceiling[0]["runtime"], "hyper (dyno ceiling)");
    assert!(median(ceiling[0]) > 100.0);
    for id in ["http/node-http-hello@c4", "http/echo-64k@c4"] {
        let node = records(&doc, id, "requests_per_second");
        assert!(node[0]["error"].is_null(), "{}", node[0]);
        assert!(median(node[0]) > 10.0, "{}", node[0]);
        let errors = records(&doc, id, "errors");
        assert_eq!(median(errors[0]), 0.0, "{}", errors[0]);
        assert!(median(records(&doc, id, "server_rss")[0]) > 1e6);
    }
    let echo = records(&doc, "http/echo-64k@c4", "bytes_per_second");
    assert!(median(echo[0]) > 64.0 * 1024.0, "{}", echo[0]);
    assert!(stdout.contains("http/node-http-hello@c4"), "{stdout}");
}

#[test]
fn http_servers_that_fail_are_recorded_with_their_stderr() {
    let dir = tempfile::tempdir().unwrap();
    // Exits before printing the readiness line.
    let dies = dir.path().join("dies.sh");
    std::fs::write(
        &dies,
        "#!/bin/sh\necho 'cannot bind: permission denied' >&2\nexit 3\n",
    )
    .unwrap();
    // Ready, but answers 500.
    let script = dir.path().join("500.sh");
    std::fs::write(&script, "#!/bin/sh\nexec python3 -c \"\nimport http.server,socketserver\nclass H(http.server.BaseHTTPRequestHandler):\n    protocol_version='HTTP/1.1'\n    def do_GET(self):\n        self.send_response(500); self.send_header('Content-Length','0'); self.end_headers()\n    def log_message(self,*a): pass\ns=socketserver.TCPServer(('127.0.0.1',0),H)\nprint('DYNO_READY port=%d' % s.server_address[1], flush=True)\ns.serve_forever()\n\"\n").unwrap();
    for f in [&dies, &script] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut args = vec![
        "http",
        "--server",
        dies.to_str().unwrap(),
        "--connections",
        "2",
    ];
    args.extend_from_slice(QUICK);
    let (doc, _) = bench(dir.path(), &args);
    let r = records(&doc, "http/custom@c2", "requests_per_second")[0];
    let error = r["error"].as_str().unwrap();
    assert!(error.contains("exited before it was ready"), "{error}");
    assert!(error.contains("permission denied"), "{error}");

    let mut args = vec![
        "http",
        "--server",
        script.to_str().unwrap(),
        "--connections",
        "2",
    ];
    args.extend_from_slice(QUICK);
    let (doc, _) = bench(dir.path(), &args);
    let r = records(&doc, "http/custom@c2", "requests_per_second")[0];
    assert!(r["error"].as_str().unwrap().contains("non_2xx"), "{r}");
}

#[test]
fn bad_bench_input_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (vec!["bench", "startup", "missing.js"], "does not exist"),
        (
            vec!["bench", "http", "--duration", "fast"],
            "not a duration",
        ),
        (
            vec!["bench", "http", "--server-cpus", "3-1"],
            "not a CPU list",
        ),
        (vec!["bench", "startup", "--ci-target", "2"], "--ci-target"),
        (
            vec!["bench", "http", "--url", "https://example.com/"],
            "https is not supported",
        ),
    ] {
        let out = dyno(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        // One line naming the problem (clap adds its "For more information" hint below).
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: ") && first.contains(needle),
            "{args:?}: {stderr}"
        );
    }
}
