/*---
description: Uncaught exceptions and unhandled rejections — exit codes, stderr, the process handlers
area: errors
requires: [node:child_process]
subjects: [process.on]
---*/
import { test, equal, ok, deepEqual } from "../_harness/prelude.mjs";
import child from "../_harness/child.cjs";

const run = (name) => child.runSelf(new URL(`./fixtures/${name}`, import.meta.url).pathname);

test("an uncaught exception exits 1 with the error on stderr", async () => {
  const r = await run("uncaught.cjs");
  equal(r.code, 1);
  ok(r.stderr.includes("TypeError") && r.stderr.includes("uncaught-marker"), r.stderr);
  equal(r.stdout, "");
});
test("the stderr report includes the stack with the throwing function", async () => {
  const r = await run("uncaught.cjs");
  ok(r.stderr.includes("thrower"), r.stderr);
});
test("an unhandled rejection exits 1 with the reason on stderr", async () => {
  const r = await run("unhandled.mjs");
  equal(r.code, 1);
  ok(r.stderr.includes("unhandled-marker"), r.stderr);
  equal(r.stdout, "");
});
test("a thrown string is reported and exits 1", async () => {
  const r = await run("uncaught-string.cjs");
  equal(r.code, 1);
  ok(r.stderr.includes("a thrown string"), r.stderr);
});
test("process.on: an uncaughtException listener keeps the process running", async () => {
  const r = await run("handled.cjs");
  deepEqual([r.code, r.stdout], [0, "caught late uncaughtException\nstill running\n"]);
});
test("process.on: an unhandledRejection listener gets the reason and the promise", async () => {
  const r = await run("rejection-handler.cjs");
  deepEqual([r.code, r.stdout], [0, "unhandledRejection reason-marker true\n"]);
});
test("a syntax error in the main module exits 1 naming SyntaxError", async () => {
  const r = await run("syntax-error.mjs");
  equal(r.code, 1);
  ok(r.stderr.includes("SyntaxError"), r.stderr);
});
test("process.on: 'exit' listeners run with code 1 after an uncaught exception", async () => {
  const r = await run("exit-in-handler.cjs");
  deepEqual([r.code, r.stdout], [1, "exit 1\n"]);
});
