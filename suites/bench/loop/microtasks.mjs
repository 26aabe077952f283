// Microtask throughput: 500k queueMicrotask plus 500k process.nextTick callbacks.
const N = 500_000;
const start = performance.now();
let done = 0;
await new Promise((resolve) => {
  const tick = () => {
    if (++done === 2 * N) resolve();
  };
  for (let i = 0; i < N; i++) {
    queueMicrotask(tick);
    process.nextTick(tick);
  }
});
console.log(`DYNO_RESULT ops=${2 * N} ms=${performance.now() - start}`);
