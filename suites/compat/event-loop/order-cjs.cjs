/*---
description: Microtask and tick ordering in a CommonJS main module, as Node documents it
area: event-loop
requires: [process.nextTick]
subjects: [process.nextTick, queueMicrotask]
---*/
const { test, deepEqual } = require("../_harness/prelude.cjs");

// Scheduled at the top level of the main script; checked once everything has run.
const main = [];
Promise.resolve().then(() => main.push("promise"));
process.nextTick(() => main.push("tick"));
queueMicrotask(() => main.push("microtask"));

const nested = [];
process.nextTick(() => {
  nested.push("tick1");
  process.nextTick(() => nested.push("tick1.tick"));
  Promise.resolve().then(() => nested.push("tick1.promise"));
});
process.nextTick(() => nested.push("tick2"));

const fifo = [];
queueMicrotask(() => fifo.push("a"));
Promise.resolve().then(() => fifo.push("b"));
queueMicrotask(() => fifo.push("c"));

const args = [];
process.nextTick((x, y) => args.push(x, y), 1, "two");

const settled = new Promise((resolve) => setTimeout(resolve, 5));

test("nextTick runs before promise jobs after a CJS main script", async () => {
  await settled;
  deepEqual(main, ["tick", "promise", "microtask"]);
});

test("ticks queued by a tick run before any promise job", async () => {
  await settled;
  deepEqual(nested, ["tick1", "tick2", "tick1.tick", "tick1.promise"]);
});

test("queueMicrotask and promise jobs share one FIFO queue", async () => {
  await settled;
  deepEqual(fifo, ["a", "b", "c"]);
});

test("nextTick passes extra arguments", async () => {
  await settled;
  deepEqual(args, [1, "two"]);
});

test("a tick queued from a promise job runs after the microtask queue drains", async () => {
  const order = [];
  await new Promise((resolve) => {
    Promise.resolve().then(() => {
      process.nextTick(() => {
        order.push("tick");
        resolve();
      });
      Promise.resolve().then(() => order.push("promise2"));
      order.push("promise1");
    });
  });
  deepEqual(order, ["promise1", "promise2", "tick"]);
});
