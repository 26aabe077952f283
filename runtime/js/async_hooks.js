// node:async_hooks — AsyncResource (bind, runInAsyncScope) so libraries that wrap
// callbacks with it work. QuickJS has no promise hooks, so context does not propagate
// across awaits: AsyncLocalStorage is not provided rather than provided wrong.
(function (binding, internals) {
  'use strict';
  let nextId = 1;
  class AsyncResource {
    constructor(type, options) {
      this.type = `${type}`;
      this._asyncId = ++nextId;
      this._triggerId = typeof options === 'number' ? options : (options && options.triggerAsyncId) || 1;
    }
    runInAsyncScope(fn, thisArg, ...args) {
      return fn.apply(thisArg, args);
    }
    emitDestroy() {
      return this;
    }
    asyncId() {
      return this._asyncId;
    }
    triggerAsyncId() {
      return this._triggerId;
    }
    bind(fn) {
      const bound = (...args) => this.runInAsyncScope(fn, undefined, ...args);
      Object.defineProperty(bound, 'length', { value: fn.length });
      bound.asyncResource = this;
      return bound;
    }
    static bind(fn, type, thisArg) {
      const r = new AsyncResource(type || fn.name || 'bound-anonymous-fn');
      return thisArg === undefined ? r.bind(fn) : r.bind(fn.bind(thisArg));
    }
  }
  return {
    AsyncResource,
    executionAsyncId: () => 1,
    triggerAsyncId: () => 0,
    createHook: () => ({ enable() { return this; }, disable() { return this; } }),
  };
})
