// Inside an I/O callback, setImmediate always runs before setTimeout(0); I/O callbacks
// run in the poll phase. Operations are chained so that completion order is fixed.
const fs = require('node:fs');
const path = require('node:path');
fs.readFile(__filename, 'utf8', (err, text) => {
  console.log('read', err, text.startsWith('// Inside'));
  setTimeout(() => {
    console.log('io:timeout0');
    fs.readFile('/definitely/not/here', (err2) => {
      console.log('error', err2.code, err2.syscall, err2 instanceof Error);
      require('node:fs/promises').readFile(path.join(__dirname, 'lib', 'data.json'), 'utf8')
        .then((t) => console.log('promises', JSON.parse(t).name));
    });
  }, 0);
  setImmediate(() => console.log('io:immediate'));
  process.nextTick(() => console.log('io:nextTick'));
});
