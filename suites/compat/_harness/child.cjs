// Runs a file on the runtime under test, as dyno started it: DYNO_COMPAT_RUNTIME holds the
// argv (JSON, "__DYNO_FILE__" marks the file). Run by hand without dyno, it falls back to
// `<this executable> FILE`, which is right for node and bun.
"use strict";
const { spawn } = require("node:child_process");

function argvFor(file, args = []) {
  const given = process.env.DYNO_COMPAT_RUNTIME;
  const argv = given ? JSON.parse(given) : [process.execPath, "__DYNO_FILE__"];
  return [...argv.map((a) => (a === "__DYNO_FILE__" ? file : a)), ...args];
}

/** Runs `file` with `args`; resolves to { code, signal, stdout, stderr }. */
function runSelf(file, { args = [], env = {}, input } = {}) {
  const [cmd, ...rest] = argvFor(file, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, rest, {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

module.exports = { runSelf };
