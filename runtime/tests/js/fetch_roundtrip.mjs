// fetch against a node:http server in the same process: methods and bodies (string,
// URLSearchParams, stream), redirects (follow, manual), JSON, streamed reading, clone,
// AbortSignal.timeout and abort() cancelling a request, a refused connection.
import http from 'node:http';
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    if (req.url === '/redirect') { res.writeHead(302, { location: '/echo?from=redirect' }); res.end(); return; }
    if (req.url === '/slow') { setTimeout(() => res.end('late'), 2000); return; }
    if (req.url === '/json') { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ ok: true })); return; }
    res.setHeader('x-method', req.method);
    res.end(`${req.method} ${req.url} ${req.headers['content-type'] ?? '-'} ${body}`);
  });
});
server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  let r = await fetch(`${base}/echo`);
  console.log(r.status, r.ok, r.statusText, r.headers.get('x-method'), await r.text(), r.bodyUsed);
  r = await fetch(`${base}/echo`, { method: 'POST', body: JSON.stringify({ a: 1 }), headers: { 'content-type': 'application/json' } });
  console.log(await r.text());
  r = await fetch(`${base}/redirect`);
  console.log(r.status, r.redirected, r.url.replace(base, ''), await r.text());
  r = await fetch(`${base}/redirect`, { redirect: 'manual' });
  console.log(r.status, r.headers.get('location'));
  r = await fetch(`${base}/json`); console.log(await r.json());
  r = await fetch(`${base}/echo`, { method: 'PUT', body: new URLSearchParams({ x: 'y z' }) }); console.log(await r.text());
  r = await fetch(`${base}/echo`, { method: 'POST', body: ReadableStream.from(['s1', 's2']), duplex: 'half' }); console.log(await r.text());
  const reader = (await fetch(`${base}/echo`)).body.getReader(); let n = 0; for (;;) { const { value, done } = await reader.read(); if (done) break; n += value.length; } console.log('streamed', n);
  try { await fetch(`${base}/slow`, { signal: AbortSignal.timeout(100) }); } catch (e) { console.log('timeout', e.name); }
  const ac = new AbortController(); const p = fetch(`${base}/slow`, { signal: ac.signal }); ac.abort(); try { await p } catch (e) { console.log('abort', e.name) }
  try { await fetch('http://127.0.0.1:1/'); } catch (e) { console.log(e.name, e.message, e.cause instanceof Error) }
  try { await fetch('/relative'); } catch (e) { console.log(e.name) }
  const c = (await fetch(`${base}/echo`)).clone(); console.log(await c.text());
  server.close();
});
