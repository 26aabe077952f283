//! dynojs micro-benchmarks (`cargo bench -p dynojs`): creating a VM (runtime, context,
//! bootstrap), scheduling and firing 100k timers, 1M nextTick/promise hops, and console
//! formatting through util.inspect. Each measured routine gets a fresh VM built outside
//! the timing, and the VM is dropped outside it too.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use dynojs::vm::Vm;

fn vm() -> Vm {
    Vm::new(vec!["dynojs".into()]).expect("VM")
}

fn run(c: &mut Criterion, name: &str, code: &'static str) {
    c.bench_function(name, |b| {
        b.iter_batched(
            vm,
            |vm| {
                assert_eq!(vm.run_eval(code), 0, "{name} failed");
                vm
            },
            BatchSize::PerIteration,
        )
    });
}

fn benches(c: &mut Criterion) {
    c.bench_function("vm_startup", |b| {
        b.iter_batched(|| (), |()| vm(), BatchSize::PerIteration)
    });
    let mut slow = c.benchmark_group("loop");
    slow.sample_size(10);
    drop(slow);
    run(
        c,
        "timers_100k",
        "let n = 0; for (let i = 0; i < 100000; i++) setTimeout(() => { n++; }, i % 10); process.on('exit', () => { if (n !== 100000) throw new Error(String(n)); });",
    );
    run(
        c,
        "next_tick_promise_1m",
        "let n = 0; function hop() { if (++n >= 1000000) return; if (n & 1) process.nextTick(hop); else Promise.resolve().then(hop); } hop(); process.on('exit', () => { if (n < 1000000) throw new Error(String(n)); });",
    );
    run(
        c,
        "console_format",
        "const util = require('util'); const v = { a: [1, 2, 3, { b: 'str', c: new Map([[1, { d: null }]]) }], e: new Set([1, 2]), f: () => 1 }; let s = 0; for (let i = 0; i < 2000; i++) s += util.inspect(v).length + util.format('%s %d %j', 'x', i, v).length; if (s === 0) throw new Error();",
    );
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(5));
    targets = benches
}
criterion_main!(group);
