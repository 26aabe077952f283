// node:assert — ok, equal, notEqual, strictEqual, notStrictEqual, deepEqual,
// deepStrictEqual, notDeepStrictEqual, throws, doesNotThrow, rejects, doesNotReject,
// match, doesNotMatch, fail, ifError, AssertionError, strict.
(function (binding, internals) {
  'use strict';
  const util = internals.internal('util');
  const { inspect } = util;
  const show = (v) => inspect(v, { depth: 1000, breakLength: Infinity, compact: true, maxArrayLength: 20 });

  class AssertionError extends Error {
    constructor(options) {
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : defaultMessage(actual, expected, operator));
      this.generatedMessage = message === undefined;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    get name() {
      return 'AssertionError';
    }
  }
  Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError', writable: true, configurable: true, enumerable: false });
  function defaultMessage(actual, expected, operator) {
    switch (operator) {
      case 'strictEqual':
      case 'deepStrictEqual':
        return `Expected values to be strictly ${operator === 'deepStrictEqual' ? 'deep-' : ''}equal:\n\n${show(actual)} !== ${show(expected)}\n`;
      case 'deepEqual':
        return `Expected values to be loosely deep-equal:\n\n${show(actual)}\n\nshould loosely deep-equal\n\n${show(expected)}`;
      case '==':
        return `${show(actual)} == ${show(expected)}`;
      case '!=':
        return `${show(actual)} != ${show(expected)}`;
      case 'notStrictEqual':
        return `Expected "actual" to be strictly unequal to: ${show(expected)}`;
      case 'notDeepStrictEqual':
        return `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`;
      case 'fail':
        return 'Failed';
      default:
        return `${show(actual)} ${operator} ${show(expected)}`;
    }
  }
  function innerFail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }
  function ok(value, message) {
    if (!value) {
      innerFail({
        actual: value,
        expected: true,
        message: message !== undefined ? message : arguments.length === 0 ? 'No value argument passed to `assert.ok()`' : `${show(value)} == true`,
        operator: '==',
      });
    }
  }
  const assert = function assert(...args) {
    ok(...args);
  };
  assert.ok = ok;
  assert.AssertionError = AssertionError;
  assert.fail = (message = 'Failed') => innerFail({ message, operator: 'fail' });
  assert.equal = (actual, expected, message) => {
    if (!(actual == expected || (actual !== actual && expected !== expected))) innerFail({ actual, expected, message, operator: '==' });
  };
  assert.notEqual = (actual, expected, message) => {
    if (actual == expected || (actual !== actual && expected !== expected)) innerFail({ actual, expected, message, operator: '!=' });
  };
  assert.strictEqual = (actual, expected, message) => {
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual' });
  };
  assert.notStrictEqual = (actual, expected, message) => {
    if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual' });
  };
  assert.deepEqual = (actual, expected, message) => {
    if (!util._isDeepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'deepEqual' });
  };
  assert.notDeepEqual = (actual, expected, message) => {
    if (util._isDeepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'notDeepEqual' });
  };
  assert.deepStrictEqual = (actual, expected, message) => {
    if (!util._isDeepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'deepStrictEqual' });
  };
  assert.notDeepStrictEqual = (actual, expected, message) => {
    if (util._isDeepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual' });
  };
  assert.match = (string, regexp, message) => {
    if (typeof string !== 'string' || !regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, message: message ?? `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${show(string)}\n`, operator: 'match' });
    }
  };
  assert.doesNotMatch = (string, regexp, message) => {
    if (typeof string === 'string' && regexp.test(string)) {
      innerFail({ actual: string, expected: regexp, message: message ?? `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${show(string)}\n`, operator: 'doesNotMatch' });
    }
  };
  assert.ifError = (err) => {
    if (err !== null && err !== undefined) throw err;
  };

  // Checks a thrown value against `expected` (a constructor, RegExp, validation
  // function or object of properties), as assert.throws does.
  function checkError(actual, expected, message, fn) {
    if (expected === undefined) return;
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) {
        throw actual;
      }
      if (expected.call({}, actual) === true) return;
      innerFail({ actual, expected, message: message ?? `The ${fn === 'rejects' ? 'rejection' : 'error'} validation function is expected to return "true". Received ${show(actual)}`, operator: fn });
    }
    if (expected instanceof RegExp) {
      if (expected.test(String(actual))) return;
      innerFail({ actual, expected, message: message ?? `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${show(String(actual))}\n`, operator: fn });
    }
    if (typeof expected === 'object' && expected !== null) {
      for (const key of Object.keys(expected)) {
        const exp = expected[key];
        const act = actual == null ? undefined : actual[key];
        const okKey = exp instanceof RegExp && typeof act === 'string' ? exp.test(act) : util._isDeepEqual(act, exp, true);
        if (!okKey) {
          innerFail({ actual, expected, message: message ?? `Expected values to be strictly deep-equal:\n+ actual - expected\n\n  Comparison {\n+   ${key}: ${show(act)}\n-   ${key}: ${show(exp)}\n  }`, operator: fn });
        }
      }
    }
  }
  // "Missing expected exception (TypeError): message" for throws and rejects.
  function missing(operator, what, expected, message) {
    let details = '';
    if (expected && expected.name) details += ` (${expected.name})`;
    details += message ? `: ${message}` : '.';
    innerFail({ actual: undefined, expected, operator, message: `Missing expected ${what}${details}` });
  }
  assert.throws = (fn, expected, message) => {
    if (typeof fn !== 'function') throw internals.argTypeError('fn', 'of type function', fn);
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    let threw = false;
    let actual;
    try {
      fn();
    } catch (e) {
      threw = true;
      actual = e;
    }
    if (!threw) missing('throws', 'exception', expected, message);
    checkError(actual, expected, message, 'throws');
  };
  assert.doesNotThrow = (fn, expected, message) => {
    try {
      fn();
    } catch (e) {
      if (typeof expected === 'string') message = expected;
      innerFail({ actual: e, expected, operator: 'doesNotThrow', message: `Got unwanted exception${message ? `: ${message}` : '.'}\nActual message: "${e && e.message}"` });
    }
  };
  assert.rejects = async (promiseFn, expected, message) => {
    if (typeof expected === 'string') {
      message = expected;
      expected = undefined;
    }
    const promise = typeof promiseFn === 'function' ? promiseFn() : promiseFn;
    let threw = false;
    let actual;
    try {
      await promise;
    } catch (e) {
      threw = true;
      actual = e;
    }
    if (!threw) missing('rejects', 'rejection', expected, message);
    checkError(actual, expected, message, 'rejects');
  };
  assert.doesNotReject = async (promiseFn, expected, message) => {
    try {
      await (typeof promiseFn === 'function' ? promiseFn() : promiseFn);
    } catch (e) {
      if (typeof expected === 'string') message = expected;
      innerFail({ actual: e, expected, operator: 'doesNotReject', message: `Got unwanted rejection${message ? `: ${message}` : '.'}\nActual message: "${e && e.message}"` });
    }
  };
  const strict = function strict(...args) {
    ok(...args);
  };
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = strict;
  strict.strict = strict;
  return assert;
})
