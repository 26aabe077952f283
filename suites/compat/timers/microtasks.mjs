/*---
description: queueMicrotask — ordering, errors, argument checks (HTML standard)
area: timers
subjects: [queueMicrotask]
---*/
import { test, equal, deepEqual, throws } from "../_harness/prelude.mjs";

test("queueMicrotask runs after the current job, before timers", async () => {
  const order = [];
  setTimeout(() => order.push("timeout"), 0);
  queueMicrotask(() => order.push("microtask"));
  order.push("sync");
  await new Promise((r) => setTimeout(r, 5));
  deepEqual(order, ["sync", "microtask", "timeout"]);
});

test("queueMicrotask throws a TypeError for a non-function", () => {
  throws(() => queueMicrotask(1), TypeError);
  throws(() => queueMicrotask(), TypeError);
});

test("queueMicrotask returns undefined and runs the callback", async () => {
  let ran = false;
  equal(queueMicrotask(() => (ran = true)), undefined);
  await null;
  equal(ran, true);
});

test("the callback gets no arguments", async () => {
  const n = await new Promise((resolve) => queueMicrotask((...a) => resolve(a.length)));
  equal(n, 0);
});

test("microtasks queued by microtasks run in the same checkpoint", async () => {
  const order = [];
  queueMicrotask(() => {
    order.push(1);
    queueMicrotask(() => order.push(3));
  });
  queueMicrotask(() => order.push(2));
  setTimeout(() => order.push("timeout"), 0);
  await new Promise((r) => setTimeout(r, 5));
  deepEqual(order, [1, 2, 3, "timeout"]);
});
