//! dyno's own overhead per test262 scenario: read, parse frontmatter, compose, schedule
//! and record, with a host that answers instantly (so only dyno is measured). The
//! target is ≤ 50 µs per scenario. Run: `cargo bench -p dyno --bench conform`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyno::conform::expectations::Expectations;
use dyno::conform::test262::hosts::{Host, HostCaps, Request};
use dyno::conform::test262::{run_case, CaseOptions, Suite};
use dyno::conform::verdict::HostOutcome;
use dyno::conform::{schedule, CaseResult};

/// Answers every request at once with a pass.
struct InstantHost;

impl Host for InstantHost {
    fn run(&mut self, request: &Request<'_>) -> HostOutcome {
        std::hint::black_box(request.source.len());
        HostOutcome::default()
    }

    fn reproduce(&self, _: &Path, _: &Request<'_>) -> String {
        String::new()
    }
}

/// A suite of `n` test files shaped like test262's (frontmatter, includes, ~1 KB body).
fn make_suite(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/test262");
    std::fs::create_dir_all(dir.path().join("harness")).unwrap();
    for f in [
        "assert.js",
        "sta.js",
        "doneprintHandle.js",
        "compareArray.js",
        "features.yml",
    ] {
        std::fs::copy(
            fixture.join("harness").join(f),
            dir.path().join("harness").join(f),
        )
        .unwrap();
    }
    let body = "var x = [1, 2, 3].map(function (v) { return v * 2; });\nassert(compareArray(x, [2, 4, 6]));\n".repeat(10);
    let mut paths = Vec::new();
    for i in 0..n {
        let sub = dir.path().join(format!("test/built-ins/Dir{}", i % 20));
        std::fs::create_dir_all(&sub).unwrap();
        let p = sub.join(format!("case-{i}.js"));
        std::fs::write(&p, format!("// Copyright\n/*---\nesid: sec-x\ndescription: >\n  case {i}\nincludes: [compareArray.js]\nfeatures: [Symbol, Array.prototype.map]\n---*/\n{body}")).unwrap();
        paths.push(p);
    }
    (dir, paths)
}

fn bench(c: &mut Criterion) {
    let (dir, paths) = make_suite(2000);
    let suite = Suite::open(dir.path()).unwrap();
    let expectations = Expectations::default();
    let skip = BTreeSet::new();
    let opts = CaseOptions {
        filter: None,
        skip_features: &skip,
        timeout: Duration::from_secs(10),
        caps: HostCaps {
            can_block: true,
            is_html_dda: true,
            agent: true,
            phases: true,
            modules: true,
        },
        expectations: &expectations,
        save_failed: None,
    };
    let mut group = c.benchmark_group("conform");
    // Each case has two scenarios (sloppy and strict).
    group.throughput(Throughput::Elements(2 * paths.len() as u64));
    group.sample_size(10);
    group.bench_function("per_scenario_overhead_2000_files_1_thread", |b| {
        b.iter(|| {
            let mut results: Vec<CaseResult> = Vec::with_capacity(paths.len());
            schedule(
                &paths,
                &[],
                1,
                || Ok(InstantHost),
                |host, path| run_case(&suite, path, host, &opts),
                |r| results.push(r),
            )
            .unwrap();
            assert_eq!(results.len(), paths.len());
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
