/*---
description: Microtask and tick ordering in an ES module main, as Node documents it
area: event-loop
requires: [process.nextTick]
subjects: [process.nextTick, queueMicrotask]
---*/
import { test, deepEqual } from "../_harness/prelude.mjs";

// An ES module body runs inside a promise job, so promise jobs queued here run before
// ticks (the reverse of CommonJS).
const main = [];
process.nextTick(() => main.push("tick"));
Promise.resolve().then(() => main.push("promise"));
queueMicrotask(() => main.push("microtask"));

const settled = new Promise((resolve) => setTimeout(resolve, 5));

test("promise jobs run before nextTick after an ESM main module", async () => {
  await settled;
  deepEqual(main, ["promise", "microtask", "tick"]);
});

test("a tick queued inside a promise job waits for the microtask queue to drain", async () => {
  const order = [];
  await null;
  process.nextTick(() => order.push("tick"));
  queueMicrotask(() => order.push("microtask"));
  await new Promise((resolve) => setTimeout(resolve, 5));
  deepEqual(order, ["microtask", "tick"]);
});
