import { setTimeout as sleep, setImmediate as immediate, setInterval as every } from 'node:timers/promises';
import timers from 'node:timers';
console.log(await sleep(2, 'slept'));
console.log(await immediate('immediate value'));
let n = 0;
for await (const v of every(1, 'tick')) {
  console.log(v, ++n);
  if (n === 3) break;
}
console.log(typeof timers.setTimeout, timers.setTimeout === setTimeout);
const ac = new (globalThis.AbortController ?? class { constructor() { this.signal = { aborted: true, reason: undefined, addEventListener() {}, removeEventListener() {} }; } abort() {} })();
ac.abort();
try {
  await sleep(1000, null, { signal: ac.signal });
} catch (e) {
  console.log(e.name, e.code);
}
