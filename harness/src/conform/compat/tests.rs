use std::time::Duration;

use super::*;
use crate::proc::Capture;

fn ended(outcome: Outcome, stdout: &str, stderr: &str) -> ProcResult {
    let mut out = Capture::new(1 << 20);
    out.push(stdout.as_bytes());
    let mut err = Capture::new(1 << 20);
    err.push(stderr.as_bytes());
    ProcResult {
        outcome,
        wall: Duration::from_millis(5),
        user: Duration::ZERO,
        sys: Duration::ZERO,
        max_rss_bytes: 0,
        watched_rss_bytes: 0,
        stdout: out,
        stderr: err,
        killed_descendants: 0,
    }
}

fn verdicts(case: &CaseResult) -> Vec<(String, Verdict)> {
    case.scenarios
        .iter()
        .map(|s| (s.scenario.clone(), s.verdict))
        .collect()
}

const OK: Outcome = Outcome::Exited { code: 0 };

#[test]
fn every_subtest_is_a_scenario() {
    let out = "DYNO_PLAN [\"a\",\"b\"]\nnoise\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\nDYNO_SUBTEST {\"name\":\"b\",\"ok\":false,\"message\":\"expected 1, got 2\"}\nDYNO_DONE {\"passed\":1,\"failed\":1}\n";
    let case = classify("x/y.mjs", &ended(OK, out, ""), Duration::from_millis(4));
    assert_eq!(
        verdicts(&case),
        vec![("a".into(), Verdict::Pass), ("b".into(), Verdict::Fail)]
    );
    assert_eq!(
        case.scenarios[1].detail.as_deref(),
        Some("expected 1, got 2")
    );
    assert!((case.scenarios[0].duration_ms - 2.0).abs() < 1e-9);
}

#[test]
fn an_early_exit_fails_the_subtests_not_reached() {
    let out = "DYNO_PLAN [\"a\",\"b\",\"c\"]\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\n";
    let case = classify(
        "x.mjs",
        &ended(Outcome::Exited { code: 0 }, out, ""),
        Duration::ZERO,
    );
    assert_eq!(
        verdicts(&case),
        vec![
            ("a".into(), Verdict::Pass),
            ("b".into(), Verdict::Fail),
            ("c".into(), Verdict::Fail)
        ]
    );
    assert!(case.scenarios[1]
        .detail
        .as_deref()
        .unwrap()
        .starts_with("not reached: the file exited with code 0"));
    // A timeout makes the unreached subtests time out.
    let case = classify("x.mjs", &ended(Outcome::TimedOut, out, ""), Duration::ZERO);
    assert_eq!(case.scenarios[2].verdict, Verdict::Timeout);
}

#[test]
fn all_reported_without_the_done_marker_is_a_failure() {
    let out = "DYNO_PLAN [\"a\"]\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\n";
    let case = classify(
        "x.mjs",
        &ended(
            Outcome::Exited { code: 1 },
            out,
            "Error: after\n    at f (x:1)\nNode.js v20\n",
        ),
        Duration::ZERO,
    );
    assert_eq!(
        verdicts(&case),
        vec![
            ("a".into(), Verdict::Pass),
            ("(done)".into(), Verdict::Fail)
        ]
    );
    let detail = case.scenarios[1].detail.as_deref().unwrap();
    assert!(detail.contains("without the DYNO_DONE marker"), "{detail}");
    assert!(detail.ends_with("; stderr: Error: after"), "{detail}");
}

#[test]
fn a_failing_exit_after_done_is_a_failure() {
    let out = "DYNO_PLAN [\"a\"]\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\nDYNO_DONE {}\n";
    let case = classify(
        "x.mjs",
        &ended(Outcome::Exited { code: 1 }, out, ""),
        Duration::ZERO,
    );
    assert_eq!(
        verdicts(&case),
        vec![
            ("a".into(), Verdict::Pass),
            ("(exit)".into(), Verdict::Fail)
        ]
    );
}

#[test]
fn no_plan_is_one_file_level_verdict() {
    let stderr = "file:///x.mjs:1\nSyntaxError: Unexpected token ';'\n";
    let case = classify(
        "x.mjs",
        &ended(Outcome::Exited { code: 1 }, "", stderr),
        Duration::ZERO,
    );
    assert_eq!(verdicts(&case), vec![("(file)".into(), Verdict::Fail)]);
    assert!(case.scenarios[0]
        .detail
        .as_deref()
        .unwrap()
        .contains("SyntaxError: Unexpected token"));
    let crashed = Outcome::Signalled {
        signal: 11,
        name: "SIGSEGV".into(),
    };
    let case = classify("x.mjs", &ended(crashed, "", ""), Duration::ZERO);
    assert_eq!(verdicts(&case), vec![("(file)".into(), Verdict::Crash)]);
    let case = classify("x.mjs", &ended(Outcome::TimedOut, "", ""), Duration::ZERO);
    assert_eq!(verdicts(&case), vec![("(file)".into(), Verdict::Timeout)]);
}

#[test]
fn duplicates_probes_and_bad_lines() {
    let out = "DYNO_PLAN [\"a\",\"a\"]\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\nDYNO_OBSERVE {\"name\":\"order\",\"value\":\"x then y\"}\nDYNO_SUBTEST {oops\nDYNO_DONE {}\n";
    let case = classify("x.mjs", &ended(OK, out, ""), Duration::ZERO);
    assert_eq!(
        verdicts(&case),
        vec![
            ("a".into(), Verdict::Pass),
            ("a (duplicate)".into(), Verdict::HarnessError),
            ("(protocol)".into(), Verdict::HarnessError),
            ("observe: order".into(), Verdict::Skip),
        ]
    );
    assert_eq!(
        case.scenarios[3].detail.as_deref(),
        Some("observed: x then y")
    );
}

#[test]
fn a_late_registered_subtest_still_counts() {
    let out = "DYNO_PLAN [\"a\"]\nDYNO_SUBTEST {\"name\":\"a\",\"ok\":true}\nDYNO_SUBTEST {\"name\":\"late\",\"ok\":false}\nDYNO_DONE {}\n";
    let case = classify("x.mjs", &ended(OK, out, ""), Duration::ZERO);
    assert_eq!(
        verdicts(&case),
        vec![("a".into(), Verdict::Pass), ("late".into(), Verdict::Fail)]
    );
}

#[test]
fn discovery_and_area_check() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("_harness")).unwrap();
    std::fs::write(root.join("_harness/prelude.cjs"), "").unwrap();
    std::fs::create_dir_all(root.join("timers/fixtures")).unwrap();
    std::fs::create_dir_all(root.join("url/node_modules/p")).unwrap();
    let head = |area: &str| format!("/*---\ndescription: d\narea: {area}\n---*/\n");
    std::fs::write(root.join("timers/a.mjs"), head("timers")).unwrap();
    std::fs::write(root.join("timers/b.cjs"), head("url")).unwrap();
    std::fs::write(root.join("timers/notes.md"), "").unwrap();
    std::fs::write(root.join("timers/fixtures/child.mjs"), "").unwrap();
    std::fs::write(root.join("url/node_modules/p/index.mjs"), "").unwrap();
    std::fs::write(root.join("top.mjs"), head("top")).unwrap();
    let suite = Suite::open(root).unwrap();
    let found: Vec<String> = suite
        .discover()
        .unwrap()
        .iter()
        .map(|p| suite.id_of(p))
        .collect();
    assert_eq!(found, vec!["timers/a.mjs", "timers/b.cjs"]);
    assert_eq!(
        suite
            .load(&suite.root.join("timers/a.mjs"))
            .unwrap()
            .meta
            .area,
        "timers"
    );
    let err = suite.load(&suite.root.join("timers/b.cjs")).unwrap_err();
    assert!(
        err.contains("area 'url'") && err.contains("'timers/'"),
        "{err}"
    );
    assert!(Suite::open(&root.join("timers")).is_err());
}

#[test]
fn missing_requirements() {
    let case = Case {
        id: "a/b.mjs".into(),
        path: "a/b.mjs".into(),
        meta: Meta {
            requires: vec!["node:fs".into(), "fetch".into()],
            ..Meta::default()
        },
    };
    let caps: BTreeSet<String> = ["fetch".to_owned()].into();
    assert_eq!(missing(&case, &caps), vec!["node:fs"]);
}
