/*---
description: Error objects — cause, AggregateError, stack text, Error.stackTraceLimit
area: errors
---*/
import { test, equal, ok, deepEqual } from "../_harness/prelude.mjs";

test("error.cause from the options", () => {
  const inner = new Error("inner");
  equal(new Error("outer", { cause: inner }).cause, inner);
});
test("cause is an own property only when given", () => {
  equal(Object.hasOwn(new Error("x"), "cause"), false);
  equal(Object.hasOwn(new Error("x", { cause: undefined }), "cause"), true);
});
test("AggregateError holds its errors", () => {
  const e = new AggregateError([new Error("a"), "b"], "many");
  equal(e.message, "many");
  equal(e.errors.length, 2);
  ok(e instanceof Error);
});
test("Promise.any rejects with an AggregateError", async () => {
  let err;
  await Promise.any([Promise.reject(1), Promise.reject(2)]).catch((e) => (err = e));
  ok(err instanceof AggregateError);
  deepEqual(err.errors, [1, 2]);
});
test("stack starts with name and message and names the function", () => {
  function namedThrower() {
    return new RangeError("bad");
  }
  const s = namedThrower().stack;
  ok(s.startsWith("RangeError: bad"), s);
  ok(s.includes("namedThrower"), s);
});
test("Error.stackTraceLimit limits the frames", () => {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 1;
  function a() {
    return b();
  }
  function b() {
    return new Error("x").stack;
  }
  const frames = a().split("\n").filter((l) => l.trim().startsWith("at "));
  Error.stackTraceLimit = saved;
  equal(frames.length, 1);
});
test("a subclass of Error keeps its name via the prototype", () => {
  class MyError extends Error {
    get name() {
      return "MyError";
    }
  }
  const e = new MyError("m");
  ok(e instanceof Error && e instanceof MyError);
  ok(e.stack.startsWith("MyError: m"), e.stack);
});
