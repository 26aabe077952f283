// console.log formatting follows util.inspect / util.format.
class Point { constructor() { this.x = 1; this.y = 2; } }
const nested = { a: { b: { c: { d: { e: 1 } } } } };
const cyc = { name: 'cycle' }; cyc.self = cyc; cyc.list = [cyc];
console.log('str', 42, -0, 1n, true, null, undefined, Symbol('s'));
console.log([1, 'two', [3, [4, [5, [6]]]]], nested);
console.log(new Point(), Object.create(null), { 'quoted-key': 1, valid_id: 2, 3: 'num' });
console.log(new Map([['k', { v: 1 }], [{ o: 1 }, 'x']]), new Set(['a', 'b']), new WeakMap());
console.log([function named() {}, () => {}, class A {}, class B extends Point {}, async function af() {}, function* gen() {}]);
console.log(new Date(86400000), /re/gi, new Uint8Array([1, 2, 3]), new ArrayBuffer(3));
console.log(cyc);
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log(Array.from({ length: 8 }, (_, i) => `item-${i}`));
console.log({ longKeyNumberOne: 'some long value here', longKeyNumberTwo: 'another long value', k3: 3 });
console.log([, 1, , , 2], [undefined, null], Object.assign([1, 2], { extra: true }));
console.log(Promise.resolve(3), Promise.reject(new Error('r')).catch(() => {}) && 'x', new Promise(() => {}));
console.log('%s|%d|%i|%f|%j|%%|%c.', 'a', '42', 3.9, '1.5', { j: [1] }, 'css');
console.log('%s', { toString() { return 'custom'; } }, '%s', [1, 2]);
console.log([new Number(3), new String('s'), new Boolean(false)]);
console.log({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} });
console.log('multi\nline', ['a\nb'], "it's", ['it\'s "q"']);
console.log({ [Symbol('sym')]: 1, __proto__: { inherited: true } });
console.log(Object.keys(globalThis).length >= 0, typeof structuredClone, typeof queueMicrotask);
console.log([[1, [2, [3, [4]]]], { a: [{ b: { c: {} } }] }]);
