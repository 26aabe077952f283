//! `dyno compare` on the real binary: fixture runs mutated in known ways (so the expected
//! verdicts are exact), plus real `dyno bench` and `dyno test` runs compared end to end.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use common::{dyno, fixtures, load_json, output3, startup_on_dynojs, write_json as write};

fn fixture() -> Value {
    load_json(&fixtures().join("results/v1-export.json"))
}

/// Scales the samples of one benchmark record (by runtime and metric).
fn scale(doc: &mut Value, runtime: &str, metric: &str, factor: f64) {
    for b in doc["benchmarks"].as_array_mut().unwrap() {
        if b["runtime"] == runtime && b["metric"] == metric {
            for s in b["samples"].as_array_mut().unwrap() {
                *s = Value::from(s.as_f64().unwrap() * factor);
            }
        }
    }
}

fn compare(dir: &Path, args: &[&str]) -> (i32, String, String) {
    output3(dyno(dir).arg("compare").args(args))
}

fn rows(json: &str) -> Vec<Value> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["benchmarks"].as_array().unwrap().clone()
}

fn row<'a>(rows: &'a [Value], runtime: &str, metric: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["runtime"] == runtime && r["metric"] == metric)
        .unwrap_or_else(|| panic!("no row {runtime} {metric}"))
}

#[test]
fn a_slower_runtime_is_a_regression_and_nothing_else_moves() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let mut new = fixture();
    scale(&mut new, "node", "wall", 1.2);
    scale(&mut new, "dynojs", "wall", 0.6);
    let new = write(dir.path(), "new.json", &new);
    let (b, n) = (base.to_str().unwrap(), new.to_str().unwrap());

    let (code, out, err) = compare(dir.path(), &[b, n, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows = rows(&out);
    let node = row(&rows, "node", "wall");
    assert_eq!(node["change"], "regression");
    assert!((node["ratio"].as_f64().unwrap() - 1.2).abs() < 1e-9);
    // 5 samples a side (exact test): the smallest two-sided p is 2/252.
    let p = node["p_value"].as_f64().unwrap();
    assert!((2.0 / 252.0 - 1e-12..0.05).contains(&p), "{p}");
    assert_eq!(row(&rows, "dynojs", "wall")["change"], "improvement");
    let others: Vec<&Value> = rows
        .iter()
        .filter(|r| {
            !(r["metric"] == "wall" && (r["runtime"] == "node" || r["runtime"] == "dynojs"))
        })
        .collect();
    assert!(!others.is_empty());
    assert!(others.iter().all(|r| r["change"] == "noise"), "{others:?}");
    // The floor is a reference row, never a runtime under test.
    assert_eq!(row(&rows, "floor (/bin/true)", "wall")["reference"], true);

    let (code, _, err) = compare(dir.path(), &[b, n, "--fail-on", "regression"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1 regression"), "{err}");

    let (code, md, _) = compare(dir.path(), &[b, n, "--format", "md"]);
    assert_eq!(code, 0);
    assert!(md.starts_with("## dyno compare"), "{md}");
    assert!(
        md.contains("| startup/hello.js | node | wall |") && md.contains("**regression**"),
        "{md}"
    );

    let (_, human, _) = compare(dir.path(), &[b, n]);
    assert!(human.contains("+20.0%"), "{human}");
    assert!(
        human.contains("1 regression(s), 1 improvement(s)"),
        "{human}"
    );
}

#[test]
fn identical_runs_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let b = base.to_str().unwrap();
    let (code, out, err) = compare(
        dir.path(),
        &[
            b,
            b,
            "--fail-on",
            "regression,conformance",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(rows(&out).iter().all(|r| r["change"] == "noise"));
    let v: Value = serde_json::from_str(&out).unwrap();
    let diff = &v["conformance"][0];
    for key in [
        "newly_failing",
        "newly_passing",
        "verdict_changed",
        "new_tests",
        "removed_tests",
    ] {
        assert_eq!(diff[key].as_array().unwrap().len(), 0, "{key}");
    }
}

#[test]
fn thresholds_from_dyno_toml_and_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let mut new = fixture();
    scale(&mut new, "node", "wall", 1.2);
    let new = write(dir.path(), "new.json", &new);
    let (b, n) = (base.to_str().unwrap(), new.to_str().unwrap());
    std::fs::write(
        dir.path().join("dyno.toml"),
        "[compare.thresholds]\n\"startup/*\" = \"30%\"\n",
    )
    .unwrap();
    let (code, out, err) = compare(dir.path(), &[b, n, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let node = row(&rows(&out), "node", "wall").clone();
    assert_eq!(
        (node["change"].as_str(), node["threshold"].as_f64()),
        (Some("noise"), Some(0.3))
    );
    std::fs::write(
        dir.path().join("dyno.toml"),
        "[compare]\nthreshhold = 0.1\n",
    )
    .unwrap();
    let (code, _, err) = compare(dir.path(), &[b, n]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'threshold'"), "{err}");
}

#[test]
fn incomparable_runs_are_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let b = base.to_str().unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Mutation, &str)> = vec![
        (
            "cpu",
            Box::new(|d: &mut Value| d["host"]["cpu_model"] = "Other CPU".into()),
            "different machines",
        ),
        (
            "cores",
            Box::new(|d: &mut Value| d["host"]["cores"] = 64.into()),
            "64 cores",
        ),
        (
            "methodology",
            Box::new(|d: &mut Value| d["methodology_version"] = 2.into()),
            "methodology",
        ),
        (
            "suite",
            Box::new(|d: &mut Value| d["conformance"][0]["suite_version"] = "0".repeat(40).into()),
            "suite test262 is at different commits",
        ),
        (
            "program",
            Box::new(|d: &mut Value| {
                for r in d["benchmarks"].as_array_mut().unwrap() {
                    r["program_sha256"] = "ff".repeat(32).into();
                }
            }),
            "benchmark program changed",
        ),
    ];
    for (name, mutate, reason) in cases {
        let mut new = fixture();
        mutate(&mut new);
        let new = write(dir.path(), &format!("{name}.json"), &new);
        let n = new.to_str().unwrap();
        let (code, out, err) = compare(dir.path(), &[b, n]);
        assert_eq!(code, 2, "{name}: {out}");
        assert!(
            err.contains(reason) && err.contains("--force"),
            "{name}: {err}"
        );
        assert_eq!(err.trim().lines().count(), 1, "{name}: one line: {err}");
        let (code, out, err) = compare(dir.path(), &[b, n, "--force"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(out.contains("compared anyway (--force)"), "{name}: {out}");
    }
}

#[test]
fn environment_differences_are_noted() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let mut new = fixture();
    new["host"]["kernel"] = "9.9.9".into();
    new["runtimes"][0]["version"] = "99.0.0".into();
    let new = write(dir.path(), "new.json", &new);
    let (code, out, _) = compare(dir.path(), &[base.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("kernel:") && out.contains("→ 9.9.9"), "{out}");
    assert!(out.contains("node: version"), "{out}");
}

#[test]
fn conformance_diff_lists_exactly_the_changed_tests() {
    let dir = tempfile::tempdir().unwrap();
    let base_doc = fixture();
    let base = write(dir.path(), "base.json", &base_doc);
    let mut new = fixture();
    let results = new["conformance"][0]["results"].as_array_mut().unwrap();
    let id = |r: &Value| {
        format!(
            "{}[{}]",
            r["id"].as_str().unwrap(),
            r["scenario"].as_str().unwrap()
        )
    };
    // pass → fail, fail → pass, fail → timeout, one removed, one added.
    let first_pass = results.iter().position(|r| r["verdict"] == "pass").unwrap();
    results[first_pass]["verdict"] = "fail".into();
    results[first_pass]["detail"] = "Test262Error: now broken".into();
    let fails: Vec<usize> = (0..results.len())
        .filter(|&i| results[i]["verdict"] == "fail" && i != first_pass)
        .collect();
    results[fails[0]]["verdict"] = "pass".into();
    results[fails[1]]["verdict"] = "timeout".into();
    let want_failing = id(&results[first_pass]);
    let want_passing = id(&results[fails[0]]);
    let want_changed = id(&results[fails[1]]);
    let removed = results.remove(results.len() - 2);
    let mut added = results[0].clone();
    added["id"] = "built-ins/New/added.js".into();
    results.push(added);
    let new = write(dir.path(), "new.json", &new);
    let (b, n) = (base.to_str().unwrap(), new.to_str().unwrap());

    let (code, out, err) = compare(dir.path(), &[b, n, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["conformance"][0];
    let ids = |key: &str| -> Vec<String> { d[key].as_array().unwrap().iter().map(id).collect() };
    assert_eq!(ids("newly_failing"), [want_failing]);
    assert_eq!(ids("newly_passing"), [want_passing]);
    assert_eq!(ids("verdict_changed"), [want_changed]);
    assert_eq!(ids("removed_tests"), [id(&removed)]);
    assert_eq!(ids("new_tests"), ["built-ins/New/added.js[default]"]);
    let failing = &d["newly_failing"][0];
    assert_eq!(failing["detail"], "Test262Error: now broken");
    assert!(failing["url"].as_str().unwrap().starts_with(
        "https://github.com/tc39/test262/blob/be13516f0b6a2ac4f3bc8d3b3f25b2d0fd2ae8c5/test/"
    ));

    let (code, _, err) = compare(dir.path(), &[b, n, "--fail-on", "conformance"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1 newly failing"), "{err}");
    let (_, md, _) = compare(dir.path(), &[b, n, "--format", "md"]);
    assert!(md.contains("### Conformance"), "{md}");
    assert!(md.contains("1 newly failing</summary>"), "{md}");
}

#[test]
fn test_names_are_escaped_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(dir.path(), "base.json", &fixture());
    let mut new = fixture();
    for r in new["conformance"][0]["results"].as_array_mut().unwrap() {
        if r["id"].as_str().unwrap().contains("<script>") {
            r["verdict"] = "pass".into();
        }
    }
    let new = write(dir.path(), "new.json", &new);
    let (_, md, _) = compare(
        dir.path(),
        &[
            base.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "md",
        ],
    );
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{md}");
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn runtimes_inside_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "run.json", &fixture());
    let f = file.to_str().unwrap();
    let (code, out, err) = compare(
        dir.path(),
        &[f, "--runtimes", "node,dynojs", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let rows = rows(&out);
    let wall = row(&rows, "node → dynojs", "wall");
    // dynojs starts far faster than node in the fixture run.
    assert_eq!(wall["change"], "improvement");
    assert!(wall["ratio"].as_f64().unwrap() < 0.5);
    let (code, _, err) = compare(dir.path(), &[f, "--runtimes", "node,nodee"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("runtime 'nodee' is not in") && err.contains("it has: node"),
        "{err}"
    );
    let (code, _, err) = compare(dir.path(), &[f]);
    assert_eq!(code, 2);
    assert!(err.contains("--runtimes A,B"), "{err}");
}

#[test]
fn bad_files_are_one_line_input_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.json", &fixture());
    let g = good.to_str().unwrap();
    for (file, want) in [
        ("truncated.json", "not valid JSON"),
        ("future-v99.json", "upgrade dyno"),
        ("foreign.json", "not a dyno results file"),
    ] {
        let path = fixtures().join("results").join(file);
        let (code, _, err) = compare(dir.path(), &[g, path.to_str().unwrap()]);
        assert_eq!(code, 2, "{file}");
        assert!(err.contains(want) && err.contains(file), "{file}: {err}");
    }
    let (code, _, err) = compare(dir.path(), &[g, "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
    let (code, _, err) = compare(dir.path(), &[g, g, "--fail-on", "everything"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown check"), "{err}");
}

/// Real runs: two `dyno bench startup` runs of dynojs compared, and two real test262
/// runs (the second filtered) whose diff must be exactly the filtered-out tests.
#[test]
fn real_runs_compare_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        startup_on_dynojs(
            dir.path(),
            "hello.js",
            8,
            &dir.path().join(format!("{name}.json")),
        );
    }
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    let (code, out, err) = compare(
        dir.path(),
        &[a.to_str().unwrap(), b.to_str().unwrap(), "--format", "json"],
    );
    assert!(code == 0, "{err}");
    let rows = rows(&out);
    let wall = row(&rows, "dynojs", "wall");
    assert_eq!(
        (wall["base_n"].as_u64(), wall["new_n"].as_u64()),
        (Some(8), Some(8))
    );
    assert!(wall["p_value"].as_f64().is_some());

    let suite = fixtures().join("test262");
    for (name, filter) in [("full", None), ("part", Some("!dir:basic"))] {
        let mut cmd = dyno(dir.path());
        cmd.args([
            "-q",
            "test",
            "test262",
            "--runtime",
            "dynojs",
            "--timeout",
            "2",
            "--test262-dir",
        ])
        .arg(&suite)
        .arg("--out")
        .arg(dir.path().join(format!("{name}.json")));
        if let Some(f) = filter {
            cmd.args(["--filter", f]);
        }
        let (code, _, err) = output3(&mut cmd);
        assert!(code == 0 || code == 1, "{err}");
    }
    let load = |n: &str| load_json(&dir.path().join(n));
    let keys = |v: &Value| -> BTreeSet<String> {
        v["conformance"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{}[{}]",
                    r["id"].as_str().unwrap(),
                    r["scenario"].as_str().unwrap()
                )
            })
            .collect()
    };
    let (full, part) = (keys(&load("full.json")), keys(&load("part.json")));
    let want: Vec<String> = full.difference(&part).cloned().collect();
    assert!(want.iter().all(|k| k.starts_with("basic/")) && !want.is_empty());
    let (code, out, err) = compare(
        dir.path(),
        &[
            dir.path().join("full.json").to_str().unwrap(),
            dir.path().join("part.json").to_str().unwrap(),
            "--format",
            "json",
            "--fail-on",
            "conformance",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let d = &v["conformance"][0];
    let removed: Vec<String> = d["removed_tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}[{}]",
                r["id"].as_str().unwrap(),
                r["scenario"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(removed, want);
    for key in [
        "newly_failing",
        "newly_passing",
        "verdict_changed",
        "new_tests",
    ] {
        assert_eq!(d[key].as_array().unwrap().len(), 0, "{key}: {d}");
    }
}
