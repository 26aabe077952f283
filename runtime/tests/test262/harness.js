// A minimal stand-in for test262's harness (assert.js, sta.js, doneprintHandle.js),
// written for dynojs's own tests; real runs compose the real harness files.
function Test262Error(message) {
  this.message = message || '';
}
Test262Error.prototype.toString = function () {
  return 'Test262Error: ' + this.message;
};
Test262Error.thrower = function (message) {
  throw new Test262Error(message);
};
function $DONOTEVALUATE() {
  throw 'Test262: This statement should not be evaluated.';
}
function assert(mustBeTrue, message) {
  if (mustBeTrue !== true) throw new Test262Error(message || 'Expected true but got ' + String(mustBeTrue));
}
assert.sameValue = function (actual, expected, message) {
  if (!Object.is(actual, expected)) {
    throw new Test262Error((message ? message + ' ' : '') + 'Expected SameValue(«' + String(actual) + '», «' + String(expected) + '») to be true');
  }
};
assert.throws = function (expectedErrorConstructor, func, message) {
  try {
    func();
  } catch (thrown) {
    if (typeof thrown !== 'object' || thrown === null || thrown.constructor !== expectedErrorConstructor) {
      throw new Test262Error('Expected a ' + expectedErrorConstructor.name + ' but got a different error: ' + String(thrown));
    }
    return;
  }
  throw new Test262Error('Expected a ' + expectedErrorConstructor.name + ' to be thrown but no exception was thrown at all' + (message ? ': ' + message : ''));
};
function $DONE(error) {
  if (error) {
    if (typeof error === 'object' && error !== null && 'name' in error) {
      print('Test262:AsyncTestFailure:' + error.name + ': ' + error.message);
    } else {
      print('Test262:AsyncTestFailure:Test262Error: ' + String(error));
    }
  } else {
    print('Test262:AsyncTestComplete');
  }
}
