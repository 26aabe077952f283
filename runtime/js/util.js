// node:util — inspect, format, promisify, callbackify, inherits, deprecate, types,
// isDeepStrictEqual, debuglog, stripVTControlCharacters.
(function (binding, internals) {
  'use strict';
  const ins = internals.internal('internal/inspect');
  const { validateFunction, codedError } = internals;
  const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');

  function promisify(original) {
    validateFunction(original, 'original');
    if (original[kCustomPromisify]) {
      const fn = original[kCustomPromisify];
      validateFunction(fn, 'util.promisify.custom');
      return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = kCustomPromisify;

  function callbackify(original) {
    validateFunction(original, 'original');
    function callbackified(...args) {
      const cb = args.pop();
      validateFunction(cb, 'last argument');
      Reflect.apply(original, this, args).then(
        (ret) => internals.nextTick(cb, null, ret),
        (rej) => {
          if (!rej) {
            const e = codedError(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
            e.reason = rej;
            rej = e;
          }
          internals.nextTick(cb, rej);
        },
      );
    }
    Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
    Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
    return callbackified;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw internals.argTypeError('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw internals.argTypeError('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw internals.argTypeError('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  const warned = new Set();
  function deprecate(fn, msg, code) {
    validateFunction(fn, 'fn');
    function deprecated(...args) {
      const key = code || msg;
      if (!warned.has(key)) {
        warned.add(key);
        internals.process.emitWarning(msg, 'DeprecationWarning', code);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  // ---- deep equality (assert.deepStrictEqual / deepEqual) ------------------------
  function isDeepEqual(a, b, strict, memo) {
    if (strict ? Object.is(a, b) : (a == b || (a !== a && b !== b))) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      if (!strict && (typeof a !== 'object' || a === null) && (typeof b !== 'object' || b === null)) return a == b;
      return false;
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const tagA = Object.prototype.toString.call(a);
    if (tagA !== Object.prototype.toString.call(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (ins.isDate(a)) {
      if (!ins.isDate(b) || a.getTime() !== b.getTime()) return false;
    } else if (ins.isRegExp(a)) {
      if (!ins.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (ins.isError(a)) {
      if (!ins.isError(b) || a.message !== b.message || a.name !== b.name) return false;
    } else if (ins.isBoxed(a)) {
      const t = ins.isBoxed(a);
      if (ins.isBoxed(b) !== t || !Object.is(globalThis[t].prototype.valueOf.call(a), globalThis[t].prototype.valueOf.call(b))) return false;
    } else if (ArrayBuffer.isView(a)) {
      if (a.byteLength !== b.byteLength) return false;
      if (!ArrayBuffer.isView(b)) return false;
      const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      if (strict && !(a instanceof DataView)) {
        for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
      } else {
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      }
    } else if (ins.isArrayBuffer(a)) {
      if (a.byteLength !== b.byteLength) return false;
      const x = new Uint8Array(a), y = new Uint8Array(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    }
    memo ??= { a: new Map(), b: new Map(), depth: 0 };
    const seenA = memo.a.get(a);
    if (seenA !== undefined) {
      const seenB = memo.b.get(b);
      if (seenB !== undefined) return seenA === seenB;
    }
    memo.depth++;
    memo.a.set(a, memo.depth);
    memo.b.set(b, memo.depth);
    const result = compareEntries(a, b, strict, memo);
    memo.a.delete(a);
    memo.b.delete(b);
    return result;
  }
  function ownKeys(o, strict) {
    const keys = Object.keys(o);
    if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
    return keys;
  }
  function compareEntries(a, b, strict, memo) {
    if (Array.isArray(a) && a.length !== b.length) return false;
    const ka = ownKeys(a, strict), kb = ownKeys(b, strict);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
      if (!isDeepEqual(a[k], b[k], strict, memo)) return false;
    }
    if (ins.isSet(a)) {
      if (!ins.isSet(b) || a.size !== b.size) return false;
      outer: for (const x of a) {
        if (b.has(x)) continue;
        if (typeof x !== 'object' || x === null) {
          if (strict) return false;
        }
        for (const y of b) if (isDeepEqual(x, y, strict, memo)) continue outer;
        return false;
      }
    } else if (ins.isMap(a)) {
      if (!ins.isMap(b) || a.size !== b.size) return false;
      outer: for (const [k, v] of a) {
        if (b.has(k)) {
          if (!isDeepEqual(v, b.get(k), strict, memo)) return false;
          continue;
        }
        for (const [k2, v2] of b) if (isDeepEqual(k, k2, strict, memo) && isDeepEqual(v, v2, strict, memo)) continue outer;
        return false;
      }
    }
    return true;
  }

  const types = {
    isPromise: ins.isPromise,
    isMap: ins.isMap,
    isSet: ins.isSet,
    isWeakMap: ins.isWeakMap,
    isWeakSet: ins.isWeakSet,
    isDate: ins.isDate,
    isRegExp: ins.isRegExp,
    isTypedArray: ins.isTypedArray,
    isUint8Array: (v) => ins.isTypedArray(v) && v[Symbol.toStringTag] === 'Uint8Array',
    isArrayBuffer: ins.isArrayBuffer,
    isAnyArrayBuffer: (v) => ins.isArrayBuffer(v) || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: ins.isDataView,
    isNativeError: ins.isError,
    isAsyncFunction: ins.isAsyncFunction,
    isGeneratorFunction: ins.isGeneratorFunction,
    isGeneratorObject: (v) => Object.prototype.toString.call(v) === '[object Generator]',
    isBoxedPrimitive: (v) => Boolean(ins.isBoxed(v)),
    isNumberObject: (v) => ins.isBoxed(v) === 'Number',
    isStringObject: (v) => ins.isBoxed(v) === 'String',
    isBooleanObject: (v) => ins.isBoxed(v) === 'Boolean',
    isSymbolObject: (v) => ins.isBoxed(v) === 'Symbol',
    isBigIntObject: (v) => ins.isBoxed(v) === 'BigInt',
    isModuleNamespaceObject: ins.isModuleNamespace,
    isProxy: () => false,
    isMapIterator: (v) => Object.prototype.toString.call(v) === '[object Map Iterator]',
    isSetIterator: (v) => Object.prototype.toString.call(v) === '[object Set Iterator]',
  };

  const debugs = {};
  function debuglog(set) {
    set = set.toUpperCase();
    const enabled = new RegExp(`^(${String(internals.process.env.NODE_DEBUG || '').replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^')})$`, 'i').test(set);
    const fn = enabled
      ? (...args) => binding.write(2, `${set} ${binding.pid}: ${ins.format(...args)}\n`)
      : () => {};
    fn.enabled = enabled;
    debugs[set] = fn;
    return fn;
  }

  return {
    inspect: ins.inspect,
    format: ins.format,
    formatWithOptions: ins.formatWithOptions,
    promisify,
    callbackify,
    inherits,
    deprecate,
    debuglog,
    debug: debuglog,
    types,
    isDeepStrictEqual: (a, b) => isDeepEqual(a, b, true),
    isArray: Array.isArray,
    stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
    toUSVString: (s) => String(s).toWellFormed(),
    _isDeepEqual: isDeepEqual,
    get TextEncoder() {
      return globalThis.TextEncoder;
    },
    get TextDecoder() {
      return globalThis.TextDecoder;
    },
  };
})
