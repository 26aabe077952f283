// EventTarget, Event, CustomEvent, AbortController and AbortSignal as Node has them.
const target = new EventTarget();
const seen = [];
const once = (e) => seen.push(`once:${e.type}`);
target.addEventListener("ping", (e) => seen.push(`a:${e.type}:${e.target === target}:${e.eventPhase}`));
target.addEventListener("ping", once, { once: true });
target.addEventListener("ping", { handleEvent: (e) => seen.push(`obj:${e instanceof Event}`) });
target.dispatchEvent(new Event("ping"));
target.dispatchEvent(new Event("ping"));
console.log(seen.join(" "));

const ce = new CustomEvent("data", { detail: { n: 1 }, cancelable: true });
target.addEventListener("data", (e) => {
  console.log("detail", e.detail.n, e.cancelable);
  e.preventDefault();
});
console.log("dispatch returned", target.dispatchEvent(ce), ce.defaultPrevented);

const stop = new EventTarget();
stop.addEventListener("x", (e) => {
  console.log("first");
  e.stopImmediatePropagation();
});
stop.addEventListener("x", () => console.log("never"));
stop.dispatchEvent(new Event("x"));

const ac = new AbortController();
ac.signal.addEventListener("abort", (e) => console.log("abort event", e.type, ac.signal.aborted));
ac.signal.onabort = () => console.log("onabort");
console.log("before", ac.signal.aborted, ac.signal.reason);
ac.abort();
console.log("after", ac.signal.aborted, ac.signal.reason.name, ac.signal.reason.message);
ac.abort("again");
try {
  ac.signal.throwIfAborted();
} catch (e) {
  console.log("thrown", e.name);
}
const custom = AbortSignal.abort("why");
console.log("abort()", custom.aborted, custom.reason);

const removable = new EventTarget();
const r = new AbortController();
removable.addEventListener("y", () => console.log("removed listener ran"), { signal: r.signal });
r.abort();
removable.dispatchEvent(new Event("y"));

const a = new AbortController();
const b = new AbortController();
const any = AbortSignal.any([a.signal, b.signal]);
any.addEventListener("abort", () => console.log("any aborted:", any.reason));
b.abort("b first");
a.abort("a second");

const t = AbortSignal.timeout(10);
t.addEventListener("abort", () => console.log("timeout", t.reason.name, t.reason.message));
setTimeout(() => console.log("done", t.aborted), 50);
try {
  new AbortSignal();
} catch (e) {
  console.log("constructor", e.constructor.name);
}
