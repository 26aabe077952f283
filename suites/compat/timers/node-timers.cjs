/*---
description: Node's Timeout object (refresh, hasRef, Symbol.toPrimitive) and node:timers
area: timers
requires: [node:timers]
subjects: [node:timers]
---*/
const { test, equal, ok, deepEqual } = require("../_harness/prelude.cjs");
const timers = require("node:timers");

const wait = (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms));

test("node:timers exports the global timer functions", () => {
  for (const name of ["setTimeout", "setInterval", "setImmediate", "clearTimeout", "clearInterval", "clearImmediate"]) {
    equal(typeof timers[name], "function", name);
  }
  const t = timers.setTimeout(() => {}, 1000);
  ok(typeof t === "object", "a Timeout object");
  timers.clearTimeout(t);
});

test("refresh() restarts the countdown", async () => {
  const start = Date.now();
  let firedAt = 0;
  const t = timers.setTimeout(() => (firedAt = Date.now()), 40);
  await wait(25);
  t.refresh();
  await wait(25);
  equal(firedAt, 0, "fired before its refreshed deadline");
  await wait(40);
  ok(firedAt - start >= 60, "fired " + (firedAt - start) + " ms after start");
});

test("refresh() returns the timer", () => {
  const t = timers.setTimeout(() => {}, 1000);
  equal(t.refresh(), t);
  timers.clearTimeout(t);
});

test("hasRef() follows ref() and unref()", () => {
  const t = timers.setTimeout(() => {}, 1000);
  equal(t.hasRef(), true);
  t.unref();
  equal(t.hasRef(), false);
  t.ref();
  equal(t.hasRef(), true);
  timers.clearTimeout(t);
});

test("a Timeout's primitive value is its numeric id", () => {
  const t = timers.setTimeout(() => {}, 1000);
  equal(typeof t[Symbol.toPrimitive](), "number");
  equal(`${t}`, String(t[Symbol.toPrimitive]()));
  timers.clearTimeout(t);
});

test("setImmediate passes extra arguments", async () => {
  const got = await new Promise((resolve) => timers.setImmediate((...a) => resolve(a), 1, 2));
  deepEqual(got, [1, 2]);
});

test("this in a timer callback is the Timeout object", async () => {
  let self;
  const t = timers.setTimeout(function () {
    self = this;
  }, 1);
  await wait(10);
  equal(self, t);
});
