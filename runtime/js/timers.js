// node:timers — the same functions as the globals, plus the promises API.
(function (binding, internals) {
  'use strict';
  const t = {
    setTimeout: internals.setTimeout,
    clearTimeout: internals.clearTimeout,
    setInterval: internals.setInterval,
    clearInterval: internals.clearInterval,
    setImmediate: internals.setImmediate,
    clearImmediate: internals.clearImmediate,
  };
  Object.defineProperty(t, 'promises', {
    enumerable: true,
    configurable: true,
    get: () => internals.internal('timers/promises'),
  });
  return t;
})
