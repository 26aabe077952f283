// A rejection that gets a handler within the same microtask checkpoint is not unhandled.
const p = Promise.reject(new Error('handled soon'));
Promise.resolve().then(() => {
  p.catch((e) => console.log('caught:', e.message));
});
setTimeout(() => console.log('still alive'), 5);
