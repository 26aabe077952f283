// node:timers/promises — setTimeout, setImmediate, setInterval (async iterator),
// scheduler.wait / scheduler.yield, with AbortSignal and ref options.
(function (binding, internals) {
  'use strict';
  const abortError = (signal) => {
    const e = new Error('The operation was aborted');
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    if (signal && signal.reason !== undefined) e.cause = signal.reason;
    return e;
  };
  function validateOptions(options) {
    if (options === null || typeof options !== 'object') {
      throw internals.argTypeError('options', 'of type object', options);
    }
    const { signal, ref = true } = options;
    if (typeof ref !== 'boolean') throw internals.argTypeError('options.ref', 'of type boolean', ref);
    return { signal, ref };
  }
  function schedule(create, clear, value, options = {}) {
    let signal, ref;
    try {
      ({ signal, ref } = validateOptions(options));
    } catch (err) {
      return Promise.reject(err);
    }
    if (signal && signal.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const handle = create(() => {
        if (signal) signal.removeEventListener('abort', onAbort);
        resolve(value);
      });
      if (!ref) handle.unref();
      function onAbort() {
        clear(handle);
        reject(abortError(signal));
      }
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  const setTimeout = (delay, value, options) =>
    schedule((cb) => internals.setTimeout(cb, delay), internals.clearTimeout, value, options);
  const setImmediate = (value, options) =>
    schedule((cb) => internals.setImmediate(cb), internals.clearImmediate, value, options);
  async function* setInterval(delay, value, options = {}) {
    const { signal, ref } = validateOptions(options);
    if (signal && signal.aborted) throw abortError(signal);
    let pending = 0;
    let wake = null;
    const handle = internals.setInterval(() => {
      pending++;
      if (wake) {
        wake();
        wake = null;
      }
    }, delay);
    if (!ref) handle.unref();
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      if (wake) {
        wake();
        wake = null;
      }
    };
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (pending === 0) await new Promise((r) => { wake = r; });
        if (aborted) throw abortError(signal);
        for (; pending > 0; pending--) yield value;
      }
    } finally {
      internals.clearInterval(handle);
      if (signal) signal.removeEventListener('abort', onAbort);
    }
  }
  const scheduler = {
    wait: (delay, options) => setTimeout(delay, undefined, options),
    yield: () => setImmediate(),
  };
  return { setTimeout, setImmediate, setInterval, scheduler };
})
