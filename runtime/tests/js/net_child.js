// node:net TCP echo on port 0 (connect, data, half-close, close, server close with its
// callback, EADDRINUSE on the 'error' event) and node:child_process (spawn with pipes and
// exit codes, signals, exec/execFile with errors, the Sync forms, spawn ENOENT), run one
// after another so the output order is fixed. node:os basics.
const net = require('node:net');
const cp = require('node:child_process');
const os = require('node:os');
const step = (f) => new Promise(f);
(async () => {
  await step((done) => {
    const server = net.createServer((sock) => {
      sock.setEncoding('utf8');
      let got = '';
      sock.on('data', (d) => (got += d));
      sock.on('end', () => sock.end(`echo:${got.toUpperCase()}`));
    });
    server.listen(0, '127.0.0.1', () => {
      const { port, family, address } = server.address();
      console.log('listening', typeof port, family, address);
      const c = net.connect({ port, host: '127.0.0.1' }, () => {
        console.log('connect', c.remoteAddress, c.remotePort === port);
        c.write('hello ');
        c.end('tcp');
      });
      let reply = '';
      c.on('data', (d) => (reply += d));
      c.on('end', () => console.log('reply', reply));
      c.on('close', () => {
        const again = net.createServer();
        again.on('error', (e) => {
          console.log('second listen', e.code, e.syscall);
          server.close(() => { console.log('server closed'); done(); });
        });
        again.listen(port, '127.0.0.1');
      });
    });
  });
  await step((done) => {
    const c = net.connect(1, '127.0.0.1');
    c.on('error', (e) => { console.log('refused', e.code, e.syscall); done(); });
  });
  console.log('isIP', net.isIP('10.0.0.1'), net.isIP('::ffff:1.2.3.4'), net.isIP('256.1.1.1'), net.isIPv4('1.2.3'), net.isIPv6('::'));
  await step((done) => {
    const child = cp.spawn('sh', ['-c', 'read x; echo "got $x"; echo oops >&2; exit 3']);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => console.log('exit', code, signal));
    child.on('close', (code) => { console.log('close', code, JSON.stringify(out), JSON.stringify(err), typeof child.pid); done(); });
    child.stdin.end('line\n');
  });
  await step((done) => {
    const child = cp.spawn('sleep', ['5']);
    child.on('exit', (code, signal) => { console.log('killed', code, signal, child.killed); done(); });
    child.kill('SIGKILL');
  });
  await step((done) => cp.exec('echo exec; exit 2', (err, stdout, stderr) => { console.log('exec', err.code, JSON.stringify(stdout), stderr); done(); }));
  await step((done) => cp.execFile('printf', ['%s-%s', 'a', 'b'], (err, stdout) => { console.log('execFile', err, stdout); done(); }));
  await step((done) => {
    const c = cp.spawn('/definitely/not/a/binary');
    c.on('error', (e) => { console.log('spawn error', e.code, e.syscall, e.path); done(); });
  });
  console.log('execSync', cp.execSync('echo $((6*7))', { encoding: 'utf8' }).trim());
  const r = cp.spawnSync('sh', ['-c', 'cat; exit 5'], { input: 'fed' });
  console.log('spawnSync', r.status, r.signal, r.stdout.toString(), Buffer.isBuffer(r.stderr));
  try { cp.execFileSync('sh', ['-c', 'exit 9'], { stdio: 'pipe' }); } catch (e) { console.log('execFileSync', e.status); }
  console.log('env', cp.execSync('echo $DYNO_TEST_VAR', { env: { DYNO_TEST_VAR: 'set', PATH: process.env.PATH } }).toString().trim());
  console.log('os', os.EOL === '\n', os.platform(), typeof os.hostname(), os.cpus().length > 0, os.totalmem() > os.freemem(), os.tmpdir().length > 0, os.homedir() === process.env.HOME, os.endianness());
  console.log('interfaces', Object.values(os.networkInterfaces()).flat().some((i) => i.address === '127.0.0.1' && i.internal));
})();
