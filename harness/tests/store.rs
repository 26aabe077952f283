//! The results store: round trip, crash recovery from the journal, future versions,
//! corrupt and foreign files.

mod common;

use common::fixtures;
use dyno::host::HostRecord;
use dyno::proc::{CaptureRecord, Outcome};
use dyno::store::{self, Journal, RunRecord, SmokeRecord, StoreError, UnitRecord};

fn header() -> RunRecord {
    RunRecord {
        schema_version: store::SCHEMA_VERSION,
        run_id: "20261126T053814Z-2257ec".into(),
        dyno_version: "0.1.0".into(),
        methodology_version: store::METHODOLOGY_VERSION,
        created_at: chrono::Utc::now(),
        finished_at: None,
        complete: false,
        command: vec!["dyno".into(), "run".into()],
        project: Default::default(),
        host: HostRecord::detect(),
        runtimes: vec![],
        environment: Default::default(),
        smoke: vec![],
        conformance: vec![],
        benchmarks: vec![],
        plan: None,
        shards: vec![],
    }
}

/// Journals a smoke unit of runtime `name`.
fn smoke_unit(journal: &mut Journal, name: &str) {
    journal
        .unit(UnitRecord {
            key: format!("smoke/{name}"),
            smoke: Some(smoke(name)),
            ..UnitRecord::default()
        })
        .unwrap();
}

fn smoke(name: &str) -> SmokeRecord {
    SmokeRecord {
        runtime: name.into(),
        ok: true,
        outcome: Outcome::Exited { code: 0 },
        command: format!("{name} hello.js"),
        wall_ms: 1.5,
        user_ms: 0.5,
        sys_ms: 0.5,
        max_rss_bytes: 4 << 20,
        stdout: CaptureRecord {
            total_bytes: 16,
            dropped_bytes: 0,
            tail: "hello from dyno\n".into(),
        },
        stderr: CaptureRecord {
            total_bytes: 0,
            dropped_bytes: 0,
            tail: String::new(),
        },
    }
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/results.json");
    let mut journal = Journal::create(&path, header()).unwrap();
    smoke_unit(&mut journal, "a");
    smoke_unit(&mut journal, "b");
    let written = journal.finish(true).unwrap();
    let read = store::read_results(&path).unwrap();
    assert_eq!(read, written);
    assert!(read.complete && read.finished_at.is_some());
    common::validate_results(&serde_json::to_value(&read).unwrap());
}

#[test]
fn crash_keeps_finished_units() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.json");
    let mut journal = Journal::create(&path, header()).unwrap();
    smoke_unit(&mut journal, "a");
    smoke_unit(&mut journal, "b");
    drop(journal); // the process "dies" here: no finish
    assert!(!path.exists(), "no final document before finish");
    let journal_path = store::journal_path(&path);
    // A torn last line, as a kill mid-write leaves it.
    let mut text = std::fs::read_to_string(&journal_path).unwrap();
    text.push_str("{\"journal\":\"unit\",\"key\":\"smoke/c\",\"smoke\":{\"runtime\":\"c\",\"ok");
    std::fs::write(&journal_path, &text).unwrap();
    let recovered = store::recover(&journal_path).unwrap();
    assert_eq!(recovered.smoke.len(), 2);
    assert!(!recovered.complete);

    // Resuming cuts the torn line off before appending, so the next unit lands whole.
    let mut journal = Journal::reopen(&path).unwrap();
    assert_eq!(journal.done().len(), 2);
    smoke_unit(&mut journal, "c");
    let done = journal.finish(true).unwrap();
    let names: Vec<&str> = done.smoke.iter().map(|s| s.runtime.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(store::read_results(&path).unwrap(), done);
}

#[test]
fn a_damaged_line_before_others_is_an_error_not_a_silent_cut() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.json");
    let mut journal = Journal::create(&path, header()).unwrap();
    smoke_unit(&mut journal, "a");
    smoke_unit(&mut journal, "b");
    drop(journal);
    let journal_path = store::journal_path(&path);
    let text = std::fs::read_to_string(&journal_path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1] = "{\"journal\":\"unit\",\"key\":";
    std::fs::write(&journal_path, lines.join("\n") + "\n").unwrap();
    let err = store::recover(&journal_path).unwrap_err().to_string();
    assert!(err.contains("line 2 is damaged"), "{err}");
    assert!(Journal::reopen(&path).is_err());
}

#[test]
fn a_unit_journaled_twice_keeps_the_later_records() {
    // A per-machine reference (the HTTP ceiling) measured again after a resume.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.json");
    let mut journal = Journal::create(&path, header()).unwrap();
    smoke_unit(&mut journal, "a");
    let mut again = smoke("a");
    again.wall_ms = 9.0;
    journal
        .unit(UnitRecord {
            key: "smoke/a".into(),
            smoke: Some(again),
            ..UnitRecord::default()
        })
        .unwrap();
    let run = journal.finish(true).unwrap();
    assert_eq!(run.smoke.len(), 1);
    assert_eq!(run.smoke[0].wall_ms, 9.0);
}

#[test]
fn future_version_is_a_typed_error() {
    let err = store::read_results(&fixtures().join("results/future-v99.json")).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::FutureVersion {
                found: 99,
                supported: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("upgrade dyno"));
}

#[test]
fn corrupt_foreign_and_missing_files() {
    let err = store::read_results(&fixtures().join("results/truncated.json")).unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().contains("truncated"));
    let err = store::read_results(&fixtures().join("results/foreign.json")).unwrap_err();
    assert!(matches!(err, StoreError::NotResults { .. }), "{err:?}");
    let err = store::read_results(&fixtures().join("results/missing.json")).unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("missing.json"));
}

#[test]
fn every_committed_version_fixture_loads() {
    // One fixture per schema version ever released; v1 is the first.
    for entry in std::fs::read_dir(fixtures().join("results"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(version) = name.strip_prefix("v").and_then(|n| n.split('-').next()) {
            let run = store::read_results(&entry.path())
                .unwrap_or_else(|e| panic!("{name} (schema v{version}) no longer loads: {e}"));
            assert_eq!(run.schema_version, store::SCHEMA_VERSION);
        }
    }
    assert!(fixtures().join("results/v1-run.json").exists());
}

#[test]
fn schema_mismatch_names_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.json");
    let mut doc = serde_json::to_value(header()).unwrap();
    doc["host"]["cores"] = serde_json::json!("two");
    std::fs::write(&path, doc.to_string()).unwrap();
    let err = store::read_results(&path).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().contains("host.cores"), "{err}");
}

#[test]
fn references_are_kept_but_not_counted_as_done_units() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.json");
    let mut journal = Journal::create(&path, header()).unwrap();
    smoke_unit(&mut journal, "a");
    for wall in [1.0, 2.0] {
        let mut s = smoke("ceiling");
        s.wall_ms = wall;
        journal
            .unit(UnitRecord {
                key: "http/ceiling".into(),
                smoke: Some(s),
                reference: true,
                ..UnitRecord::default()
            })
            .unwrap();
    }
    assert_eq!(journal.done().len(), 1, "only the planned unit is done");
    let run = journal.finish(true).unwrap();
    let ceiling: Vec<f64> = run
        .smoke
        .iter()
        .filter(|s| s.runtime == "ceiling")
        .map(|s| s.wall_ms)
        .collect();
    assert_eq!(
        ceiling,
        [2.0],
        "the latest measurement replaces the earlier one"
    );
}
