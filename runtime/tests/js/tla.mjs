// Top-level await, dynamic import, JSON modules, import.meta, CommonJS interop.
import data from './lib/data.json' with { type: 'json' };
import cjs, { named } from './lib/cjs-lib.cjs';
import { EventEmitter, once } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

console.log('json:', data.name, data.list.length);
console.log('cjs:', cjs.named, named, typeof cjs.fn);
await sleep(5);
console.log('after await');
const m = await import('./lib/esm-lib.mjs');
console.log('dynamic:', m.default, m.answer);
const e = new EventEmitter();
setTimeout(() => e.emit('go', 42), 1);
const [v] = await once(e, 'go');
console.log('once:', v);
console.log('meta:', path.basename(import.meta.url), path.basename(import.meta.filename), import.meta.dirname === path.dirname(import.meta.filename));
