// node:child_process — spawn, exec, execFile and their Sync forms (src/net.rs runs the
// children; stdio pipes are sockets over native handles). fork is not implemented (no
// IPC channel yet) and says so.
(function (binding, internals) {
  'use strict';
  const { codedError, handles, nextTick, argTypeError } = internals;
  const EE = internals.internal('events');
  const net = internals.internal('net');
  const Buffer = () => internals.internal('buffer').Buffer;
  const signals = () => internals.internal('os').constants.signals;
  const signalName = (n) => Object.keys(signals()).find((k) => signals()[k] === n) ?? null;

  function normalizeStdio(stdio) {
    if (stdio === undefined || stdio === null) return ['pipe', 'pipe', 'pipe'];
    if (typeof stdio === 'string') return [stdio, stdio, stdio];
    const out = [0, 1, 2].map((i) => {
      const s = stdio[i];
      if (s === undefined || s === null || s === 'pipe' || s === 'overlapped') return 'pipe';
      if (s === 'inherit' || s === i || (i > 0 && s === internals.process[['stdin', 'stdout', 'stderr'][i]])) return 'inherit';
      if (s === 'ignore') return 'ignore';
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'stdio' is invalid. Received ${String(s)}`);
    });
    return out;
  }
  function envList(env) {
    const source = env ?? internals.process.env;
    const flat = [];
    for (const k of Object.keys(source)) if (source[k] !== undefined) flat.push(k, `${source[k]}`);
    return flat;
  }
  function shellCommand(file, args, shell) {
    const sh = typeof shell === 'string' ? shell : '/bin/sh';
    const cmd = [file, ...args].join(' ');
    return [sh, ['-c', cmd]];
  }

  function ChildProcess() {
    EE.call(this);
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.connected = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this.spawnfile = undefined;
    this.spawnargs = [];
    this._id = 0;
    this._open = 0;
    this._exited = false;
  }
  Object.setPrototypeOf(ChildProcess.prototype, EE.prototype);
  Object.setPrototypeOf(ChildProcess, EE);
  ChildProcess.prototype.kill = function (sig = 'SIGTERM') {
    if (this.pid === undefined || this._exited) return false;
    const n = typeof sig === 'number' ? sig : signals()[sig];
    if (n === undefined) throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${sig}`);
    const errno = binding.kill(this.pid, n);
    if (errno === 0) {
      this.killed = true;
      return true;
    }
    return false;
  };
  ChildProcess.prototype.ref = function () {
    if (this._id) binding.handleRef(this._id, true);
  };
  ChildProcess.prototype.unref = function () {
    if (this._id) binding.handleRef(this._id, false);
  };
  ChildProcess.prototype._maybeClose = function () {
    if (this._exited && this._open === 0 && !this._closed) {
      this._closed = true;
      this.emit('close', this.exitCode, this.signalCode);
    }
  };

  function spawn(file, args, options) {
    if (typeof file !== 'string') throw argTypeError('file', 'of type string', file);
    if (!Array.isArray(args)) {
      options = args;
      args = [];
    }
    options = options || {};
    const child = new ChildProcess();
    let spawnFile = file;
    let spawnArgs = args.map(String);
    if (options.shell) [spawnFile, spawnArgs] = shellCommand(file, spawnArgs, options.shell);
    child.spawnfile = spawnFile;
    child.spawnargs = [spawnFile, ...spawnArgs];
    const stdio = normalizeStdio(options.stdio);
    let info;
    try {
      info = binding.spawn(spawnFile, spawnArgs, {
        cwd: options.cwd === undefined ? undefined : `${options.cwd}`,
        env: envList(options.env),
        stdio,
        argv0: options.argv0,
      });
    } catch (e) {
      const err = Object.assign(new Error(e.message), { errno: e.errno, code: e.code, syscall: `spawn ${spawnFile}`, path: spawnFile, spawnargs: spawnArgs });
      err.message = `spawn ${spawnFile} ${e.code}`;
      nextTick(() => {
        child.emit('error', err);
        child._exited = true;
        child._maybeClose();
      });
      return child;
    }
    child.pid = info.pid;
    child._id = info.child;
    const pipe = (id, readable) => {
      if (id === null || id === undefined) return null;
      const s = new net.Socket({ [net.kHandle]: id, readable, writable: !readable, allowHalfOpen: true });
      if (readable) {
        child._open++;
        s.once('close', () => {
          child._open--;
          child._maybeClose();
        });
      }
      return s;
    };
    child.stdin = pipe(info.stdin, false);
    child.stdout = pipe(info.stdout, true);
    child.stderr = pipe(info.stderr, true);
    child.stdio = [child.stdin, child.stdout, child.stderr];
    handles.set(info.child, (event) => {
      if (event.type !== 'exit') return;
      handles.delete(info.child);
      binding.handleClose(info.child);
      child._exited = true;
      child.exitCode = event.code ?? null;
      child.signalCode = event.signal === null || event.signal === undefined ? null : signalName(event.signal);
      child.emit('exit', child.exitCode, child.signalCode);
      if (child.stdin) child.stdin.destroy();
      // As Node's flushStdio: pipes nobody reads are drained so 'close' can follow.
      for (const s of [child.stdout, child.stderr]) {
        if (s && s.readable && s.readableFlowing === null) s.resume();
      }
      child._maybeClose();
    });
    if (options.timeout > 0) {
      const t = internals.setTimeout(() => child.kill(options.killSignal || 'SIGTERM'), options.timeout);
      t.unref();
      child.once('exit', () => internals.clearTimeout(t));
    }
    if (options.signal) {
      const onAbort = () => {
        child.kill(options.killSignal || 'SIGTERM');
        const e = new Error('The operation was aborted');
        e.name = 'AbortError';
        e.code = 'ABORT_ERR';
        child.emit('error', e);
      };
      if (options.signal.aborted) nextTick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    nextTick(() => child.emit('spawn'));
    return child;
  }

  function collect(child, options, callback, cmd) {
    const encoding = options.encoding === undefined ? 'utf8' : options.encoding;
    const out = [];
    const err = [];
    let outLen = 0;
    const max = options.maxBuffer ?? 1024 * 1024;
    let failed = null;
    const take = (list, limitName) => (chunk) => {
      list.push(chunk);
      outLen += chunk.length;
      if (outLen > max && !failed) {
        failed = codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', `${limitName} maxBuffer length exceeded`);
        child.kill();
      }
    };
    if (child.stdout) child.stdout.on('data', take(out, 'stdout'));
    if (child.stderr) child.stderr.on('data', take(err, 'stderr'));
    const decode = (list) => {
      const b = Buffer().concat(list);
      return encoding && encoding !== 'buffer' ? b.toString(encoding) : b;
    };
    let done = false;
    child.on('error', (e) => {
      if (done) return;
      done = true;
      callback(e, decode(out), decode(err));
    });
    child.on('close', (code, signal) => {
      if (done) return;
      done = true;
      const stdout = decode(out);
      const stderr = decode(err);
      if (failed) return callback(failed, stdout, stderr);
      if (code === 0 && signal === null) return callback(null, stdout, stderr);
      const e = new Error(`Command failed: ${cmd}\n${stderr}`);
      e.code = code;
      e.killed = child.killed;
      e.signal = signal;
      e.cmd = cmd;
      e.stdout = stdout;
      e.stderr = stderr;
      callback(e, stdout, stderr);
    });
  }
  function exec(command, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    options = { ...options, shell: options && options.shell ? options.shell : true };
    const child = spawn(command, [], options);
    collect(child, options, callback || (() => {}), command);
    return child;
  }
  function execFile(file, args, options, callback) {
    if (typeof args === 'function') {
      callback = args;
      args = [];
      options = {};
    } else if (!Array.isArray(args)) {
      callback = options;
      options = args;
      args = [];
    }
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    options = options || {};
    const child = spawn(file, args, options);
    collect(child, options, callback || (() => {}), [file, ...args].join(' '));
    return child;
  }

  function spawnSync(file, args, options) {
    if (!Array.isArray(args)) {
      options = args;
      args = [];
    }
    options = options || {};
    let spawnFile = file;
    let spawnArgs = args.map(String);
    if (options.shell) [spawnFile, spawnArgs] = shellCommand(file, spawnArgs, options.shell);
    const stdio = normalizeStdio(options.stdio);
    let input = options.input;
    if (typeof input === 'string') input = Buffer().from(input, options.encoding && options.encoding !== 'buffer' ? options.encoding : 'utf8');
    const encoding = options.encoding;
    const enc = (bytes) => {
      const b = Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return encoding && encoding !== 'buffer' ? b.toString(encoding) : b;
    };
    let r;
    try {
      r = binding.spawnSync(spawnFile, spawnArgs, {
        cwd: options.cwd === undefined ? undefined : `${options.cwd}`,
        env: envList(options.env),
        input,
        timeout: options.timeout,
        inherit: stdio.map((s) => s === 'inherit'),
      });
    } catch (e) {
      const error = Object.assign(new Error(`spawnSync ${spawnFile} ${e.code}`), { errno: e.errno, code: e.code, syscall: `spawnSync ${spawnFile}`, path: spawnFile, spawnargs: spawnArgs });
      return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
    }
    const stdout = enc(r.stdout);
    const stderr = enc(r.stderr);
    const result = {
      pid: r.pid,
      output: [null, stdout, stderr],
      stdout,
      stderr,
      status: r.status ?? null,
      signal: r.signal === null || r.signal === undefined ? null : signalName(r.signal),
    };
    if (r.timedOut) result.error = Object.assign(new Error(`spawnSync ${spawnFile} ETIMEDOUT`), { code: 'ETIMEDOUT', errno: -110, syscall: `spawnSync ${spawnFile}`, path: spawnFile });
    return result;
  }
  function checkSync(result, cmd, stdio) {
    if (result.error) throw result.error;
    if (result.status !== 0 || result.signal !== null) {
      const stderr = result.stderr && result.stderr.toString();
      const e = new Error(`Command failed: ${cmd}${stderr ? `\n${stderr}` : ''}`);
      Object.assign(e, { status: result.status, signal: result.signal, output: result.output, pid: result.pid, stdout: result.stdout, stderr: result.stderr });
      if (stdio !== 'inherit' && stderr) internals.process.stderr.write(stderr);
      throw e;
    }
    return result.stdout;
  }
  function execSync(command, options) {
    options = { ...options, shell: (options && options.shell) || true };
    return checkSync(spawnSync(command, [], options), command, options.stdio);
  }
  function execFileSync(file, args, options) {
    if (!Array.isArray(args)) {
      options = args;
      args = [];
    }
    return checkSync(spawnSync(file, args, options || {}), [file, ...args].join(' '), options && options.stdio);
  }
  function fork() {
    throw codedError(Error, 'ERR_NOT_IMPLEMENTED', 'child_process.fork is not implemented in dynojs yet (no IPC channel); use spawn');
  }
  return { spawn, exec, execFile, spawnSync, execSync, execFileSync, fork, ChildProcess };
})
