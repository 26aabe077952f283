// node:http client against a node:http server in the same process: http.get with a
// URL, http.request with options, a JSON POST body, request headers arriving
// case-insensitively, status codes (404, 302 not followed), response streaming in,
// a refused connection as an 'error' event, and a request timeout. A body written
// before end() goes chunked; end(data) alone sends a content-length.
import http from 'node:http';
const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/missing') { res.statusCode = 404; res.end('nope'); return; }
    if (req.url === '/moved') { res.writeHead(302, { Location: '/elsewhere' }); res.end(); return; }
    if (req.url === '/slow') { setTimeout(() => res.end('late'), 500); return; }
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ method: req.method, url: req.url, body, custom: req.headers['x-custom'], type: req.headers['content-type'], framing: req.headers['transfer-encoding'] ?? `length ${req.headers['content-length']}` }));
  });
});
const collect = (res) => new Promise((resolve) => {
  let data = '';
  res.setEncoding('utf8');
  res.on('data', (c) => (data += c));
  res.on('end', () => resolve(data));
});
server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;
  await new Promise((done) => http.get(`${base}/hello?x=1`, async (res) => {
    console.log('get', res.statusCode, res.statusMessage, res.headers['content-type'], await collect(res));
    done();
  }));
  await new Promise((done) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/post', method: 'POST', headers: { 'X-Custom': 'Yes', 'Content-Type': 'application/json' } }, async (res) => {
      console.log('post', res.statusCode, await collect(res));
      done();
    });
    req.write('{"a":');
    req.end('1}');
  });
  await new Promise((done) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/put', method: 'PUT' }, async (res) => {
      console.log('put', res.statusCode, await collect(res));
      done();
    });
    req.end('whole');
  });
  for (const path of ['/missing', '/moved']) {
    await new Promise((done) => http.get(`${base}${path}`, async (res) => {
      console.log(path, res.statusCode, res.headers.location, await collect(res));
      done();
    }));
  }
  await new Promise((done) => {
    const req = http.get('http://127.0.0.1:1/');
    req.on('error', (e) => { console.log('error event', e.code); done(); });
  });
  await new Promise((done) => {
    const req = http.get(`${base}/slow`, { timeout: 50 });
    req.on('timeout', () => { console.log('timeout event'); req.destroy(); });
    req.on('error', (e) => { console.log('after timeout', e.code); done(); });
  });
  server.close();
});
