/*---
description: Request and Response bodies (Fetch standard) — readers, bodyUsed, clone, statics, content types
area: fetch
subjects: [Request, Response]
---*/
import { test, equal, deepEqual, ok, rejects, throws } from "../_harness/prelude.mjs";

test("Response: a body read twice rejects with a TypeError", async () => {
  const r = new Response("x");
  equal(await r.text(), "x");
  equal(r.bodyUsed, true);
  await rejects(r.text(), TypeError);
});
test("Request: a body read twice rejects with a TypeError", async () => {
  const r = new Request("http://h.test/", { method: "POST", body: "x" });
  await r.arrayBuffer();
  await rejects(r.text(), TypeError);
});
test("Response: clone gives two readable bodies", async () => {
  const a = new Response("both");
  const b = a.clone();
  deepEqual([await a.text(), await b.text()], ["both", "both"]);
});
test("Response: clone after use throws", async () => {
  const r = new Response("x");
  await r.text();
  throws(() => r.clone(), TypeError);
});
test("Response: json() parses", async () => deepEqual(await new Response('{"a":[1]}').json(), { a: [1] }));
test("Response: json() of bad JSON rejects with a SyntaxError", async () => {
  await rejects(new Response("{").json(), SyntaxError);
});
test("Response: arrayBuffer() and bytes()", async () => {
  deepEqual(new Uint8Array(await new Response("hi").arrayBuffer()), new Uint8Array([104, 105]));
});
test("Response: blob() keeps the content type", async () => {
  const b = await new Response("x", { headers: { "content-type": "text/x-custom" } }).blob();
  equal(b.type, "text/x-custom");
});
test("Response: a string body gets text/plain;charset=UTF-8", () => {
  equal(new Response("x").headers.get("content-type"), "text/plain;charset=UTF-8");
});
test("Response: a URLSearchParams body gets the form content type", async () => {
  const r = new Response(new URLSearchParams({ a: "b c" }));
  equal(r.headers.get("content-type"), "application/x-www-form-urlencoded;charset=UTF-8");
  equal(await r.text(), "a=b+c");
});
test("Response: a FormData body is multipart and parses back", async () => {
  const fd = new FormData();
  fd.append("field", "value");
  const r = new Response(fd);
  ok(r.headers.get("content-type").startsWith("multipart/form-data; boundary="));
  equal((await r.formData()).get("field"), "value");
});
test("Response: body is a ReadableStream of bytes", async () => {
  const reader = new Response("ab").body.getReader();
  const { value } = await reader.read();
  ok(value instanceof Uint8Array);
  equal(new TextDecoder().decode(value), "ab");
});
test("Response: a null body has body null", () => equal(new Response(null).body, null));
test("Response: a stream body is read", async () => {
  const s = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode("str"));
      c.enqueue(new TextEncoder().encode("eam"));
      c.close();
    },
  });
  equal(await new Response(s).text(), "stream");
});
test("Response: Response.json() serializes with the JSON content type", async () => {
  const r = Response.json({ ok: 1 }, { status: 202 });
  equal(r.status, 202);
  equal(r.headers.get("content-type"), "application/json");
  equal(await r.text(), '{"ok":1}');
});
test("Response: Response.redirect() sets status and Location", () => {
  const r = Response.redirect("http://h.test/next", 307);
  equal(r.status, 307);
  equal(r.headers.get("location"), "http://h.test/next");
});
test("Response: Response.redirect() rejects a non-redirect status", () => throws(() => Response.redirect("http://h.test/", 200), RangeError));
test("Response: Response.error() is a network error", () => {
  const r = Response.error();
  equal(r.type, "error");
  equal(r.status, 0);
});
test("Response: status outside 200–599 throws a RangeError", () => throws(() => new Response("", { status: 99 }), RangeError));
test("Response: a 204 with a body throws a TypeError", () => throws(() => new Response("x", { status: 204 }), TypeError));
test("Response: defaults", () => {
  const r = new Response();
  deepEqual([r.status, r.statusText, r.ok, r.type, r.redirected], [200, "", true, "default", false]);
});
test("Request: a GET with a body throws a TypeError", () => throws(() => new Request("http://h.test/", { body: "x" }), TypeError));
test("Request: a relative URL without a base throws a TypeError", () => throws(() => new Request("/relative"), TypeError));
test("Request: method names are normalized, others kept", () => {
  equal(new Request("http://h.test/", { method: "delete" }).method, "DELETE");
  equal(new Request("http://h.test/", { method: "patch" }).method, "patch");
});
test("Request: a forbidden method throws", () => throws(() => new Request("http://h.test/", { method: "CONNECT" }), TypeError));
test("Request: copying a Request keeps method, headers and body", async () => {
  const a = new Request("http://h.test/", { method: "PUT", body: "b", headers: { "x-y": "z" } });
  const b = new Request(a);
  deepEqual([b.method, b.headers.get("x-y"), await b.text()], ["PUT", "z", "b"]);
});
test("Request: signal defaults to a live AbortSignal", () => {
  const r = new Request("http://h.test/");
  ok(r.signal instanceof AbortSignal);
  equal(r.signal.aborted, false);
});
test("Request: clone keeps the body for both", async () => {
  const a = new Request("http://h.test/", { method: "POST", body: "twice" });
  const b = a.clone();
  deepEqual([await a.text(), await b.text()], ["twice", "twice"]);
});
