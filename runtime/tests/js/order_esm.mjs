// In an ES-module main, promise jobs queued during evaluation run before nextTicks.
console.log('sync');
Promise.resolve().then(() => console.log('promise1'));
queueMicrotask(() => console.log('microtask'));
process.nextTick(() => console.log('nextTick1'));
process.nextTick(() => {
  console.log('nextTick2');
  Promise.resolve().then(() => console.log('promise-from-nextTick'));
});
Promise.resolve().then(() => {
  console.log('promise2');
  process.nextTick(() => console.log('nextTick-from-promise'));
});
setTimeout(() => {
  console.log('t1');
  process.nextTick(() => console.log('t1-tick'));
  Promise.resolve().then(() => console.log('t1-micro'));
}, 5);
setTimeout(() => console.log('t2'), 5);
