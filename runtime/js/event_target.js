// EventTarget, Event, CustomEvent, AbortController and AbortSignal (abort, timeout,
// any, throwIfAborted), as the DOM standard and Node define them. Listeners run
// synchronously in dispatchEvent; a throwing listener is reported (reportError) and the
// rest still run.
(function (binding, internals) {
  'use strict';
  const { argTypeError } = internals;
  const DOMException = () => internals.internal('internal/clone').DOMException;

  const kStop = Symbol('stop');
  class Event {
    #type;
    #bubbles;
    #cancelable;
    #composed;
    #defaultPrevented = false;
    #timeStamp = performance.now();
    constructor(type, options) {
      if (arguments.length === 0) throw argTypeError('type', 'specified', undefined);
      this.#type = `${type}`;
      this.#bubbles = !!options?.bubbles;
      this.#cancelable = !!options?.cancelable;
      this.#composed = !!options?.composed;
      this[kStop] = false;
      this.currentTarget = null;
      this.target = null;
      this.eventPhase = 0;
    }
    get type() {
      return this.#type;
    }
    get bubbles() {
      return this.#bubbles;
    }
    get cancelable() {
      return this.#cancelable;
    }
    get composed() {
      return this.#composed;
    }
    get defaultPrevented() {
      return this.#cancelable && this.#defaultPrevented;
    }
    get timeStamp() {
      return this.#timeStamp;
    }
    get isTrusted() {
      return false;
    }
    get returnValue() {
      return !this.defaultPrevented;
    }
    preventDefault() {
      this.#defaultPrevented = true;
    }
    stopPropagation() {}
    stopImmediatePropagation() {
      this[kStop] = true;
    }
    composedPath() {
      return this.currentTarget ? [this.currentTarget] : [];
    }
    get [Symbol.toStringTag]() {
      return 'Event';
    }
  }
  Object.assign(Event, { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 });

  class CustomEvent extends Event {
    #detail;
    constructor(type, options) {
      super(type, options);
      this.#detail = options?.detail ?? null;
    }
    get detail() {
      return this.#detail;
    }
    get [Symbol.toStringTag]() {
      return 'CustomEvent';
    }
  }

  const kListeners = Symbol('listeners');
  class EventTarget {
    constructor() {
      this[kListeners] = new Map();
    }
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      if (typeof listener !== 'function' && typeof listener?.handleEvent !== 'function') {
        throw argTypeError('listener', 'an instance of EventListener', listener);
      }
      const once = typeof options === 'object' && options !== null && !!options.once;
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const signal = options?.signal;
      let list = this[kListeners].get(`${type}`);
      if (list === undefined) this[kListeners].set(`${type}`, (list = []));
      if (list.some((l) => l.listener === listener && l.capture === capture)) return;
      const entry = { listener, once, capture, removed: false };
      list.push(entry);
      if (signal !== undefined) {
        if (signal.aborted) {
          entry.removed = true;
          list.pop();
        } else signal.addEventListener('abort', () => this.removeEventListener(type, listener, options), { once: true });
      }
    }
    removeEventListener(type, listener, options) {
      const list = this[kListeners].get(`${type}`);
      if (list === undefined) return;
      const capture = typeof options === 'boolean' ? options : !!options?.capture;
      const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
      if (i !== -1) {
        list[i].removed = true;
        list.splice(i, 1);
      }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw argTypeError('event', 'an instance of Event', event);
      event.target = this;
      event.currentTarget = this;
      event.eventPhase = 2;
      const list = this[kListeners].get(event.type);
      if (list !== undefined) {
        for (const entry of list.slice()) {
          if (entry.removed) continue;
          if (entry.once) this.removeEventListener(event.type, entry.listener, entry);
          try {
            const l = entry.listener;
            if (typeof l === 'function') l.call(this, event);
            else l.handleEvent(event);
          } catch (e) {
            reportError(e);
          }
          if (event[kStop]) break;
        }
      }
      const handler = this[`on${event.type}`];
      if (typeof handler === 'function' && !event[kStop]) {
        try {
          handler.call(this, event);
        } catch (e) {
          reportError(e);
        }
      }
      event.currentTarget = null;
      event.eventPhase = 0;
      return !event.defaultPrevented;
    }
    get [Symbol.toStringTag]() {
      return 'EventTarget';
    }
  }

  const kAborted = Symbol('aborted');
  const kReason = Symbol('reason');
  const kCreate = Symbol('create');
  class AbortSignal extends EventTarget {
    constructor(key) {
      if (key !== kCreate) throw new TypeError('Illegal constructor');
      super();
      this[kAborted] = false;
      this[kReason] = undefined;
      this.onabort = null;
    }
    get aborted() {
      return this[kAborted];
    }
    get reason() {
      return this[kReason];
    }
    throwIfAborted() {
      if (this[kAborted]) throw this[kReason];
    }
    static abort(reason) {
      const s = new AbortSignal(kCreate);
      s[kAborted] = true;
      s[kReason] = reason === undefined ? new (DOMException())('This operation was aborted', 'AbortError') : reason;
      return s;
    }
    static timeout(ms) {
      if (typeof ms !== 'number' || !(ms >= 0)) throw argTypeError('delay', 'of type number', ms);
      const s = new AbortSignal(kCreate);
      const t = setTimeout(() => abortSignal(s, new (DOMException())('The operation was aborted due to timeout', 'TimeoutError')), ms);
      // A pending timeout signal does not keep the process alive (as in Node).
      t.unref();
      return s;
    }
    static any(signals) {
      const s = new AbortSignal(kCreate);
      for (const other of signals) {
        if (!(other instanceof AbortSignal)) throw argTypeError('signals', 'an Array of AbortSignal', other);
        if (other.aborted) {
          s[kAborted] = true;
          s[kReason] = other.reason;
          return s;
        }
      }
      for (const other of signals) other.addEventListener('abort', () => abortSignal(s, other.reason), { once: true });
      return s;
    }
    get [Symbol.toStringTag]() {
      return 'AbortSignal';
    }
  }

  function abortSignal(signal, reason) {
    if (signal[kAborted]) return;
    signal[kAborted] = true;
    signal[kReason] = reason;
    signal.dispatchEvent(new Event('abort'));
  }

  class AbortController {
    #signal = new AbortSignal(kCreate);
    get signal() {
      return this.#signal;
    }
    abort(reason) {
      abortSignal(this.#signal, reason === undefined ? new (DOMException())('This operation was aborted', 'AbortError') : reason);
    }
    get [Symbol.toStringTag]() {
      return 'AbortController';
    }
  }

  return { Event, CustomEvent, EventTarget, AbortSignal, AbortController };
})
