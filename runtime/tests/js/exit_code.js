// exit: 7
// process.exitCode, beforeExit (may schedule more work, once), exit events.
let rounds = 0;
process.on('beforeExit', (code) => {
  console.log('beforeExit', code, rounds);
  if (rounds++ === 0) setTimeout(() => console.log('work scheduled from beforeExit'), 1);
});
process.on('exit', (code) => {
  console.log('exit', code, process.exitCode);
  setTimeout(() => console.log('timer in exit handler (must not run)'), 0);
});
process.exitCode = 7;
