// dyno compat prelude: a tiny, portable test API (node, deno, bun, dynojs, any runtime
// with console.log and promises). It reports on stdout, one line per record:
//
//   DYNO_PLAN ["name", ...]                       the subtests registered, once, before any runs
//   DYNO_SUBTEST {"name":..., "ok":true}          a passing subtest
//   DYNO_SUBTEST {"name":..., "ok":false, "message":...}
//   DYNO_OBSERVE {"name":..., "value":...}        a divergence probe: recorded, never asserted
//   DYNO_DONE {"passed":n, "failed":m}            every subtest has reported (and after() ran)
//
// A file that never prints DYNO_DONE failed: its unreported subtests count as failures.
// Register subtests at the top level, synchronously; they run one after another, in order,
// starting from the first microtask after the file's body has run. The prelude takes what
// it needs from the global object when it loads, so a test that replaces a global cannot
// break the reporting.
"use strict";

const log = console.log.bind(console);
const stringify = JSON.stringify;
const PromiseCtor = Promise;

const queue = [];
let started = false;
let passed = 0;
let failed = 0;

function line(tag, record) {
  log(tag + " " + stringify(record));
}

/** Registers a subtest; `fn` may return a promise. */
function test(name, fn) {
  if (typeof name !== "string" || typeof fn !== "function") {
    throw new TypeError("test(name, fn): a string and a function");
  }
  queue.push({ kind: "test", name, fn });
  start();
}

/** Registers clean-up that runs after every subtest (closing a server, say), before the done
 * marker; a clean-up that throws is reported on stderr and withholds the marker. */
function after(fn) {
  queue.push({ kind: "after", fn });
  start();
}

/** Registers a probe: the (awaited) value of `fn()` is recorded, whatever it is. */
function observe(name, fn) {
  queue.push({ kind: "observe", name, fn });
  start();
}

function start() {
  if (started) return;
  started = true;
  PromiseCtor.resolve().then(runAll);
}

async function runAll() {
  line("DYNO_PLAN", queue.filter((t) => t.kind === "test").map((t) => t.name));
  const cleanups = [];
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i];
    if (t.kind === "after") {
      cleanups.push(t.fn);
      continue;
    }
    if (t.kind === "observe") {
      let value;
      try {
        const v = await t.fn();
        value = typeof v === "string" ? v : show(v);
      } catch (e) {
        value = "threw " + describeError(e);
      }
      line("DYNO_OBSERVE", { name: t.name, value });
      continue;
    }
    try {
      await t.fn();
      passed++;
      line("DYNO_SUBTEST", { name: t.name, ok: true });
    } catch (e) {
      failed++;
      line("DYNO_SUBTEST", { name: t.name, ok: false, message: describeError(e) });
    }
  }
  for (const fn of cleanups) {
    try {
      await fn();
    } catch (e) {
      console.error("clean-up failed: " + describeError(e));
      return;
    }
  }
  line("DYNO_DONE", { passed, failed });
}

class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

function describeError(e) {
  if (e instanceof AssertionError) return e.message;
  if (e && typeof e === "object" && "message" in e) {
    return String(e.name || "Error") + ": " + String(e.message);
  }
  return "threw " + show(e);
}

/** A short, runtime-independent rendering of a value for failure messages. */
function show(v, depth = 0) {
  if (typeof v === "string") return stringify(v);
  if (typeof v === "bigint") return v + "n";
  if (typeof v === "symbol") return v.toString();
  if (typeof v === "function") return "[function " + (v.name || "anonymous") + "]";
  if (v === null || typeof v !== "object") return String(v);
  if (depth > 2) return "[…]";
  if (Array.isArray(v)) return "[" + v.map((x) => show(x, depth + 1)).join(", ") + "]";
  if (v instanceof Error) return v.name + ": " + v.message;
  if (v instanceof Date) return "Date(" + v.getTime() + ")";
  if (v instanceof Map) return "Map{" + [...v].map(([k, x]) => show(k, depth + 1) + " => " + show(x, depth + 1)).join(", ") + "}";
  if (v instanceof Set) return "Set{" + [...v].map((x) => show(x, depth + 1)).join(", ") + "}";
  if (ArrayBuffer.isView(v)) return v.constructor.name + "[" + Array.from(v).join(", ") + "]";
  const keys = Object.keys(v);
  const name = v.constructor && v.constructor !== Object ? v.constructor.name + " " : "";
  return name + "{" + keys.map((k) => k + ": " + show(v[k], depth + 1)).join(", ") + "}";
}

function fail(message, fallback) {
  throw new AssertionError(message ? message + ": " + fallback : fallback);
}

function ok(value, message) {
  if (!value) fail(message, "expected a truthy value, got " + show(value));
}

/** SameValue, as Object.is (so NaN equals NaN and 0 differs from -0). */
function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    fail(message, "expected " + show(expected) + ", got " + show(actual));
  }
}

function notEqual(actual, unexpected, message) {
  if (Object.is(actual, unexpected)) fail(message, "expected anything but " + show(unexpected));
}

/** Structural equality: same prototype, same own enumerable keys, equal contents. */
function deepEqual(actual, expected, message) {
  if (!same(actual, expected, [])) {
    fail(message, "expected " + show(expected) + ", got " + show(actual));
  }
}

function same(a, b, seen) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  for (const [x, y] of seen) if (x === a) return y === b;
  seen.push([a, b]);
  if (a instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (a instanceof RegExp) return a.source === b.source && a.flags === b.flags;
  if (a instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !same(v, b.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (ArrayBuffer.isView(a)) {
    if (a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    return x.every((byte, i) => byte === y[i]);
  }
  if (a instanceof ArrayBuffer) return same(new Uint8Array(a), new Uint8Array(b), seen);
  if (a instanceof Error && (a.name !== b.name || a.message !== b.message)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && same(a[k], b[k], seen));
}

/**
 * What a thrown value must look like: a constructor (`TypeError`), or an object whose
 * fields must match (`{ name: "AbortError", code: "ENOENT", message: /regex/ }`).
 */
function matches(e, expected) {
  if (expected === undefined) return null;
  if (typeof expected === "function") {
    return e instanceof expected ? null : "expected a " + expected.name + ", got " + show(e);
  }
  for (const key of Object.keys(expected)) {
    const want = expected[key];
    const got = e == null ? undefined : e[key];
    const good = want instanceof RegExp ? typeof got === "string" && want.test(got) : Object.is(got, want);
    if (!good) return "expected " + key + " " + show(want) + ", got " + show(got) + " (" + show(e) + ")";
  }
  return null;
}

function throws(fn, expected, message) {
  try {
    fn();
  } catch (e) {
    const why = matches(e, expected);
    if (why) fail(message, why);
    return e;
  }
  fail(message, "expected an exception, none was thrown");
}

/** Awaits `promiseOrFn` (a promise, or a function returning one) and expects a rejection. */
async function rejects(promiseOrFn, expected, message) {
  try {
    await (typeof promiseOrFn === "function" ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    const why = matches(e, expected);
    if (why) fail(message, why);
    return e;
  }
  fail(message, "expected a rejection, the promise fulfilled");
}

/** Resolves after `ms` milliseconds (setTimeout as the runtime has it at call time). */
function delay(ms) {
  return new PromiseCtor((resolve) => setTimeout(resolve, ms));
}

module.exports = {
  test,
  observe,
  after,
  ok,
  equal,
  notEqual,
  deepEqual,
  throws,
  rejects,
  delay,
};
