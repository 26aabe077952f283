//! The nightly job: `dyno run` sharded and merged equals the unsharded run, merge refuses
//! what does not belong together, a run killed with SIGKILL at random points resumes to
//! the same units with no corrupt file, and publishing never exposes a partial directory.
//! All on real processes: dynojs (and node when present) on the fixture test262 suite and
//! the start-up benchmark, sized to take a few seconds.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{dyno, fixtures, node_eval, validate_results};
use serde_json::Value;

/// A small, fast plan: smoke, the fixture suite without its deliberately hanging tests,
/// and start-up hello.js with three samples.
fn write_config(dir: &Path) -> PathBuf {
    let runtimes = if node_eval("1").is_some() {
        r#"["dynojs", "node"]"#
    } else {
        r#"["dynojs"]"#
    };
    let text = format!(
        r#"[run]
runtimes = {runtimes}
suites = ["test262"]
benchmarks = ["startup"]

[test262]
dir = "{}"
filter = "!id:hangs & !id:never-done & !id:cannot-block"
timeout_s = 5
jobs = 2

[bench]
only = ["hello.js"]
runs = 3
warmup_runs = 0
"#,
        fixtures().join("test262").display()
    );
    let path = dir.join("dyno.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `dyno --config CONFIG ARGS...`, expecting success.
fn ok(dir: &Path, config: &Path, args: &[&str]) -> String {
    let out = dyno(dir)
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "dyno {args:?} failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs dyno expecting exit 2 with one line on stderr; returns it.
fn refused(dir: &Path, args: &[&str]) -> String {
    let out = dyno(dir).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    stderr
}

fn load(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// What a results document holds, unit by unit: smoke runtimes, test scenarios with
/// their verdicts, benchmark series.
fn unit_set(doc: &Value) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    for s in doc["smoke"].as_array().unwrap() {
        set.insert(format!("smoke {}", s["runtime"]));
    }
    for c in doc["conformance"].as_array().unwrap() {
        for r in c["results"].as_array().unwrap() {
            set.insert(format!(
                "case {} {} {} {}",
                c["runtime"], r["id"], r["scenario"], r["verdict"]
            ));
        }
    }
    for b in doc["benchmarks"].as_array().unwrap() {
        set.insert(format!(
            "bench {} {} {}",
            b["benchmark"], b["runtime"], b["metric"]
        ));
    }
    set
}

#[test]
fn three_shards_merged_equal_the_unsharded_run_and_merge_refuses_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = write_config(d);
    let whole = d.join("whole");
    let db = d.join("history.db");
    ok(
        d,
        &config,
        &[
            "run",
            "--no-report",
            "--out",
            whole.to_str().unwrap(),
            "--history",
            db.to_str().unwrap(),
        ],
    );
    let list = dyno(d)
        .args([
            "--format",
            "json",
            "history",
            "--db",
            db.to_str().unwrap(),
            "list",
        ])
        .output()
        .unwrap();
    let runs: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(
        runs.as_array().unwrap().len(),
        1,
        "the finished run is imported"
    );
    let whole = load(&whole.join("results.json"));
    validate_results(&whole);
    assert_eq!(whole["complete"], true);

    let shards = d.join("shards");
    let mut files = Vec::new();
    for i in 1..=3 {
        ok(
            d,
            &config,
            &[
                "run",
                "--no-report",
                "--shard",
                &format!("{i}/3"),
                "--run-id",
                "night-1",
                "--out",
                shards.to_str().unwrap(),
            ],
        );
        let file = shards.join(format!("results.shard-{i}-of-3.json"));
        let doc = load(&file);
        validate_results(&doc);
        assert_eq!(doc["run_id"], "night-1");
        assert_eq!(doc["plan"]["shard"]["index"], i);
        assert_eq!(doc["plan"]["units_done"], doc["plan"]["units_planned"]);
        assert_eq!(doc["plan"]["sha256"], whole["plan"]["sha256"]);
        for b in doc["benchmarks"].as_array().unwrap() {
            assert_eq!(b["shard"], i, "benchmark records carry their shard");
        }
        files.push(file);
    }
    // Every unit is in exactly one shard.
    let sets: Vec<BTreeSet<String>> = files.iter().map(|f| unit_set(&load(f))).collect();
    for (i, a) in sets.iter().enumerate() {
        for b in &sets[i + 1..] {
            assert!(a.is_disjoint(b), "shards overlap: {:?}", a.intersection(b));
        }
    }

    let merged_path = d.join("merged.json");
    let f: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let out = ok(
        d,
        &config,
        &[
            &["merge"],
            &f[..],
            &["--out", merged_path.to_str().unwrap()],
        ]
        .concat(),
    );
    assert!(out.contains("merged 3 shard(s) of night-1"), "{out}");
    let merged = load(&merged_path);
    validate_results(&merged);
    assert_eq!(merged["complete"], true);
    assert_eq!(unit_set(&merged), unit_set(&whole));
    assert_eq!(merged["plan"]["units_done"], whole["plan"]["units_total"]);
    assert_eq!(merged["shards"].as_array().unwrap().len(), 3);
    // Summaries are recomputed from the joined results.
    for (m, w) in merged["conformance"]
        .as_array()
        .unwrap()
        .iter()
        .zip(whole["conformance"].as_array().unwrap())
    {
        assert_eq!(m["summary"], w["summary"]);
    }

    // A missing shard is named; a duplicated one too; other runs and whole runs refused.
    let e = refused(d, &["merge", f[0], f[2], "--out", "x.json"]);
    assert!(e.contains("shard 2/3 is missing"), "{e}");
    let e = refused(d, &["merge", f[0], f[1], f[1], f[2], "--out", "x.json"]);
    assert!(e.contains("shard 2/3 is given twice"), "{e}");
    let mut other = load(&files[1]);
    other["run_id"] = "night-2".into();
    let other_path = d.join("other.json");
    std::fs::write(&other_path, other.to_string()).unwrap();
    let e = refused(
        d,
        &[
            "merge",
            f[0],
            other_path.to_str().unwrap(),
            f[2],
            "--out",
            "x.json",
        ],
    );
    assert!(e.contains("from run night-2"), "{e}");
    let whole_path = d.join("whole/results.json");
    let e = refused(
        d,
        &["merge", whole_path.to_str().unwrap(), "--out", "x.json"],
    );
    assert!(e.contains("not a shard"), "{e}");
    assert!(!d.join("x.json").exists(), "a refused merge writes nothing");

    // --allow-partial merges and marks it; publishing it needs --allow-partial too, and
    // then every page says so.
    let partial = d.join("partial.json");
    ok(
        d,
        &config,
        &[
            "merge",
            f[0],
            f[2],
            "--allow-partial",
            "--out",
            partial.to_str().unwrap(),
        ],
    );
    let doc = load(&partial);
    assert_eq!(doc["complete"], false);
    assert_eq!(doc["plan"]["missing_shards"], serde_json::json!([2]));
    let site = d.join("site");
    let e = refused(
        d,
        &[
            "report",
            partial.to_str().unwrap(),
            "--publish",
            site.to_str().unwrap(),
        ],
    );
    assert!(e.contains("not publishing partial results"), "{e}");
    assert!(!site.exists());
    ok(
        d,
        &config,
        &[
            "report",
            partial.to_str().unwrap(),
            "--publish",
            site.to_str().unwrap(),
            "--allow-partial",
        ],
    );
    for page in ["index.html", "summary.md"] {
        let text = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(text.contains("Partial results"), "{page} is not marked");
        assert!(text.contains("lacks shard(s) 2"), "{page}");
    }
    // The complete merge publishes without the flag and lists the machines.
    ok(
        d,
        &config,
        &[
            "report",
            merged_path.to_str().unwrap(),
            "--publish",
            site.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!html.contains("Partial results"));
    assert!(html.contains("id=\"machines\""));
}

/// A small xorshift generator: the kill points differ per run and the seed is printed,
/// so a failure can be replayed with DYNO_TEST_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("DYNO_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("kill points from DYNO_TEST_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Starts dyno with `args` and SIGKILLs it after `after`; true when it was killed
/// (false when it finished first).
fn kill_after(dir: &Path, config: &Path, args: &[&str], after: Duration) -> bool {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("dyno"));
    // As the nightly script exports it for every step, resumes included.
    cmd.env("DYNO_RUN_ID", "killed-run");
    cmd.current_dir(dir)
        .arg("--config")
        .arg(config)
        .arg("--quiet")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let deadline = Instant::now() + after;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    true
}

#[test]
fn sigkill_at_random_points_resumes_to_the_same_units() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = write_config(d);
    let reference = d.join("reference");
    let started = Instant::now();
    ok(
        d,
        &config,
        &["run", "--no-report", "--out", reference.to_str().unwrap()],
    );
    let full = started.elapsed();
    let want = unit_set(&load(&reference.join("results.json")));
    let mut rng = Rng::new();
    let span = full.as_millis() as u64;
    let mut kills = 0;
    // Until 20 kills have landed (a kill point after the run's end lands none).
    for round in 0..60 {
        if kills >= 20 {
            break;
        }
        let out = d.join(format!("r{round}"));
        let results = out.join("results.json");
        let journal = out.join("results.json.partial.jsonl");
        let first = Duration::from_millis(rng.below(span));
        let mut killed = kill_after(
            d,
            &config,
            &["run", "--no-report", "--out", out.to_str().unwrap()],
            first,
        );
        kills += usize::from(killed);
        // Resume (and sometimes kill the resumed run too) until the run is complete.
        let mut attempts = 0;
        while !results.exists() || journal.exists() {
            attempts += 1;
            assert!(attempts < 10, "round {round}: no progress");
            if !journal.exists() {
                // Killed before the header was written: nothing was measured; start over.
                std::fs::remove_dir_all(&out).ok();
                let o = dyno(d)
                    .env("DYNO_RUN_ID", "killed-run")
                    .arg("--config")
                    .arg(&config)
                    .args(["run", "--no-report", "--out", out.to_str().unwrap()])
                    .output()
                    .unwrap();
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
                continue;
            }
            // Every state the kill left must read back: a torn tail only, never damage.
            let recovered = dyno::store::recover(&journal);
            match recovered {
                Ok(run) => assert!(!run.complete),
                Err(e) => {
                    let text = e.to_string();
                    assert!(
                        text.contains("no complete header"),
                        "round {round}: journal damaged: {text}"
                    );
                }
            }
            let args = ["run", "--resume", results.to_str().unwrap()];
            if killed && rng.below(2) == 0 {
                killed = kill_after(d, &config, &args, Duration::from_millis(rng.below(span)));
                kills += usize::from(killed);
            } else {
                let o = dyno(d)
                    .env("DYNO_RUN_ID", "killed-run")
                    .args(args)
                    .output()
                    .unwrap();
                if !o.status.success() {
                    let stderr = String::from_utf8_lossy(&o.stderr);
                    assert!(
                        stderr.contains("no complete header"),
                        "round {round}: resume failed: {stderr}"
                    );
                    std::fs::remove_dir_all(&out).ok();
                }
            }
        }
        let doc = load(&results);
        validate_results(&doc);
        assert_eq!(doc["complete"], true, "round {round}");
        assert_eq!(unit_set(&doc), want, "round {round}: units differ");
        assert!(!journal.exists(), "round {round}: journal left behind");
    }
    assert!(
        kills >= 20,
        "only {kills} kills landed before the run finished"
    );
}

#[test]
fn publish_never_exposes_a_partial_directory() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let results = fixtures().join("results/v1-export.json");
    let run = dyno::store::read_results(&results).unwrap();
    let publish = || {
        dyno::report::publish::publish(vec![(results.clone(), run.clone())], &site, None, false)
            .unwrap();
    };
    publish();
    let expected: BTreeSet<String> = std::fs::read_dir(&site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(expected.contains("index.html") && expected.contains("charts"));
    let charts = std::fs::read_dir(site.join("charts")).unwrap().count();
    let stop = AtomicBool::new(false);
    let (reads, problems) = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut reads = 0u64;
            let mut problems = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                reads += 1;
                match std::fs::read_to_string(site.join("index.html")) {
                    Ok(t) if t.trim_end().ends_with("</html>") => {}
                    Ok(t) => problems.push(format!("truncated index.html ({} bytes)", t.len())),
                    Err(e) => problems.push(format!("index.html: {e}")),
                }
                let names: Result<BTreeSet<String>, _> = std::fs::read_dir(&site).map(|d| {
                    d.filter_map(Result::ok)
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                });
                match names {
                    Ok(n) if n == expected => {}
                    Ok(n) => problems.push(format!("directory had {n:?}")),
                    Err(e) => problems.push(format!("listing: {e}")),
                }
                if let Ok(d) = std::fs::read_dir(site.join("charts")) {
                    let n = d.count();
                    if n != charts {
                        problems.push(format!("charts/ had {n} of {charts} files"));
                    }
                }
            }
            (reads, problems)
        });
        for _ in 0..6 {
            publish();
        }
        stop.store(true, Ordering::SeqCst);
        reader.join().unwrap()
    });
    assert!(reads > 10, "the reader ran {reads} times");
    assert!(
        problems.is_empty(),
        "{} problems, first: {:?}",
        problems.len(),
        &problems[..problems.len().min(5)]
    );
    // Nothing is left beside it but the one replaced report.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "site" && n != ".site.previous")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Runs scripts/nightly-local.sh with `mode` against a work directory; returns the exit
/// code and stderr.
fn nightly_script(d: &Path, config: &Path, mode: &[&str], run_id: &str) -> (i32, String) {
    common::ensure_dynojs();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/nightly-local.sh");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .args(mode)
        .env("DYNO", assert_cmd::cargo::cargo_bin("dyno"))
        .env("DYNO_CONFIG", config)
        .env("DYNO_RUN_ID", run_id)
        .env("SHARDS", "2")
        .env("WORK", d.join("work"))
        .env("SITE", d.join("site"))
        .env("SUMMARY", d.join("summary.md"))
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("TEST262_DIR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn nightly_local_script_runs_nights_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = write_config(d);
    let work = d.join("work");

    // Night 1: two shards, merge, no previous night, history, report, publish.
    let (code, stderr) = nightly_script(d, &config, &[], "night-1");
    assert_eq!(code, 0, "{stderr}");
    let night = load(&work.join("night/results.json"));
    assert_eq!(night["run_id"], "night-1");
    assert_eq!(night["complete"], true);
    assert_eq!(night["shards"].as_array().unwrap().len(), 2);
    assert!(d.join("site/index.html").is_file());
    let summary = std::fs::read_to_string(d.join("summary.md")).unwrap();
    assert!(summary.contains("## dyno report"), "{summary}");
    assert!(summary.contains("First night"), "{summary}");

    // Night 2, run as CI does: each shard on its own, then finish.
    for i in ["1", "2"] {
        let (code, stderr) = nightly_script(d, &config, &["shard", i, "2"], "night-2");
        assert_eq!(code, 0, "{stderr}");
    }
    std::fs::remove_file(work.join("shards/results.shard-1-of-2.json")).ok();
    // Without shard 1 the finish refuses, naming it...
    let (code, stderr) = nightly_script(d, &config, &["finish"], "night-2");
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("shard 1/2 is missing"), "{stderr}");
    let (code, stderr) = nightly_script(d, &config, &["shard", "1", "2"], "night-2");
    assert_eq!(code, 0, "{stderr}");
    let (code, stderr) = nightly_script(d, &config, &["finish"], "night-2");
    assert_eq!(code, 0, "{stderr}");
    let compare = std::fs::read_to_string(work.join("night/compare.md")).unwrap();
    assert!(!compare.contains("First night"), "{compare}");
    let html = std::fs::read_to_string(d.join("site/index.html")).unwrap();
    assert!(html.contains("night-2"));
    let list = dyno(d)
        .args(["--format", "json", "history", "--db"])
        .arg(work.join("history.db"))
        .arg("list")
        .output()
        .unwrap();
    let runs: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(runs.as_array().unwrap().len(), 2, "{runs}");

    // Night 3 after a night in which a now-failing test passed: a conformance regression
    // fails the night (exit 1) — after the report is published.
    let prev = work.join("previous/results.json");
    let mut doc = load(&prev);
    let mut flipped = false;
    for c in doc["conformance"].as_array_mut().unwrap() {
        for r in c["results"].as_array_mut().unwrap() {
            if r["id"] == "basic/assertion-fails.js" && r["verdict"] == "fail" {
                r["verdict"] = "pass".into();
                r["detail"] = Value::Null;
                flipped = true;
            }
        }
    }
    assert!(flipped, "the fixture's failing test is in the night");
    std::fs::write(&prev, doc.to_string()).unwrap();
    let (code, stderr) = nightly_script(d, &config, &[], "night-3");
    assert_eq!(
        code, 1,
        "a conformance regression fails the night: {stderr}"
    );
    assert!(stderr.contains("conformance regressions"), "{stderr}");
    let compare = std::fs::read_to_string(work.join("night/compare.md")).unwrap();
    assert!(compare.contains("assertion-fails.js"), "{compare}");
    let html = std::fs::read_to_string(d.join("site/index.html")).unwrap();
    assert!(html.contains("night-3"), "published before failing");
}
