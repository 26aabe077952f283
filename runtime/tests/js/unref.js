// An unref'ed timer does not keep the process alive; a ref'ed one does. (Events are
// printed sorted at exit: which of the immediate and the 5 ms timer runs first depends
// on how long start-up took, in node as anywhere.)
const seen = [];
setTimeout(() => seen.push('unref timer ran (wrong)'), 200).unref();
const t = setTimeout(() => seen.push('re-ref timer ran'), 5);
t.unref();
t.ref();
setImmediate(() => seen.push('immediate'));
const i = setInterval(() => seen.push('interval (wrong)'), 50);
i.unref();
process.on('exit', (code) => console.log(seen.sort().join('\n'), '\nexit', code));
