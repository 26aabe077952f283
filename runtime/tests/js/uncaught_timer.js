// exit: 1
// stderr: TypeError: boom in timer
// An uncaught exception in a timer prints the error, runs 'exit' handlers and exits 1;
// later timers do not run.
setTimeout(() => console.log('later timer (must not run)'), 50);
process.on('exit', (code) => console.log('exit handler', code));
setTimeout(() => {
  console.log('before throw');
  throw new TypeError('boom in timer');
}, 1);
