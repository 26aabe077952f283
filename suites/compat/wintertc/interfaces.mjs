/*---
description: The WinterTC Minimum Common API interfaces — each present and doing its basic job
area: wintertc
subjects: [AbortController, AbortSignal, Blob, ByteLengthQueuingStrategy, CompressionStream, CountQueuingStrategy, Crypto, CryptoKey, CustomEvent, DecompressionStream, DOMException, Event, EventTarget, File, FormData, Headers, ReadableByteStreamController, ReadableStream, ReadableStreamBYOBReader, ReadableStreamBYOBRequest, ReadableStreamDefaultController, ReadableStreamDefaultReader, Request, Response, SubtleCrypto, TextDecoder, TextDecoderStream, TextEncoder, TextEncoderStream, TransformStream, TransformStreamDefaultController, URL, URLSearchParams, WritableStream, WritableStreamDefaultController, WritableStreamDefaultWriter]
---*/
// Each subtest is named "<Name>: ..." — the mutation check stubs that name alone and
// expects the subtest to fail.
import { test, equal, ok, deepEqual, throws } from "../_harness/prelude.mjs";

async function readAll(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return chunks;
}

test("AbortController: abort() marks its signal aborted with the reason", () => {
  const ac = new AbortController();
  ac.abort("why");
  equal(ac.signal.aborted, true);
  equal(ac.signal.reason, "why");
});
test("AbortSignal: AbortSignal.abort() gives an aborted signal with an AbortError reason", () => {
  const s = AbortSignal.abort();
  ok(s instanceof AbortSignal);
  equal(s.reason.name, "AbortError");
});
test("Blob: size and text() of its parts", async () => {
  const b = new Blob(["ab", new Uint8Array([99])], { type: "Text/Plain" });
  equal(b.size, 3);
  equal(b.type, "text/plain");
  equal(await b.text(), "abc");
});
test("ByteLengthQueuingStrategy: size() is the chunk's byteLength", () => {
  const s = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  equal(s.highWaterMark, 16);
  equal(s.size(new Uint8Array(5)), 5);
});
test("CompressionStream: gzip output starts with the gzip magic bytes", async () => {
  const out = await new Response(new Blob(["hello hello hello"]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
  deepEqual([...new Uint8Array(out).slice(0, 2)], [0x1f, 0x8b]);
});
test("CountQueuingStrategy: size() is 1", () => {
  const s = new CountQueuingStrategy({ highWaterMark: 3 });
  equal(s.highWaterMark, 3);
  equal(s.size("anything"), 1);
});
test("Crypto: the global crypto is a Crypto", () => ok(crypto instanceof Crypto));
test("CryptoKey: cannot be constructed directly", () => {
  equal(typeof CryptoKey, "function");
  throws(() => new CryptoKey(), TypeError);
});
test("CustomEvent: carries detail", () => {
  const e = new CustomEvent("x", { detail: { n: 1 } });
  equal(e.type, "x");
  deepEqual(e.detail, { n: 1 });
});
test("DecompressionStream: inflates what CompressionStream deflated", async () => {
  const packed = new Blob(["round trip"]).stream().pipeThrough(new CompressionStream("deflate"));
  equal(await new Response(packed.pipeThrough(new DecompressionStream("deflate"))).text(), "round trip");
});
test("DOMException: name, message and legacy code", () => {
  const e = new DOMException("gone", "NotFoundError");
  equal(e.name, "NotFoundError");
  equal(e.message, "gone");
  equal(e.code, 8);
});
test("Event: preventDefault on a cancelable event sets defaultPrevented", () => {
  const e = new Event("x", { cancelable: true });
  e.preventDefault();
  equal(e.defaultPrevented, true);
});
test("EventTarget: dispatchEvent calls listeners with the event", () => {
  const t = new EventTarget();
  let got;
  t.addEventListener("ping", (e) => (got = e.type));
  equal(t.dispatchEvent(new Event("ping")), true);
  equal(got, "ping");
});
test("File: has a name, a type and lastModified", () => {
  const f = new File(["x"], "a.txt", { type: "text/plain", lastModified: 42 });
  equal(f.name, "a.txt");
  equal(f.lastModified, 42);
  ok(f instanceof Blob);
});
test("FormData: append, get and getAll", () => {
  const fd = new FormData();
  fd.append("k", "1");
  fd.append("k", "2");
  equal(fd.get("k"), "1");
  deepEqual(fd.getAll("k"), ["1", "2"]);
});
test("Headers: names are case-insensitive", () => {
  const h = new Headers({ "Content-Type": "text/plain" });
  equal(h.get("content-type"), "text/plain");
});
test("ReadableByteStreamController: a bytes stream's controller", async () => {
  let controller;
  new ReadableStream({ type: "bytes", start: (c) => void (controller = c) });
  ok(controller instanceof ReadableByteStreamController);
});
test("ReadableStream: yields the enqueued chunks", async () => {
  const s = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
      c.close();
    },
  });
  deepEqual(await readAll(s), [1, 2]);
});
test("ReadableStreamBYOBReader: read() fills the given view", async () => {
  const s = new ReadableStream({
    type: "bytes",
    pull(c) {
      c.enqueue(new Uint8Array([7, 8]));
      c.close();
    },
  });
  const r = s.getReader({ mode: "byob" });
  ok(r instanceof ReadableStreamBYOBReader);
  const { value } = await r.read(new Uint8Array(4));
  deepEqual([...value], [7, 8]);
});
test("ReadableStreamBYOBRequest: respond() hands bytes to a BYOB read", async () => {
  const s = new ReadableStream({
    type: "bytes",
    pull(c) {
      const req = c.byobRequest;
      ok(req instanceof ReadableStreamBYOBRequest);
      req.view[0] = 42;
      req.respond(1);
    },
  });
  const { value } = await s.getReader({ mode: "byob" }).read(new Uint8Array(2));
  deepEqual([...value], [42]);
});
test("ReadableStreamDefaultController: the default source's controller", () => {
  let controller;
  new ReadableStream({ start: (c) => void (controller = c) });
  ok(controller instanceof ReadableStreamDefaultController);
  equal(controller.desiredSize, 1);
});
test("ReadableStreamDefaultReader: read() gives value and done", async () => {
  const r = new ReadableStream({
    start(c) {
      c.enqueue("x");
      c.close();
    },
  }).getReader();
  ok(r instanceof ReadableStreamDefaultReader);
  deepEqual(await r.read(), { value: "x", done: false });
  deepEqual(await r.read(), { value: undefined, done: true });
});
test("Request: method, URL and body", async () => {
  const r = new Request("http://example.test/a?b", { method: "post", body: "data" });
  equal(r.method, "POST");
  equal(r.url, "http://example.test/a?b");
  equal(await r.text(), "data");
});
test("Response: status and body", async () => {
  const r = new Response("hi", { status: 201 });
  equal(r.status, 201);
  equal(r.ok, true);
  equal(await r.text(), "hi");
});
test("SubtleCrypto: crypto.subtle is a SubtleCrypto", () => ok(crypto.subtle instanceof SubtleCrypto));
test("TextDecoder: decodes UTF-8", () => equal(new TextDecoder().decode(new Uint8Array([0xe2, 0x82, 0xac])), "€"));
test("TextDecoderStream: decodes a byte stream", async () => {
  const s = new Blob([new Uint8Array([0xe2, 0x82, 0xac])]).stream().pipeThrough(new TextDecoderStream());
  deepEqual(await readAll(s), ["€"]);
});
test("TextEncoder: encodes UTF-8", () => deepEqual([...new TextEncoder().encode("é")], [0xc3, 0xa9]));
test("TextEncoderStream: encodes a string stream", async () => {
  const s = new ReadableStream({
    start(c) {
      c.enqueue("é");
      c.close();
    },
  }).pipeThrough(new TextEncoderStream());
  const chunks = await readAll(s);
  deepEqual([...chunks[0]], [0xc3, 0xa9]);
});
test("TransformStream: transforms each chunk", async () => {
  const upper = new TransformStream({ transform: (chunk, c) => c.enqueue(chunk.toUpperCase()) });
  const w = upper.writable.getWriter();
  w.write("a");
  w.write("b");
  w.close();
  deepEqual(await readAll(upper.readable), ["A", "B"]);
});
test("TransformStreamDefaultController: the transformer's controller", () => {
  let controller;
  new TransformStream({ start: (c) => void (controller = c) });
  ok(controller instanceof TransformStreamDefaultController);
});
test("URL: parses and resolves", () => {
  const u = new URL("../c?d#e", "http://h.test/a/b/");
  equal(u.href, "http://h.test/a/c?d#e");
});
test("URLSearchParams: parses and serializes", () => {
  const p = new URLSearchParams("a=1&b=x%20y");
  equal(p.get("b"), "x y");
  equal(p.toString(), "a=1&b=x+y");
});
test("WritableStream: the sink gets every chunk", async () => {
  const got = [];
  const w = new WritableStream({ write: (c) => void got.push(c) }).getWriter();
  await w.write(1);
  await w.write(2);
  await w.close();
  deepEqual(got, [1, 2]);
});
test("WritableStreamDefaultController: the sink's controller", () => {
  let controller;
  new WritableStream({ start: (c) => void (controller = c) });
  ok(controller instanceof WritableStreamDefaultController);
});
test("WritableStreamDefaultWriter: getWriter() gives one, with desiredSize", () => {
  const w = new WritableStream().getWriter();
  ok(w instanceof WritableStreamDefaultWriter);
  equal(w.desiredSize, 1);
});
