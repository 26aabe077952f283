// Timer churn: 100k setTimeout(0) callbacks, each scheduling nothing else.
const N = 100_000;
const start = performance.now();
let fired = 0;
await new Promise((resolve) => {
  for (let i = 0; i < N; i++) {
    setTimeout(() => {
      if (++fired === N) resolve();
    }, 0);
  }
});
console.log(`DYNO_RESULT ops=${N} ms=${performance.now() - start}`);
