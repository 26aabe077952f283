// console methods other than log.
console.info('info');
console.debug('debug');
console.count();
console.count('x');
console.count();
console.countReset();
console.count();
console.group('group');
console.log('inside');
console.group();
console.log({ a: 1,
  b: 2 });
console.groupEnd();
console.groupEnd();
console.log('outside');
console.assert(true, 'not printed');
console.dir({ deep: { deeper: { deepest: { bottom: 1 } } } }, { depth: 0 });
console.table([{ a: 1, b: 'x' }, { a: 2, c: true }]);
console.table(['p', 'q']);
