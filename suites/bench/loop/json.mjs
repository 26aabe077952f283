// JSON.parse and JSON.stringify of a ~5 MB document, 5 rounds each.
const rows = [];
for (let i = 0; i < 60_000; i++) {
  rows.push({ id: i, name: `row ${i}`, value: i * 0.5, flags: [i % 2 === 0, i % 3 === 0], meta: { k: "v" } });
}
const text = JSON.stringify(rows);
if (text.length < 4_000_000) throw new Error(`document is only ${text.length} bytes`);
const ROUNDS = 5;
const start = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  const doc = JSON.parse(text);
  if (JSON.stringify(doc).length !== text.length) throw new Error("round trip changed the size");
}
// One op = one parse plus one stringify of the whole document.
console.log(`DYNO_RESULT ops=${ROUNDS} ms=${performance.now() - start}`);
