/*---
description: node:http ServerResponse headers and state — writeHead's own headers are sent, not kept; merging after setHeader; Node's header errors; headersSent, finished, writableEnded, writableFinished
area: node-http
requires: [node:http]
subjects: [node:http]
---*/
import { test, after, equal, deepEqual } from "../_harness/prelude.mjs";
import http from "node:http";

const seen = {};
const server = http.createServer((req, res) => {
  switch (req.url) {
    case "/own": {
      // Headers given only to writeHead go out as they are: names equal but for case are
      // two lines, and getHeader does not see them.
      res.writeHead(200, { "X-A": "1", "x-a": "2", "X-N": 5 });
      seen.own = { a: res.getHeader("x-a") ?? null, names: res.getHeaderNames(), sent: res.headersSent };
      res.end("ok");
      break;
    }
    case "/merge": {
      res.setHeader("X-Set", "s");
      res.setHeader("X-Over", "old");
      res.writeHead(201, { "X-Over": "new", "X-Num": 7 });
      seen.merge = { names: res.getHeaderNames(), raw: res.getRawHeaderNames(), over: res.getHeader("x-over"), num: res.getHeader("x-num") };
      res.end();
      break;
    }
    case "/errors": {
      const codes = [];
      for (const h of [{ "bad name": "x" }, { "x-a": "a\nb" }, { "x-u": undefined }, { "x-list": ["a", "b\r"] }]) {
        try {
          res.writeHead(200, h);
          codes.push("none");
        } catch (e) {
          codes.push(e.code);
        }
      }
      seen.errors = codes;
      res.end();
      break;
    }
    case "/state": {
      const s = [res.headersSent, res.finished, res.writableEnded, res.writableFinished];
      res.removeHeader("nothing");
      res.setHeader("a", "1");
      res.setHeader("B", "2");
      res.removeHeader("A");
      s.push(res.getHeaderNames().join(), res.hasHeader("b"));
      res.end("x", () => seen.state.push(res.writableFinished));
      s.push(res.headersSent, res.finished, res.writableEnded);
      seen.state = s;
      break;
    }
    default:
      res.writeHead(200, { "content-type": "text/plain", "x-list": ["a", "b"] });
      res.end("default");
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();
after(() => server.close());
const get = (path) =>
  new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path }, (res) => res.resume().on("end", () => resolve(res))).on("error", reject);
  });

test("writeHead's own headers are sent as given, not kept", async () => {
  const res = await get("/own");
  deepEqual([res.headers["x-a"], res.headers["x-n"]], ["1, 2", "5"]);
  deepEqual(seen.own, { a: null, names: [], sent: true });
});
test("writeHead after setHeader merges into the kept headers", async () => {
  const res = await get("/merge");
  deepEqual([res.statusCode, res.headers["x-set"], res.headers["x-over"], res.headers["x-num"]], [201, "s", "new", "7"]);
  deepEqual(seen.merge, { names: ["x-set", "x-over", "x-num"], raw: ["X-Set", "X-Over", "X-Num"], over: "new", num: 7 });
});
test("writeHead raises Node's header errors synchronously", async () => {
  await get("/errors");
  deepEqual(seen.errors, ["ERR_INVALID_HTTP_TOKEN", "ERR_INVALID_CHAR", "ERR_HTTP_INVALID_HEADER_VALUE", "ERR_INVALID_CHAR"]);
});
test("headersSent, finished, writableEnded, writableFinished through end()", async () => {
  await get("/state");
  deepEqual(seen.state, [false, false, false, false, "b", true, true, true, true, true]);
});
test("array values in writeHead become repeated header lines", async () => {
  const res = await get("/");
  equal(res.headers["x-list"], "a, b");
});
