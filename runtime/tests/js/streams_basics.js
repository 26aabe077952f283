// Web streams: iteration, tee, from, writable with a count strategy, transform and
// pipeThrough, text encoder/decoder and gzip streams chained, a BYOB read, errors,
// pipeTo with and without an abort signal, cancel.
(async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const out = []; for await (const x of rs) out.push(x); console.log(out);
  const [a, b] = ReadableStream.from([1, 2, 3]).tee();
  const ra = []; for await (const x of a) ra.push(x); const rb = []; for await (const x of b) rb.push(x); console.log(ra, rb);
  const chunks = [];
  const ws = new WritableStream({ write(c) { chunks.push(c); }, close() { chunks.push('closed'); } }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const w = ws.getWriter(); console.log(w.desiredSize); await w.write('x'); await w.write('y'); await w.close(); console.log(chunks);
  const ts = new TransformStream({ transform(ch, c) { c.enqueue(String(ch).toUpperCase()); } });
  const piped = ReadableStream.from(['a', 'b']).pipeThrough(ts);
  const got = []; for await (const x of piped) got.push(x); console.log(got);
  const enc = ReadableStream.from(['héllo ', 'wörld']).pipeThrough(new TextEncoderStream()).pipeThrough(new CompressionStream('gzip')).pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
  let txt = ''; for await (const x of enc) txt += x; console.log(txt);
  const bs = new ReadableStream({ type: 'bytes', pull(c) { const v = c.byobRequest.view; v[0] = 7; v[1] = 8; c.byobRequest.respond(2); c.close(); } });
  const r = bs.getReader({ mode: 'byob' }); const res = await r.read(new Uint8Array(4)); console.log(res.value, res.done);
  const res2 = await r.read(new Uint8Array(4)); console.log(res2.value, res2.done);
  const errd = new ReadableStream({ start(c) { c.error(new Error('boom')); } });
  try { await errd.getReader().read(); } catch (e) { console.log('err', e.message); }
  const dst = []; await ReadableStream.from(['p', 'q']).pipeTo(new WritableStream({ write(c) { dst.push(c); } })); console.log(dst);
  const ac = new AbortController();
  const never = new ReadableStream({});
  const pp = never.pipeTo(new WritableStream(), { signal: ac.signal }); ac.abort(); try { await pp } catch (e) { console.log(e.name) }
  console.log(new ByteLengthQueuingStrategy({ highWaterMark: 16 }).size(new Uint8Array(5)));
  const rs2 = new ReadableStream({ pull(c) { c.enqueue(1); } }, { highWaterMark: 3 });
  await new Promise((r) => setTimeout(r, 5)); console.log(rs2.locked);
  const rdr = rs2.getReader(); console.log(await rdr.read()); rdr.releaseLock(); await rs2.cancel('bye'); console.log('cancelled');
  // abort and errors through a TransformStream, a writable's abort, a failing sink
  const t2 = new TransformStream({ transform() { throw new Error('transform failed'); } });
  const w2 = t2.writable.getWriter();
  const read2 = t2.readable.getReader().read().catch((e) => console.log('readable errored', e.message));
  await w2.write('x').catch((e) => console.log('write rejected', e.message));
  await read2;
  const t3 = new TransformStream({ cancel(r) { console.log('transformer cancel', r); } });
  await t3.readable.cancel('stop');
  await t3.writable.getWriter().write('y').catch((e) => console.log('write after cancel', e));
  const aborted = [];
  const w4 = new WritableStream({ write(c) { aborted.push(c); }, abort(r) { aborted.push(`abort:${r}`); } });
  const writer4 = w4.getWriter();
  await writer4.write('one');
  await writer4.abort('why');
  await writer4.closed.catch((e) => aborted.push(`closed:${e}`));
  console.log(aborted.join(' '));
  const w5 = new WritableStream({ write() { throw new Error('sink failed'); } });
  const writer5 = w5.getWriter();
  await writer5.write('z').catch((e) => console.log('sink error', e.message));
  console.log('desiredSize after error', writer5.desiredSize);
  const t6 = new TransformStream({ flush(c) { c.enqueue('flushed'); } });
  const w6 = t6.writable.getWriter();
  const got6 = [];
  const reading6 = (async () => { for await (const x of t6.readable) got6.push(x); })();
  await w6.write('a');
  await w6.close();
  await reading6;
  console.log(got6);
})();
