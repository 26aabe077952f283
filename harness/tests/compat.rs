//! The compat suite on real runtimes: node 20 is the reference (every subtest passes, or
//! its file is skipped by a declared requirement), dynojs runs against its committed
//! expectations, the output formats, and a hostile little suite. The mutation check is
//! `compat_mutation.rs` (its own test binary: it spawns through dyno's process layer,
//! whose subreaper would reap the children of tests running beside it).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{dyno, load_json, output3, stdout_ok, validate_results};
use dyno::conform::compat;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn suite_dir() -> PathBuf {
    repo().join("suites/compat")
}

/// Whether node is on PATH; a missing node fails when the environment promises it.
fn have_node() -> bool {
    if common::node_eval("1").is_some() {
        return true;
    }
    assert!(
        !common::expected_runtimes().iter().any(|r| r == "node"),
        "DYNO_EXPECT_RUNTIMES promises node, but it is not on PATH"
    );
    eprintln!("skipping: node is not on PATH");
    false
}

/// `dyno -q --runtime R... test compat --compat-dir suites/compat` in `dir`.
fn compat_on(dir: &Path, runtimes: &[&str]) -> assert_cmd::Command {
    let mut cmd = dyno(dir);
    cmd.arg("-q");
    for r in runtimes {
        cmd.args(["--runtime", r]);
    }
    cmd.args(["test", "compat", "--compat-dir"])
        .arg(suite_dir());
    cmd
}

/// A results file's compat results for `runtime`.
fn results_of<'a>(doc: &'a serde_json::Value, runtime: &str) -> &'a Vec<serde_json::Value> {
    doc["conformance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["runtime"] == runtime && c["suite"] == "compat")
        .unwrap_or_else(|| panic!("no compat results for {runtime}"))["results"]
        .as_array()
        .unwrap()
}

#[test]
fn the_suite_passes_on_node_and_dynojs_matches_its_expectations() {
    if !have_node() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("compat.json");
    let (code, stdout, stderr) = output3(
        compat_on(tmp.path(), &["node", "dynojs"])
            .arg("--expectations")
            .arg(repo().join("suites/expectations/compat/"))
            .args(["--fail-on", "unexpected", "--out"])
            .arg(&out),
    );
    assert_eq!(code, 0, "unexpected results:\n{stderr}\n{stdout}");
    assert!(stdout.contains("by area"), "{stdout}");
    let doc = load_json(&out);
    validate_results(&doc);
    let node = results_of(&doc, "node");
    let subtests: Vec<&serde_json::Value> = node
        .iter()
        .filter(|r| {
            let s = r["scenario"].as_str().unwrap();
            !s.starts_with(compat::OBSERVE_PREFIX) && s != "(file)"
        })
        .collect();
    let areas: BTreeSet<&str> = subtests
        .iter()
        .map(|r| compat::area_of(r["id"].as_str().unwrap()))
        .collect();
    assert!(subtests.len() >= 400, "{} subtests on node", subtests.len());
    assert!(areas.len() >= 12, "{} areas: {areas:?}", areas.len());
    let failing: Vec<String> = node
        .iter()
        .filter(|r| !matches!(r["verdict"].as_str(), Some("pass" | "skip")))
        .map(|r| format!("{} › {}: {}", r["id"], r["scenario"], r["detail"]))
        .collect();
    assert!(
        failing.is_empty(),
        "node must pass everything:\n{}",
        failing.join("\n")
    );
    // Skips are whole files whose `requires` node lacks; at most 5% of the files.
    let files: BTreeSet<&str> = node.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let skipped = node
        .iter()
        .filter(|r| r["scenario"] == "(file)" && r["verdict"] == "skip")
        .count();
    assert!(
        skipped * 20 <= files.len(),
        "node skips {skipped} of {} files",
        files.len()
    );
    // dynojs ran every file too (its failures are the expected ones, or the run failed).
    let dynojs = results_of(&doc, "dynojs");
    assert!(
        dynojs.len() >= subtests.len(),
        "dynojs ran {} scenarios",
        dynojs.len()
    );
}

#[test]
fn junit_has_one_testcase_per_subtest_and_the_matrix_is_written() {
    if !have_node() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let junit = stdout_ok(compat_on(tmp.path(), &["node"]).args([
        "--filter",
        "dir:timers",
        "--format",
        "junit",
    ]));
    let cases = junit.matches("<testcase ").count();
    assert!(cases >= 20, "{cases} testcases:\n{junit}");
    assert!(
        junit.contains(r#"classname="timers/timers.mjs" name="setTimeout passes extra arguments to the callback""#),
        "{junit}"
    );
    assert!(!junit.contains("<failure"), "{junit}");

    let md = stdout_ok(compat_on(tmp.path(), &["node", "dynojs"]).args([
        "--filter",
        "dir:timers | dir:event-loop",
        "--format",
        "matrix",
    ]));
    assert!(md.contains("# dyno compat: interop matrix"), "{md}");
    assert!(md.contains("| timers |"), "{md}");
    assert!(md.contains("of 2 |"), "{md}");
    assert!(md.contains("Divergence probes"), "{md}");
    let json = load_json(&tmp.path().join("reports/compat/matrix.json"));
    assert_eq!(json["schema"], "dyno-compat-matrix/1");
    let rows = json["subtests"].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r["subtest"] == "setTimeout passes extra arguments to the callback")
        .expect("a matrix row per subtest");
    assert_eq!(row["results"]["node"], "pass");
    assert!(row["passed_by"].as_u64().unwrap() >= 1);
}

/// A tiny suite in a temp dir with the real prelude: the ways a case can go wrong.
#[test]
fn broken_cases_are_verdicts_not_lost() {
    if !have_node() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("suite");
    std::fs::create_dir_all(root.join("_harness")).unwrap();
    for f in ["prelude.cjs", "prelude.mjs"] {
        std::fs::copy(
            suite_dir().join("_harness").join(f),
            root.join("_harness").join(f),
        )
        .unwrap();
    }
    std::fs::create_dir_all(root.join("a")).unwrap();
    let head = "/*---\ndescription: d\narea: a\n---*/\nimport { test, ok } from \"../_harness/prelude.mjs\";\n";
    let write = |name: &str, body: &str| {
        std::fs::write(root.join("a").join(name), format!("{head}{body}")).unwrap()
    };
    write("early-exit.mjs", "test(\"first\", () => ok(true));\ntest(\"exits\", () => process.exit(0));\ntest(\"never\", () => ok(true));\n");
    write("throws-at-load.mjs", "throw new Error(\"load failed\");\n");
    write(
        "hangs.mjs",
        "test(\"forever\", () => new Promise(() => setInterval(() => {}, 1000)));\n",
    );
    write("passes.mjs", "test(\"fine\", () => ok(true));\n");
    std::fs::write(
        root.join("a/bad-frontmatter.mjs"),
        "/*---\ndescription: d\nrequire: [x]\n---*/\n",
    )
    .unwrap();
    std::fs::write(
        root.join("a/needs.mjs"),
        "/*---\ndescription: d\narea: a\nrequires: [DynoNoSuchGlobal, node:fs]\n---*/\n",
    )
    .unwrap();
    let out = tmp.path().join("r.json");
    let (code, stdout, stderr) = output3(
        dyno(tmp.path())
            .args([
                "-q",
                "--runtime",
                "node",
                "test",
                "compat",
                "--timeout",
                "2",
            ])
            .arg("--compat-dir")
            .arg(&root)
            .args(["--fail-on", "unexpected", "--out"])
            .arg(&out),
    );
    assert_eq!(code, 1, "failures must fail the run: {stdout}{stderr}");
    let doc = load_json(&out);
    let got: BTreeMap<(String, String), String> = results_of(&doc, "node")
        .iter()
        .map(|r| {
            (
                (
                    r["id"].as_str().unwrap().to_owned(),
                    r["scenario"].as_str().unwrap().to_owned(),
                ),
                r["verdict"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want = |id: &str, sc: &str| {
        got.get(&(format!("a/{id}"), sc.to_owned()))
            .map(String::as_str)
    };
    assert_eq!(want("early-exit.mjs", "first"), Some("pass"));
    assert_eq!(want("early-exit.mjs", "never"), Some("fail"));
    assert_eq!(want("throws-at-load.mjs", "(file)"), Some("fail"));
    assert_eq!(want("hangs.mjs", "forever"), Some("timeout"));
    assert_eq!(want("passes.mjs", "fine"), Some("pass"));
    assert_eq!(want("bad-frontmatter.mjs", "(file)"), Some("harness-error"));
    assert_eq!(want("needs.mjs", "(file)"), Some("skip"));
    let needs = results_of(&doc, "node")
        .iter()
        .find(|r| r["id"] == "a/needs.mjs")
        .unwrap();
    assert_eq!(needs["detail"], "host-capability: no DynoNoSuchGlobal");
}
