// Timers fire in deadline order, equal deadlines in insertion order; clearTimeout from an
// earlier callback of the same turn cancels; args are passed; intervals repeat.
const log = [];
setTimeout(() => log.push('c-20'), 20);
setTimeout(() => log.push('a-10'), 10);
setTimeout(() => log.push('b-10'), 10);
let victim;
setTimeout(() => { log.push('killer-15'); clearTimeout(victim); }, 15);
victim = setTimeout(() => log.push('victim-15 (must not run)'), 15);
setTimeout((x, y) => log.push(`args-${x}-${y}`), 1, 'p', 'q');
let n = 0;
const iv = setInterval(() => {
  log.push(`interval-${++n}`);
  if (n === 3) clearInterval(iv);
}, 2);
setTimeout(() => {
  const t = setTimeout(() => {}, 1000);
  console.log(typeof t.ref, t.hasRef(), t.unref().hasRef(), typeof +t, +t > 0);
  clearTimeout(t);
  console.log(log.filter((e) => !e.startsWith('interval')).join(' '));
  console.log(log.filter((e) => e.startsWith('interval')).join(' '));
}, 40);
