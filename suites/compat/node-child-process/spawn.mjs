/*---
description: node:child_process — spawn, exec, execFile and the Sync forms; exit codes, signals, stdio pipes
area: node-child-process
requires: [node:child_process]
subjects: [node:child_process]
---*/
import { test, equal, ok, deepEqual } from "../_harness/prelude.mjs";
import cp from "node:child_process";

test("spawn reports the exit code", async () => {
  const code = await new Promise((resolve) => cp.spawn("sh", ["-c", "exit 3"]).on("close", resolve));
  equal(code, 3);
});
test("spawn reports a signal", async () => {
  const [code, signal] = await new Promise((resolve) => cp.spawn("sh", ["-c", "kill -TERM $$"]).on("exit", (c, s) => resolve([c, s])));
  deepEqual([code, signal], [null, "SIGTERM"]);
});
test("spawn pipes stdin to stdout", async () => {
  const child = cp.spawn("cat");
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d) => (out += d));
  child.stdin.end("through the pipe");
  await new Promise((resolve) => child.on("close", resolve));
  equal(out, "through the pipe");
});
test("spawn captures stderr separately", async () => {
  const child = cp.spawn("sh", ["-c", "echo out; echo err >&2"]);
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  await new Promise((resolve) => child.on("close", resolve));
  deepEqual([out, err], ["out\n", "err\n"]);
});
test("spawn of a missing program emits ENOENT", async () => {
  const err = await new Promise((resolve) => cp.spawn("/no/such/program").on("error", resolve));
  equal(err.code, "ENOENT");
});
test("spawn passes env and cwd", async () => {
  const child = cp.spawn("sh", ["-c", "echo $DYNO_X; pwd"], { env: { ...process.env, DYNO_X: "set" }, cwd: "/" });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await new Promise((resolve) => child.on("close", resolve));
  equal(out, "set\n/\n");
});
test("kill sends SIGTERM by default", async () => {
  const child = cp.spawn("sleep", ["10"]);
  const done = new Promise((resolve) => child.on("exit", (c, s) => resolve(s)));
  ok(child.pid > 0);
  child.kill();
  equal(await done, "SIGTERM");
});
test("exec gives stdout and stderr", async () => {
  const r = await new Promise((resolve) => cp.exec("echo hi; echo there >&2", (err, stdout, stderr) => resolve({ err, stdout, stderr })));
  deepEqual([r.err, r.stdout, r.stderr], [null, "hi\n", "there\n"]);
});
test("exec of a failing command errors with its code", async () => {
  const err = await new Promise((resolve) => cp.exec("exit 7", (e) => resolve(e)));
  equal(err.code, 7);
});
test("execFile runs without a shell", async () => {
  const out = await new Promise((resolve) => cp.execFile("echo", ["$HOME"], (e, stdout) => resolve(stdout)));
  equal(out, "$HOME\n");
});
test("execSync returns stdout; a failure throws with status", () => {
  equal(cp.execSync("echo sync").toString(), "sync\n");
  let status;
  try {
    cp.execSync("exit 4", { stdio: "pipe" });
  } catch (e) {
    status = e.status;
  }
  equal(status, 4);
});
test("spawnSync gives status, stdout and stderr", () => {
  const r = cp.spawnSync("sh", ["-c", "printf o; printf e >&2; exit 2"], { encoding: "utf8" });
  deepEqual([r.status, r.stdout, r.stderr], [2, "o", "e"]);
});
test("spawnSync with input", () => {
  equal(cp.spawnSync("cat", { input: "fed", encoding: "utf8" }).stdout, "fed");
});
test("execFileSync with an encoding returns a string", () => {
  equal(cp.execFileSync("echo", ["x"], { encoding: "utf8" }), "x\n");
});
