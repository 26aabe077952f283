// dynojs bootstrap: evaluated once per realm as `(function (binding) { ... })`.
// It installs the eager globals and returns the hooks the Rust event loop drives.
// The loop's phases (see src/event_loop.rs) call runTimers → poll → runImmediates;
// after every single callback, processTicksAndRejections drains nextTicks, then the
// microtask queue, repeatedly, then reports unhandled rejections — as Node does.
(function (binding) {
  'use strict';
  const G = globalThis;
  const define = (obj, name, value) =>
    Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

  // ---- errors --------------------------------------------------------------
  function codedError(Ctor, code, message) {
    const e = new Ctor(message);
    e.code = code;
    return e;
  }
  function argTypeError(name, expected, actual) {
    let got;
    if (actual == null) got = ` Received ${actual}`;
    else if (typeof actual === 'function') got = ` Received function ${actual.name}`;
    else if (typeof actual === 'object') got = ` Received an instance of ${actual.constructor && actual.constructor.name || 'Object'}`;
    else {
      let shown = String(actual);
      if (shown.length > 28) shown = shown.slice(0, 25) + '...';
      if (typeof actual === 'string') shown = `'${shown}'`;
      got = ` Received type ${typeof actual} (${shown})`;
    }
    return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}.${got}`);
  }
  function validateFunction(fn, name) {
    if (typeof fn !== 'function') throw argTypeError(name, 'of type function', fn);
  }

  // V8's err.stack: "Name: message" then the frames, the head written when the stack is
  // first read (so `this.name = ...` after super() shows). QuickJS-ng builds the stack at
  // construction, and keeps only the frames; when Error.prepareStackTrace is a function it
  // calls it with the error and its CallSites and stores the result as the error's
  // [[ErrorData]] stack, which the Error.prototype.stack getter returns. The default
  // prepareStackTrace below returns the CallSites held in a LazyStack, and the getter
  // formats them on first read into an own data property, as V8 does. Objects that keep an
  // own `stack` (Error.captureStackTrace's target, DOMException) are formatted at once.
  class LazyStack {
    constructor(sites) {
      this.sites = sites;
    }
  }
  function errorHead(err) {
    try {
      const name = err.name === undefined ? 'Error' : String(err.name);
      const message = err.message === undefined ? '' : String(err.message);
      return name === '' ? message : message === '' ? name : `${name}: ${message}`;
    } catch {
      return '<error>';
    }
  }
  // The frame text QuickJS writes itself when no prepareStackTrace is set.
  function frameText(site) {
    const fn = site.getFunctionName();
    if (site.isNative()) return `    at ${fn || '<anonymous>'} (native)`;
    const line = site.getLineNumber();
    const where = `${site.getFileName() ?? '<null>'}${line === -1 ? '' : `:${line}:${site.getColumnNumber()}`}`;
    // A site with no function: the position of a syntax error.
    if (fn === null && site.getFunction() === null) return `    at ${where}`;
    return `    at ${fn || '<anonymous>'} (${where})`;
  }
  function formatStack(err, sites) {
    let out = errorHead(err);
    for (const site of sites) out += `\n${frameText(site)}`;
    return out;
  }
  let capturing = 0;
  function installStacks() {
    const proto = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
    if (!proto || typeof proto.get !== 'function') return;
    const nativeGet = proto.get;
    const isError = Error.isError;
    function prepareStackTrace(err, sites) {
      return capturing === 0 && isError(err) ? new LazyStack(sites) : formatStack(err, sites);
    }
    Error.prepareStackTrace = prepareStackTrace;
    Object.defineProperty(Error.prototype, 'stack', {
      get() {
        const v = nativeGet.call(this);
        if (!(v instanceof LazyStack)) return v;
        const text = formatStack(this, v.sites);
        Object.defineProperty(this, 'stack', { value: text, writable: true, configurable: true, enumerable: false });
        return text;
      },
      set: proto.set,
      configurable: true,
      enumerable: false,
    });
    const capture = Error.captureStackTrace;
    Object.defineProperty(Error, 'captureStackTrace', {
      value: function captureStackTrace(target, constructorOpt) {
        capturing++;
        try {
          // Without a constructorOpt the frames start below this wrapper, as below the native.
          return capture(target, constructorOpt === undefined ? captureStackTrace : constructorOpt);
        } finally {
          capturing--;
        }
      },
      writable: true,
      configurable: true,
    });
  }

  // QuickJS-ng's CallSite (Error.prepareStackTrace) has the position getters; V8's has
  // more, and libraries such as depd (Express) call them. Fill in the rest.
  function completeCallSites() {
    const saved = Error.prepareStackTrace;
    let site;
    Error.prepareStackTrace = (_, sites) => sites;
    try {
      const holder = {};
      Error.captureStackTrace(holder);
      site = holder.stack && holder.stack[0];
    } finally {
      Error.prepareStackTrace = saved;
    }
    const proto = site && Object.getPrototypeOf(site);
    if (!proto) return;
    const add = {
      isEval: () => false,
      isToplevel() { return this.getFunctionName() === null; },
      isAsync: () => false,
      isPromiseAll: () => false,
      getPromiseIndex: () => null,
      getThis: () => undefined,
      getTypeName: () => null,
      getMethodName: () => null,
      getEvalOrigin: () => undefined,
      getScriptNameOrSourceURL() { return this.getFileName(); },
      getScriptHash: () => '',
      getEnclosingColumnNumber: () => null,
      getEnclosingLineNumber: () => null,
      getPosition: () => 0,
      toString() {
        const where = `${this.getFileName() ?? '<anonymous>'}:${this.getLineNumber()}:${this.getColumnNumber()}`;
        const name = this.getFunctionName();
        return name ? `${name} (${where})` : where;
      },
    };
    for (const [k, fn] of Object.entries(add)) {
      if (!(k in proto)) Object.defineProperty(proto, k, { value: fn, writable: true, configurable: true });
    }
  }

  // ---- lazily loaded internals ----------------------------------------------
  const builtinCache = new Map();
  function internal(name) {
    let m = builtinCache.get(name);
    if (m === undefined) {
      if (name === 'process') m = process;
      else if (name === 'assert/strict') m = internal('assert').strict;
      else if (name === 'fs/promises') m = internal('fs').promises;
      else if (name === 'stream/promises') m = internal('stream').promises;
      else if (name === 'stream/web') m = internal('internal/streams');
      else if (name === 'module') m = internal('internal/cjs').Module;
      else m = binding.loadBuiltin(name)(binding, internals);
      builtinCache.set(name, m);
    }
    return m;
  }
  const inspect = (v, o) => internal('internal/inspect').inspect(v, o);
  const format = (...a) => internal('internal/inspect').format(...a);

  // ---- nextTick queue and the microtask checkpoint --------------------------
  let ticks = [];
  let tickHead = 0;
  function nextTick(callback, ...args) {
    validateFunction(callback, 'callback');
    if (process._exiting) return;
    // Natively dispatched callbacks (src/serve.rs) drain only after this mark.
    if (tickHead === ticks.length) binding.ticksQueued();
    ticks.push(callback, args.length ? args : undefined);
  }
  function runTicks() {
    if (tickHead === ticks.length) return;
    while (tickHead < ticks.length) {
      const cb = ticks[tickHead];
      const args = ticks[tickHead + 1];
      ticks[tickHead] = ticks[tickHead + 1] = undefined;
      tickHead += 2;
      try {
        if (args === undefined) cb(); else cb(...args);
      } catch (err) {
        uncaught(err);
      }
    }
    ticks = [];
    tickHead = 0;
  }
  function runMicrotasks() {
    try {
      binding.runMicrotasks();
    } catch (err) {
      // A queueMicrotask callback threw: Node treats it as an uncaught exception.
      uncaught(err);
      runMicrotasks();
    }
  }
  function processTicksAndRejections() {
    do {
      runTicks();
      runMicrotasks();
    } while (tickHead < ticks.length || (pendingRejections.length > 0 && processPromiseRejections()));
  }
  function queueMicrotask(callback) {
    validateFunction(callback, 'callback');
    binding.enqueueJob(callback);
  }

  // ---- unhandled rejections (Node's default mode: throw) ---------------------
  const maybeUnhandled = new WeakMap();
  let pendingRejections = [];
  let reportedError;
  let hasReported = false;
  function onRejection(promise, reason, handled) {
    if (!handled) {
      maybeUnhandled.set(promise, { reason, warned: false });
      pendingRejections.push(promise);
    } else {
      const info = maybeUnhandled.get(promise);
      if (info !== undefined) {
        maybeUnhandled.delete(promise);
        if (info.warned) process.emit('rejectionHandled', promise);
      }
    }
  }
  function processPromiseRejections() {
    let emitted = false;
    while (pendingRejections.length) {
      const list = pendingRejections;
      pendingRejections = [];
      for (const promise of list) {
        const info = maybeUnhandled.get(promise);
        if (info === undefined) continue;
        info.warned = true;
        const { reason } = info;
        // quickjs-ng also reports a top-level throw through its module promise.
        if (hasReported && reason === reportedError) continue;
        if (process.listenerCount('unhandledRejection') > 0) {
          process.emit('unhandledRejection', reason, promise);
          emitted = true;
          continue;
        }
        let err = reason;
        if (!(reason instanceof Error)) {
          err = codedError(Error, 'ERR_UNHANDLED_REJECTION',
            'This error originated either by throwing inside of an async function without a catch block, ' +
            'or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "' +
            inspect(reason) + '".');
          err.name = 'UnhandledPromiseRejection';
        }
        uncaught(err, true);
        emitted = true;
      }
    }
    return emitted && (tickHead < ticks.length);
  }

  // ---- uncaught exceptions ----------------------------------------------------
  // Node's uncaught-error report: the throwing line with a caret, then inspect(err).
  function sourceHeader(err) {
    if (typeof err.stack !== 'string') return '';
    const m = /^\s*at (?:.*? \()?(\/[^():]+|\[eval\]):(\d+):(\d+)\)?$/m.exec(err.stack);
    if (!m) return '';
    const [, file, line, col] = m;
    let text = '';
    try {
      text = (file === '[eval]' ? internals.evalSource || '' : binding.readFile(file)).split('\n')[line - 1] || '';
    } catch {}
    if (text === '') return `${file}:${line}\n\n`;
    return `${file}:${line}\n${text}\n${' '.repeat(Math.max(0, col - 1))}^\n\n`;
  }
  function formatError(err) {
    if (!(err instanceof Error)) return `Uncaught ${inspect(err)}`;
    // Node's internal errors carry their code in the name: "Error [ERR_X]: ...".
    const coded = typeof err.code === 'string' && /^(ERR_|MODULE_NOT_FOUND)/.test(err.code) &&
      err.code !== 'ERR_UNHANDLED_REJECTION';
    const name = coded ? `${err.name} [${err.code}]` : String(err.name);
    const head = err.message ? `${name}: ${err.message}` : name;
    const frames = typeof err.stack === 'string' ? err.stack.replace(/\n$/, '') : '';
    // The stack's own head (see installStacks) gets the code too; a stack of frames only
    // (a custom prepareStackTrace) gets the head; an error from native code has no frames.
    const plain = errorHead(err);
    let stack = frames;
    if (frames === '') stack = head;
    else if (/^\s+at /.test(frames)) stack = `${head}\n${frames}`;
    else if (coded && (frames === plain || frames.startsWith(`${plain}\n`))) stack = head + frames.slice(plain.length);
    const saved = Object.getOwnPropertyDescriptor(err, 'stack');
    Object.defineProperty(err, 'stack', { value: stack, configurable: true, writable: true, enumerable: false });
    try {
      return sourceHeader(err) + inspect(err);
    } finally {
      if (saved) Object.defineProperty(err, 'stack', saved);
      else delete err.stack;
    }
  }
  function uncaught(err, fromPromise) {
    if (process._exiting) return;
    if (process.listenerCount('uncaughtException') > 0) {
      process.emit('uncaughtException', err, fromPromise ? 'unhandledRejection' : 'uncaughtException');
      return;
    }
    hasReported = true;
    reportedError = err;
    let text;
    try {
      text = formatError(err);
    } catch {
      text = 'Uncaught exception (its description threw)';
    }
    binding.write(2, `${text}\n\ndynojs ${process.version}\n`);
    process.exitCode = 1;
    try {
      process._exiting = true;
      process.emit('exit', 1);
    } catch (e) {
      binding.write(2, `${formatError(e)}\n`);
    }
    binding.exit(1);
  }
  function reportError(err) {
    uncaught(err);
  }

  // ---- timers ---------------------------------------------------------------
  // As in Node: one FIFO list per duration (a timer's expiry is its start plus its
  // duration, and starts never decrease, so each list is sorted), and a binary min-heap
  // of lists keyed by (expiry of the list's first timer, list id). Timers fire in
  // deadline order, equal deadlines in insertion order within a duration. Cancelled and
  // refreshed entries are skipped lazily.
  const lists = new Map();
  const listHeap = [];
  let listSeq = 0;
  let timerSeq = 0;
  let timerIdCounter = 0;
  let refedTimers = 0;
  let loopNow = binding.now();
  const knownTimersById = new Map();
  const TIMEOUT_MAX = 2 ** 31 - 1;
  const listLess = (a, b) => a.expiry < b.expiry || (a.expiry === b.expiry && a.id < b.id);
  function siftUp(i) {
    const item = listHeap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = listHeap[p];
      if (!listLess(item, parent)) break;
      listHeap[i] = parent;
      i = p;
    }
    listHeap[i] = item;
  }
  function siftDown(i) {
    const n = listHeap.length;
    const item = listHeap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && listLess(listHeap[r], listHeap[l]) ? r : l;
      if (!listLess(listHeap[c], item)) break;
      listHeap[i] = listHeap[c];
      i = c;
    }
    listHeap[i] = item;
  }
  function removeTopList() {
    const last = listHeap.pop();
    if (listHeap.length) {
      listHeap[0] = last;
      siftDown(0);
    }
  }
  function insertTimer(t, start) {
    t._idleStart = start;
    t._expiry = start + t._idleTimeout;
    const seq = (t._seq = ++timerSeq);
    let list = lists.get(t._idleTimeout);
    if (list === undefined) {
      list = { duration: t._idleTimeout, items: [], seqs: [], head: 0, expiry: t._expiry, id: ++listSeq };
      lists.set(t._idleTimeout, list);
      listHeap.push(list);
      siftUp(listHeap.length - 1);
    }
    list.items.push(t);
    list.seqs.push(seq);
  }

  class Timeout {
    constructor(callback, after, args, isRepeat) {
      after = Number(after);
      if (!(after >= 1 && after <= TIMEOUT_MAX)) {
        if (after > TIMEOUT_MAX) {
          process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
        }
        after = 1;
      }
      this._idleTimeout = after;
      this._onTimeout = callback;
      this._timerArgs = args;
      this._repeat = isRepeat ? after : null;
      this._destroyed = false;
      this._refed = true;
      this._id = ++timerIdCounter;
      refedTimers++;
      insertTimer(this, loopNow);
    }
    _clear() {
      if (this._destroyed) return;
      this._destroyed = true;
      if (this._refed) refedTimers--;
      knownTimersById.delete(this._id);
    }
    ref() {
      if (!this._refed && !this._destroyed) refedTimers++;
      this._refed = true;
      return this;
    }
    unref() {
      if (this._refed && !this._destroyed) refedTimers--;
      this._refed = false;
      return this;
    }
    hasRef() {
      return this._refed;
    }
    refresh() {
      // The old list entry is superseded: its seq no longer matches.
      if (!this._destroyed) insertTimer(this, binding.now());
      return this;
    }
    close() {
      this._clear();
      return this;
    }
    [Symbol.toPrimitive]() {
      knownTimersById.set(this._id, this);
      return this._id;
    }
  }
  function setTimeout(callback, after, ...args) {
    validateFunction(callback, 'callback');
    return new Timeout(callback, after, args.length ? args : undefined, false);
  }
  function setInterval(callback, repeat, ...args) {
    validateFunction(callback, 'callback');
    return new Timeout(callback, repeat, args.length ? args : undefined, true);
  }
  function clearTimer(timer) {
    if (timer instanceof Timeout) {
      timer._clear();
    } else if (typeof timer === 'number' || typeof timer === 'string') {
      // Node accepts the primitive id from `+timeout`.
      const t = knownTimersById.get(Number(timer));
      if (t !== undefined) t._clear();
    }
  }
  function runTimers(now) {
    loopNow = now;
    while (listHeap.length) {
      const list = listHeap[0];
      if (list.expiry > now) return list.expiry;
      let exhausted = true;
      while (list.head < list.items.length) {
        const t = list.items[list.head];
        if (t._destroyed || t._seq !== list.seqs[list.head]) {
          list.items[list.head] = undefined;
          list.head++;
          continue;
        }
        if (t._expiry > now) {
          list.expiry = t._expiry;
          siftDown(0);
          exhausted = false;
          break;
        }
        list.items[list.head] = undefined;
        list.head++;
        const seq = t._seq;
        let start;
        if (t._repeat !== null) start = binding.now();
        try {
          const args = t._timerArgs;
          if (args === undefined) t._onTimeout(); else t._onTimeout(...args);
        } catch (err) {
          uncaught(err);
        }
        if (t._repeat !== null && !t._destroyed) {
          t._idleTimeout = t._repeat;
          insertTimer(t, start);
        } else if (!t._destroyed && t._seq === seq) {
          // (a timer refreshed inside its own callback was re-inserted and stays)
          t._destroyed = true;
          if (t._refed) refedTimers--;
          knownTimersById.delete(t._id);
        }
        processTicksAndRejections();
      }
      if (exhausted) {
        lists.delete(list.duration);
        removeTopList();
      } else if (list.head > 1024 && list.head * 2 > list.items.length) {
        list.items = list.items.slice(list.head);
        list.seqs = list.seqs.slice(list.head);
        list.head = 0;
      }
    }
    return -1;
  }
  // ---- immediates -------------------------------------------------------------
  let immediates = [];
  let refedImmediates = 0;
  class Immediate {
    constructor(callback, args) {
      this._onImmediate = callback;
      this._argv = args;
      this._destroyed = false;
      this._refed = true;
      refedImmediates++;
    }
    ref() {
      if (!this._refed && !this._destroyed) refedImmediates++;
      this._refed = true;
      return this;
    }
    unref() {
      if (this._refed && !this._destroyed) refedImmediates--;
      this._refed = false;
      return this;
    }
    hasRef() {
      return this._refed;
    }
  }
  function setImmediate(callback, ...args) {
    validateFunction(callback, 'callback');
    const imm = new Immediate(callback, args.length ? args : undefined);
    immediates.push(imm);
    return imm;
  }
  function clearImmediate(imm) {
    if (imm instanceof Immediate && !imm._destroyed) {
      imm._destroyed = true;
      if (imm._refed) refedImmediates--;
    }
  }
  function runImmediates(now) {
    loopNow = now;
    // Immediates queued while running wait for the next turn, as in Node.
    const queue = immediates;
    immediates = [];
    for (const imm of queue) {
      if (imm._destroyed) continue;
      imm._destroyed = true;
      if (imm._refed) refedImmediates--;
      try {
        if (imm._argv === undefined) imm._onImmediate(); else imm._onImmediate(...imm._argv);
      } catch (err) {
        uncaught(err);
      }
      processTicksAndRejections();
    }
  }
  function loopState() {
    // [alive, immediates pending]
    return (refedTimers > 0 || refedImmediates > 0 ? 1 : 0) | (immediates.length ? 2 : 0);
  }

  // ---- I/O requests ------------------------------------------------------------------
  // Each native operation gets an id; its completion arrives in the poll phase.
  const ioCallbacks = new Map();
  let ioId = 0;
  function ioRequest(callback) {
    const id = ++ioId;
    ioCallbacks.set(id, callback);
    return id;
  }
  function systemError(e) {
    return Object.assign(new Error(e.message), { errno: e.errno, code: e.code, syscall: e.syscall, path: e.path });
  }
  // Request handlers of listening node:http servers, by server id.
  const httpServers = new Map();
  // Dynojs.serve servers, whose requests the poll phase hands to their fetch handler
  // itself (src/serve.rs): servers[id] = { fetch, settle, fail, body, origin }, and the
  // shared prototypes and Response symbols, filled by js/http.js on the first serve().
  const serve = { servers: [], shared: null };
  // A request arrives as plain arguments (see request_args in src/event_loop.rs), and
  // the server builds only the objects it needs.
  function dispatchHttp(serverId, id, method, url, httpVersion, rawHeaders, body, bodyStream, remoteAddress, remotePort) {
    const handler = httpServers.get(serverId);
    if (handler === undefined) {
      binding.httpRespond(id, 503, null, [], 'Service Unavailable');
      return;
    }
    try {
      handler(id, method, url, httpVersion, rawHeaders, body, bodyStream, remoteAddress, remotePort);
    } catch (e) {
      uncaught(e);
    }
    // A handler that answered synchronously queued nothing: skip the drain's calls.
    if (tickHead < ticks.length || pendingRejections.length > 0 || binding.jobPending()) processTicksAndRejections();
  }
  // Long-lived native handles (sockets, servers, children, pipes): id → (event, bytes).
  const handles = new Map();
  function dispatchHandle(id, event, bytes) {
    const handler = handles.get(id);
    if (handler !== undefined) {
      try {
        handler(event, bytes);
      } catch (e) {
        uncaught(e);
      }
    }
    processTicksAndRejections();
  }
  function dispatchIo(id, err, value) {
    const callback = ioCallbacks.get(id);
    ioCallbacks.delete(id);
    if (callback === undefined) return;
    try {
      callback(err === null || err === undefined ? null : systemError(err), value);
    } catch (e) {
      uncaught(e);
    }
    processTicksAndRejections();
  }

  // ---- process ------------------------------------------------------------------
  const EventEmitter = () => internal('events');
  const listeners = Object.create(null);
  const process = {
    title: 'dynojs',
    version: `v${binding.version}`,
    versions: { dynojs: binding.version, quickjs: binding.engineVersion, node: '20.0.0' },
    arch: binding.arch,
    platform: binding.platform,
    pid: binding.pid,
    ppid: binding.ppid,
    argv: binding.argv,
    argv0: 'dynojs',
    execArgv: [],
    execPath: binding.execPath,
    // Node's env stores strings: a number assigned is read back as its string.
    env: new Proxy(binding.env, {
      set(target, key, value) {
        target[key] = typeof key === 'string' ? `${value}` : value;
        return true;
      },
      defineProperty(target, key, desc) {
        if ('value' in desc && typeof key === 'string') desc = { ...desc, value: `${desc.value}` };
        return Reflect.defineProperty(target, key, desc);
      },
    }),
    exitCode: undefined,
    _exiting: false,
    release: { name: 'dynojs' },
    features: {},
    config: { variables: {} },
    cwd: () => binding.cwd(),
    chdir: (dir) => binding.chdir(String(dir)),
    umask: () => 0o22,
    uptime: () => binding.now() / 1000,
    hrtime,
    memoryUsage,
    nextTick,
    exit(code) {
      if (code !== undefined) process.exitCode = code;
      const final = toExitCode(process.exitCode);
      if (!process._exiting) {
        process._exiting = true;
        process.emit('exit', final);
      }
      binding.exit(toExitCode(process.exitCode));
    },
    abort: () => binding.exit(134),
    kill: (pid, sig) => binding.kill(pid, sig === undefined ? 'SIGTERM' : sig),
    emitWarning(warning, type, code) {
      let name = 'Warning';
      if (typeof type === 'object' && type !== null) ({ type: name = 'Warning', code } = type);
      else if (typeof type === 'string') name = type;
      const w = warning instanceof Error ? warning : Object.assign(new Error(String(warning)), { name });
      if (code !== undefined) w.code = code;
      nextTick(() => {
        if (process.listenerCount('warning') > 0) process.emit('warning', w);
        binding.write(2, `(dynojs:${binding.pid}) ${code ? `[${code}] ` : ''}${w.name}: ${w.message}\n`);
      });
    },
    // A small EventEmitter of its own, so that `process.on` does not load node:events.
    on(name, fn) {
      validateFunction(fn, 'listener');
      (listeners[name] ??= []).push(fn);
      return process;
    },
    once(name, fn) {
      validateFunction(fn, 'listener');
      const wrapper = (...a) => {
        process.off(name, wrapper);
        fn.apply(process, a);
      };
      wrapper.listener = fn;
      return process.on(name, wrapper);
    },
    off(name, fn) {
      const list = listeners[name];
      if (list) {
        const i = list.findIndex((l) => l === fn || l.listener === fn);
        if (i >= 0) list.splice(i, 1);
      }
      return process;
    },
    emit(name, ...args) {
      const list = listeners[name];
      if (!list || !list.length) return false;
      for (const fn of list.slice()) fn.apply(process, args);
      return true;
    },
    listenerCount: (name) => (listeners[name] ? listeners[name].length : 0),
    listeners: (name) => (listeners[name] || []).map((l) => l.listener || l),
    removeAllListeners(name) {
      if (name === undefined) for (const k in listeners) delete listeners[k];
      else delete listeners[name];
      return process;
    },
  };
  process.addListener = process.on;
  process.removeListener = process.off;
  process.prependListener = (name, fn) => {
    validateFunction(fn, 'listener');
    (listeners[name] ??= []).unshift(fn);
    return process;
  };
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process', configurable: true });
  function toExitCode(code) {
    if (code === undefined || code === null) return 0;
    const n = Number(code);
    if (!Number.isInteger(n)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "code" argument must be of type number. Received ${inspect(code)}`);
    }
    return n & 0xff;
  }
  function hrtime(prev) {
    const [s, ns] = binding.hrtime();
    if (prev === undefined) return [s, ns];
    let ds = s - prev[0];
    let dns = ns - prev[1];
    if (dns < 0) {
      ds -= 1;
      dns += 1e9;
    }
    return [ds, dns];
  }
  hrtime.bigint = () => {
    const [s, ns] = binding.hrtime();
    return BigInt(s) * 1000000000n + BigInt(ns);
  };
  function memoryUsage() {
    return binding.memoryUsage();
  }
  memoryUsage.rss = () => binding.memoryUsage().rss;
  process.stdout = { write: (s) => (binding.write(1, String(s)), true), isTTY: false, fd: 1 };
  process.stderr = { write: (s) => (binding.write(2, String(s)), true), isTTY: false, fd: 2 };

  // ---- console ------------------------------------------------------------------
  const counts = new Map();
  const timers = new Map();
  let groupIndent = '';
  function emit(fd, args) {
    let text;
    if (args.length === 1 && typeof args[0] === 'string') text = args[0];
    else if (args.length === 0) text = '';
    else text = format(...args);
    if (groupIndent) text = groupIndent + text.replace(/\n/g, `\n${groupIndent}`);
    binding.write(fd, text + '\n');
  }
  const console = {
    log: (...a) => emit(1, a),
    info: (...a) => emit(1, a),
    debug: (...a) => emit(1, a),
    warn: (...a) => emit(2, a),
    error: (...a) => emit(2, a),
    trace(...a) {
      const err = new Error(a.length ? format(...a) : '');
      err.name = 'Trace';
      const frames = String(err.stack).split('\n').filter((l) => /^\s+at /.test(l)).slice(1).join('\n');
      emit(2, [`Trace${a.length ? ': ' + format(...a) : ''}\n${frames}`]);
    },
    dir: (v, options) => emit(1, [inspect(v, { customInspect: false, ...options })]),
    dirxml: (...a) => emit(1, a),
    assert(cond, ...a) {
      if (!cond) {
        if (typeof a[0] === 'string') a[0] = `Assertion failed: ${a[0]}`;
        else a.unshift('Assertion failed');
        emit(2, a);
      }
    },
    count(label = 'default') {
      label = `${label}`;
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      emit(1, [`${label}: ${n}`]);
    },
    countReset(label = 'default') {
      counts.delete(`${label}`);
    },
    time(label = 'default') {
      label = `${label}`;
      if (timers.has(label)) {
        process.emitWarning(`Label '${label}' already exists for console.time()`);
        return;
      }
      timers.set(label, binding.now());
    },
    timeLog(label = 'default', ...a) {
      label = `${label}`;
      const start = timers.get(label);
      if (start === undefined) {
        process.emitWarning(`No such label '${label}' for console.timeLog()`);
        return;
      }
      emit(1, [`${label}: ${formatDuration(binding.now() - start)}`, ...a]);
    },
    timeEnd(label = 'default') {
      label = `${label}`;
      const start = timers.get(label);
      if (start === undefined) {
        process.emitWarning(`No such label '${label}' for console.timeEnd()`);
        return;
      }
      timers.delete(label);
      emit(1, [`${label}: ${formatDuration(binding.now() - start)}`]);
    },
    group(...a) {
      if (a.length) emit(1, a);
      groupIndent += '  ';
    },
    groupEnd() {
      groupIndent = groupIndent.slice(0, -2);
    },
    table: (data, props) => emit(1, [internal('internal/inspect').table(data, props)]),
  };
  console.groupCollapsed = console.group;
  function formatDuration(ms) {
    if (ms >= 1000) {
      if (ms >= 60000) {
        if (ms >= 3600000) return `${(ms / 3600000).toFixed(3)}h`;
        return `${(ms / 60000).toFixed(3)}min`;
      }
      return `${(ms / 1000).toFixed(3)}s`;
    }
    return `${Number(ms.toFixed(3))}ms`;
  }

  // ---- performance ---------------------------------------------------------------
  const marks = [];
  class PerformanceEntry {
    constructor(name, entryType, startTime, duration, detail) {
      Object.assign(this, { name, entryType, startTime, duration, detail: detail ?? null });
    }
    toJSON() {
      return { ...this };
    }
  }
  const performance = {
    timeOrigin: binding.timeOrigin,
    now: () => binding.now(),
    mark(name, options) {
      const m = new PerformanceEntry(`${name}`, 'mark', options?.startTime ?? binding.now(), 0, options?.detail);
      marks.push(m);
      return m;
    },
    measure(name, start, end) {
      const at = (x, dflt) => {
        if (x === undefined) return dflt;
        if (typeof x === 'number') return x;
        const m = marks.findLast((e) => e.name === x);
        if (!m) throw new SyntaxError(`The "${x}" performance mark has not been set`);
        return m.startTime;
      };
      let s, e;
      if (start !== null && typeof start === 'object') {
        s = at(start.start, 0);
        e = at(start.end, binding.now());
      } else {
        s = at(start, 0);
        e = at(end, binding.now());
      }
      const m = new PerformanceEntry(`${name}`, 'measure', s, e - s);
      marks.push(m);
      return m;
    },
    getEntries: () => marks.slice(),
    getEntriesByName: (n, t) => marks.filter((m) => m.name === n && (t === undefined || m.entryType === t)),
    getEntriesByType: (t) => marks.filter((m) => m.entryType === t),
    clearMarks(n) {
      for (let i = marks.length - 1; i >= 0; i--) if (marks[i].entryType === 'mark' && (n === undefined || marks[i].name === n)) marks.splice(i, 1);
    },
    clearMeasures(n) {
      for (let i = marks.length - 1; i >= 0; i--) if (marks[i].entryType === 'measure' && (n === undefined || marks[i].name === n)) marks.splice(i, 1);
    },
    toJSON() {
      return { timeOrigin: this.timeOrigin };
    },
  };

  // ---- base64 ----------------------------------------------------------------------
  function btoa(input) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    return binding.btoa(`${input}`);
  }
  function atob(input) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    return binding.atob(`${input}`);
  }

  // ---- globals ------------------------------------------------------------------
  define(G, 'global', G);
  define(G, 'self', G);
  define(G, 'console', console);
  define(G, 'process', process);
  define(G, 'setTimeout', setTimeout);
  define(G, 'setInterval', setInterval);
  define(G, 'clearTimeout', clearTimer);
  define(G, 'clearInterval', clearTimer);
  define(G, 'setImmediate', setImmediate);
  define(G, 'clearImmediate', clearImmediate);
  define(G, 'queueMicrotask', queueMicrotask);
  define(G, 'reportError', reportError);
  define(G, 'performance', performance);
  define(G, 'btoa', btoa);
  define(G, 'atob', atob);
  define(G, 'navigator', { userAgent: `dynojs/${binding.version}`, hardwareConcurrency: binding.cpus, language: 'en-US', platform: binding.platform });
  // Globals backed by builtins, loaded on first use so start-up pays nothing for them.
  const dynojs = {
    version: binding.version,
    serve: (options, handler) => internal('http').serve(options, handler),
  };
  const lazyGlobals = [
    ['structuredClone', 'internal/clone'],
    ['DOMException', 'internal/clone'],
    ['Buffer', 'buffer'],
    ['Headers', 'internal/web'],
    ['Request', 'internal/web'],
    ['Response', 'internal/web'],
    ['TextEncoder', 'internal/web'],
    ['TextDecoder', 'internal/web'],
    ['fetch', 'internal/web'],
    ['Event', 'internal/event_target'],
    ['CustomEvent', 'internal/event_target'],
    ['EventTarget', 'internal/event_target'],
    ['AbortController', 'internal/event_target'],
    ['AbortSignal', 'internal/event_target'],
    ['ReadableStream', 'internal/streams'],
    ['ReadableStreamDefaultReader', 'internal/streams'],
    ['ReadableStreamBYOBReader', 'internal/streams'],
    ['ReadableStreamBYOBRequest', 'internal/streams'],
    ['ReadableStreamDefaultController', 'internal/streams'],
    ['ReadableByteStreamController', 'internal/streams'],
    ['WritableStream', 'internal/streams'],
    ['WritableStreamDefaultWriter', 'internal/streams'],
    ['WritableStreamDefaultController', 'internal/streams'],
    ['TransformStream', 'internal/streams'],
    ['TransformStreamDefaultController', 'internal/streams'],
    ['ByteLengthQueuingStrategy', 'internal/streams'],
    ['CountQueuingStrategy', 'internal/streams'],
    ['TextEncoderStream', 'internal/streams'],
    ['TextDecoderStream', 'internal/streams'],
    ['CompressionStream', 'internal/streams'],
    ['DecompressionStream', 'internal/streams'],
    ['Blob', 'internal/blob'],
    ['File', 'internal/blob'],
    ['FormData', 'internal/blob'],
    ['Crypto', 'crypto'],
    ['CryptoKey', 'crypto'],
    ['SubtleCrypto', 'crypto'],
    ['crypto', 'crypto'],
    ['URL', 'url'],
    ['WebAssembly', 'internal/wasm'],
    ['URLSearchParams', 'url'],
    ['URLPattern', 'url'],
  ];
  define(G, 'Dynojs', dynojs);
  completeCallSites();
  installStacks();
  for (const [name, module] of lazyGlobals) {
    Object.defineProperty(G, name, {
      configurable: true,
      enumerable: false,
      get() {
        const v = internal(module)[name];
        define(G, name, v);
        return v;
      },
      set(v) {
        define(G, name, v);
      },
    });
  }

  const internals = {
    ioRequest,
    httpServers,
    serve,
    handles,
    systemError,
    codedError,
    argTypeError,
    validateFunction,
    internal,
    inspect,
    format,
    nextTick,
    Timeout,
    Immediate,
    setTimeout,
    setInterval,
    setImmediate,
    clearTimeout: clearTimer,
    clearInterval: clearTimer,
    clearImmediate,
    queueMicrotask,
    process,
    console,
    performance,
    uncaught,
    formatError,
  };

  const cjs = () => internal('internal/cjs');
  return {
    runCjsMain: (filename) => cjs().runMain(filename),
    runEval: (code) => cjs().runEval(code),
    requireFile: (filename) => cjs().requireFile(filename),
    cjsKeys: (filename) => cjs().cjsKeys(filename),
    builtinKeys: (name) => {
      const m = internal(name);
      return m !== null && (typeof m === 'object' || typeof m === 'function') ? Object.keys(m) : [];
    },
    dispatchIo,
    dispatchHttp,
    serve,
    dispatchHandle,
    runTimers,
    runImmediates,
    loopState,
    processTicksAndRejections,
    runMicrotasks,
    onRejection,
    uncaught,
    internal,
    internals,
    emitBeforeExit() {
      process.emit('beforeExit', toExitCode(process.exitCode));
    },
    emitExit() {
      let code = toExitCode(process.exitCode);
      if (!process._exiting) {
        process._exiting = true;
        process.emit('exit', code);
        code = toExitCode(process.exitCode);
      }
      return code;
    },
  };
})
