// Request bodies stream in: the handler sees the first chunk of a chunked upload while
// the client is still holding the rest back (the client sends the rest only after the
// server's response says it got the first chunk — without streaming this never ends);
// a 2 MiB upload read with pauses (req.pause/resume) arrives complete.
import http from 'node:http';
import net from 'node:net';
const server = http.createServer((req, res) => {
  if (req.url === '/interactive') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    let first = true;
    let total = 0;
    req.on('data', (chunk) => {
      total += chunk.length;
      if (first) {
        first = false;
        res.write(`got-first:${chunk.toString()};`);
      }
    });
    req.on('end', () => res.end(`total:${total}`));
    return;
  }
  let total = 0;
  let pauses = 0;
  req.on('data', (chunk) => {
    total += chunk.length;
    if (pauses < 3) {
      pauses++;
      req.pause();
      setTimeout(() => req.resume(), 20);
    }
  });
  req.on('end', () => res.end(JSON.stringify({ total, pauses, complete: req.complete })));
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  await new Promise((done) => {
    const c = net.connect(port, '127.0.0.1', () => {
      c.write('POST /interactive HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    });
    let raw = '';
    let sentRest = false;
    c.on('data', (d) => {
      raw += d;
      if (!sentRest && raw.includes('got-first:hello;')) {
        sentRest = true;
        c.write('6\r\n world\r\n0\r\n\r\n');
      }
      if (raw.endsWith('0\r\n\r\n')) {
        const body = raw.split('\r\n\r\n')[1].split('\r\n').filter((_, i) => i % 2 === 1).join('');
        console.log('interactive', body);
        c.end();
        done();
      }
    });
  });
  const big = Buffer.alloc(2 * 1024 * 1024, 7);
  const r = await fetch(`http://127.0.0.1:${port}/big`, { method: 'POST', body: big });
  console.log('big', await r.text());
  server.close();
});
