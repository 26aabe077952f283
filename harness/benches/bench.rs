//! The benchmark machinery's own hot paths: per-response work of the load generator
//! (head parsing, histogram recording), merging histograms, summarizing samples and
//! serializing a results record. Run: `cargo bench -p dyno --bench bench`.
//!
//! The generator's budget: wrk spends ~5-7 µs of CPU per request on this machine class;
//! dyno's per-response bookkeeping must be a small fraction of that.

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyno::bench::http::load::{find_head_end, parse_head};
use dyno::stats::Summary;
use dyno::store::BenchmarkRecord;
use hdrhistogram::Histogram;

const RESPONSE: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nDate: Thu, 26 Nov 2026 09:00:00 GMT\r\nContent-Length: 13\r\n\r\nHello, World!";

fn per_response(c: &mut Criterion) {
    let mut g = c.benchmark_group("generator per response");
    g.throughput(Throughput::Elements(1));
    g.bench_function("find head end + parse head", |b| {
        b.iter(|| {
            let n = find_head_end(std::hint::black_box(RESPONSE)).unwrap();
            parse_head(&RESPONSE[..n]).unwrap()
        })
    });
    let mut h: Histogram<u64> = Histogram::new_with_bounds(1, 120_000_000_000, 3).unwrap();
    let mut v = 123_456u64;
    g.bench_function("record latency in HDR histogram", |b| {
        b.iter(|| {
            v = v
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            h.record(1000 + (v >> 44)).unwrap();
        })
    });
    g.bench_function("Instant::now (two per response)", |b| {
        b.iter(std::time::Instant::now)
    });
    g.finish();
}

fn merging(c: &mut Criterion) {
    let mut a: Histogram<u64> = Histogram::new_with_bounds(1, 120_000_000_000, 3).unwrap();
    for i in 0..100_000u64 {
        a.record(50_000 + (i * 7919) % 2_000_000).unwrap();
    }
    let b2 = a.clone();
    c.bench_function("merge two 100k-sample histograms", |b| {
        b.iter(|| {
            let mut m = a.clone();
            m.add(&b2).unwrap();
            m.value_at_percentile(99.0)
        })
    });
}

fn summarizing(c: &mut Criterion) {
    let samples: Vec<f64> = (0..200)
        .map(|i| 30.0 + ((i * 37) % 17) as f64 * 0.1)
        .collect();
    c.bench_function("summary of 200 samples (bootstrap CI)", |b| {
        b.iter(|| Summary::of(std::hint::black_box(&samples)).unwrap())
    });
    let record = BenchmarkRecord {
        benchmark: "startup/hello.js".into(),
        runtime: "node".into(),
        metric: "wall".into(),
        unit: "ms".into(),
        higher_is_better: false,
        program: Some("suites/bench/startup/hello.js".into()),
        program_sha256: Some("0".repeat(64)),
        command: Some("/usr/bin/node hello.js".into()),
        summary: Summary::of(&samples),
        samples,
        ratio: None,
        error: None,
        params: BTreeMap::new(),
        distribution: Vec::new(),
        warnings: Vec::new(),
        shard: None,
    };
    c.bench_function("serialize a 200-sample record", |b| {
        b.iter(|| serde_json::to_vec(std::hint::black_box(&record)).unwrap())
    });
}

criterion_group!(benches, per_response, merging, summarizing);
criterion_main!(benches);
