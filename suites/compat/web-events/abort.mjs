/*---
description: AbortController and AbortSignal (DOM standard) — abort, reason, throwIfAborted, timeout, any
area: web-events
subjects: [AbortController, AbortSignal]
---*/
import { test, equal, ok, throws, deepEqual } from "../_harness/prelude.mjs";

test("a new signal is not aborted", () => {
  const s = new AbortController().signal;
  equal(s.aborted, false);
  equal(s.reason, undefined);
});
test("abort() without a reason uses an AbortError DOMException", () => {
  const ac = new AbortController();
  ac.abort();
  ok(ac.signal.reason instanceof DOMException);
  equal(ac.signal.reason.name, "AbortError");
});
test("abort fires the abort event once", () => {
  const ac = new AbortController();
  let n = 0;
  ac.signal.addEventListener("abort", () => n++);
  ac.abort();
  ac.abort();
  equal(n, 1);
});
test("onabort is called", () => {
  const ac = new AbortController();
  let called = false;
  ac.signal.onabort = () => (called = true);
  ac.abort();
  equal(called, true);
});
test("a second abort keeps the first reason", () => {
  const ac = new AbortController();
  ac.abort("first");
  ac.abort("second");
  equal(ac.signal.reason, "first");
});
test("throwIfAborted throws the reason", () => {
  const ac = new AbortController();
  ac.signal.throwIfAborted();
  ac.abort(new RangeError("r"));
  throws(() => ac.signal.throwIfAborted(), RangeError);
});
test("AbortSignal.abort(reason) keeps the reason", () => equal(AbortSignal.abort("r").reason, "r"));
test("AbortSignal.timeout aborts with a TimeoutError", async () => {
  const s = AbortSignal.timeout(5);
  equal(s.aborted, false);
  // The timeout's timer does not keep the process alive (node unrefs it): this one does.
  const keepAlive = setTimeout(() => {}, 5000);
  await new Promise((resolve) => s.addEventListener("abort", resolve));
  clearTimeout(keepAlive);
  equal(s.reason.name, "TimeoutError");
  equal(s.reason.code, 23);
});
test("AbortSignal.any follows the first of its signals to abort", () => {
  const a = new AbortController();
  const b = new AbortController();
  const s = AbortSignal.any([a.signal, b.signal]);
  b.abort("b");
  equal(s.aborted, true);
  equal(s.reason, "b");
});
test("AbortSignal.any of an aborted signal is aborted at once", () => {
  const s = AbortSignal.any([new AbortController().signal, AbortSignal.abort("done")]);
  equal(s.reason, "done");
});
test("AbortSignal.any of no signals never aborts", () => equal(AbortSignal.any([]).aborted, false));
test("AbortSignal cannot be constructed", () => throws(() => new AbortSignal(), TypeError));
test("the abort event is an Event, not cancelable, with the signal as target", () => {
  const ac = new AbortController();
  let seen;
  ac.signal.addEventListener("abort", (e) => (seen = [e instanceof Event, e.type, e.target === ac.signal]));
  ac.abort();
  deepEqual(seen, [true, "abort", true]);
});
