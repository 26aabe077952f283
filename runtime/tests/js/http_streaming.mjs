// node:http response streaming: headers and the first chunk reach the client before the
// handler ends (the client's second request releases the rest — without streaming this
// would never finish), chunked transfer encoding, write() backpressure with 'drain' on a
// 1 MiB body, write callbacks, 'finish', and a HEAD request getting no body.
import http from 'node:http';
import net from 'node:net';
let release;
let bigSent;
const bigDone = new Promise((resolve) => (bigSent = resolve));
const server = http.createServer((req, res) => {
  if (req.url === '/stream') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first;', () => console.log('write callback'));
    release = () => res.end('second');
    res.on('finish', () => console.log('finish'));
  } else if (req.url === '/release') {
    release();
    res.end('released');
  } else if (req.url === '/big') {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let left = 16;
    let drains = 0;
    let falses = 0;
    const pump = () => {
      while (left > 0) {
        left--;
        if (!res.write(chunk)) {
          falses++;
          res.once('drain', () => { drains++; pump(); });
          return;
        }
      }
      res.end(() => bigSent({ falses: falses > 0, drains: drains === falses }));
    };
    pump();
  } else {
    res.setHeader('content-length', '5');
    res.write('he');
    res.end('llo');
  }
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  await new Promise((done) => {
    const c = net.connect(port, '127.0.0.1', () => c.write('GET /stream HTTP/1.1\r\nHost: x\r\n\r\n'));
    let raw = '';
    let released = false;
    c.on('data', (d) => {
      raw += d;
      if (!released && raw.includes('first;')) {
        released = true;
        console.log('first chunk before the end:', !raw.includes('second'), /transfer-encoding: chunked/i.test(raw));
        fetch(`http://127.0.0.1:${port}/release`).then((r) => r.text()).then((t) => console.log(t));
      }
      if (raw.endsWith('0\r\n\r\n')) {
        console.log('body', raw.split('\r\n\r\n')[1].split('\r\n').filter((_, i) => i % 2 === 1).join(''));
        c.end();
        done();
      }
    });
  });
  const big = await fetch(`http://127.0.0.1:${port}/big`);
  const [bytes, sent] = await Promise.all([big.arrayBuffer(), bigDone]);
  console.log('big', bytes.byteLength, 'backpressure seen', sent.falses, 'every false drained', sent.drains);
  const fixed = await fetch(`http://127.0.0.1:${port}/fixed`);
  console.log('fixed', fixed.headers.get('content-length'), fixed.headers.get('transfer-encoding'), await fixed.text());
  const head = await fetch(`http://127.0.0.1:${port}/fixed`, { method: 'HEAD' });
  console.log('head', head.status, (await head.text()).length);
  server.close();
});
