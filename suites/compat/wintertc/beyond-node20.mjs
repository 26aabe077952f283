/*---
description: The four WinterTC names node 20 lacks — self, navigator.userAgent, reportError, URLPattern
area: wintertc
requires: [self, navigator.userAgent, reportError, URLPattern, node:child_process]
subjects: [self, navigator.userAgent, URLPattern]
---*/
// Each subtest is named "<name>: ..." — the mutation check stubs that name alone.
import { test, equal, ok } from "../_harness/prelude.mjs";
import child from "../_harness/child.cjs";

test("self: is the global object", () => equal(self, globalThis));
test("navigator.userAgent: a non-empty string", () => {
  ok(typeof navigator.userAgent === "string" && navigator.userAgent.length > 0, String(navigator.userAgent));
});
test("URLPattern: matches and captures a named group", () => {
  const p = new URLPattern({ pathname: "/books/:id" });
  equal(p.test("https://example.test/books/7"), true);
  equal(p.exec("https://example.test/books/7").pathname.groups.id, "7");
});
test("reportError: reports the error like an uncaught one", async () => {
  const fixture = new URL("./fixtures/report-error.mjs", import.meta.url).pathname;
  const r = await child.runSelf(fixture);
  equal(r.stdout.includes("no reportError"), false, "reportError is missing");
  ok(r.stderr.includes("reported-boom"), "stderr: " + r.stderr);
  ok(!r.stdout.includes("after"), "execution continued after an uncaught report: " + r.stdout);
});
