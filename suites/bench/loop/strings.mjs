// String building: 1M appends, then a join of 1M parts.
const N = 1_000_000;
const start = performance.now();
let s = "";
for (let i = 0; i < N; i++) s += String.fromCharCode(97 + (i % 26));
const parts = [];
for (let i = 0; i < N; i++) parts.push(i % 10);
const joined = parts.join("");
if (s.length !== N || joined.length !== N) throw new Error("wrong length");
console.log(`DYNO_RESULT ops=${2 * N} ms=${performance.now() - start}`);
