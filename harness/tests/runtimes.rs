//! `dyno runtimes`: discovery against the real node on this machine (and bun/deno when
//! installed), against fake runtimes, and the one-line errors for bad input.

mod common;

use common::{dyno, expected_runtimes, fixtures, node_eval};
use predicates::prelude::*;
use serde_json::Value;

fn list(cmd: &mut assert_cmd::Command) -> Vec<Value> {
    let out = cmd.args(["runtimes", "--format", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "dyno runtimes failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("stdout is JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn find<'a>(list: &'a [Value], name: &str) -> Option<&'a Value> {
    list.iter().find(|r| r["name"] == name)
}

#[test]
fn lists_real_node_and_dynojs_with_versions() {
    let dir = tempfile::tempdir().unwrap();
    let runtimes = list(&mut dyno(dir.path()));

    let dynojs = find(&runtimes, "dynojs").expect("dynojs is discovered next to dyno");
    assert_eq!(dynojs["engine"], "QuickJS-ng");
    assert_eq!(dynojs["version"], env!("CARGO_PKG_VERSION"));
    assert!(dynojs["engine_version"].as_str().unwrap().starts_with("0."));

    match node_eval("process.versions.node + ' ' + process.versions.v8") {
        Some(truth) => {
            let (version, v8) = truth.split_once(' ').unwrap();
            let node = find(&runtimes, "node").expect("node is on PATH, so dyno lists it");
            assert_eq!(node["version"], version);
            assert_eq!(node["engine"], "V8");
            assert_eq!(node["engine_version"], v8);
            assert_eq!(node["capabilities"]["node_http"], true);
        }
        None => assert!(
            !expected_runtimes().iter().any(|r| r == "node"),
            "DYNO_EXPECT_RUNTIMES names node but node is not on PATH"
        ),
    }
}

#[test]
fn lists_installed_bun_and_deno_when_present() {
    let dir = tempfile::tempdir().unwrap();
    let runtimes = list(&mut dyno(dir.path()));
    for (name, engine) in [("bun", "JavaScriptCore"), ("deno", "V8")] {
        let found = runtimes
            .iter()
            .find(|r| r["kind"] == name && r["source"] == "cache");
        match found {
            Some(r) => {
                assert_eq!(r["engine"], engine);
                let display = r["name"].as_str().unwrap();
                assert_eq!(display, format!("{name}@{}", r["version"].as_str().unwrap()));
                assert!(r["version"].as_str().unwrap().chars().next().unwrap().is_ascii_digit());
            }
            None => assert!(
                !expected_runtimes().iter().any(|r| r == name),
                "{name} is expected (DYNO_EXPECT_RUNTIMES) but `dyno runtimes` does not list it; run `dyno runtimes install {name}`"
            ),
        }
    }
}

#[test]
fn fake_quickjs_and_llrt_on_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = format!(
        "{}:{}",
        fixtures().join("fake-runtimes").display(),
        std::env::var("PATH").unwrap()
    );
    let runtimes = list(dyno(dir.path()).env("PATH", path));
    let qjs = find(&runtimes, "quickjs").expect("fake qjs discovered");
    assert_eq!(qjs["version"], "0.99.0-fake");
    assert_eq!(qjs["engine"], "QuickJS-ng");
    let llrt = find(&runtimes, "llrt").expect("fake llrt discovered");
    assert_eq!(llrt["version"], "0.0.1-fake");
}

#[test]
fn human_table_by_default() {
    let dir = tempfile::tempdir().unwrap();
    dyno(dir.path())
        .arg("runtimes")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("runtime"))
        .stdout(predicate::str::contains("dynojs"));
}

#[test]
fn variant_with_flags_is_listed_with_its_args() {
    if node_eval("1").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let runtimes = list(dyno(dir.path()).args(["--runtime", "node-jitless=node --jitless"]));
    assert_eq!(
        runtimes.len(),
        1,
        "a --runtime selection lists only the selection"
    );
    assert_eq!(runtimes[0]["name"], "node-jitless");
    assert_eq!(runtimes[0]["kind"], "node");
    assert_eq!(runtimes[0]["args"], serde_json::json!(["--jitless"]));
}

/// Runs dyno with `args`, expects exit 2 and a single stderr line containing `needle`.
fn bad_input(args: &[&str], needle: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dyno(dir.path()).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{args:?}: one line, got {stderr:?}"
    );
    assert!(
        stderr.contains(needle),
        "{args:?}: {stderr:?} lacks {needle:?}"
    );
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    bad_input(
        &["runtimes", "--runtime", "nope=/does/not/exist"],
        "runtime 'nope' (--runtime nope=/does/not/exist): '/does/not/exist' does not exist or is not executable; give the path to an executable",
    );
    bad_input(
        &["runtimes", "--runtime", "nodee"],
        "unknown runtime 'nodee' (known: ",
    );
    bad_input(
        &["runtimes", "--runtime", "x=no-such-program-here"],
        "is not on PATH",
    );
    bad_input(
        &["runtimes", "--runtime", "=node"],
        "the name before '=' must be one word",
    );
    bad_input(
        &["runtimes", "--config", "/no/such/dyno.toml"],
        "config file '/no/such/dyno.toml' does not exist",
    );
    bad_input(
        &["runtimes", "--format", "junit"],
        "dyno runtimes cannot print --format junit; use one of: human, json",
    );
    bad_input(
        &["runtimes", "install", "qjs"],
        "cannot install 'qjs': it has no npm package",
    );
    bad_input(
        &["runtimes", "install", "nodejs@22"],
        "dyno installs node, bun and deno",
    );
    bad_input(
        &["bench", "--format", "junit"],
        "dyno bench cannot print --format junit; use one of: human, json, csv, bmf",
    );
    bad_input(
        &["test", "compat"],
        "is not a compat suite (no _harness/prelude.cjs); run dyno from its checkout or pass --compat-dir",
    );
    bad_input(&["compare", "a.json"], "cannot read results file 'a.json'");
    bad_input(
        &["merge", "a.json", "--out", "b.json"],
        "cannot read results file 'a.json': No such file or directory (os error 2)",
    );
}

#[test]
fn config_typo_names_key_and_nearest() {
    let typo = fixtures().join("config/typo.toml");
    bad_input(
        &["runtimes", "--config", typo.to_str().unwrap()],
        "unknown key 'runtimes.fake.comand'; did you mean 'command'?",
    );
}

#[test]
fn broken_custom_runtime_is_a_clear_error() {
    let crashing = fixtures().join("fake-runtimes/crashing-runtime");
    let arg = format!("broken={}", crashing.display());
    bad_input(
        &["runtimes", "--runtime", &arg],
        "runtime 'broken' (--runtime broken=",
    );
}

#[test]
fn install_without_npm_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dyno(dir.path())
        .args(["runtimes", "install", "bun"])
        .env("PATH", "/nonexistent")
        .env("DYNO_CACHE_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("npm not found on PATH"));
}

#[test]
fn usage_errors_from_clap_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    dyno(dir.path()).arg("no-such-command").assert().code(2);
    dyno(dir.path())
        .args(["runtimes", "install"])
        .assert()
        .code(2);
}
