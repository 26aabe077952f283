/*---
description: The WinterTC Minimum Common API global functions and objects
area: wintertc
subjects: [globalThis, atob, btoa, console, crypto, fetch, performance.now, performance.timeOrigin, queueMicrotask, setTimeout, clearTimeout, setInterval, clearInterval, structuredClone]
---*/
// Each subtest is named "<name>: ..." — the mutation check stubs that name alone.
import { test, equal, ok, notEqual, rejects } from "../_harness/prelude.mjs";

test("globalThis: is the global object", () => {
  equal(globalThis.globalThis, globalThis);
  equal(typeof globalThis.Array, "function");
});
test("atob: decodes base64", () => equal(atob("aGk="), "hi"));
test("btoa: encodes base64", () => equal(btoa("hi"), "aGk="));
test("console: has log, error, warn, info and debug", () => {
  for (const m of ["log", "error", "warn", "info", "debug"]) equal(typeof console[m], "function", m);
  ok(typeof console === "object");
});
test("crypto: getRandomValues fills the array and returns it", () => {
  const a = new Uint32Array(16);
  equal(crypto.getRandomValues(a), a);
  ok(a.some((x) => x !== 0), "all zero");
});
test("fetch: rejects a relative URL with a TypeError", async () => {
  await rejects(fetch("not a url"), TypeError);
});
test("performance.now: a non-negative, non-decreasing number", () => {
  const a = performance.now();
  const b = performance.now();
  ok(typeof a === "number" && a >= 0 && b >= a, a + " then " + b);
});
test("performance.timeOrigin: plus now() is close to Date.now()", () => {
  const t = performance.timeOrigin + performance.now();
  ok(Math.abs(t - Date.now()) < 1000, "off by " + (t - Date.now()) + " ms");
});
test("queueMicrotask: runs the callback before a timer", async () => {
  const order = [];
  setTimeout(() => order.push("timer"), 0);
  queueMicrotask(() => order.push("microtask"));
  await new Promise((r) => setTimeout(r, 5));
  equal(order.join(), "microtask,timer");
});
test("setTimeout: calls back later", async () => {
  const v = await new Promise((resolve) => setTimeout(resolve, 1, "done"));
  equal(v, "done");
});
test("clearTimeout: cancels a timeout", async () => {
  let ran = false;
  clearTimeout(setTimeout(() => (ran = true), 1));
  await new Promise((r) => setTimeout(r, 10));
  equal(ran, false);
});
test("setInterval: calls back repeatedly", async () => {
  let n = 0;
  await new Promise((resolve) => {
    const id = setInterval(() => {
      if (++n === 2) {
        clearInterval(id);
        resolve();
      }
    }, 1);
  });
  equal(n, 2);
});
test("clearInterval: cancels an interval", async () => {
  let n = 0;
  clearInterval(setInterval(() => n++, 1));
  await new Promise((r) => setTimeout(r, 10));
  equal(n, 0);
});
test("structuredClone: deep-copies", () => {
  const o = { a: [1] };
  const c = structuredClone(o);
  notEqual(c.a, o.a);
  equal(c.a[0], 1);
});
