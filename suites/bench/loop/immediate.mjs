// setImmediate ping-pong: each callback schedules the next, 100k turns of the loop.
const N = 100_000;
const start = performance.now();
await new Promise((resolve) => {
  let left = N;
  const step = () => (--left === 0 ? resolve() : setImmediate(step));
  setImmediate(step);
});
console.log(`DYNO_RESULT ops=${N} ms=${performance.now() - start}`);
