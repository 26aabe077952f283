// setImmediate: FIFO, args, clearImmediate, and immediates queued while the check phase
// runs wait for the next turn (after the current turn's ticks and microtasks).
const order = [];
setImmediate((a) => {
  order.push(`first ${a}`);
  setImmediate(() => order.push('queued from first'));
  process.nextTick(() => order.push('tick from first'));
}, 'arg');
const cancelled = setImmediate(() => order.push('cancelled (must not run)'));
setImmediate(() => {
  order.push('second');
  clearImmediate(cancelled);
});
setImmediate(() => order.push('third'));
process.on('exit', () => console.log(order.join('\n')));
