/*---
description: unref() and ref() decide whether a timer keeps the process alive
area: event-loop
requires: [node:child_process]
subjects: [setTimeout, setInterval]
---*/
import { test, equal, ok, observe } from "../_harness/prelude.mjs";
import child from "../_harness/child.cjs";

const fixture = new URL("./fixtures/unref-timer.cjs", import.meta.url).pathname;

test("an unref'd timer does not keep the process alive", async () => {
  const r = await child.runSelf(fixture, { args: ["unref"] });
  equal(r.code, 0, r.stderr);
  equal(r.stdout.trim(), "hasRef false");
});

test("a ref'd timer keeps the process alive until it fires", async () => {
  const r = await child.runSelf(fixture, { args: ["ref"] });
  equal(r.code, 0, r.stderr);
  ok(r.stdout.includes("fired"), r.stdout);
  ok(r.stdout.startsWith("hasRef true"), r.stdout);
});

test("ref() after unref() makes the timer keep the process alive again", async () => {
  const r = await child.runSelf(fixture, { args: ["reref"] });
  ok(r.stdout.includes("fired"), r.stdout);
});

test("unref() and ref() return the timer", () => {
  const t = setTimeout(() => {}, 1000);
  equal(t.unref(), t);
  equal(t.ref(), t);
  clearTimeout(t);
});

// Legitimately different across runtimes (and across runs): which of a top-level
// setTimeout 0 and setImmediate runs first depends on how long the loop took to start.
observe("top-level setTimeout 0 vs setImmediate", () =>
  new Promise((resolve) => {
    const o = [];
    setTimeout(() => o.push("timeout"), 0);
    setImmediate(() => o.push("immediate"));
    setTimeout(() => resolve(o.join(" then ")), 20);
  }),
);
