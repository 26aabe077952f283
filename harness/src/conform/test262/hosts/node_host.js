// dyno's test262 host for node (and runtimes with node:vm): reads one JSON request per
// stdin line, runs the composed test in a fresh vm context with print and $262, and
// answers one JSON line. Written by dyno into a private directory at run time.
'use strict';
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');
let Worker;
try { ({ Worker } = require('node:worker_threads')); } catch {}
const hasModules = typeof vm.SourceTextModule === 'function';

function describe(err, phase) {
  let name = null;
  let message = '';
  if (err !== null && (typeof err === 'object' || typeof err === 'function')) {
    try { name = err.constructor && err.constructor.name ? err.constructor.name : String(err.name); } catch { name = null; }
    try { message = String(err.message); } catch { message = '(message threw)'; }
  } else {
    try { message = String(err); } catch { message = '(value cannot be stringified)'; }
  }
  return { phase, name, message };
}

// ---- agents: workers sharing memory; reports go through a shared mailbox --------
// The main thread must read reports synchronously (getReport is polled in a loop), so
// agents write them into shared memory: slot i holds one report as UTF-16 with its
// length, and a ready flag that Atomics publishes.
const SLOTS = 256;
const SLOT_CHARS = 1024;
let agents = [];
let mailbox = null;
let nextReport = 0;
function newMailbox() {
  const sab = new SharedArrayBuffer(4 * (1 + 2 * SLOTS) + 2 * SLOTS * SLOT_CHARS);
  return { sab, header: new Int32Array(sab, 0, 1 + 2 * SLOTS), chars: new Uint16Array(sab, 4 * (1 + 2 * SLOTS)) };
}
const AGENT_PRELUDE = `
  const { parentPort, workerData } = require('node:worker_threads');
  const header = new Int32Array(workerData.sab, 0, 1 + 2 * ${SLOTS});
  const chars = new Uint16Array(workerData.sab, 4 * (1 + 2 * ${SLOTS}));
  let receiver = null;
  globalThis.print = () => {};
  globalThis.$262 = { agent: {
    receiveBroadcast(cb) { receiver = cb; },
    report(v) {
      const s = String(v).slice(0, ${SLOT_CHARS});
      const i = Atomics.add(header, 0, 1);
      if (i >= ${SLOTS}) return;
      for (let k = 0; k < s.length; k++) chars[i * ${SLOT_CHARS} + k] = s.charCodeAt(k);
      header[1 + 2 * i + 1] = s.length;
      Atomics.store(header, 1 + 2 * i, 1);
    },
    leaving() {},
    sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); },
    monotonicNow() { return performance.timeOrigin + performance.now(); },
  } };
  parentPort.on('message', (m) => {
    Atomics.add(m.ack, 0, 1);
    Atomics.notify(m.ack, 0);
    if (receiver) receiver(m.sab, m.id);
  });
`;
function agentApi() {
  return {
    start(src) {
      if (!Worker) throw new Error('no worker_threads');
      if (mailbox === null) mailbox = newMailbox();
      const w = new Worker(AGENT_PRELUDE + String(src), { eval: true, workerData: { sab: mailbox.sab } });
      w.on('error', () => {});
      agents.push(w);
    },
    broadcast(sab, id) {
      const ack = new Int32Array(new SharedArrayBuffer(4));
      for (const w of agents) w.postMessage({ sab, id, ack });
      const deadline = Date.now() + 10000;
      let seen;
      while ((seen = Atomics.load(ack, 0)) < agents.length && Date.now() < deadline) Atomics.wait(ack, 0, seen, 10);
    },
    getReport() {
      if (mailbox === null || nextReport >= SLOTS) return null;
      if (Atomics.load(mailbox.header, 1 + 2 * nextReport) !== 1) return null;
      const len = mailbox.header[1 + 2 * nextReport + 1];
      const start = nextReport * SLOT_CHARS;
      nextReport++;
      return String.fromCharCode.apply(null, mailbox.chars.subarray(start, start + len));
    },
    sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); },
    monotonicNow() { return performance.timeOrigin + performance.now(); },
  };
}

// ---- realms --------------------------------------------------------------------------
function makeRealm(printed) {
  const context = vm.createContext({});
  const global = vm.runInContext('this', context);
  const host = {
    global,
    gc: typeof globalThis.gc === 'function' ? () => globalThis.gc() : () => { throw new Error('gc not exposed'); },
    createRealm: () => makeRealm(printed).host,
    evalScript: (src) => new vm.Script(String(src), { filename: 'evalScript' }).runInContext(context),
    detachArrayBuffer: (buffer) => { structuredClone(buffer, { transfer: [buffer] }); },
    agent: agentApi(),
  };
  Object.defineProperty(global, 'print', { value: (...a) => { printed.push(a.map(String).join(' ')); }, writable: true, configurable: true });
  Object.defineProperty(global, '$262', { value: host, writable: true, configurable: true });
  return { context, host };
}

// ---- modules ---------------------------------------------------------------------------
function loader(context, mainFile, mainModule) {
  const cache = new Map([[mainFile, mainModule]]);
  return function link(specifier, referencing, extra) {
    const base = referencing && referencing.identifier ? referencing.identifier : mainFile;
    const file = path.resolve(path.dirname(base), specifier);
    let m = cache.get(file);
    if (m) return m;
    const attrs = (extra && (extra.attributes || extra.assert)) || {};
    const text = fs.readFileSync(file, 'utf8');
    if (attrs.type === 'json') {
      const value = JSON.parse(text);
      m = new vm.SyntheticModule(['default'], function () { this.setExport('default', value); }, { context, identifier: file });
    } else {
      m = new vm.SourceTextModule(text, { context, identifier: file, importModuleDynamically: dynamicImport(context, file, cache) });
    }
    cache.set(file, m);
    return m;
  };
}
function dynamicImport(context, file, cache) {
  return async (specifier, referrer, attributes) => {
    const link = loader(context, file, cache.get(file));
    const m = link(specifier, referrer, { attributes });
    if (m.status === 'unlinked') await m.link(link);
    if (m.status === 'linked') await m.evaluate();
    return m;
  };
}

async function settle(printed, isAsync, deadline) {
  // Let promise jobs and timers run; async tests until they print a verdict.
  for (;;) {
    await new Promise((r) => setImmediate(r));
    if (!isAsync) return false;
    if (printed.some((l) => l.startsWith('Test262:AsyncTest'))) return false;
    if (Date.now() > deadline) return true;
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function run(req) {
  const printed = [];
  const { context } = makeRealm(printed);
  const timeout = req.timeout_ms || 10000;
  const deadline = Date.now() + timeout;
  let error = null;
  let timedOut = false;
  try {
    if (req.module) {
      let mod;
      try {
        mod = new vm.SourceTextModule(req.source, { context, identifier: req.file });
      } catch (e) {
        return { error: describe(e, 'parse'), stdout: '', timed_out: false };
      }
      try {
        await mod.link(loader(context, req.file, mod));
      } catch (e) {
        return { error: describe(e, 'resolution'), stdout: '', timed_out: false };
      }
      try {
        await mod.evaluate({ timeout });
      } catch (e) {
        if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') timedOut = true;
        else error = describe(e, 'runtime');
      }
    } else {
      let script;
      try {
        const options = { filename: req.file };
        if (hasModules) options.importModuleDynamically = dynamicImport(context, req.file, new Map());
        script = new vm.Script(req.source, options);
      } catch (e) {
        return { error: describe(e, 'parse'), stdout: '', timed_out: false };
      }
      try {
        script.runInContext(context, { timeout });
      } catch (e) {
        if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') timedOut = true;
        else error = describe(e, 'runtime');
      }
    }
    if (!error && !timedOut) timedOut = await settle(printed, req.async, deadline);
  } finally {
    for (const w of agents) w.terminate();
    agents = [];
    mailbox = null;
    nextReport = 0;
  }
  return { error, stdout: printed.length ? printed.join('\n') + '\n' : '', timed_out: timedOut };
}

const caps = { modules: hasModules, gc: typeof globalThis.gc === 'function', agent: typeof Worker === 'function' };
let buffer = '';
let queue = Promise.resolve();
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let nl;
  while ((nl = buffer.indexOf('\n')) >= 0) {
    const line = buffer.slice(0, nl);
    buffer = buffer.slice(nl + 1);
    if (!line.trim()) continue;
    queue = queue.then(async () => {
      const started = performance.now();
      let answer;
      try {
        const req = JSON.parse(line);
        answer = req.probe ? { caps } : await run(req);
      } catch (e) {
        answer = { error: { phase: 'harness', name: null, message: String(e && e.stack || e) }, stdout: '', timed_out: false };
      }
      answer.duration_ms = performance.now() - started;
      process.stdout.write(JSON.stringify(answer) + '\n');
    });
  }
});
process.on('uncaughtException', () => {});
process.on('unhandledRejection', () => {});
