//! `dyno history` on the real binary: import (idempotent), list, show, trend with one
//! injected change point among noisy nights, flaky versus newly failing tests, and the
//! database's refusals (foreign, corrupt, future files are never overwritten).

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{dyno, fixtures, load_json, output3, startup_on_dynojs, write_json};

fn fixture() -> Value {
    load_json(&fixtures().join("results/v1-export.json"))
}

/// A deterministic generator for the nightly noise (SplitMix64).
struct Noise(u64);

impl Noise {
    /// Uniform in [-1, 1).
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

/// Night `i` (0-based) of a fake nightly series: every median moves by ±1.5% noise, and
/// from `step_at` on node's wall time is 25% higher (and node's version changes).
fn night(i: usize, step_at: usize, noise: &mut Noise, verdicts: &[(&str, &str)]) -> Value {
    let mut doc = fixture();
    doc["run_id"] = format!("20261101T{:02}0000Z-{i:06x}", i % 24).into();
    doc["created_at"] = format!("2026-11-{:02}T03:00:00Z", i + 1).into();
    doc["project"]["git_commit"] = format!("{:040x}", i + 1).into();
    if i >= step_at {
        doc["runtimes"][0]["version"] = "99.0.0".into();
        doc["runtimes"][0]["sha256"] = "ab".repeat(32).into();
    }
    for b in doc["benchmarks"].as_array_mut().unwrap() {
        let mut factor = 1.0 + 0.015 * noise.next();
        if b["runtime"] == "node" && b["metric"] == "wall" && i >= step_at {
            factor *= 1.25;
        }
        for s in b["samples"].as_array_mut().unwrap() {
            *s = Value::from(s.as_f64().unwrap() * factor);
        }
        for k in ["median", "ci_low", "ci_high", "mean", "min", "max"] {
            if let Some(v) = b["summary"][k].as_f64() {
                b["summary"][k] = Value::from(v * factor);
            }
        }
    }
    let results = doc["conformance"][0]["results"].as_array_mut().unwrap();
    for (id, verdict) in verdicts {
        let r = results.iter_mut().find(|r| r["id"] == *id).unwrap();
        r["verdict"] = (*verdict).into();
    }
    doc
}

fn history(dir: &Path, db: &Path, args: &[&str]) -> (i32, String, String) {
    output3(dyno(dir).arg("history").arg("--db").arg(db).args(args))
}

const FLAKY: &str = "built-ins/Array/prototype/at/index-argument-tointeger.js";
const BREAKS: &str = "built-ins/Array/prototype/at/index-non-numeric-argument-tointeger-invalid.js";

fn thirty_nights(dir: &Path) -> Vec<PathBuf> {
    let mut noise = Noise(42);
    (0..30)
        .map(|i| {
            // The flaky test flips on nights 26 and 28; the other breaks on the last night.
            let mut verdicts = Vec::new();
            if i == 26 || i == 28 {
                verdicts.push((FLAKY, "fail"));
            }
            if i == 29 {
                verdicts.push((FLAKY, "fail"));
                verdicts.push((BREAKS, "fail"));
            }
            write_json(
                dir,
                &format!("night-{i:02}.json"),
                &night(i, 17, &mut noise, &verdicts),
            )
        })
        .collect()
}

#[test]
fn thirty_nights_one_change_point_flaky_and_failing_tests() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h/history.db");
    let files = thirty_nights(dir.path());
    let mut args = vec!["import".to_owned()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, _, err) = history(dir.path(), &db, &args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("imported ").count(), 30, "{err}");
    // Idempotent by run id.
    let (code, _, err) = history(dir.path(), &db, &args[..3]);
    assert_eq!(code, 0);
    assert_eq!(err.matches("skipped ").count(), 2, "{err}");

    let (_, out, _) = history(dir.path(), &db, &["list", "--format", "json"]);
    let runs: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(runs.len(), 30);

    let (code, out, err) = history(dir.path(), &db, &["trend", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let t: Value = serde_json::from_str(&out).unwrap();
    let changes = t["changes"].as_array().unwrap();
    assert_eq!(
        changes.len(),
        1,
        "exactly the injected change: {changes:#?}"
    );
    let c = &changes[0];
    assert_eq!(
        (c["runtime"].as_str(), c["metric"].as_str()),
        (Some("node"), Some("wall"))
    );
    assert_eq!(c["direction"], "regression");
    assert_eq!(c["first_bad"]["created_at"], "2026-11-18T03:00:00Z");
    assert_eq!(c["last_good"]["created_at"], "2026-11-17T03:00:00Z");
    assert_eq!(c["first_bad"]["runtime_version"], "99.0.0");
    assert!((c["relative"].as_f64().unwrap() - 0.25).abs() < 0.06, "{c}");

    let conf = &t["conformance"][0];
    let names = |key: &str| -> Vec<String> {
        conf[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v[0].as_str().unwrap().to_owned())
            })
            .collect()
    };
    assert_eq!(names("newly_failing"), [format!("{BREAKS} [default]")]);
    assert_eq!(names("flaky"), [format!("{FLAKY} [default]")]);

    let (_, human, _) = history(dir.path(), &db, &["trend"]);
    assert!(
        human.contains("last good: run") && human.contains("first bad: run"),
        "{human}"
    );
    assert!(human.contains("runtime 99.0.0"), "{human}");
    assert!(human.contains("flaky in the last 20 nights (1)"), "{human}");

    // Nightly gating: the newest night has a newly failing test, but no benchmark change.
    let (code, _, _) = history(dir.path(), &db, &["trend", "--fail-on", "regression"]);
    assert_eq!(code, 0);
    let (code, _, err) = history(dir.path(), &db, &["trend", "--fail-on", "conformance"]);
    assert_eq!(code, 1, "{err}");

    let (code, out, _) = history(
        dir.path(),
        &db,
        &["--runtime", "node", "show", "startup/hello.js"],
    );
    assert_eq!(code, 0);
    assert_eq!(out.matches("◀ change").count(), 1, "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("2026-11-")).count(),
        30,
        "{out}"
    );
    // A suite's passing scenarios night by night: 8 passing until night 26 flaps.
    let (code, out, _) = history(dir.path(), &db, &["show", "test262", "--format", "json"]);
    assert_eq!(code, 0);
    let suite: Vec<Value> = serde_json::from_str(&out).unwrap();
    let passing: Vec<f64> = suite[0]["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["median"].as_f64().unwrap())
        .collect();
    assert_eq!(passing.len(), 30);
    assert_eq!(
        (passing[0], passing[26], passing[27], passing[29]),
        (6.0, 5.0, 6.0, 4.0)
    );
    let (code, _, err) = history(dir.path(), &db, &["show", "startup/helo.js"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'startup/hello.js'"), "{err}");
}

#[test]
fn noise_alone_flags_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let mut noise = Noise(7);
    let files: Vec<String> = (0..30)
        .map(|i| {
            let path = dir.path().join(format!("n{i}.json"));
            std::fs::write(
                &path,
                serde_json::to_string(&night(i, usize::MAX, &mut noise, &[])).unwrap(),
            )
            .unwrap();
            path.display().to_string()
        })
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(history(dir.path(), &db, &args).0, 0);
    let (_, out, _) = history(dir.path(), &db, &["trend", "--format", "json"]);
    let t: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(t["changes"].as_array().unwrap().len(), 0, "{out}");
}

#[test]
fn foreign_corrupt_and_future_databases_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let results = fixtures().join("results/v1-export.json");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").unwrap();
    let (code, _, err) = history(dir.path(), &text, &["import", results.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not a dyno history database") && err.contains("notes.txt"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "not a database");

    // A results file is not a database either.
    let copy = dir.path().join("results.json");
    std::fs::copy(&results, &copy).unwrap();
    let (code, _, err) = history(dir.path(), &copy, &["list"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&results).unwrap()
    );

    // A bad results file is an input error and the database keeps what it had.
    let db = dir.path().join("h.db");
    assert_eq!(
        history(dir.path(), &db, &["import", results.to_str().unwrap()]).0,
        0
    );
    let truncated = fixtures().join("results/truncated.json");
    let (code, _, err) = history(dir.path(), &db, &["import", truncated.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("truncated.json"), "{err}");
    let (_, out, _) = history(dir.path(), &db, &["list", "--format", "json"]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&out).unwrap().len(), 1);
}

/// A real run imported: `dyno bench` on dynojs, then history shows it.
#[test]
fn a_real_run_imports() {
    let dir = tempfile::tempdir().unwrap();
    let results = dir.path().join("r.json");
    startup_on_dynojs(dir.path(), "empty.js", 5, &results);
    let db = dir.path().join("h.db");
    let (code, _, err) = history(dir.path(), &db, &["import", results.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = history(
        dir.path(),
        &db,
        &[
            "--runtime",
            "dynojs",
            "show",
            "startup/empty.js",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let series: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0]["points"][0]["n"], 5);
}

/// A step in a reference series (the floor) is the machine's, not a regression.
#[test]
fn a_moving_floor_is_a_machine_change() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let mut noise = Noise(3);
    let files: Vec<String> = (0..20)
        .map(|i| {
            let mut doc = night(i, usize::MAX, &mut noise, &[]);
            if i >= 12 {
                for b in doc["benchmarks"].as_array_mut().unwrap() {
                    if b["runtime"] == "floor (/bin/true)" && b["metric"] == "wall" {
                        for s in b["samples"].as_array_mut().unwrap() {
                            *s = Value::from(s.as_f64().unwrap() * 1.4);
                        }
                        let m = b["summary"]["median"].as_f64().unwrap();
                        b["summary"]["median"] = Value::from(m * 1.4);
                    }
                }
            }
            let path = dir.path().join(format!("m{i}.json"));
            std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
            path.display().to_string()
        })
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(history(dir.path(), &db, &args).0, 0);
    let (code, out, _) = history(
        dir.path(),
        &db,
        &["trend", "--format", "json", "--fail-on", "regression"],
    );
    assert_eq!(code, 0, "{out}");
    let t: Value = serde_json::from_str(&out).unwrap();
    let changes = t["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["direction"], "machine");
    assert_eq!(changes[0]["runtime"], "floor (/bin/true)");
}
