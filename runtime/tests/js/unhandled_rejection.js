// exit: 1
// stderr: RangeError: nobody catches this
setTimeout(() => console.log('later timer (must not run)'), 50);
Promise.reject(new RangeError('nobody catches this'));
console.log('sync part runs');
