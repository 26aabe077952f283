// Map and Set churn: insert, look up and delete 200k keys, 3 rounds.
const N = 200_000;
const ROUNDS = 3;
const start = performance.now();
let hits = 0;
for (let r = 0; r < ROUNDS; r++) {
  const m = new Map();
  const s = new Set();
  for (let i = 0; i < N; i++) {
    m.set(`k${i}`, i);
    s.add(i);
  }
  for (let i = 0; i < N; i++) if (m.get(`k${i}`) === i && s.has(i)) hits++;
  for (let i = 0; i < N; i += 2) {
    m.delete(`k${i}`);
    s.delete(i);
  }
  if (m.size !== N / 2 || s.size !== N / 2) throw new Error("wrong size");
}
if (hits !== N * ROUNDS) throw new Error("lookups failed");
// One op = one insert + one lookup + (half) one delete, on both collections.
console.log(`DYNO_RESULT ops=${N * ROUNDS} ms=${performance.now() - start}`);
