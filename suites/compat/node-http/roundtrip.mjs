/*---
description: node:http server and client round trips — keep-alive, chunked bodies, headers, status codes, errors
area: node-http
requires: [node:http]
subjects: [node:http]
---*/
import { test, after, equal, deepEqual, ok } from "../_harness/prelude.mjs";
import http from "node:http";

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString();
    switch (req.url) {
      case "/echo":
        res.writeHead(200, { "Content-Type": "application/json", "X-Multi": ["a", "b"] });
        res.end(JSON.stringify({ method: req.method, body, te: req.headers["transfer-encoding"] ?? null, version: req.httpVersion }));
        break;
      case "/chunked":
        res.write("part1,");
        setTimeout(() => res.end("part2"), 5);
        break;
      case "/status":
        res.statusCode = 418;
        res.statusMessage = "Short And Stout";
        res.end();
        break;
      case "/headers":
        res.setHeader("X-Set", "1");
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.end(JSON.stringify({ hasHeader: res.hasHeader("x-set"), getHeader: res.getHeader("X-SET"), sent: res.headersSent }));
        break;
      case "/throw":
        throw new Error("handler failed");
      default:
        res.statusCode = 404;
        res.end("not found");
    }
  });
});
// A handler that throws is an uncaught exception in node; keep the process alive for the test.
process.on("uncaughtException", () => {});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();

function request(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, ...options }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ res, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    if (Array.isArray(body)) {
      for (const part of body) req.write(part);
      req.end();
    } else {
      req.end(body);
    }
  });
}

test("listen(0) gives a real port in address()", () => {
  ok(port > 0);
  equal(server.address().address, "127.0.0.1");
});
test("GET round trip with status and JSON body", async () => {
  const { res, body } = await request({ path: "/echo" });
  equal(res.statusCode, 200);
  equal(JSON.parse(body).method, "GET");
  equal(JSON.parse(body).version, "1.1");
});
test("response header names arrive lower-cased; arrays become repeated headers", async () => {
  const { res } = await request({ path: "/echo" });
  equal(res.headers["content-type"], "application/json");
  equal(res.headers["x-multi"], "a, b");
});
test("POST with a content-length body", async () => {
  const { body } = await request({ path: "/echo", method: "POST", headers: { "content-length": 5 } }, "hello");
  equal(JSON.parse(body).body, "hello");
});
test("a chunked upload arrives whole", async () => {
  const { body } = await request({ path: "/echo", method: "POST" }, ["ab", "cd", "ef"]);
  const parsed = JSON.parse(body);
  equal(parsed.body, "abcdef");
  equal(parsed.te, "chunked");
});
test("a chunked response arrives whole", async () => {
  const { res, body } = await request({ path: "/chunked" });
  equal(res.headers["transfer-encoding"], "chunked");
  equal(body, "part1,part2");
});
test("statusCode and statusMessage", async () => {
  const { res } = await request({ path: "/status" });
  equal(res.statusCode, 418);
  equal(res.statusMessage, "Short And Stout");
});
test("setHeader, getHeader, hasHeader and set-cookie arrays", async () => {
  const { res, body } = await request({ path: "/headers" });
  deepEqual(JSON.parse(body), { hasHeader: true, getHeader: "1", sent: false });
  deepEqual(res.headers["set-cookie"], ["a=1", "b=2"]);
});
test("request headers are case-insensitive on the server", async () => {
  let seen;
  const s = http.createServer((req, res) => {
    seen = [req.headers["x-mixed-case"], req.rawHeaders.includes("X-Mixed-Case")];
    res.end();
  });
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  await new Promise((resolve) => http.get({ host: "127.0.0.1", port: s.address().port, headers: { "X-Mixed-Case": "v" } }, (res) => res.resume().on("end", resolve)));
  await new Promise((r) => s.close(r));
  deepEqual(seen, ["v", true]);
});
test("404 for an unknown path", async () => {
  const { res, body } = await request({ path: "/nope" });
  equal(res.statusCode, 404);
  equal(body, "not found");
});
test("a keep-alive agent reuses one connection", async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set();
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path: "/echo", agent }, (res) => {
        sockets.add(res.socket);
        res.resume().on("end", resolve);
      });
      req.on("error", reject);
    });
  }
  agent.destroy();
  equal(sockets.size, 1);
});
test("listening twice on one port gives EADDRINUSE", async () => {
  const other = http.createServer();
  const err = await new Promise((resolve) => {
    other.on("error", resolve);
    other.listen(port, "127.0.0.1");
  });
  equal(err.code, "EADDRINUSE");
});
test("a refused connection gives ECONNREFUSED", async () => {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const closedPort = s.address().port;
  await new Promise((r) => s.close(r));
  const err = await new Promise((resolve) => http.get({ host: "127.0.0.1", port: closedPort }).on("error", resolve));
  equal(err.code, "ECONNREFUSED");
});
test("STATUS_CODES and METHODS", () => {
  equal(http.STATUS_CODES[404], "Not Found");
  ok(http.METHODS.includes("PATCH"));
});
test("the server emits close after close()", async () => {
  const s = http.createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const closed = new Promise((resolve) => s.on("close", resolve));
  s.close();
  await closed;
  equal(s.listening, false);
});

after(() => new Promise((resolve) => {
  server.closeAllConnections?.();
  server.close(resolve);
}));
