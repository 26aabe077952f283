// Blob, File, FormData, crypto.getRandomValues limits, randomUUID format,
// subtle.digest known vectors (abc), node:crypto createHash/createHmac (RFC 4231 style).
(async () => {
  const b = new Blob(['héllo', new Uint8Array([33]), new Blob([' x'])], { type: 'Text/Plain' });
  console.log(b.size, b.type, await b.text(), await b.slice(1, -2).text(), (await b.arrayBuffer()).byteLength);
  let s = ''; for await (const c of b.stream()) s += new TextDecoder().decode(c); console.log(s);
  const f = new File(['abc'], 'a.txt', { type: 'text/plain', lastModified: 42 });
  console.log(f.name, f.lastModified, f.size, f instanceof Blob, Object.prototype.toString.call(f));
  const fd = new FormData(); fd.append('a', '1'); fd.append('file', f); fd.append('b', new Blob(['zz']));
  fd.set('a', '2'); console.log([...fd.keys()], fd.get('a'), fd.get('b').name, fd.has('file'));
  const bytes = new Uint8Array(8); crypto.getRandomValues(bytes); console.log(bytes.length, bytes.some((x) => x !== 0));
  try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { console.log(e.name, e.code) }
  try { crypto.getRandomValues(new Float32Array(2)) } catch (e) { console.log(e.name) }
  console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()));
  for (const a of ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512']) {
    const d = await crypto.subtle.digest(a, new TextEncoder().encode('abc'));
    console.log(a, Buffer.from(d).toString('hex'));
  }
  try { await crypto.subtle.digest('MD5', new Uint8Array(1)) } catch (e) { console.log(e.name) }
  const nc = require('crypto');
  console.log(nc.createHash('sha1').update('hello').update(' world').digest('hex'));
  console.log(nc.createHash('sha256').update('x').digest('base64'));
  console.log(nc.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'));
  console.log(nc.createHmac('sha512', 'k'.repeat(200)).update('m').digest('hex').length);
  console.log(nc.randomBytes(16).length, nc.timingSafeEqual(Buffer.from('ab'), Buffer.from('ab')));
  console.log(typeof Crypto, typeof SubtleCrypto, typeof CryptoKey, crypto instanceof Crypto, crypto.subtle instanceof SubtleCrypto);
  const r = nc.randomInt(10); console.log(r >= 0 && r < 10);
})();
