// Start-up plus a 1 MB JSON.parse: the document is built from one record repeated (cheap
// next to the parse), so no data file is needed.
const record = JSON.stringify({
  id: 123456, name: "dyno benchmark record", active: true, score: 98.25,
  tags: ["alpha", "beta", "gamma"], nested: { a: 1, b: [1, 2, 3], c: null },
});
const count = Math.ceil((1 << 20) / (record.length + 1));
const text = "[" + new Array(count).fill(record).join(",") + "]";
const parsed = JSON.parse(text);
if (parsed.length !== count || parsed[count - 1].nested.b[2] !== 3) throw new Error("bad parse");
