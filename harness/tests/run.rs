//! `dyno run`: the README's main job produces a results file with smoke units that
//! matches the committed JSON Schema, and records a failing runtime as data.

mod common;

use common::{dyno, fixtures, node_eval, validate_results};
use serde_json::Value;

/// `dyno run` with smoke units only (benchmarks have their own test below).
fn run_in(dir: &std::path::Path, extra: &[&str]) -> Value {
    run_with(dir, &[&["--no-bench"], extra].concat())
}

fn run_with(dir: &std::path::Path, extra: &[&str]) -> Value {
    let out_dir = dir.join("out");
    let out = dyno(dir)
        .args(["run", "--out", out_dir.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dyno run failed: {stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("results: "), "{stdout}");
    // The report lands beside the results.
    assert!(stdout.contains("report: "), "{stdout}");
    assert!(out_dir.join("index.html").is_file() && out_dir.join("summary.md").is_file());
    let text = std::fs::read_to_string(out_dir.join("results.json")).expect("results.json written");
    assert!(
        !out_dir.join("results.json.partial.jsonl").exists(),
        "journal removed after finish"
    );
    serde_json::from_str(&text).unwrap()
}

#[test]
fn run_writes_smoke_units_matching_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let doc = run_in(dir.path(), &[]);
    validate_results(&doc);
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["complete"], true);
    let smoke = doc["smoke"].as_array().unwrap();
    let dynojs = smoke
        .iter()
        .find(|s| s["runtime"] == "dynojs")
        .expect("dynojs smoke unit");
    assert_eq!(dynojs["ok"], true, "{dynojs}");
    assert!(dynojs["wall_ms"].as_f64().unwrap() > 0.0);
    assert!(dynojs["max_rss_bytes"].as_u64().unwrap() > 0);
    if node_eval("1").is_some() {
        let node = smoke
            .iter()
            .find(|s| s["runtime"] == "node")
            .expect("node smoke unit");
        assert_eq!(node["ok"], true, "{node}");
    }
    // Every runtime was hashed, and the environment never carries the caller's variables.
    for rt in doc["runtimes"].as_array().unwrap() {
        assert_eq!(rt["sha256"].as_str().unwrap().len(), 64);
    }
    let vars = doc["environment"]["variables"].as_object().unwrap();
    assert!(vars.contains_key("PATH"));
    assert!(!vars.contains_key("NODE_EXTRA_CA_CERTS"));
}

#[test]
fn run_includes_the_benchmarks() {
    let dir = tempfile::tempdir().unwrap();
    let doc = run_with(
        dir.path(),
        &[
            "-r",
            "dynojs",
            "-b",
            "startup/hello.js",
            "-b",
            "loop/strings.mjs",
            "-b",
            "http/native-hello",
        ],
    );
    validate_results(&doc);
    assert_eq!(doc["complete"], true);
    let benches = doc["benchmarks"].as_array().unwrap();
    let find = |b: &str, rt: &str, m: &str| {
        benches
            .iter()
            .find(|r| r["benchmark"] == b && r["runtime"] == rt && r["metric"] == m)
            .unwrap_or_else(|| panic!("{b} {rt} {m} in {benches:?}"))
    };
    assert!(
        find("startup/hello.js", "dynojs", "wall")["summary"]["median"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    assert!(find("loop/strings.mjs", "dynojs", "ops_per_second")["summary"]["n"] == 3);
    let charts = dir.path().join("out/charts");
    for chart in ["startup-hello-js.svg", "startup-hello-js.png", "loops.svg"] {
        assert!(charts.join(chart).is_file(), "{chart}");
    }
    let html = std::fs::read_to_string(dir.path().join("out/index.html")).unwrap();
    for section in [
        "id=\"start-up\"",
        "id=\"http\"",
        "id=\"event-loop-workloads\"",
    ] {
        assert!(html.contains(section), "{section} section");
    }
    // The ceiling is measured in every HTTP run; each runtime's row is there, with its
    // error if it cannot serve yet.
    let ceiling = find(
        "http/ceiling@c64",
        "hyper (dyno ceiling)",
        "requests_per_second",
    );
    assert!(
        ceiling["summary"]["median"].as_f64().unwrap() > 100.0,
        "{ceiling}"
    );
    let dynojs = find("http/native-hello@c64", "dynojs", "requests_per_second");
    assert!(
        dynojs["summary"].is_object() || dynojs["error"].is_string(),
        "{dynojs}"
    );
}

#[test]
fn results_read_back_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let doc = run_in(dir.path(), &["--runtime", "dynojs"]);
    let read = dyno::store::read_results(&dir.path().join("out/results.json")).expect("reads back");
    assert_eq!(serde_json::to_value(&read).unwrap(), doc);
}

#[test]
fn custom_runtimes_from_config_and_failures_as_data() {
    if node_eval("1").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read_to_string(fixtures().join("config/custom.toml"))
        .unwrap()
        .replace(
            "FAKE_DIR",
            fixtures().join("fake-runtimes").to_str().unwrap(),
        );
    let config_path = dir.path().join("dyno.toml");
    std::fs::write(&config_path, config).unwrap();
    let silent = format!(
        "silent={}",
        fixtures().join("fake-runtimes/silent-runtime").display()
    );
    // ./dyno.toml is picked up like cargo picks up Cargo.toml; --runtime adds to it.
    let doc = run_in(
        dir.path(),
        &[
            "--runtime",
            "fake",
            "--runtime",
            "node-jitless",
            "--runtime",
            &silent,
        ],
    );
    validate_results(&doc);
    let smoke = doc["smoke"].as_array().unwrap();
    let by = |n: &str| {
        smoke
            .iter()
            .find(|s| s["runtime"] == n)
            .unwrap_or_else(|| panic!("{n} ran"))
    };
    assert_eq!(by("fake")["ok"], true, "{}", by("fake"));
    assert!(by("fake")["command"].as_str().unwrap().contains("--script"));
    assert_eq!(by("node-jitless")["ok"], true);
    assert!(by("node-jitless")["command"]
        .as_str()
        .unwrap()
        .contains("--jitless"));
    // Exit 0 without the expected output is a failed smoke, recorded, not an error.
    assert_eq!(by("silent")["ok"], false);
    let vars = doc["environment"]["variables"].as_object().unwrap();
    assert_eq!(vars["DYNO_TEST_VAR"], "1");
    assert_eq!(vars["MY_API_TOKEN"], "<redacted>");
}

#[test]
fn crashing_runtime_in_a_run_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    // A runtime whose probe works but whose script run crashes: the probe is --version,
    // so wrap the crashing script in a tiny shell that answers --version.
    let wrapper = dir.path().join("flaky");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\n[ \"$1\" = --version ] && {{ echo flaky 1.0; exit 0; }}\nexec {}\n",
            fixtures().join("fake-runtimes/crashing-runtime").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let arg = format!("flaky={}", wrapper.display());
    let doc = run_in(dir.path(), &["--runtime", &arg, "--runtime", "dynojs"]);
    let flaky = &doc["smoke"].as_array().unwrap()[0];
    assert_eq!(flaky["ok"], false);
    assert_eq!(flaky["outcome"]["kind"], "signalled");
    assert_eq!(flaky["outcome"]["name"], "SIGSEGV");
    assert!(flaky["stderr"]["tail"]
        .as_str()
        .unwrap()
        .contains("this runtime is broken"));
    validate_results(&doc);
}
