// exit: 4
setTimeout(() => console.log('must not run'), 1000);
process.on('exit', (code) => console.log('exit event', code));
setImmediate(() => {
  console.log('calling exit');
  process.exit(4);
  console.log('after exit (must not run)');
});
