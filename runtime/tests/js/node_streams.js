// node:stream: Readable (push, paused and flowing, objectMode, from, async iteration,
// setEncoding), Writable backpressure and 'drain', Transform, PassThrough, pipeline
// with an error, finished; node:zlib round trips (sync, stream, callback);
// node:string_decoder splitting multi-byte characters.
const { Readable, Writable, Transform, PassThrough, pipeline, finished } = require('node:stream');
const { pipeline: pipelineP } = require('node:stream/promises');
const zlib = require('node:zlib');
const { StringDecoder } = require('node:string_decoder');
(async () => {
  const r = new Readable({ read() {} });
  r.push('a'); r.push('b'); r.push(null);
  const got = [];
  r.on('data', (c) => got.push(String(c)));
  await new Promise((res) => r.on('end', res));
  console.log('flowing', got, r.readableEnded);
  const paused = new Readable({ read() {} });
  paused.push('xy'); paused.push('z'); paused.push(null);
  await new Promise((res) => paused.once('readable', res));
  console.log('paused read', String(paused.read(2)), String(paused.read()), paused.read());
  const objs = [];
  for await (const o of Readable.from([{ n: 1 }, { n: 2 }, 3])) objs.push(o);
  console.log('from', JSON.stringify(objs));
  const dec = Readable.from([Buffer.from([0xe2, 0x82]), Buffer.from([0xac, 0x21])], { objectMode: false });
  dec.setEncoding('utf8');
  let text = '';
  for await (const c of dec) text += c;
  console.log('encoding', text);
  // backpressure
  const seen = [];
  const slow = new Writable({ highWaterMark: 4, write(chunk, enc, cb) { seen.push(String(chunk)); setTimeout(cb, 1); } });
  console.log('write returns', slow.write('12'), slow.write('34'), slow.writableNeedDrain);
  await new Promise((res) => slow.once('drain', res));
  slow.end('5');
  await new Promise((res) => slow.on('finish', res));
  console.log('drained', seen.join(','), slow.writableFinished);
  const upper = new Transform({ transform(c, e, cb) { cb(null, String(c).toUpperCase()); }, flush(cb) { this.push('!'); cb(); } });
  const out = [];
  await pipelineP(Readable.from(['a', 'b']), upper, new Writable({ write(c, e, cb) { out.push(String(c)); cb(); } }));
  console.log('pipeline', out.join(''));
  await new Promise((res) => {
    pipeline(Readable.from(['x']), new Transform({ transform(c, e, cb) { cb(new Error('bad chunk')); } }), new PassThrough(), (err) => {
      console.log('pipeline error', err && err.message);
      res();
    });
  });
  const pt = new PassThrough();
  finished(pt, (err) => console.log('finished', err));
  pt.end('done');
  pt.resume();
  await new Promise((res) => setTimeout(res, 10));
  const w = new Writable({ write(c, e, cb) { cb(new Error('write failed')); } });
  w.on('error', (e) => console.log('writable error', e.message, w.destroyed));
  w.write('x');
  await new Promise((res) => setTimeout(res, 10));
  // zlib
  const input = Buffer.from('hello hello hello hello '.repeat(50));
  for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync']]) {
    const packed = zlib[c](input);
    console.log(c, packed.length < input.length, zlib[d](packed).equals(input));
  }
  console.log('unzip', zlib.unzipSync(zlib.gzipSync('g')).toString(), zlib.unzipSync(zlib.deflateSync('d')).toString());
  try { zlib.gunzipSync(Buffer.from('not gzip')); } catch (e) { console.log('zlib error', e.code); }
  const gz = await new Promise((res) => zlib.gzip('cb', (err, b) => res(b)));
  console.log('callback', zlib.gunzipSync(gz).toString());
  const parts = [];
  await pipelineP(Readable.from([input.subarray(0, 100), input.subarray(100)]), zlib.createGzip(), zlib.createGunzip(), new Writable({ write(c, e, cb) { parts.push(c); cb(); } }));
  console.log('stream zlib', Buffer.concat(parts).equals(input));
  // string_decoder
  const sd = new StringDecoder('utf8');
  const euro = Buffer.from('€');
  console.log(JSON.stringify([sd.write(euro.subarray(0, 1)), sd.write(euro.subarray(1)), sd.end()]));
  const b64 = new StringDecoder('base64');
  console.log(b64.write(Buffer.from('ab')), b64.end(Buffer.from('c')));
  const u16 = new StringDecoder('utf16le');
  console.log(JSON.stringify(u16.write(Buffer.from([0x61, 0x00, 0x62])) + u16.end(Buffer.from([0x00]))));
})();
