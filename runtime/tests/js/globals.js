// Web-ish globals from this issue and process basics.
console.log(typeof globalThis, global === globalThis);
console.log(btoa('hello'), atob('aGVsbG8='));
try { btoa('€'); } catch (e) { console.log(e.name, e instanceof DOMException); }
const src = { d: new Date(0), m: new Map([[1, { s: new Set([1]) }]]), r: /x/g, a: [1, , 3], t: new Uint8Array([1, 2]) };
src.self = src;
const c = structuredClone(src);
console.log(c !== src, c.self === c, c.d.getTime(), c.m.get(1).s.has(1), c.r.flags, c.t[1], 1 in c.a);
try { structuredClone(() => {}); } catch (e) { console.log(e.name); }
console.log(typeof performance.now(), performance.now() >= 0, typeof performance.timeOrigin);
performance.mark('a');
const m = performance.measure('m', 'a');
console.log(m.entryType, m.name, m.duration >= 0);
console.log(process.argv.length >= 2, typeof process.pid, process.platform, typeof process.hrtime.bigint(), process.hrtime().length);
console.log(typeof process.env.PATH, typeof process.cwd(), typeof process.memoryUsage().rss);
const start = process.hrtime();
console.log(process.hrtime(start)[0] >= 0);
