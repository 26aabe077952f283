/*---
description: node:util — format, inspect basics, promisify/callbackify, types, deprecate, isDeepStrictEqual
area: node-util
requires: [node:util]
subjects: [node:util]
---*/
import { test, equal, deepEqual, ok } from "../_harness/prelude.mjs";
import util from "node:util";

const formats = [
  [["%s and %s", "a", "b"], "a and b"],
  [["%d", "42.5"], "42.5"],
  [["%i", "42.5"], "42"],
  [["%f", "1.25"], "1.25"],
  [["%j", { a: [1] }], '{"a":[1]}'],
  [["%s is 100%%", "x"], "x is 100%"],
  [["%s", "extra", "args"], "extra args"],
  [["no placeholders", 1, "two"], "no placeholders 1 two"],
  [["%o", [1]], "[ 1, [length]: 1 ]"],
  [["%O", { a: 1 }], "{ a: 1 }"],
  [["%s", 5n], "5n"],
  [["%d", 5n], "5n"],
  [["%s", Symbol("s")], "Symbol(s)"],
  [["%c%s", "color: red", "styled"], "styled"],
  [[1, 2], "1 2"],
  [["%s"], "%s"],
];
for (const [args, want] of formats) {
  test(`format(${args.map((a) => (typeof a === "bigint" ? a + "n" : typeof a === "symbol" ? a.toString() : JSON.stringify(a))).join(", ")})`, () =>
    equal(util.format(...args), want));
}
const inspects = [
  ["a string", "s", "'s'"],
  ["a nested object", { a: { b: { c: { d: 1 } } } }, "{ a: { b: { c: [Object] } } }"],
  ["an array", [1, "a"], "[ 1, 'a' ]"],
  ["a Map", new Map([["k", 1]]), "Map(1) { 'k' => 1 }"],
  ["a Set", new Set([1]), "Set(1) { 1 }"],
  ["null and undefined", [null, undefined], "[ null, undefined ]"],
  ["a function", function named() {}, "[Function: named]"],
  ["a class", class K {}, "[class K]"],
  ["a symbol key", { [Symbol("k")]: 1 }, "{ [Symbol(k)]: 1 }"],
  ["a circular object", (() => { const o = {}; o.self = o; return o; })(), "<ref *1> { self: [Circular *1] }"],
  ["-0", -0, "-0"],
  ["a Date", new Date(0), "1970-01-01T00:00:00.000Z"],
  ["a Uint8Array", new Uint8Array([1, 2]), "Uint8Array(2) [ 1, 2 ]"],
  ["a quoted key", { "a-b": 1 }, "{ 'a-b': 1 }"],
];
for (const [what, value, want] of inspects) {
  test(`inspect of ${what}`, () => equal(util.inspect(value), want));
}
test("inspect depth option", () => equal(util.inspect({ a: { b: {} } }, { depth: 0 }), "{ a: [Object] }"));
test("inspect.custom is honoured", () => equal(util.inspect({ [util.inspect.custom]: () => "custom!" }), "custom!"));
test("promisify turns a callback function into a promise", async () => {
  const f = (x, cb) => setTimeout(() => cb(null, x * 2), 1);
  equal(await util.promisify(f)(21), 42);
});
test("promisify rejects with the callback's error", async () => {
  const f = (cb) => cb(new Error("cb error"));
  let msg;
  await util.promisify(f)().catch((e) => (msg = e.message));
  equal(msg, "cb error");
});
test("callbackify turns an async function into a callback one", async () => {
  const f = util.callbackify(async (x) => x + 1);
  equal(await new Promise((resolve) => f(1, (err, v) => resolve(v))), 2);
});
test("types.isPromise, isDate, isRegExp", () => {
  ok(util.types.isPromise(Promise.resolve()));
  ok(util.types.isDate(new Date()));
  ok(util.types.isRegExp(/x/));
  equal(util.types.isDate({}), false);
});
test("isDeepStrictEqual", () => {
  ok(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
  equal(util.isDeepStrictEqual({ a: 1 }, { a: "1" }), false);
});
test("deprecate warns once with a DeprecationWarning", async () => {
  const warned = new Promise((resolve) => process.once("warning", resolve));
  const f = util.deprecate(() => "result", "f is old", "DYNO0001");
  equal(f(), "result");
  f();
  const w = await warned;
  equal(w.name, "DeprecationWarning");
  equal(w.code, "DYNO0001");
});
test("inherits sets up the prototype chain", () => {
  function A() {}
  A.prototype.hi = () => "hi";
  function B() {}
  util.inherits(B, A);
  equal(new B().hi(), "hi");
  equal(B.super_, A);
});
test("TextEncoder and TextDecoder are exported", () => {
  equal(util.TextEncoder, globalThis.TextEncoder);
  equal(util.TextDecoder, globalThis.TextDecoder);
});
