/*---
description: process — argv, env, exitCode, exit events, hrtime, nextTick, platform facts, stdout
area: process
requires: [node:child_process, process.hrtime.bigint]
subjects: [process.argv, process.env, process.exitCode, process.exit, process.on, process.platform, process.stdout.write, process.hrtime, process.hrtime.bigint, process.nextTick, process.cwd, process.memoryUsage, process.uptime, process.emitWarning]
---*/
import { test, equal, ok, deepEqual } from "../_harness/prelude.mjs";
import child from "../_harness/child.cjs";

const fixture = (name) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

test("process.argv: holds the script and the arguments", async () => {
  const r = await child.runSelf(fixture("argv.cjs"), { args: ["one", "two words"] });
  const argv = JSON.parse(r.stdout);
  deepEqual(argv.slice(2), ["one", "two words"]);
  ok(argv[1].endsWith("argv.cjs"), argv[1]);
});
test("process.env: inherited, and writable with strings", async () => {
  const r = await child.runSelf(fixture("env.cjs"), { env: { DYNO_FROM_PARENT: "yes" } });
  equal(r.stdout, "yes string\n");
});
test("process.exitCode: sets the exit status without exiting at once", async () => {
  const r = await child.runSelf(fixture("exit-code.cjs"));
  deepEqual([r.code, r.stdout], [5, "after\nexit 5\n"]);
});
test("process.exit: runs 'exit' listeners but not pending timers", async () => {
  const r = await child.runSelf(fixture("exit-now.cjs"));
  deepEqual([r.code, r.stdout], [9, "exit 9\n"]);
});
test("process.on: beforeExit fires when the loop empties; work scheduled there runs", async () => {
  const r = await child.runSelf(fixture("before-exit.cjs"));
  deepEqual([r.code, r.stdout], [0, "beforeExit 0\nscheduled\nbeforeExit 0\nexit 0\n"]);
});
test("process.hrtime.bigint: monotonic nanoseconds", () => {
  const a = process.hrtime.bigint();
  const b = process.hrtime.bigint();
  equal(typeof a, "bigint");
  ok(b >= a);
});
test("process.hrtime: [seconds, nanoseconds] and a difference", () => {
  const start = process.hrtime();
  equal(start.length, 2);
  ok(start[1] >= 0 && start[1] < 1e9);
  const [s, ns] = process.hrtime(start);
  ok(s >= 0 && ns >= 0 && s < 10);
});
test("process.nextTick: runs before the next timer", async () => {
  const order = [];
  setTimeout(() => order.push("timer"), 0);
  process.nextTick(() => order.push("tick"));
  await new Promise((r) => setTimeout(r, 5));
  deepEqual(order, ["tick", "timer"]);
});
test("process.cwd: an absolute path", () => ok(process.cwd().startsWith("/")));
test("process.memoryUsage: rss and heapUsed are positive", () => {
  const m = process.memoryUsage();
  ok(m.rss > 0 && m.heapUsed > 0, JSON.stringify(m));
});
test("process.uptime: seconds since start", () => {
  const u = process.uptime();
  ok(u > 0 && u < 600, String(u));
});
test("process.emitWarning: emits a 'warning' event", async () => {
  const got = new Promise((resolve) => process.once("warning", resolve));
  process.emitWarning("careful", "CustomWarning");
  const w = await got;
  deepEqual([w.name, w.message], ["CustomWarning", "careful"]);
});
test("process.platform: platform facts", () => {
  equal(process.platform, "linux");
  ok(["x64", "arm64"].includes(process.arch));
  ok(process.pid > 0);
  ok(typeof process.version === "string" && process.version.startsWith("v"), process.version);
});
test("process.stdout.write: writes without a newline", async () => {
  const r = await child.runSelf(fixture("stdout.cjs"));
  equal(r.stdout, "a-b\n");
});
