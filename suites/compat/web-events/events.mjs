/*---
description: EventTarget, Event and CustomEvent (DOM standard) — listener order, options, propagation flags
area: web-events
subjects: [EventTarget, Event, CustomEvent]
---*/
import { test, equal, deepEqual, ok, throws, observe } from "../_harness/prelude.mjs";

test("listeners run in registration order", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", () => order.push(1));
  t.addEventListener("x", () => order.push(2));
  t.dispatchEvent(new Event("x"));
  deepEqual(order, [1, 2]);
});
test("the same listener is added once", () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener("x", f);
  t.addEventListener("x", f);
  t.dispatchEvent(new Event("x"));
  equal(n, 1);
});
test("once removes the listener after the first call", () => {
  const t = new EventTarget();
  let n = 0;
  t.addEventListener("x", () => n++, { once: true });
  t.dispatchEvent(new Event("x"));
  t.dispatchEvent(new Event("x"));
  equal(n, 1);
});
test("removeEventListener removes it", () => {
  const t = new EventTarget();
  let n = 0;
  const f = () => n++;
  t.addEventListener("x", f);
  t.removeEventListener("x", f);
  t.dispatchEvent(new Event("x"));
  equal(n, 0);
});
test("an aborted signal option removes the listener", () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  t.addEventListener("x", () => n++, { signal: ac.signal });
  ac.abort();
  t.dispatchEvent(new Event("x"));
  equal(n, 0);
});
test("an object with handleEvent is a listener", () => {
  const t = new EventTarget();
  let self;
  const listener = {
    handleEvent(e) {
      self = this;
    },
  };
  t.addEventListener("x", listener);
  t.dispatchEvent(new Event("x"));
  equal(self, listener);
});
test("during dispatch, target and currentTarget are the target", () => {
  const t = new EventTarget();
  let seen;
  t.addEventListener("x", (e) => (seen = [e.target, e.currentTarget, e.eventPhase]));
  const e = new Event("x");
  t.dispatchEvent(e);
  deepEqual(seen, [t, t, 2]);
  equal(e.currentTarget, null);
  equal(e.eventPhase, 0);
});
test("stopImmediatePropagation skips the remaining listeners", () => {
  const t = new EventTarget();
  const order = [];
  t.addEventListener("x", (e) => {
    order.push(1);
    e.stopImmediatePropagation();
  });
  t.addEventListener("x", () => order.push(2));
  t.dispatchEvent(new Event("x"));
  deepEqual(order, [1]);
});
test("dispatchEvent returns false when a listener cancels a cancelable event", () => {
  const t = new EventTarget();
  t.addEventListener("x", (e) => e.preventDefault());
  equal(t.dispatchEvent(new Event("x", { cancelable: true })), false);
  equal(t.dispatchEvent(new Event("x")), true);
});
test("preventDefault has no effect on a non-cancelable event", () => {
  const e = new Event("x");
  e.preventDefault();
  equal(e.defaultPrevented, false);
});
// The DOM standard says InvalidStateError; node 20 throws its own ERR_EVENT_RECURSION.
observe("re-dispatching an event that is being dispatched", () => {
  const t = new EventTarget();
  let error = "no error";
  t.addEventListener("x", (e) => {
    try {
      t.dispatchEvent(e);
    } catch (err) {
      error = err.name + (err.code ? " " + err.code : "");
    }
  });
  t.dispatchEvent(new Event("x"));
  return error;
});
test("Event defaults: not bubbling, not cancelable, not composed, trusted false", () => {
  const e = new Event("x");
  deepEqual([e.bubbles, e.cancelable, e.composed, e.isTrusted, e.defaultPrevented], [false, false, false, false, false]);
  ok(typeof e.timeStamp === "number");
});
test("Event needs a type", () => throws(() => new Event(), TypeError));
test("CustomEvent detail defaults to null", () => equal(new CustomEvent("x").detail, null));
test("a listener that throws does not stop the others", async () => {
  // The error is reported (node: 'uncaughtException' or process warning); here it is caught.
  const t = new EventTarget();
  const order = [];
  const errors = [];
  const onError = (e) => errors.push(e);
  if (typeof process !== "undefined" && process.on) process.on("uncaughtException", onError);
  t.addEventListener("x", () => {
    throw new Error("listener failed");
  });
  t.addEventListener("x", () => order.push("second"));
  t.dispatchEvent(new Event("x"));
  await new Promise((r) => setTimeout(r, 10));
  if (typeof process !== "undefined" && process.off) process.off("uncaughtException", onError);
  deepEqual(order, ["second"]);
});
