// Between two timer callbacks of the same turn, nextTicks and microtasks drain; the same
// after each immediate. Started from an I/O callback so that the immediates (check
// phase of this turn) deterministically run before the timers (a later turn).
require('node:fs').readFile(__filename, () => {
  setTimeout(() => {
    console.log('timeout 1');
    process.nextTick(() => console.log('tick after 1'));
    Promise.resolve().then(() => console.log('micro after 1'));
  }, 3);
  setTimeout(() => {
    console.log('timeout 2');
    queueMicrotask(() => console.log('micro after 2'));
  }, 3);
  setImmediate(() => {
    console.log('immediate 1');
    process.nextTick(() => console.log('tick after immediate 1'));
  });
  setImmediate(() => {
    console.log('immediate 2');
  });
});
