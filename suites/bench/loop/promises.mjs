// A chain of 1M promise reactions (then after then).
const N = 1_000_000;
const start = performance.now();
let p = Promise.resolve(0);
for (let i = 0; i < N; i++) p = p.then((v) => v + 1);
const total = await p;
if (total !== N) throw new Error(`chain ended at ${total}`);
console.log(`DYNO_RESULT ops=${N} ms=${performance.now() - start}`);
