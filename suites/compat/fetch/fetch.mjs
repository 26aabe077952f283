/*---
description: fetch against a local node:http server — methods, headers, bodies, redirects, abort, errors
area: fetch
requires: [node:http, fetch]
subjects: [fetch]
---*/
import { test, after, equal, deepEqual, rejects } from "../_harness/prelude.mjs";
import http from "node:http";

const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/echo") {
      res.setHeader("content-type", "application/json");
      res.setHeader("x-seen-method", req.method);
      res.end(JSON.stringify({ method: req.method, body, custom: req.headers["x-custom"] ?? null }));
    } else if (url.pathname === "/redirect") {
      res.writeHead(302, { location: "/echo" });
      res.end();
    } else if (url.pathname === "/slow") {
      setTimeout(() => res.end("late"), 2000);
    } else if (url.pathname === "/chunked") {
      res.write("a");
      setTimeout(() => res.end("b"), 10);
    } else {
      res.statusCode = 404;
      res.end("nope");
    }
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

test("GET returns status, headers and body", async () => {
  const r = await fetch(base + "/echo");
  equal(r.status, 200);
  equal(r.headers.get("x-seen-method"), "GET");
  equal((await r.json()).method, "GET");
});
test("POST sends the body and request headers", async () => {
  const r = await fetch(base + "/echo", { method: "POST", body: "payload", headers: { "X-Custom": "yes" } });
  deepEqual(await r.json(), { method: "POST", body: "payload", custom: "yes" });
});
test("a 404 resolves with ok false", async () => {
  const r = await fetch(base + "/missing");
  equal(r.status, 404);
  equal(r.ok, false);
  equal(await r.text(), "nope");
});
test("redirects are followed and reported", async () => {
  const r = await fetch(base + "/redirect");
  equal(r.status, 200);
  equal(r.redirected, true);
  equal(r.url, base + "/echo");
});
test("redirect: manual returns the 3xx", async () => {
  const r = await fetch(base + "/redirect", { redirect: "manual" });
  equal(r.status, 302);
});
test("redirect: error rejects with a TypeError", async () => {
  await rejects(fetch(base + "/redirect", { redirect: "error" }), TypeError);
});
test("a chunked response body streams in full", async () => equal(await (await fetch(base + "/chunked")).text(), "ab"));
test("aborting rejects with an AbortError", async () => {
  const ac = new AbortController();
  const p = fetch(base + "/slow", { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  await rejects(p, { name: "AbortError" });
});
test("AbortSignal.timeout rejects with a TimeoutError", async () => {
  await rejects(fetch(base + "/slow", { signal: AbortSignal.timeout(30) }), { name: "TimeoutError" });
});
test("a refused connection rejects with a TypeError", async () => {
  const closed = http.createServer();
  await new Promise((r) => closed.listen(0, "127.0.0.1", r));
  const port = closed.address().port;
  await new Promise((r) => closed.close(r));
  await rejects(fetch(`http://127.0.0.1:${port}/`), TypeError);
});
test("fetch accepts a Request and a URL object", async () => {
  const r1 = await fetch(new Request(base + "/echo", { method: "PUT", body: "r" }));
  equal((await r1.json()).body, "r");
  const r2 = await fetch(new URL("/echo", base));
  equal(r2.status, 200);
});
test("an unsupported scheme rejects with a TypeError", async () => {
  await rejects(fetch("ftp://127.0.0.1/x"), TypeError);
});

after(() => new Promise((resolve) => server.close(resolve)));
