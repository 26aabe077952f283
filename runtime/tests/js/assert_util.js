const assert = require('node:assert');
const util = require('node:util');
const checks = [
  () => assert.strictEqual(1, 1),
  () => assert.strictEqual(1, '1'),
  () => assert.deepStrictEqual({ a: [1, { b: new Map([[1, 2]]) }] }, { a: [1, { b: new Map([[1, 2]]) }] }),
  () => assert.deepStrictEqual({ a: 1 }, { a: '1' }),
  () => assert.deepEqual({ a: 1 }, { a: '1' }),
  () => assert.notStrictEqual(NaN, NaN),
  () => assert.throws(() => { throw new TypeError('x'); }, TypeError),
  () => assert.throws(() => { throw new TypeError('x'); }, { name: 'TypeError', message: 'x' }),
  () => assert.throws(() => {}),
  () => assert.ok(0),
  () => assert.match('abc', /b/),
  () => assert(false, 'custom message'),
];
for (const [i, check] of checks.entries()) {
  try {
    check();
    console.log(i, 'ok');
  } catch (e) {
    console.log(i, e.name, e.code, e.message.split('\n')[0]);
  }
}
assert.rejects(Promise.reject(new Error('r')), /r/).then(() => console.log('rejects ok'));
const sleep = util.promisify((ms, cb) => setTimeout(() => cb(null, ms * 2), ms));
sleep(3).then((v) => console.log('promisify', v));
console.log(util.format('%s=%d', 'n', 5), util.isDeepStrictEqual([1], [1]), util.types.isPromise(Promise.resolve()));
console.log(util.inspect('str'), util.inspect([1, [2, [3, [4]]]], { depth: 0 }), util.inspect({ a: 1 }, { compact: false }));
