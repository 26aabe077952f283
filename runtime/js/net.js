// node:net — TCP servers and sockets (src/net.rs), isIP and friends. A Socket is a
// Duplex over a native handle: reads are paused natively when push() says the buffer is
// full, writes complete when the bytes are on the wire.
(function (binding, internals) {
  'use strict';
  const { codedError, handles, nextTick } = internals;
  const EE = internals.internal('events');
  const stream = internals.internal('stream');
  const Buffer = () => internals.internal('buffer').Buffer;

  const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  const isIPv4 = (s) => typeof s === 'string' && V4.test(s);
  function isIPv6(s) {
    if (typeof s !== 'string' || !s.includes(':') || /[^0-9a-fA-F:.%]/.test(s.split('%')[0])) return false;
    try {
      new URL(`http://[${s.split('%')[0]}]/`);
      return true;
    } catch {
      return false;
    }
  }
  const isIP = (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);

  function nativeError(e) {
    return Object.assign(new Error(e.message), { errno: e.errno, code: e.code, syscall: e.syscall });
  }

  // ---- Socket -------------------------------------------------------------------------
  function Socket(options) {
    if (!(this instanceof Socket)) return new Socket(options);
    options = options || {};
    stream.Duplex.call(this, { allowHalfOpen: !!options.allowHalfOpen, readable: options.readable, writable: options.writable, highWaterMark: options.highWaterMark });
    this._id = 0;
    this._writeReqs = new Map();
    this._nextReq = 1;
    this._finishCb = null;
    this._refed = true;
    this.connecting = false;
    this.bytesRead = 0;
    this._bytesWritten = 0;
    this._local = null;
    this._remote = null;
    this._timeout = 0;
    this._timer = null;
    if (options[kHandle] !== undefined) this._attach(options[kHandle], options[kAddrs]);
  }
  const kHandle = Symbol('handle');
  const kAddrs = Symbol('addrs');
  Object.setPrototypeOf(Socket.prototype, stream.Duplex.prototype);
  Object.setPrototypeOf(Socket, stream.Duplex);

  Socket.prototype._attach = function (id, addrs) {
    this._id = id;
    if (addrs) {
      this._local = addrs.local;
      this._remote = addrs.remote;
    }
    if (!this._refed) binding.handleRef(id, false);
    handles.set(id, (event, bytes) => this._onEvent(event, bytes));
  };
  Socket.prototype._onEvent = function (event, bytes) {
    switch (event.type) {
      case 'data': {
        this.bytesRead += bytes.length;
        this._touch();
        const buf = Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        if (!this.push(buf)) binding.streamPause(this._id, true);
        break;
      }
      case 'end':
        this.push(null);
        break;
      case 'written': {
        this._bytesWritten += event.bytes;
        this._touch();
        const cb = this._writeReqs.get(event.req);
        this._writeReqs.delete(event.req);
        if (cb) cb();
        break;
      }
      case 'finish': {
        const cb = this._finishCb;
        this._finishCb = null;
        if (cb) cb();
        break;
      }
      case 'connected': {
        const addrs = binding.tcpAttach(this._id);
        this._local = addrs && addrs.local;
        this._remote = addrs && addrs.remote;
        this.connecting = false;
        this._touch();
        this.emit('connect');
        this.emit('ready');
        if (this._pendingWrite) {
          const w = this._pendingWrite;
          this._pendingWrite = null;
          w();
        }
        if (this._readableState.flowing !== false && !this._readableState.paused) binding.streamPause(this._id, false);
        break;
      }
      case 'error': {
        const err = nativeError(event);
        if (event.req !== undefined) {
          const cb = this._writeReqs.get(event.req);
          this._writeReqs.delete(event.req);
          if (cb) {
            cb(err);
            return;
          }
        }
        this.destroy(err);
        break;
      }
      default:
        break;
    }
  };
  Socket.prototype._read = function () {
    if (this._id !== 0 && !this.connecting) binding.streamPause(this._id, false);
  };
  Socket.prototype._write = function (chunk, encoding, cb) {
    if (this.connecting || this._id === 0) {
      this._pendingWrite = () => this._write(chunk, encoding, cb);
      return;
    }
    const req = this._nextReq++;
    this._writeReqs.set(req, cb);
    if (!binding.streamWrite(this._id, chunk, req)) {
      this._writeReqs.delete(req);
      cb(codedError(Error, 'EPIPE', 'This socket has been ended by the other party'));
    }
  };
  Socket.prototype._final = function (cb) {
    if (this.connecting || this._id === 0) {
      this._pendingWrite = () => this._final(cb);
      return;
    }
    this._finishCb = cb;
    if (!binding.streamShutdown(this._id)) {
      this._finishCb = null;
      cb();
    }
  };
  Socket.prototype._destroy = function (err, cb) {
    this._clearTimer();
    if (this._id !== 0) {
      handles.delete(this._id);
      binding.handleClose(this._id);
    }
    if (this._server) this._server._connectionClosed(this);
    cb(err);
  };
  Socket.prototype.connect = function (...args) {
    let options = args[0];
    let cb = args[args.length - 1];
    if (typeof cb !== 'function') cb = undefined;
    if (options === null || typeof options !== 'object') options = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
    const port = Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `Port should be >= 0 and < 65536. Received ${options.port}.`);
    const host = options.host || 'localhost';
    if (cb) this.once('connect', cb);
    this.connecting = true;
    this._attach(binding.tcpConnect(host === 'localhost' ? '127.0.0.1' : host, port));
    return this;
  };
  Socket.prototype.setNoDelay = function () {
    return this;
  };
  Socket.prototype.setKeepAlive = function () {
    return this;
  };
  Socket.prototype._touch = function () {
    if (this._timeout > 0) {
      this._clearTimer();
      this._timer = internals.setTimeout(() => this.emit('timeout'), this._timeout);
      if (!this._refed) this._timer.unref();
    }
  };
  Socket.prototype._clearTimer = function () {
    if (this._timer !== null) {
      internals.clearTimeout(this._timer);
      this._timer = null;
    }
  };
  Socket.prototype.setTimeout = function (ms, cb) {
    this._timeout = ms;
    if (cb) this.once('timeout', cb);
    if (ms === 0) this._clearTimer();
    else this._touch();
    return this;
  };
  Socket.prototype.ref = function () {
    this._refed = true;
    if (this._id !== 0) binding.handleRef(this._id, true);
    return this;
  };
  Socket.prototype.unref = function () {
    this._refed = false;
    if (this._id !== 0) binding.handleRef(this._id, false);
    return this;
  };
  Socket.prototype.address = function () {
    return this._local ? { ...this._local } : {};
  };
  Socket.prototype.resetAndDestroy = function () {
    return this.destroy();
  };
  Object.defineProperties(Socket.prototype, {
    remoteAddress: { get() { return this._remote ? this._remote.address : undefined; } },
    remotePort: { get() { return this._remote ? this._remote.port : undefined; } },
    remoteFamily: { get() { return this._remote ? this._remote.family : undefined; } },
    localAddress: { get() { return this._local ? this._local.address : undefined; } },
    localPort: { get() { return this._local ? this._local.port : undefined; } },
    localFamily: { get() { return this._local ? this._local.family : undefined; } },
    bytesWritten: { get() { return this._bytesWritten; } },
    pending: { get() { return this._id === 0 || this.connecting; } },
    readyState: {
      get() {
        if (this.connecting) return 'opening';
        if (this.readable && this.writable) return 'open';
        if (this.readable) return 'readOnly';
        if (this.writable) return 'writeOnly';
        return 'closed';
      },
    },
  });

  // ---- Server -------------------------------------------------------------------------
  function Server(options, listener) {
    if (!(this instanceof Server)) return new Server(options, listener);
    EE.call(this);
    if (typeof options === 'function') {
      listener = options;
      options = {};
    }
    this._options = options || {};
    this._id = 0;
    this._port = 0;
    this._host = null;
    this._connections = new Set();
    this._closing = false;
    this._refed = true;
    this.maxConnections = undefined;
    if (listener) this.on('connection', listener);
  }
  Object.setPrototypeOf(Server.prototype, EE.prototype);
  Object.setPrototypeOf(Server, EE);
  Server.prototype.listen = function (...args) {
    let cb = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    let port = 0;
    let host;
    if (args[0] !== null && typeof args[0] === 'object') {
      port = args[0].port ?? 0;
      host = args[0].host;
    } else {
      if (args.length > 0 && args[0] !== undefined) port = args[0];
      if (typeof args[1] === 'string') host = args[1];
    }
    port = Number(port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${port}.`);
    if (cb) this.once('listening', cb);
    const bindHost = host === undefined ? '0.0.0.0' : host === 'localhost' ? '127.0.0.1' : host;
    let result;
    try {
      result = binding.tcpListen(bindHost, port);
    } catch (e) {
      nextTick(() => this.emit('error', e));
      return this;
    }
    this._id = result[0];
    this._port = result[1];
    this._host = bindHost;
    if (!this._refed) binding.handleRef(this._id, false);
    handles.set(this._id, (event) => {
      if (event.type !== 'accept') return;
      const info = binding.tcpAccept(this._id);
      if (!info) return;
      if (this.maxConnections !== undefined && this._connections.size >= this.maxConnections) {
        binding.handleClose(info.socket);
        return;
      }
      const socket = new Socket({ [kHandle]: info.socket, [kAddrs]: info, allowHalfOpen: !!this._options.allowHalfOpen });
      socket._server = this;
      this._connections.add(socket);
      this.emit('connection', socket);
    });
    nextTick(() => this.emit('listening'));
    return this;
  };
  Server.prototype._connectionClosed = function (socket) {
    this._connections.delete(socket);
    this._maybeClosed();
  };
  Server.prototype._maybeClosed = function () {
    if (this._closing && this._connections.size === 0 && !this._closeEmitted) {
      this._closeEmitted = true;
      nextTick(() => this.emit('close'));
    }
  };
  Server.prototype.close = function (cb) {
    if (this._id === 0) {
      const err = codedError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.');
      if (cb) nextTick(cb, err);
      return this;
    }
    if (cb) this.once('close', cb);
    handles.delete(this._id);
    binding.handleClose(this._id);
    this._id = 0;
    this._closing = true;
    this._maybeClosed();
    return this;
  };
  Server.prototype.address = function () {
    if (this._id === 0) return null;
    return { address: this._host, family: this._host.includes(':') ? 'IPv6' : 'IPv4', port: this._port };
  };
  Server.prototype.getConnections = function (cb) {
    nextTick(cb, null, this._connections.size);
    return this;
  };
  Server.prototype.ref = function () {
    this._refed = true;
    if (this._id !== 0) binding.handleRef(this._id, true);
    return this;
  };
  Server.prototype.unref = function () {
    this._refed = false;
    if (this._id !== 0) binding.handleRef(this._id, false);
    return this;
  };
  Object.defineProperty(Server.prototype, 'listening', { get() { return this._id !== 0; } });

  const createServer = (options, listener) => new Server(options, listener);
  function connect(...args) {
    const options = args[0] !== null && typeof args[0] === 'object' ? args[0] : {};
    const socket = new Socket(options);
    return socket.connect(...args);
  }
  return {
    Socket, Stream: Socket, Server, createServer, connect, createConnection: connect,
    isIP, isIPv4, isIPv6, kHandle,
  };
})
