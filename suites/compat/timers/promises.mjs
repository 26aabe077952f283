/*---
description: node:timers/promises — setTimeout, setImmediate, setInterval as promises, with AbortSignal
area: timers
requires: [node:timers/promises]
subjects: [node:timers/promises]
---*/
import { test, equal, rejects, deepEqual, ok } from "../_harness/prelude.mjs";
import * as tp from "node:timers/promises";

test("setTimeout resolves with the given value", async () => {
  equal(await tp.setTimeout(1, "value"), "value");
});

test("setImmediate resolves with the given value", async () => {
  equal(await tp.setImmediate("now"), "now");
});

test("an aborted signal rejects with an AbortError", async () => {
  const ac = new AbortController();
  const p = tp.setTimeout(1000, "late", { signal: ac.signal });
  ac.abort();
  await rejects(p, { name: "AbortError", code: "ABORT_ERR" });
});

test("an already-aborted signal rejects at once", async () => {
  await rejects(tp.setTimeout(1000, null, { signal: AbortSignal.abort() }), { name: "AbortError" });
});

test("setInterval is an async iterator of its value", async () => {
  const got = [];
  for await (const v of tp.setInterval(1, "tick")) {
    got.push(v);
    if (got.length === 3) break;
  }
  deepEqual(got, ["tick", "tick", "tick"]);
});

test("scheduler.wait waits", async () => {
  ok(tp.scheduler && typeof tp.scheduler.wait === "function", "scheduler.wait");
  const start = performance.now();
  await tp.scheduler.wait(10);
  ok(performance.now() - start >= 9);
});
