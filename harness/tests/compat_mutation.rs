//! The compat suite's mutation check: each tested global or module export, replaced by a
//! stub on node, must make the subtests about it fail — a suite that only checks that
//! names exist would pass against stubs.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use dyno::conform::compat::{self, run::run_spec, Suite};
use dyno::conform::Verdict;
use dyno::proc::{Environment, ProcSpec};

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join("suites/compat")
}

/// The subjects a subtest is about. In a file whose subtests are named `<subject>: …`,
/// the one its name starts with (none for an unprefixed subtest there: it tests the
/// runtime rather than an API); otherwise every subject of the file.
fn subjects_of<'a>(name: &str, subjects: &'a [String], prefixed_file: bool) -> Vec<&'a String> {
    let named = subjects
        .iter()
        .filter(|s| name.starts_with(&format!("{s}: ")))
        .collect();
    if prefixed_file {
        named
    } else {
        subjects.iter().collect()
    }
}

/// The mutation check: for every subject a case names, node runs the case with that
/// subject stubbed (`_harness/mutate.cjs`). A subtest is caught when it fails with one of
/// its subjects stubbed; at least 95% of the subtests must be caught. One that survives
/// every stub only checks presence (or checks nothing).
#[test]
fn mutation_check_stubs_make_the_subtests_fail() {
    if common::node_eval("1").is_none() {
        assert!(
            !common::expected_runtimes().iter().any(|r| r == "node"),
            "DYNO_EXPECT_RUNTIMES promises node, but it is not on PATH"
        );
        eprintln!("skipping: node is not on PATH");
        return;
    }
    let suite = Suite::open(&suite_dir()).unwrap();
    let preload = suite_dir().join("_harness/mutate.cjs");
    let env = Environment::sanitized(&[], &BTreeMap::new());
    let mut jobs: Vec<(compat::Case, String)> = Vec::new();
    for path in suite.discover().unwrap() {
        let case = suite.load(&path).unwrap();
        if case.meta.requires.iter().any(|r| {
            // What node 20 lacks is skipped there; it cannot be mutated on node either.
            ["self", "navigator.userAgent", "reportError", "URLPattern"].contains(&r.as_str())
        }) {
            continue;
        }
        for s in case.meta.subjects.clone() {
            jobs.push((case.clone(), s));
        }
    }
    assert!(jobs.len() >= 40, "{} subjects", jobs.len());
    let results = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some((case, subject)) = jobs.get(i) else {
                    break;
                };
                // Through NODE_OPTIONS, so the node processes a case starts get the stub too.
                let mut spec = ProcSpec::new(
                    "node",
                    vec![case.path.clone().into_os_string()],
                    env.clone(),
                );
                spec.env
                    .set("NODE_OPTIONS", format!("--require {}", preload.display()));
                spec.env.set("DYNO_STUB", subject.clone());
                spec.env.set("NO_COLOR", "1");
                spec.limits = compat::run::limits(Duration::from_secs(8));
                let mutated = run_spec(&case.id, &spec);
                let mut plain = spec.clone();
                plain.env.set("DYNO_STUB", "");
                let baseline = run_spec(&case.id, &plain);
                results
                    .lock()
                    .unwrap()
                    .push((case.clone(), subject.clone(), baseline, mutated));
            });
        }
    });
    // (case id, subtest) → (its subjects, the subjects whose stub made it fail).
    let mut verdicts: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for (case, subject, baseline, mutated) in results.into_inner().unwrap() {
        let subjects = &case.meta.subjects;
        let prefixed_file = baseline.scenarios.iter().any(|s| {
            subjects
                .iter()
                .any(|x| s.scenario.starts_with(&format!("{x}: ")))
        });
        for s in baseline
            .scenarios
            .iter()
            .filter(|s| s.verdict == Verdict::Pass)
        {
            let about = subjects_of(&s.scenario, subjects, prefixed_file);
            if !about.contains(&&subject) {
                continue;
            }
            let entry = verdicts
                .entry((case.id.clone(), s.scenario.clone()))
                .or_insert_with(|| (about.into_iter().cloned().collect(), Vec::new()));
            let survived = mutated
                .scenarios
                .iter()
                .any(|m| m.scenario == s.scenario && m.verdict == Verdict::Pass);
            if !survived {
                entry.1.push(subject.clone());
            }
        }
    }
    let total = verdicts.len();
    let mut survivors = Vec::new();
    for ((id, name), (about, failed_with)) in &verdicts {
        if failed_with.is_empty() {
            survivors.push(format!("{id} › {name} (stubbed: {})", about.join(", ")));
        }
    }
    let caught = total - survivors.len();
    survivors.sort();
    eprintln!(
        "mutation check: {caught} of {total} subtests fail with their subject stubbed; survivors:\n  {}",
        survivors.join("\n  ")
    );
    assert!(
        caught * 100 >= total * 95,
        "only {caught} of {total} subtests noticed their subject was a stub:\n  {}",
        survivors.join("\n  ")
    );
}
