/*---
description: setTimeout, setInterval and their clear functions as WHATWG HTML and Node define them
area: timers
subjects: [setTimeout, setInterval, clearTimeout, clearInterval]
---*/
import { test, equal, deepEqual, ok, notEqual, delay } from "../_harness/prelude.mjs";

test("setTimeout passes extra arguments to the callback", async () => {
  const got = await new Promise((resolve) => setTimeout((...a) => resolve(a), 1, "a", 2, null));
  deepEqual(got, ["a", 2, null]);
});

test("setInterval passes extra arguments on every call", async () => {
  const calls = [];
  await new Promise((resolve) => {
    const id = setInterval((x) => {
      calls.push(x);
      if (calls.length === 3) {
        clearInterval(id);
        resolve();
      }
    }, 1, "x");
  });
  deepEqual(calls, ["x", "x", "x"]);
});

test("clearInterval inside the callback stops further calls", async () => {
  let n = 0;
  const id = setInterval(() => {
    n++;
    clearInterval(id);
  }, 1);
  await delay(30);
  equal(n, 1);
});

test("each timer gets a distinct handle", () => {
  const a = setTimeout(() => {}, 1000);
  const b = setTimeout(() => {}, 1000);
  notEqual(a, b);
  clearTimeout(a);
  clearTimeout(b);
});

test("a handle converts to a primitive id that clearTimeout accepts", async () => {
  let fired = false;
  const t = setTimeout(() => (fired = true), 5);
  const id = +t;
  ok(Number.isInteger(id) && id > 0, "id " + id);
  clearTimeout(id);
  await delay(20);
  equal(fired, false);
});

test("clearTimeout ignores undefined, null and unknown ids", () => {
  clearTimeout(undefined);
  clearTimeout(null);
  clearTimeout(123456789);
  clearInterval({});
});

test("clearTimeout clears an interval and clearInterval a timeout", async () => {
  let n = 0;
  const i = setInterval(() => n++, 1);
  clearTimeout(i);
  const t = setTimeout(() => n++, 1);
  clearInterval(t);
  await delay(20);
  equal(n, 0);
});

test("a negative or NaN delay behaves as zero", async () => {
  const order = [];
  setTimeout(() => order.push("neg"), -10);
  setTimeout(() => order.push("nan"), NaN);
  await delay(15);
  deepEqual(order, ["neg", "nan"]);
});

test("a string delay is converted to a number", async () => {
  const order = [];
  setTimeout(() => order.push("20"), "20");
  setTimeout(() => order.push("1"), "1");
  await delay(50);
  deepEqual(order, ["1", "20"]);
});

test("a timer fires no earlier than its delay", async () => {
  const start = performance.now();
  const at = await new Promise((resolve) => setTimeout(() => resolve(performance.now()), 25));
  // Timers may round the clock to a millisecond; 1 ms of slack for that.
  ok(at - start >= 24, "fired after " + (at - start) + " ms");
});

test("setTimeout throws a TypeError without a callable callback", () => {
  let threw = false;
  try {
    setTimeout("not a function", 1);
  } catch (e) {
    threw = e instanceof TypeError;
  }
  // Browsers accept strings (eval); server runtimes reject them.
  ok(threw, "expected a TypeError");
});
