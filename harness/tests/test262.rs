//! `dyno test test262` on a miniature test262 checkout written for these tests
//! (fixtures/test262: our own assert.js/sta.js/doneprintHandle.js stand-ins and a test of
//! every flag, phase and host hook, including ones that must fail), run on the real
//! dynojs. Every verdict path is checked, plus expectations, filters, output formats,
//! the results document and bad input.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{dyno, fixtures, node_eval, validate_results};
use serde_json::Value;

fn suite() -> PathBuf {
    fixtures().join("test262")
}

/// Runs `dyno test test262` with `extra` args; returns (exit code, stdout, stderr).
fn test262(dir: &Path, suite_dir: &Path, extra: &[&str]) -> (i32, String, String) {
    test262_on("dynojs", dir, suite_dir, extra)
}

fn test262_on(
    runtime: &str,
    dir: &Path,
    suite_dir: &Path,
    extra: &[&str],
) -> (i32, String, String) {
    let out = dyno(dir)
        .args([
            "test",
            "test262",
            "--runtime",
            runtime,
            "--timeout",
            "2",
            "-q",
            "--test262-dir",
        ])
        .arg(suite_dir)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn verdicts(jsonl: &str) -> BTreeMap<(String, String), String> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|v| {
            (
                (
                    v["id"].as_str().unwrap().to_owned(),
                    v["scenario"].as_str().unwrap().to_owned(),
                ),
                v["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_verdict_path() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = test262(dir.path(), &suite(), &["--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let got = verdicts(&stdout);
    let expected = [
        ("basic/pass.js", "default", "pass"),
        ("basic/pass.js", "strict", "pass"),
        ("basic/sloppy-only-behaviour.js", "default", "pass"),
        ("basic/sloppy-only-behaviour.js", "strict", "fail"),
        ("basic/only-strict.js", "strict", "pass"),
        ("basic/no-strict.js", "default", "pass"),
        ("basic/raw.js", "raw", "pass"),
        ("basic/assertion-fails.js", "default", "fail"),
        ("basic/hangs.js", "default", "timeout"),
        ("basic/uses-include.js", "strict", "pass"),
        ("basic/proposal.js", "default", "pass"),
        ("basic/cannot-block.js", "default", "skip"),
        ("module/self-import.js", "module", "pass"),
        ("negative/parse.js", "default", "pass"),
        ("negative/parse.js", "strict", "pass"),
        ("negative/resolution.js", "module", "pass"),
        ("negative/runtime.js", "strict", "pass"),
        ("negative/wrong-phase.js", "default", "fail-wrong-phase"),
        ("negative/wrong-type.js", "default", "fail-wrong-error"),
        ("negative/no-error.js", "default", "fail-no-error"),
        ("async/completes.js", "default", "pass"),
        ("async/fails.js", "default", "fail"),
        ("async/never-done.js", "default", "fail"),
        ("host/realm-and-eval.js", "default", "pass"),
        ("staging/pass.js", "default", "pass"),
    ];
    for (id, scenario, verdict) in expected {
        assert_eq!(
            got.get(&(id.to_owned(), scenario.to_owned()))
                .map(String::as_str),
            Some(verdict),
            "{id} ({scenario}); all: {got:#?}"
        );
    }
    // No _FIXTURE file is a test; no scenario is missing or extra.
    assert!(!got.keys().any(|(id, _)| id.contains("_FIXTURE")));
    assert_eq!(got.len(), 30, "{got:#?}");
}

#[test]
fn node_host_gives_the_same_verdicts() {
    if common::node_eval("1").is_none() {
        assert!(
            !common::expected_runtimes().iter().any(|r| r == "node"),
            "node is expected but missing"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = test262_on("node", dir.path(), &suite(), &["--format", "jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let node = verdicts(&stdout);
    let (_, stdout, _) = test262(dir.path(), &suite(), &["--format", "jsonl"]);
    let dynojs = verdicts(&stdout);
    for (key, verdict) in &dynojs {
        let expected = match (key.0.as_str(), verdict.as_str()) {
            // node's vm host waits for the event loop; an async test that never calls
            // $DONE ends as a timeout there and as a failure on dynojs (no timers).
            ("async/never-done.js", "fail") => "timeout",
            _ => verdict.as_str(),
        };
        assert_eq!(node.get(key).map(String::as_str), Some(expected), "{key:?}");
    }
}

#[test]
fn features_skip_directly_and_through_includes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stdout, _) = test262(
        dir.path(),
        &suite(),
        &[
            "--format",
            "jsonl",
            "--skip-feature",
            "fancy-proposal",
            "--skip-feature",
            "fancy-include-feature",
        ],
    );
    let got = verdicts(&stdout);
    assert_eq!(
        got[&("basic/proposal.js".to_owned(), "default".to_owned())],
        "skip"
    );
    assert_eq!(
        got[&("basic/uses-include.js".to_owned(), "strict".to_owned())],
        "skip"
    );
    assert_eq!(
        got[&("basic/pass.js".to_owned(), "strict".to_owned())],
        "pass"
    );
}

#[test]
fn filters_select_tests() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = test262(
        dir.path(),
        &suite(),
        &[
            "--format",
            "jsonl",
            "--filter",
            "(dir:negative | dir:module) & !flag:module",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    let ids: std::collections::BTreeSet<String> =
        verdicts(&stdout).into_keys().map(|(id, _)| id).collect();
    assert!(ids.iter().all(|id| id.starts_with("negative/")), "{ids:?}");
    assert!(!ids.contains("negative/resolution.js"));
    assert!(ids.contains("negative/parse.js"));
}

#[test]
fn summary_scores_and_results_document() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("results.json");
    let (code, stdout, stderr) = test262(dir.path(), &suite(), &["--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("on dynojs"), "{stdout}");
    assert!(
        stdout.contains("spec-only (no staging, intl402, proposals)"),
        "{stdout}"
    );
    assert!(stdout.contains("by directory"), "{stdout}");
    assert!(stdout.contains("(v5.0.0)"), "{stdout}");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    validate_results(&doc);
    let conf = &doc["conformance"][0];
    assert_eq!(conf["runtime"], "dynojs");
    assert_eq!(conf["suite_contract_version"], "5.0.0");
    assert_eq!(conf["summary"]["timeout"], 1);
    let failing = conf["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "basic/assertion-fails.js")
        .unwrap();
    assert!(failing["detail"]
        .as_str()
        .unwrap()
        .contains("one is not two"));
}

#[test]
fn junit_and_tap() {
    let dir = tempfile::tempdir().unwrap();
    let (_, junit, _) = test262(
        dir.path(),
        &suite(),
        &["--format", "junit", "--filter", "dir:negative"],
    );
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(
        junit.contains("<testcase classname=\"negative/wrong-type.js\" name=\"default\""),
        "{junit}"
    );
    assert!(
        junit.contains("<failure type=\"fail-wrong-error\""),
        "{junit}"
    );
    let (_, tap, _) = test262(
        dir.path(),
        &suite(),
        &["--format", "tap", "--filter", "dir:negative"],
    );
    assert!(tap.starts_with("TAP version 13\n1..8\n"), "{tap}");
    assert!(
        tap.contains("not ok") && tap.contains("verdict: fail-no-error"),
        "{tap}"
    );
}

/// A copy of the fixture suite that a test may edit.
fn editable_suite() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("cp")
        .arg("-r")
        .arg(suite().join("."))
        .arg(copy.path())
        .status()
        .unwrap();
    assert!(status.success());
    copy
}

#[test]
fn expectations_catch_changes_in_both_directions() {
    let work = tempfile::tempdir().unwrap();
    let copy = editable_suite();
    let exp = work.path().join("dynojs.toml");
    let exp_arg = exp.to_str().unwrap();
    // Record, then a re-run matches.
    let (code, _, stderr) = test262(
        work.path(),
        copy.path(),
        &["--expectations", exp_arg, "--update-expectations"],
    );
    assert_eq!(code, 0, "{stderr}");
    let recorded = std::fs::read_to_string(&exp).unwrap();
    assert!(recorded.contains("negative/wrong-type.js"), "{recorded}");
    let (code, _, stderr) = test262(
        work.path(),
        copy.path(),
        &["--expectations", exp_arg, "--fail-on", "unexpected"],
    );
    assert_eq!(
        code, 0,
        "re-run must match the recorded expectations: {stderr}"
    );
    // A passing test now fails: exit 1, named.
    std::fs::write(
        copy.path().join("test/basic/pass.js"),
        "/*---\ndescription: now broken\n---*/\nassert.sameValue(1, 3);\n",
    )
    .unwrap();
    // A test expected to fail now passes: exit 1, named.
    std::fs::write(
        copy.path().join("test/basic/assertion-fails.js"),
        "/*---\ndescription: fixed\n---*/\nassert.sameValue(2, 2);\n",
    )
    .unwrap();
    let (code, _, stderr) = test262(
        work.path(),
        copy.path(),
        &["--expectations", exp_arg, "--fail-on", "unexpected"],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("unexpected: fail basic/pass.js (default)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unexpected: unexpected-pass basic/assertion-fails.js (default)"),
        "{stderr}"
    );
}

#[test]
fn expectations_write_failure_keeps_the_results() {
    let work = tempfile::tempdir().unwrap();
    let copy = editable_suite();
    // The expectations file is a link into a directory that does not exist: reading finds
    // nothing (no expectations yet), writing fails...
    let exp = work.path().join("exp.toml");
    std::os::unix::fs::symlink(work.path().join("missing-dir/dynojs.toml"), &exp).unwrap();
    let out = work.path().join("results.json");
    let (code, _, stderr) = test262(
        work.path(),
        copy.path(),
        &[
            "--expectations",
            exp.to_str().unwrap(),
            "--update-expectations",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    // ...with a clear error and exit 2, after the measured run was saved.
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("exp.toml"), "{stderr}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(!doc["conformance"][0]["results"]
        .as_array()
        .unwrap()
        .is_empty());
    // Several runtimes share one expectations path only as a directory.
    if node_eval("1").is_some() {
        let (code, _, stderr) = test262(
            work.path(),
            copy.path(),
            &["--runtime", "node", "--expectations", "one.toml"],
        );
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("give a directory"), "{stderr}");
    }
}

#[test]
fn hidden_files_are_not_tests() {
    let work = tempfile::tempdir().unwrap();
    let copy = editable_suite();
    std::fs::write(
        copy.path().join("test/basic/.dyno-1-scratch.js"),
        "/*---\ndescription: scratch\n---*/\n",
    )
    .unwrap();
    let (code, stdout, stderr) = test262(
        work.path(),
        copy.path(),
        &["--filter", "dir:basic", "--format", "jsonl"],
    );
    assert!(code == 0 || code == 1, "{stderr}");
    assert!(stdout.contains("basic/pass.js"), "{stdout}");
    assert!(!stdout.contains("scratch"), "{stdout}");
}

#[test]
fn saved_failures_reproduce() {
    let work = tempfile::tempdir().unwrap();
    let saved = work.path().join("failed");
    let (_, stdout, _) = test262(
        work.path(),
        &suite(),
        &[
            "--format",
            "jsonl",
            "--filter",
            "id:wrong-type",
            "--save-failed",
            saved.to_str().unwrap(),
        ],
    );
    let line: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    let command = line["command"]
        .as_str()
        .expect("a reproduce command")
        .to_owned();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{command}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("\"name\":\"RangeError\""),
        "{command}"
    );
}

#[test]
fn custom_command_host_reports_crashes() {
    let work = tempfile::tempdir().unwrap();
    // Answers --version (so discovery accepts it), crashes on every script.
    let crashing = work.path().join("crashy");
    std::fs::write(
        &crashing,
        "#!/bin/sh\n[ \"$1\" = --version ] && { echo crashy 1.0; exit 0; }\nkill -SEGV $$\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&crashing, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dyno(work.path())
        .args([
            "test",
            "test262",
            "-q",
            "--format",
            "jsonl",
            "--filter",
            "id:basic/pass.js",
            "--runtime",
        ])
        .arg(format!("broken={}", crashing.display()))
        .arg("--test262-dir")
        .arg(suite())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let got = verdicts(&stdout);
    assert_eq!(
        got[&("basic/pass.js".to_owned(), "default".to_owned())],
        "crash",
        "{stdout}"
    );
}

#[test]
fn bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = dyno(dir.path())
            .args(args)
            .env_remove("TEST262_DIR")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["test", "test262", "--runtime", "dynojs"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("pass --test262-dir DIR or set TEST262_DIR"),
        "{err}"
    );
    let (code, err) = run(&[
        "test",
        "test262",
        "--runtime",
        "dynojs",
        "--test262-dir",
        "/tmp",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("is not a test262 checkout"), "{err}");
    let suite_dir = suite();
    let s = suite_dir.to_str().unwrap();
    let (code, err) = run(&[
        "test",
        "test262",
        "--runtime",
        "dynojs",
        "--test262-dir",
        s,
        "--filter",
        "dir:a &",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--filter"), "{err}");
    let (code, err) = run(&["test", "compat", "test262"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("one suite per invocation"), "{err}");
    let (code, err) = run(&["test", "compat", "--save-failed", s]);
    assert_eq!(code, Some(2));
    assert!(err.contains("test262 options"), "{err}");
    let (code, err) = run(&["test", "test262", "--test262-dir", s, "--format", "matrix"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("dyno test compat"), "{err}");
    let (code, err) = run(&["test", "test262", "--test262-dir", s, "--runtime", "nope"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown runtime 'nope'"), "{err}");
}
