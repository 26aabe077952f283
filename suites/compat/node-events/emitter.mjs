/*---
description: node:events — EventEmitter order, once, error event, max listeners warning, events.once/on
area: node-events
requires: [node:events]
subjects: [node:events]
---*/
import { test, equal, deepEqual, ok, throws, rejects } from "../_harness/prelude.mjs";
import EventEmitter, { once, on } from "node:events";

test("listeners run in order with the arguments", () => {
  const e = new EventEmitter();
  const seen = [];
  e.on("x", (a, b) => seen.push(["first", a, b]));
  e.on("x", (a) => seen.push(["second", a]));
  equal(e.emit("x", 1, 2), true);
  deepEqual(seen, [["first", 1, 2], ["second", 1]]);
});
test("emit returns false without listeners", () => equal(new EventEmitter().emit("none"), false));
test("prependListener puts a listener first", () => {
  const e = new EventEmitter();
  const seen = [];
  e.on("x", () => seen.push("on"));
  e.prependListener("x", () => seen.push("prepended"));
  e.emit("x");
  deepEqual(seen, ["prepended", "on"]);
});
test("once runs a listener one time", () => {
  const e = new EventEmitter();
  let n = 0;
  e.once("x", () => n++);
  e.emit("x");
  e.emit("x");
  equal(n, 1);
  equal(e.listenerCount("x"), 0);
});
test("this in a listener is the emitter", () => {
  const e = new EventEmitter();
  let self;
  e.on("x", function () {
    self = this;
  });
  e.emit("x");
  equal(self, e);
});
test("an error event without a listener throws the error", () => {
  const e = new EventEmitter();
  const err = new Error("boom");
  equal(throws(() => e.emit("error", err)), err);
});
test("an error event with a non-error throws ERR_UNHANDLED_ERROR", () => {
  throws(() => new EventEmitter().emit("error", "text"), { code: "ERR_UNHANDLED_ERROR" });
});
test("an error listener handles the error", () => {
  const e = new EventEmitter();
  let got;
  e.on("error", (err) => (got = err.message));
  e.emit("error", new Error("handled"));
  equal(got, "handled");
});
test("removeListener removes the most recently added copy", () => {
  const e = new EventEmitter();
  const f = () => {};
  e.on("x", f);
  e.on("x", f);
  e.removeListener("x", f);
  equal(e.listenerCount("x"), 1);
});
test("removing a listener during emit does not affect that emit", () => {
  const e = new EventEmitter();
  const seen = [];
  const b = () => seen.push("b");
  e.on("x", () => {
    seen.push("a");
    e.off("x", b);
  });
  e.on("x", b);
  e.emit("x");
  e.emit("x");
  deepEqual(seen, ["a", "b", "a"]);
});
test("newListener is emitted before adding", () => {
  const e = new EventEmitter();
  const seen = [];
  e.on("newListener", (name) => seen.push([name, e.listenerCount(name)]));
  e.on("x", () => {});
  deepEqual(seen, [["x", 0]]);
});
test("eventNames, listeners and rawListeners", () => {
  const e = new EventEmitter();
  const f = () => {};
  e.on("a", f);
  e.once("b", f);
  deepEqual(e.eventNames(), ["a", "b"]);
  deepEqual(e.listeners("b"), [f]);
  ok(e.rawListeners("b")[0] !== f && e.rawListeners("b")[0].listener === f);
});
test("removeAllListeners for one event and for all", () => {
  const e = new EventEmitter();
  e.on("a", () => {});
  e.on("b", () => {});
  e.removeAllListeners("a");
  deepEqual(e.eventNames(), ["b"]);
  e.removeAllListeners();
  deepEqual(e.eventNames(), []);
});
test("more than 10 listeners emits a MaxListenersExceededWarning", async () => {
  const warned = new Promise((resolve) => process.once("warning", resolve));
  const e = new EventEmitter();
  for (let i = 0; i < 11; i++) e.on("leak", () => {});
  const w = await warned;
  equal(w.name, "MaxListenersExceededWarning");
  equal(w.count, 11);
});
test("setMaxListeners and getMaxListeners", () => {
  const e = new EventEmitter();
  equal(e.getMaxListeners(), 10);
  e.setMaxListeners(20);
  equal(e.getMaxListeners(), 20);
  equal(EventEmitter.defaultMaxListeners, 10);
});
test("events.once resolves with the arguments", async () => {
  const e = new EventEmitter();
  setTimeout(() => e.emit("ready", 1, 2), 1);
  deepEqual(await once(e, "ready"), [1, 2]);
});
test("events.once rejects on an error event", async () => {
  const e = new EventEmitter();
  setTimeout(() => e.emit("error", new Error("failed")), 1);
  await rejects(once(e, "ready"), { message: "failed" });
});
test("events.once works with an EventTarget", async () => {
  const t = new EventTarget();
  setTimeout(() => t.dispatchEvent(new Event("go")), 1);
  const [ev] = await once(t, "go");
  equal(ev.type, "go");
});
test("events.on is an async iterator of emits", async () => {
  const e = new EventEmitter();
  const ac = new AbortController();
  setTimeout(() => {
    e.emit("n", 1);
    e.emit("n", 2);
  }, 1);
  const got = [];
  for await (const [v] of on(e, "n", { signal: ac.signal })) {
    got.push(v);
    if (got.length === 2) break;
  }
  deepEqual(got, [1, 2]);
});
test("a subclass works", () => {
  class My extends EventEmitter {}
  const m = new My();
  let hit = false;
  m.on("x", () => (hit = true));
  m.emit("x");
  ok(hit && m instanceof EventEmitter);
});
test("captureRejections routes a rejected async listener to error", async () => {
  const e = new EventEmitter({ captureRejections: true });
  const got = new Promise((resolve) => e.on("error", resolve));
  e.on("x", async () => {
    throw new Error("async fail");
  });
  e.emit("x");
  equal((await got).message, "async fail");
});
