/*---
description: structuredClone — the HTML structured clone algorithm
area: structured-clone
subjects: [structuredClone]
---*/
import { test, equal, deepEqual, ok, throws, notEqual } from "../_harness/prelude.mjs";

const roundTrips = [
  ["a plain object", { a: 1, b: "two", c: [true, null] }],
  ["nested arrays", [[1, [2, [3]]]]],
  ["a Date", new Date(1700000000000)],
  ["a Map with object keys", new Map([[{ k: 1 }, "v"], ["s", 2]])],
  ["a Set", new Set([1, "a", 3n])],
  ["a Uint8Array", new Uint8Array([1, 2, 255])],
  ["a Float64Array", new Float64Array([1.5, -0, NaN])],
  ["a BigInt", 12345678901234567890n],
  ["a string with lone surrogates", "a\uD800b"],
  ["NaN", NaN],
  ["-0", -0],
];
for (const [name, value] of roundTrips) {
  test("clones " + name, () => {
    const copy = structuredClone(value);
    if (value !== null && typeof value === "object") notEqual(copy, value, "a new object");
    if (value instanceof Map) {
      equal(copy.size, value.size);
      deepEqual([...copy.values()], [...value.values()]);
    } else {
      deepEqual(copy, value);
    }
  });
}

test("keeps cycles", () => {
  const a = { name: "a" };
  a.self = a;
  a.list = [a];
  const c = structuredClone(a);
  equal(c.self, c);
  equal(c.list[0], c);
});

test("keeps shared references shared", () => {
  const shared = { x: 1 };
  const c = structuredClone({ p: shared, q: shared });
  equal(c.p, c.q);
});

test("clones a RegExp with its flags, resetting lastIndex", () => {
  const r = /ab+c/gi;
  r.lastIndex = 3;
  const c = structuredClone(r);
  ok(c instanceof RegExp);
  equal(c.source, "ab+c");
  equal(c.flags, "gi");
  equal(c.lastIndex, 0);
});

test("clones an Error with its name and message", () => {
  const c = structuredClone(new RangeError("out of range"));
  ok(c instanceof RangeError, "a RangeError");
  equal(c.message, "out of range");
});

test("clones an Error's cause", () => {
  const c = structuredClone(new Error("outer", { cause: "inner" }));
  equal(c.cause, "inner");
});

test("typed arrays sharing a buffer still share it", () => {
  const buf = new ArrayBuffer(8);
  const c = structuredClone({ a: new Uint8Array(buf), b: new Uint16Array(buf, 2, 2) });
  equal(c.a.buffer, c.b.buffer);
  equal(c.b.byteOffset, 2);
});

test("drops the prototype of class instances", () => {
  class Point {
    constructor() {
      this.x = 1;
    }
  }
  const c = structuredClone(new Point());
  equal(Object.getPrototypeOf(c), Object.prototype);
  equal(c.x, 1);
});

test("skips symbol keys and non-enumerable properties", () => {
  const o = { a: 1, [Symbol("s")]: 2 };
  Object.defineProperty(o, "hidden", { value: 3, enumerable: false });
  deepEqual(Object.getOwnPropertyNames(structuredClone(o)), ["a"]);
});

test("a function throws a DataCloneError", () => {
  throws(() => structuredClone(() => {}), { name: "DataCloneError" });
});

test("a symbol throws a DataCloneError", () => {
  throws(() => structuredClone(Symbol("x")), { name: "DataCloneError" });
});

test("a WeakMap throws a DataCloneError", () => {
  throws(() => structuredClone(new WeakMap()), { name: "DataCloneError" });
});

test("the DataCloneError is a DOMException with code 25", () => {
  const e = throws(() => structuredClone({ f() {} }));
  ok(e instanceof DOMException, "a DOMException");
  equal(e.code, 25);
});

test("transfer detaches the original ArrayBuffer", () => {
  const buf = new Uint8Array([1, 2, 3]).buffer;
  const c = structuredClone(buf, { transfer: [buf] });
  equal(buf.byteLength, 0);
  deepEqual(new Uint8Array(c), new Uint8Array([1, 2, 3]));
});

test("getters are read once, and the value is cloned", () => {
  let reads = 0;
  const c = structuredClone({
    get v() {
      reads++;
      return 42;
    },
  });
  equal(reads, 1);
  deepEqual(Object.getOwnPropertyDescriptor(c, "v"), { value: 42, writable: true, enumerable: true, configurable: true });
});

test("without an argument, structuredClone throws a TypeError", () => {
  throws(() => structuredClone(), TypeError);
});
