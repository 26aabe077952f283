// An unref'ed timer does not keep the process alive; a ref'ed one does.
setTimeout(() => console.log('unref timer ran (wrong)'), 200).unref();
const t = setTimeout(() => console.log('re-ref timer ran'), 5);
t.unref();
t.ref();
setImmediate(() => console.log('immediate'));
const i = setInterval(() => console.log('interval (wrong)'), 50);
i.unref();
process.on('exit', (code) => console.log('exit', code));
