/*---
description: Blob slicing and streams, and web stream basics (Streams standard)
area: fetch
subjects: [Blob, ReadableStream, WritableStream, TransformStream]
---*/
import { test, equal, deepEqual, ok, rejects, throws } from "../_harness/prelude.mjs";

test("Blob: slice with negative indices and a type", async () => {
  const b = new Blob(["abcdef"]).slice(-4, -1, "text/x");
  equal(await b.text(), "cde");
  equal(b.type, "text/x");
});
test("Blob: arrayBuffer of mixed parts", async () => {
  const b = new Blob(["a", new Uint8Array([98]), new Blob(["c"])]);
  deepEqual(new Uint8Array(await b.arrayBuffer()), new Uint8Array([97, 98, 99]));
});
test("Blob: stream() yields the bytes", async () => {
  const chunks = [];
  for await (const c of new Blob(["xyz"]).stream()) chunks.push(...c);
  deepEqual(chunks, [120, 121, 122]);
});
test("Blob: strings are UTF-8 encoded", () => equal(new Blob(["€"]).size, 3));
test("ReadableStream: a locked stream cannot get a second reader", () => {
  const s = new ReadableStream();
  s.getReader();
  equal(s.locked, true);
  throws(() => s.getReader(), TypeError);
});
test("ReadableStream: releaseLock unlocks", () => {
  const s = new ReadableStream();
  s.getReader().releaseLock();
  equal(s.locked, false);
});
test("ReadableStream: cancel passes the reason to the source", async () => {
  let reason;
  await new ReadableStream({ cancel: (r) => void (reason = r) }).cancel("stop");
  equal(reason, "stop");
});
test("ReadableStream: an error in start rejects reads", async () => {
  const s = new ReadableStream({
    start(c) {
      c.error(new TypeError("broken"));
    },
  });
  await rejects(s.getReader().read(), TypeError);
});
test("ReadableStream: pull is called as the queue drains", async () => {
  let n = 0;
  const s = new ReadableStream({
    pull(c) {
      c.enqueue(++n);
      if (n === 3) c.close();
    },
  });
  const got = [];
  for await (const v of s) got.push(v);
  deepEqual(got, [1, 2, 3]);
});
test("ReadableStream: tee gives two identical branches", async () => {
  const [a, b] = new Blob(["tee"]).stream().tee();
  deepEqual([await new Response(a).text(), await new Response(b).text()], ["tee", "tee"]);
});
test("WritableStream: a ReadableStream pipes into it", async () => {
  const got = [];
  await new Blob(["p"]).stream().pipeTo(new WritableStream({ write: (c) => void got.push(...c) }));
  deepEqual(got, [112]);
});
test("ReadableStream: ReadableStream.from an async iterable", async () => {
  async function* gen() {
    yield 1;
    yield 2;
  }
  const got = [];
  for await (const v of ReadableStream.from(gen())) got.push(v);
  deepEqual(got, [1, 2]);
});
test("WritableStream: backpressure shows in desiredSize", async () => {
  const w = new WritableStream({ write: () => new Promise((r) => setTimeout(r, 5)) }, { highWaterMark: 2 }).getWriter();
  equal(w.desiredSize, 2);
  w.write("a");
  w.write("b");
  equal(w.desiredSize, 0);
  await w.close();
});
test("WritableStream: abort rejects pending writes", async () => {
  const w = new WritableStream({ write: () => new Promise(() => {}) }).getWriter();
  w.write("hang").catch(() => {});
  const second = w.write("queued");
  await w.abort("why");
  await rejects(second);
});
test("TransformStream: flush runs at the end", async () => {
  const t = new TransformStream({
    transform: (c, ctl) => ctl.enqueue(c),
    flush: (ctl) => ctl.enqueue("end"),
  });
  const w = t.writable.getWriter();
  w.write("x");
  w.close();
  const got = [];
  for await (const v of t.readable) got.push(v);
  deepEqual(got, ["x", "end"]);
});
test("TransformStream: identity by default", async () => {
  const t = new TransformStream();
  const w = t.writable.getWriter();
  w.write(7);
  w.close();
  const r = t.readable.getReader();
  deepEqual(await r.read(), { value: 7, done: false });
  deepEqual(await r.read(), { value: undefined, done: true });
});
