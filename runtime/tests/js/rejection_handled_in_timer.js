// exit: 1
// stderr: Error: handled too late
// A rejection handled only in a later timer is unhandled at the checkpoint: exit 1.
const p = Promise.reject(new Error('handled too late'));
setTimeout(() => {
  p.catch(() => console.log('caught in timer (must not run)'));
}, 1);
