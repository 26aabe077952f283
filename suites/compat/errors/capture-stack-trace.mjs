/*---
description: Error.captureStackTrace (V8's API, which node, deno and bun expose)
area: errors
subjects: [Error.captureStackTrace]
---*/
import { test, ok } from "../_harness/prelude.mjs";

test("Error.captureStackTrace sets a stack on any object", () => {
  const o = {};
  Error.captureStackTrace(o);
  ok(typeof o.stack === "string" && o.stack.length > 0, String(o.stack));
});
test("Error.captureStackTrace hides frames above the given function", () => {
  function outer() {
    return inner();
  }
  function inner() {
    const o = {};
    Error.captureStackTrace(o, inner);
    return o.stack;
  }
  const stack = outer();
  ok(!stack.includes("inner"), stack);
  ok(stack.includes("outer"), stack);
});
test("Error.captureStackTrace starts the stack with the object's name and message", () => {
  const o = { name: "Custom", message: "msg" };
  Error.captureStackTrace(o);
  ok(o.stack.startsWith("Custom: msg"), o.stack);
});
