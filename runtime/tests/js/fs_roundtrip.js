// node:fs in a temp dir: callbacks, *Sync and promises; mkdir -p, readdir (with file
// types), stat, rename, copyFile, appendFile, rm -r, FileHandle, streams, and errors
// with Node's codes and messages (paths shown relative to the temp dir).
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const os = require('node:os');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dyno-fs-'));
const rel = (s) => String(s).split(root).join('<tmp>');
const show = (e) => console.log('error', e.code, e.syscall, rel(e.message), e instanceof Error, typeof e.errno);
(async () => {
  const a = path.join(root, 'a.txt');
  fs.writeFileSync(a, 'hello');
  fs.appendFileSync(a, ' world');
  console.log(fs.readFileSync(a, 'utf8'), fs.readFileSync(a).length, fs.existsSync(a), fs.existsSync(a + 'x'));
  console.log(rel(fs.mkdirSync(path.join(root, 'd/e/f'), { recursive: true })), fs.mkdirSync(path.join(root, 'd/e/f'), { recursive: true }));
  fs.writeFileSync(path.join(root, 'd/e/g.bin'), Buffer.from([1, 2, 3]));
  console.log(fs.readdirSync(path.join(root, 'd/e')).sort(), fs.readdirSync(path.join(root, 'd'), { withFileTypes: true }).map((d) => [d.name, d.isDirectory(), d.isFile()]));
  console.log('recursive', fs.readdirSync(path.join(root, 'd'), { recursive: true }).sort(), (await fsp.readdir(path.join(root, 'd'), { recursive: true, withFileTypes: true })).map((e) => `${rel(e.parentPath)}:${e.name}:${e.isFile()}`).sort());
  const st = fs.statSync(a);
  console.log(st.isFile(), st.isDirectory(), st.size, st.mtime instanceof Date, st.mtimeMs > 0, fs.statSync(root).isDirectory());
  for (const f of [() => fs.readFileSync(path.join(root, 'missing')), () => fs.mkdirSync(path.join(root, 'd')), () => fs.rmdirSync(path.join(root, 'd')), () => fs.readdirSync(a), () => fs.openSync(path.join(root, 'nope/x'), 'r')]) {
    try { f(); } catch (e) { show(e); }
  }
  try { fs.renameSync(path.join(root, 'missing'), path.join(root, 'b')); } catch (e) { show(e); console.log(rel(e.dest)); }
  await new Promise((resolve) => fs.readFile(path.join(root, 'missing'), (err, data) => { show(err); console.log(data); resolve(); }));
  await new Promise((resolve) => fs.writeFile(path.join(root, 'cb.txt'), 'cb data', (err) => { console.log('write cb', err); resolve(); }));
  await new Promise((resolve) => fs.readFile(path.join(root, 'cb.txt'), 'utf8', (err, data) => { console.log('read cb', err, data); resolve(); }));
  await new Promise((resolve) => fs.stat(path.join(root, 'cb.txt'), (err, s) => { console.log('stat cb', err, s.size); resolve(); }));
  await fsp.copyFile(path.join(root, 'cb.txt'), path.join(root, 'copy.txt'));
  try { await fsp.copyFile(path.join(root, 'cb.txt'), path.join(root, 'copy.txt'), fs.constants.COPYFILE_EXCL); } catch (e) { show(e); }
  await fsp.rename(path.join(root, 'copy.txt'), path.join(root, 'moved.txt'));
  console.log(await fsp.readFile(path.join(root, 'moved.txt'), 'utf8'), (await fsp.readdir(root)).sort());
  await fsp.appendFile(path.join(root, 'moved.txt'), '!');
  await fsp.unlink(path.join(root, 'cb.txt'));
  try { await fsp.access(path.join(root, 'cb.txt')); } catch (e) { show(e); }
  const fh = await fsp.open(path.join(root, 'fh.txt'), 'w+');
  await fh.write('0123456789');
  const buf = Buffer.alloc(4);
  const { bytesRead } = await fh.read(buf, 0, 4, 3);
  console.log('filehandle', typeof fh.fd, bytesRead, buf.toString(), (await fh.stat()).size);
  await fh.close();
  const rfd = fs.openSync(path.join(root, 'moved.txt'), 'r');
  console.log('read by fd', fs.readFileSync(rfd, 'utf8'));
  fs.closeSync(rfd);
  const fd = fs.openSync(path.join(root, 'fd.txt'), 'w');
  fs.writeSync(fd, 'abc');
  fs.writeSync(fd, Buffer.from('def'));
  fs.closeSync(fd);
  console.log(fs.readFileSync(path.join(root, 'fd.txt'), 'latin1'), fs.readFileSync(path.join(root, 'fd.txt'), 'hex'), fs.readFileSync(path.join(root, 'fd.txt'), 'base64'));
  // streams: 200 KiB through a write stream, then read back in chunks
  const big = path.join(root, 'big.bin');
  await new Promise((resolve, reject) => {
    const ws = fs.createWriteStream(big);
    for (let i = 0; i < 200; i++) ws.write(Buffer.alloc(1024, i % 256));
    ws.end(() => resolve());
    ws.on('error', reject);
  });
  let total = 0;
  let chunks = 0;
  for await (const chunk of fs.createReadStream(big, { highWaterMark: 65536 })) {
    total += chunk.length;
    chunks++;
  }
  console.log('stream', total, chunks, fs.statSync(big).size);
  const ranged = await new Promise((resolve) => {
    let s = '';
    fs.createReadStream(path.join(root, 'fd.txt'), { start: 1, end: 3, encoding: 'utf8' }).on('data', (c) => (s += c)).on('end', () => resolve(s));
  });
  console.log('range', ranged);
  fs.createReadStream(path.join(root, 'none')).on('error', (e) => console.log('stream error', e.code));
  await new Promise((r) => setTimeout(r, 20));
  try { fs.rmSync(path.join(root, 'd')); } catch (e) { console.log('rm dir', e.code); }
  fs.rmSync(path.join(root, 'd'), { recursive: true });
  fs.rmSync(path.join(root, 'd'), { recursive: true, force: true });
  console.log(fs.existsSync(path.join(root, 'd')));
  fs.rmSync(root, { recursive: true });
  console.log('cleaned', fs.existsSync(root));
})();
