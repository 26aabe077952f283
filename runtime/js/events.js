// node:events — EventEmitter, once, on (async iterator), errorMonitor, captureRejections.
(function (binding, internals) {
  'use strict';
  const { validateFunction, codedError, inspect } = internals;
  const kCapture = Symbol('kCapture');
  const errorMonitor = Symbol('events.errorMonitor');
  let defaultMaxListeners = 10;

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.init = function init(opts) {
    if (opts && opts.captureRejections !== undefined) this[kCapture] = !!opts.captureRejections;
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
  };
  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get: () => defaultMaxListeners,
    set: (n) => {
      if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
        throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "defaultMaxListeners" is out of range. It must be a non-negative number. Received ${inspect(n)}`);
      }
      defaultMaxListeners = n;
    },
  });
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');

  const proto = EventEmitter.prototype;
  proto.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "n" is out of range. It must be a non-negative number. Received ${inspect(n)}`);
    }
    this._maxListeners = n;
    return this;
  };
  proto.getMaxListeners = function getMaxListeners() {
    return this._maxListeners === undefined ? defaultMaxListeners : this._maxListeners;
  };
  proto.emit = function emit(type, ...args) {
    const events = this._events;
    if (type === 'error' && events !== undefined && events[errorMonitor] !== undefined) {
      this.emit(errorMonitor, ...args);
    }
    const handler = events !== undefined ? events[type] : undefined;
    if (handler === undefined) {
      if (type === 'error') {
        const er = args[0];
        if (er instanceof Error) throw er;
        const err = codedError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${inspect(er)})`);
        err.context = er;
        throw err;
      }
      return false;
    }
    if (typeof handler === 'function') {
      capture(this, Reflect.apply(handler, this, args), type, args);
    } else {
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; ++i) capture(this, Reflect.apply(listeners[i], this, args), type, args);
    }
    return true;
  };
  /** `emitter.emit(type, a, b)` without the rest-argument array when one function
   * listens (node:http's 'request', once per request). */
  internals.emit2 = function emit2(emitter, type, a, b) {
    const events = emitter._events;
    const handler = events !== undefined ? events[type] : undefined;
    if (typeof handler !== 'function' || type === 'error') return emitter.emit(type, a, b);
    const result = handler.call(emitter, a, b);
    if (result !== undefined) capture(emitter, result, type, [a, b]);
    return true;
  };
  let captureByDefault = false;
  Object.defineProperty(EventEmitter, 'captureRejections', {
    enumerable: true,
    get: () => captureByDefault,
    set: (v) => {
      captureByDefault = !!v;
    },
  });
  // With captureRejections, a listener's rejected promise goes to
  // [Symbol.for('nodejs.rejection')] or else to the 'error' event, on the next tick.
  function capture(emitter, result, type, args) {
    if (result === undefined || result === null || typeof result.then !== 'function') return;
    if (!(emitter[kCapture] ?? captureByDefault) || type === 'error') return;
    result.then(undefined, (err) =>
      internals.nextTick(() => {
        const handler = emitter[EventEmitter.captureRejectionSymbol];
        if (typeof handler === 'function') handler.call(emitter, err, type, ...args);
        else emitter.emit('error', err);
      }),
    );
  }
  function addListener(target, type, listener, prepend) {
    validateFunction(listener, 'listener');
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      events = target._events;
    }
    let existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
    } else {
      if (typeof existing === 'function') {
        existing = events[type] = prepend ? [listener, existing] : [existing, listener];
      } else if (prepend) {
        existing.unshift(listener);
      } else {
        existing.push(listener);
      }
      const m = target.getMaxListeners();
      if (m > 0 && existing.length > m && !existing.warned) {
        existing.warned = true;
        const name = target.constructor && target.constructor.name || 'EventEmitter';
        const w = new Error(`Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners added to ${name === 'EventEmitter' ? '[EventEmitter]' : `[${name}]`}. Use emitter.setMaxListeners() to increase limit`);
        w.name = 'MaxListenersExceededWarning';
        w.emitter = target;
        w.type = type;
        w.count = existing.length;
        internals.process.emitWarning(w);
      }
    }
    return target;
  }
  proto.addListener = function (type, listener) {
    return addListener(this, type, listener, false);
  };
  proto.on = proto.addListener;
  proto.prependListener = function (type, listener) {
    return addListener(this, type, listener, true);
  };
  function onceWrapper(...args) {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return Reflect.apply(this.listener, this.target, args);
    }
  }
  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }
  proto.once = function once(type, listener) {
    validateFunction(listener, 'listener');
    this.on(type, onceWrap(this, type, listener));
    return this;
  };
  proto.prependOnceListener = function (type, listener) {
    validateFunction(listener, 'listener');
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };
  proto.removeListener = function removeListener(type, listener) {
    validateFunction(listener, 'listener');
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  proto.off = proto.removeListener;
  proto.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === 'removeListener') continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };
  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const l = events[type];
    if (l === undefined) return [];
    if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
    return unwrap ? l.map((f) => f.listener || f) : l.slice();
  }
  proto.listeners = function (type) {
    return listenersOf(this, type, true);
  };
  proto.rawListeners = function (type) {
    return listenersOf(this, type, false);
  };
  proto.listenerCount = function (type) {
    const events = this._events;
    if (events !== undefined) {
      const l = events[type];
      if (typeof l === 'function') return 1;
      if (l !== undefined) return l.length;
    }
    return 0;
  };
  proto.eventNames = function () {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };
  EventEmitter.listenerCount = (emitter, type) => emitter.listenerCount(type);

  function once(emitter, name, options = {}) {
    const signal = options.signal;
    if (signal && signal.aborted) {
      return Promise.reject(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR', cause: signal.reason }));
    }
    return new Promise((resolve, reject) => {
      const errorListener = (err) => {
        emitter.removeListener(name, resolver);
        reject(err);
      };
      const resolver = (...args) => {
        if (name !== 'error') emitter.removeListener('error', errorListener);
        resolve(args);
      };
      if (typeof emitter.addEventListener === 'function' && typeof emitter.on !== 'function') {
        emitter.addEventListener(name, (...a) => resolve(a), { once: true });
        return;
      }
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', errorListener);
    });
  }
  function on(emitter, event) {
    const unconsumed = [];
    const pending = [];
    let error = null;
    let finished = false;
    const listener = (...args) => {
      const p = pending.shift();
      if (p) p.resolve({ value: args, done: false });
      else unconsumed.push(args);
    };
    const errorListener = (err) => {
      finished = true;
      const p = pending.shift();
      if (p) p.reject(err);
      else error = err;
      iterator.return();
    };
    emitter.on(event, listener);
    if (event !== 'error') emitter.on('error', errorListener);
    const iterator = {
      next() {
        const value = unconsumed.shift();
        if (value) return Promise.resolve({ value, done: false });
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => pending.push({ resolve, reject }));
      },
      return() {
        emitter.removeListener(event, listener);
        emitter.removeListener('error', errorListener);
        finished = true;
        for (const p of pending) p.resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        error = err;
        emitter.removeListener(event, listener);
        emitter.removeListener('error', errorListener);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.once = once;
  EventEmitter.on = on;
  EventEmitter.getEventListeners = (emitter, name) => emitter.listeners(name);
  EventEmitter.setMaxListeners = (n = defaultMaxListeners, ...targets) => {
    if (targets.length === 0) defaultMaxListeners = n;
    for (const t of targets) t.setMaxListeners(n);
  };
  EventEmitter.usingDomains = false;
  void kCapture;
  return EventEmitter;
})
