// structuredClone (the HTML structured-clone algorithm for what a server runtime has)
// and DOMException.
(function (binding, internals) {
  'use strict';
  const ins = internals.internal('internal/inspect');
  const legacyCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const kName = Symbol('name');
  const kMessage = Symbol('message');
  class DOMException extends Error {
    constructor(message = '', options = 'Error') {
      super();
      let name = options;
      if (options !== null && typeof options === 'object') {
        name = 'name' in options ? options.name : 'Error';
        if ('cause' in options) {
          Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true, enumerable: false });
        }
      }
      this[kMessage] = `${message}`;
      this[kName] = `${name}`;
    }
    get name() {
      return this[kName];
    }
    get message() {
      return this[kMessage];
    }
    get code() {
      return legacyCodes[this[kName]] || 0;
    }
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });
  for (const [name, code] of Object.entries(legacyCodes)) {
    const constant = name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase().replace(/_ERROR$/, '_ERR');
    Object.defineProperty(DOMException, constant, { value: code, enumerable: true });
    Object.defineProperty(DOMException.prototype, constant, { value: code, enumerable: true });
  }

  const errorCtors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  function cloneError(message) {
    return new DOMException(message, 'DataCloneError');
  }
  function describe(v) {
    if (typeof v === 'symbol') return v.toString();
    if (typeof v === 'function') return Function.prototype.toString.call(v);
    return '#<Object>';
  }
  function structuredClone(value, options) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present.");
    }
    const transfer = options && options.transfer ? Array.from(options.transfer) : [];
    const memo = new Map();
    const transferred = new Map();
    for (const t of transfer) {
      if (!ins.isArrayBuffer(t)) throw cloneError('Value not transferable');
      if (transferred.has(t)) throw cloneError('ArrayBuffer is duplicated in transfer list');
      transferred.set(t, null);
    }
    const out = clone(value, memo, transferred);
    for (const t of transferred.keys()) {
      if (typeof t.transfer === 'function') {
        const moved = t.transfer();
        const target = memo.get(t);
        if (target) new Uint8Array(target).set(new Uint8Array(moved));
      }
    }
    return out;
  }
  function clone(v, memo, transferred) {
    if (typeof v === 'symbol' || typeof v === 'function') throw cloneError(`${describe(v)} could not be cloned.`);
    if (v === null || typeof v !== 'object') return v;
    if (memo.has(v)) return memo.get(v);
    let out;
    const boxed = ins.isBoxed(v);
    if (boxed === 'Symbol') throw cloneError(`${describe(v)} could not be cloned.`);
    if (boxed) {
      out = Object(globalThis[boxed].prototype.valueOf.call(v));
      memo.set(v, out);
      return out;
    }
    if (ins.isDate(v)) {
      out = new Date(v.getTime());
      memo.set(v, out);
      return out;
    }
    if (ins.isRegExp(v)) {
      out = new RegExp(v.source, v.flags);
      memo.set(v, out);
      return out;
    }
    if (ins.isArrayBuffer(v)) {
      out = v.slice(0);
      memo.set(v, out);
      return out;
    }
    if (ArrayBuffer.isView(v)) {
      const buffer = clone(v.buffer, memo, transferred);
      if (ins.isDataView(v)) out = new DataView(buffer, v.byteOffset, v.byteLength);
      else out = new v.constructor(buffer, v.byteOffset, v.length);
      memo.set(v, out);
      return out;
    }
    if (ins.isMap(v)) {
      out = new Map();
      memo.set(v, out);
      for (const [k, val] of v) out.set(clone(k, memo, transferred), clone(val, memo, transferred));
      return out;
    }
    if (ins.isSet(v)) {
      out = new Set();
      memo.set(v, out);
      for (const val of v) out.add(clone(val, memo, transferred));
      return out;
    }
    if (ins.isError(v)) {
      const name = errorCtors[v.name] ? v.name : 'Error';
      out = new errorCtors[name]();
      memo.set(v, out);
      const msg = Object.getOwnPropertyDescriptor(v, 'message');
      if (msg) Object.defineProperty(out, 'message', { value: String(msg.value), writable: true, configurable: true, enumerable: false });
      else delete out.message;
      if (typeof v.stack === 'string') Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true, enumerable: false });
      if ('cause' in v) Object.defineProperty(out, 'cause', { value: clone(v.cause, memo, transferred), writable: true, configurable: true, enumerable: false });
      return out;
    }
    if (ins.isPromise(v) || ins.isWeakMap(v) || ins.isWeakSet(v)) {
      throw cloneError(`${describe(v)} could not be cloned.`);
    }
    if (Array.isArray(v)) {
      out = new Array(v.length);
    } else {
      out = {};
    }
    memo.set(v, out);
    for (const key of Object.keys(v)) out[key] = clone(v[key], memo, transferred);
    return out;
  }
  return { structuredClone, DOMException };
})
