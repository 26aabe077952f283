// node:http servers (createServer, Server, IncomingMessage, ServerResponse) and
// Dynojs.serve, both on the runtime's hyper server (src/http.rs). Requests arrive in the
// poll phase: node:http's through dispatchHttp, Dynojs.serve's straight at the handler
// (src/serve.rs). A response is sent whole at end(), or streamed from its first write().
(function (binding, internals) {
  'use strict';
  const EventEmitter = internals.internal('events');
  const { codedError, argTypeError, validateFunction, httpServers, serve: serveTable } = internals;
  const { Buffer } = internals.internal('buffer');
  const nextTick = (fn, ...args) => process.nextTick(fn, ...args);

  const STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted',
    203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
    307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
    402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required',
    412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type',
    416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot", 422: 'Unprocessable Entity',
    425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests',
    431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error',
    501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
    505: 'HTTP Version Not Supported',
  };
  const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

  let nextServerId = 0;

  /** Makes `Ctor` an EventEmitter without running its init per instance, with
   * per-instance defaults on the prototype (set on first write). */
  function emitterWithDefaults(Ctor, defaults) {
    Object.setPrototypeOf(Ctor.prototype, EventEmitter.prototype);
    Object.setPrototypeOf(Ctor, EventEmitter);
    Object.assign(Ctor.prototype, defaults);
  }

  // Requests and responses are made per request, so they are cheap: no EventEmitter
  // init (listeners are created on first use), defaults on the prototype, the socket
  // object made only when asked for.
  const kBodyBytes = Symbol('body');
  class IncomingMessage {
    constructor(method, url, httpVersion, rawHeaders, body, bodyStream, remoteAddress, remotePort) {
      this.method = method;
      this.url = url;
      this.httpVersion = httpVersion;
      this.rawHeaders = rawHeaders;
      if (remoteAddress !== undefined) {
        this._remoteAddress = remoteAddress;
        this._remotePort = remotePort;
      }
      if (body !== undefined) this[kBodyBytes] = body;
      if (bodyStream !== undefined) streamBodyInto(this, bodyStream);
    }
    get httpVersionMinor() {
      return this.httpVersion === '1.0' ? 0 : 1;
    }
    get socket() {
      const socket = { remoteAddress: this._remoteAddress, remotePort: this._remotePort, encrypted: false, readable: true, writable: true, destroy() {}, setTimeout() {}, setNoDelay() {}, setKeepAlive() {}, on() {}, once() {}, removeListener() {} };
      Object.defineProperty(this, 'socket', { value: socket, writable: true, configurable: true, enumerable: true });
      return socket;
    }
    set socket(v) {
      Object.defineProperty(this, 'socket', { value: v, writable: true, configurable: true, enumerable: true });
    }
    get connection() {
      return this.socket;
    }
    get trailers() {
      return {};
    }
    get rawTrailers() {
      return [];
    }
    get headers() {
      if (this._headers === undefined) {
        const h = {};
        const raw = this.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) {
          const k = raw[i].toLowerCase();
          const v = raw[i + 1];
          const old = h[k];
          if (old === undefined) h[k] = k === 'set-cookie' ? [v] : v;
          else if (k === 'set-cookie') old.push(v);
          else if (k === 'cookie') h[k] = `${old}; ${v}`;
          else h[k] = `${old}, ${v}`;
        }
        this._headers = h;
      }
      return this._headers;
    }
    set headers(v) {
      this._headers = v;
    }
    get headersDistinct() {
      const out = {};
      for (let i = 0; i < this.rawHeaders.length; i += 2) (out[this.rawHeaders[i].toLowerCase()] ??= []).push(this.rawHeaders[i + 1]);
      return out;
    }
    /** The body arrived whole: one chunk, then the end (or it streams: resume it). */
    _read() {
      if (this._bodyStream !== undefined) {
        binding.httpBodyPause(this._bodyStream, false);
        return;
      }
      const b = this[kBodyBytes];
      this[kBodyBytes] = undefined;
      if (b !== undefined && b.length > 0) this.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      this.complete = true;
      this.push(null);
    }
    setTimeout(ms, cb) {
      return this;
    }
  }
  /** Feeds a request body that streams in to the IncomingMessage, pausing when full. */
  function streamBodyInto(req, id) {
    req._bodyStream = id;
    internals.handles.set(id, (event, bytes) => {
      if (event.type === 'data') {
        if (!req.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) binding.httpBodyPause(id, true);
      } else {
        internals.handles.delete(id);
        if (event.type === 'end') {
          req.complete = true;
          req.push(null);
        } else {
          req.destroy(Object.assign(new Error(event.message), { code: 'ECONNRESET' }));
        }
      }
    });
  }
  // A Readable whose state is made on first use (most handlers never read the body).
  const stream = internals.internal('stream');
  Object.setPrototypeOf(IncomingMessage.prototype, stream.Readable.prototype);
  Object.setPrototypeOf(IncomingMessage, stream.Readable);
  Object.assign(IncomingMessage.prototype, {
    httpVersionMajor: 1, complete: false, aborted: false, _headers: undefined, [kBodyBytes]: undefined,
    _remoteAddress: undefined, _remotePort: undefined,
  });
  Object.defineProperty(IncomingMessage.prototype, '_readableState', {
    configurable: true,
    get() {
      const state = new stream.Readable.ReadableState({}, false);
      Object.defineProperty(this, '_readableState', { value: state, writable: true, configurable: true });
      return state;
    },
    set(v) {
      Object.defineProperty(this, '_readableState', { value: v, writable: true, configurable: true });
    },
  });

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  // Header names repeat request after request: validate each once (bounded).
  const validNames = new Map();
  function lowerName(name) {
    let lower = validNames.get(name);
    if (lower === undefined) {
      checkHeaderName(name);
      lower = name.toLowerCase();
      if (validNames.size < 1024) validNames.set(name, lower);
    }
    return lower;
  }
  function checkHeaderName(name) {
    if (typeof name !== 'string' || !TOKEN.test(name)) {
      throw codedError(TypeError, 'ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    }
  }
  function checkHeaderValue(name, value) {
    if (value === undefined) throw codedError(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
    if (typeof value === 'number') return;
    const text = Array.isArray(value) ? value.join('') : `${value}`;
    if (text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1 || text.indexOf('\0') !== -1) {
      throw codedError(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
    }
  }
  /** writeHead's own headers as `[lower-case name, name, value, ...]`, checked. */
  function headLines(headers) {
    const lines = [];
    for (const k of Object.keys(headers)) {
      const v = headers[k];
      lines.push(lowerName(k), k, v);
      checkHeaderValue(k, v);
    }
    return lines;
  }
  function emitFinish(res, callback) {
    res._state |= FINISHED;
    res.emit('finish');
    res.emit('close');
    if (callback) callback();
  }

  // Response bodies streamed by write(), by stream id; and Node's default high-water mark.
  const httpHandles = internals.handles;
  const HWM = 16 * 1024;
  // res._state bits: the head is sent (headersSent); end() was called (finished,
  // writableEnded); 'finish' is due or done (writableFinished). One number instead of
  // four properties added per response.
  const SENT = 1;
  const ENDED = 2;
  const FINISHED = 4;
  class ServerResponse {
    constructor(req, id) {
      this.req = req;
      this._id = id;
    }
    get socket() {
      return this.req.socket;
    }
    set socket(v) {
      Object.defineProperty(this, 'socket', { value: v, writable: true, configurable: true, enumerable: true });
    }
    get connection() {
      return this.req.socket;
    }
    get writable() {
      return !this.writableEnded;
    }
    get headersSent() {
      return (this._state & SENT) !== 0;
    }
    set headersSent(v) {
      this._state = v ? this._state | SENT : this._state & ~SENT;
    }
    get finished() {
      return (this._state & ENDED) !== 0;
    }
    set finished(v) {
      this._state = v ? this._state | ENDED : this._state & ~ENDED;
    }
    get writableEnded() {
      return (this._state & ENDED) !== 0;
    }
    get writableFinished() {
      return (this._state & FINISHED) !== 0;
    }
    _sentCheck() {
      if ((this._state & SENT) !== 0) throw codedError(Error, 'ERR_HTTP_HEADERS_SENT', 'Cannot set headers after they are sent to the client');
    }
    // Headers live in one flat array, [lower-case name, name as the program spelled it,
    // value, ...], in insertion order like Node's; responses carry few headers, so a
    // scan is cheaper in QuickJS than objects keyed by name. The binding reads it as is.
    _put(name, value) {
      const lower = lowerName(name);
      checkHeaderValue(name, value);
      const h = this._h;
      if (h === null) {
        this._h = [lower, name, value];
        return;
      }
      for (let i = 0; i < h.length; i += 3) {
        if (h[i] === lower) {
          h[i + 1] = name;
          h[i + 2] = value;
          return;
        }
      }
      h.push(lower, name, value);
    }
    _find(name) {
      const h = this._h;
      if (h === null) return -1;
      const lower = `${name}`.toLowerCase();
      for (let i = 0; i < h.length; i += 3) if (h[i] === lower) return i;
      return -1;
    }
    setHeader(name, value) {
      this._sentCheck();
      this._put(name, value);
      return this;
    }
    appendHeader(name, value) {
      this._sentCheck();
      const old = this.getHeader(name);
      if (old === undefined) return this.setHeader(name, value);
      return this.setHeader(name, [].concat(old, value));
    }
    getHeader(name) {
      const i = this._find(name);
      return i < 0 ? undefined : this._h[i + 2];
    }
    getHeaders() {
      const out = Object.create(null);
      const h = this._h;
      if (h !== null) for (let i = 0; i < h.length; i += 3) out[h[i]] = h[i + 2];
      return out;
    }
    getHeaderNames() {
      const h = this._h;
      return h === null ? [] : h.filter((_, i) => i % 3 === 0);
    }
    getRawHeaderNames() {
      const h = this._h;
      return h === null ? [] : h.filter((_, i) => i % 3 === 1);
    }
    hasHeader(name) {
      return this._find(name) >= 0;
    }
    removeHeader(name) {
      this._sentCheck();
      const i = this._find(name);
      if (i >= 0) this._h.splice(i, 3);
    }
    writeHead(statusCode, reason, headers) {
      if (this.headersSent) this._sentCheck();
      if (typeof reason !== 'string') {
        headers = reason;
        reason = undefined;
      }
      statusCode |= 0;
      if (statusCode < 100 || statusCode > 999) throw codedError(RangeError, 'ERR_HTTP_INVALID_STATUS_CODE', `Invalid status code: ${statusCode}`);
      this.statusCode = statusCode;
      if (reason !== undefined) this.statusMessage = reason;
      if (Array.isArray(headers)) {
        if (headers.length && Array.isArray(headers[0])) for (const [k, v] of headers) this._put(k, v);
        else for (let i = 0; i < headers.length; i += 2) this._put(headers[i], headers[i + 1]);
      } else if (headers) {
        // As in Node, headers given only here are sent as they are, not kept (getHeader
        // does not see them; names equal but for case are separate lines); after
        // setHeader they merge into the kept ones. The common case — strings and
        // numbers — is read and checked natively (src/serve.rs nodeHeaders); otherwise,
        // and to raise Node's errors, here.
        if (this._h === null) this._head = binding.nodeHeaders(headers) ?? headLines(headers);
        else for (const k of Object.keys(headers)) this._put(k, headers[k]);
      }
      this._state |= SENT;
      return this;
    }
    writeContinue() {}
    flushHeaders() {
      if (this._stream === undefined) this._startStream();
    }
    setTimeout() {
      return this;
    }
    _flatHeaders() {
      const flat = [];
      const h = this._head ?? this._h;
      if (h !== null) {
        for (let i = 0; i < h.length; i += 3) {
          const value = h[i + 2];
          if (Array.isArray(value)) for (const v of value) flat.push(h[i + 1], `${v}`);
          else flat.push(h[i + 1], typeof value === 'string' ? value : `${value}`);
        }
      }
      return flat;
    }
    /** Headers go out with the first write; the body follows chunk by chunk. */
    _startStream() {
      this._state |= SENT;
      const h = this._head ?? this._h;
      this.chunkedEncoding = h === null || !h.some((v, i) => i % 3 === 0 && v === 'content-length');
      const stream = binding.httpRespondStart(this._id, this.statusCode, this.statusMessage ?? null, this._flatHeaders());
      this._stream = stream;
      this._queued = 0;
      this._pending = [];
      if (stream === 0) return;
      httpHandles.set(stream, (event) => {
        if (event.type !== 'written') return;
        let n = event.bytes;
        this._queued -= n;
        while (n > 0 && this._pending.length > 0) {
          const head = this._pending[0];
          const take = Math.min(n, head.left);
          head.left -= take;
          n -= take;
          if (head.left === 0) {
            this._pending.shift();
            if (head.cb) head.cb();
          }
        }
        if (this._needDrain && this._queued < HWM) {
          this._needDrain = false;
          this.emit('drain');
        }
        if (this.writableEnded && this._queued === 0) this._finishStream();
      });
    }
    _finishStream() {
      httpHandles.delete(this._stream);
      const cbs = this._pending.splice(0);
      for (const p of cbs) if (p.cb) p.cb();
      nextTick(emitFinish, this, this._endCallback);
    }
    write(chunk, encoding, callback) {
      if (typeof encoding === 'function') {
        callback = encoding;
        encoding = undefined;
      }
      if (this.writableEnded) {
        const err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
        nextTick(() => {
          if (callback) callback(err);
          this.emit('error', err);
        });
        return false;
      }
      if (chunk === undefined || chunk === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
      if (this._stream === undefined) this._startStream();
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding || 'utf8') : chunk;
      const noBody = this.req.method === 'HEAD' || this.statusCode === 204 || this.statusCode === 304;
      if (this._stream === 0 || noBody || bytes.length === 0) {
        if (callback) nextTick(callback);
        return true;
      }
      this._queued += bytes.length;
      this._pending.push({ left: bytes.length, cb: callback });
      binding.httpWriteChunk(this._stream, bytes);
      if (this._queued >= HWM) {
        this._needDrain = true;
        return false;
      }
      return true;
    }
    end(chunk, encoding, callback) {
      if (typeof chunk === 'function') {
        callback = chunk;
        chunk = undefined;
      } else if (typeof encoding === 'function') {
        callback = encoding;
        encoding = undefined;
      }
      if ((this._state & ENDED) !== 0) {
        if (callback) nextTick(callback);
        return this;
      }
      if (this._stream !== undefined) {
        if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
        this._state |= ENDED;
        this._endCallback = callback;
        binding.httpEndStream(this._stream);
        if (this._queued === 0 || this._stream === 0) this._finishStream();
        return this;
      }
      let body = chunk === undefined || chunk === null ? undefined : typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding) : chunk;
      this._state |= SENT | ENDED;
      const status = this.statusCode;
      if (status === 204 || status === 304 || this.req.method === 'HEAD') body = undefined;
      binding.httpEnd(this._id, status, this.statusMessage ?? null, this._head ?? this._h, body);
      // 'finish' and 'close' come a tick later, as in Node; with nobody listening (the
      // common case: no listener was ever added) there is nothing to schedule.
      if (callback !== undefined || this._events !== undefined) nextTick(emitFinish, this, callback);
      else this._state |= FINISHED;
      return this;
    }
    get writableLength() {
      return this._queued ?? 0;
    }
    get writableNeedDrain() {
      return !!this._needDrain;
    }
    get writableHighWaterMark() {
      return HWM;
    }
    destroy() {
      return this;
    }
  }
  emitterWithDefaults(ServerResponse, {
    statusCode: 200,
    statusMessage: undefined,
    _state: 0,
    _h: null,
    _head: undefined,
    _stream: undefined,
    _needDrain: false,
    sendDate: true,
    chunkedEncoding: false,
  });

  class Server extends EventEmitter {
    constructor(options, requestListener) {
      super();
      if (typeof options === 'function') requestListener = options;
      if (requestListener !== undefined) this.on('request', requestListener);
      this._id = 0;
      this._address = null;
      this.listening = false;
      this.timeout = 0;
      this.keepAliveTimeout = 5000;
      this.headersTimeout = 60000;
      this.requestTimeout = 300000;
      this.maxHeadersCount = null;
    }
    listen(...args) {
      let port = 0;
      let host;
      let callback;
      if (typeof args[args.length - 1] === 'function') callback = args.pop();
      if (args[0] !== null && typeof args[0] === 'object') {
        port = args[0].port ?? 0;
        host = args[0].host;
      } else {
        if (args[0] !== undefined) port = args[0];
        if (typeof args[1] === 'string') host = args[1];
      }
      if (typeof port === 'string' && /^\d+$/.test(port)) port = Number(port);
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
        throw codedError(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${typeof port === 'string' ? `type string ('${port}')` : port}.`);
      }
      if (this.listening) throw codedError(Error, 'ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.');
      if (callback) this.once('listening', callback);
      const id = ++nextServerId;
      const bindHost = host === undefined || host === 'localhost' ? (host === 'localhost' ? '127.0.0.1' : '0.0.0.0') : host;
      let bound;
      try {
        bound = binding.httpListen(id, bindHost, port);
      } catch (e) {
        nextTick(() => this.emit('error', e));
        return this;
      }
      this._id = id;
      this.listening = true;
      this._address = { address: bindHost, family: bindHost.includes(':') ? 'IPv6' : 'IPv4', port: bound };
      httpServers.set(id, (reqId, method, url, httpVersion, rawHeaders, body, bodyStream, remoteAddress, remotePort) => {
        const req = new IncomingMessage(method, url, httpVersion, rawHeaders, body, bodyStream, remoteAddress, remotePort);
        const res = new ServerResponse(req, reqId);
        internals.emit2(this, 'request', req, res);
      });
      nextTick(() => this.emit('listening'));
      return this;
    }
    address() {
      return this.listening ? { ...this._address } : null;
    }
    close(callback) {
      if (!this.listening) {
        if (callback) nextTick(callback, codedError(Error, 'ERR_SERVER_NOT_RUNNING', 'Server is not running.'));
        return this;
      }
      binding.httpClose(this._id);
      httpServers.delete(this._id);
      this.listening = false;
      if (callback) this.once('close', callback);
      nextTick(() => this.emit('close'));
      return this;
    }
    closeAllConnections() {}
    closeIdleConnections() {}
    setTimeout(ms, callback) {
      this.timeout = ms;
      if (callback) this.on('timeout', callback);
      return this;
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    [Symbol.asyncDispose]() {
      return new Promise((resolve) => this.close(() => resolve()));
    }
  }

  function createServer(options, requestListener) {
    return new Server(options, requestListener);
  }

  // ---- Dynojs.serve ------------------------------------------------------------------
  let web;
  function serve(options, handler) {
    web ??= internals.internal('internal/web');
    if (typeof options === 'function') {
      handler = options;
      options = {};
    }
    options ??= {};
    handler ??= options.fetch ?? options.handler;
    validateFunction(handler, 'options.fetch');
    const hostname = options.hostname ?? '0.0.0.0';
    const id = ++nextServerId;
    const port = binding.httpListen(id, hostname, options.port ?? 8000);
    const { Response, kRaw, kBody, kStatus, kStatusText, kDefaultType } = web;
    serveTable.shared ??= {
      request: web.WireRequestPrototype,
      info: ServeInfoPrototype,
      response: Response.prototype,
      object: Object.prototype,
      keys: [kBody, kStatus, kStatusText, web.kHeaders, web.kInit, kDefaultType],
    };
    const origin = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
    const onError = options.onError;
    function fail(reqId, error) {
      let answered = false;
      if (typeof onError === 'function') {
        try {
          const r = onError(error);
          if (r instanceof Response) {
            send(reqId, r);
            answered = true;
          }
        } catch (e) {
          error = e;
        }
      }
      if (!answered) {
        console.error(error);
        binding.httpRespond(reqId, 500, null, ['content-type', 'text/plain;charset=UTF-8'], 'Internal Server Error');
      }
    }
    /** Answers with what a handler's promise resolved to. */
    function send(reqId, response) {
      if (response instanceof Response) answer(reqId, response);
      else fail(reqId, new TypeError('Return value from serve handler must be a response or a promise resolving to a response'));
    }
    /** Sends a Response. Headers given as a plain object are read and validated by the
     * binding directly (no Headers object, no flat copy made in JS). */
    function answer(reqId, response) {
      const body = response[kBody];
      if (body !== null && typeof body === 'object' && !(body instanceof Uint8Array)) {
        // A stream body: read whole, then answered (no streaming responses yet).
        internals.internal('internal/streams').readAllBytes(body).then(
          (bytes) => respond(reqId, response, bytes),
          (e) => fail(reqId, e));
        return;
      }
      respond(reqId, response, body);
    }
    function respond(reqId, response, body) {
      const headers = response[kRaw]();
      const type = Array.isArray(headers) ? undefined : web.defaultTypeOf(response);
      try {
        binding.httpRespond(reqId, response[kStatus], response[kStatusText] || null, headers, body, type);
      } catch (e) {
        fail(reqId, e);
      }
    }
    // The poll phase calls `handler` itself and sends a plain Response it returns
    // (src/serve.rs); whatever else it returns, or throws, comes back here.
    serveTable.servers[id] = {
      fetch: handler,
      origin,
      body: streamedBody,
      fail,
      settle(reqId, out) {
        if (out instanceof Response) answer(reqId, out);
        else if (out !== null && typeof out === 'object' && typeof out.then === 'function') out.then((r) => send(reqId, r), (e) => fail(reqId, e));
        else send(reqId, out);
      },
    };
    binding.serveChanged();
    let resolveFinished;
    const finished = new Promise((resolve) => (resolveFinished = resolve));
    let open = true;
    function shutdown() {
      if (open) {
        open = false;
        binding.httpClose(id);
        delete serveTable.servers[id];
        binding.serveChanged();
        resolveFinished();
      }
      return finished;
    }
    if (typeof options.onListen === 'function') options.onListen({ hostname, port, transport: 'tcp' });
    return {
      port,
      hostname,
      addr: { transport: 'tcp', hostname, port },
      url: `${origin}/`,
      finished,
      shutdown,
      stop: shutdown,
      ref() {},
      unref() {},
      [Symbol.asyncDispose]: shutdown,
    };
  }

  /** A request body that streams in, as a ReadableStream (paused when its queue is full). */
  function streamedBody(id) {
    const { createReadable } = internals.internal('internal/streams');
    return createReadable((c) => {
      internals.handles.set(id, (event, bytes) => {
        if (event.type === 'data') {
          c.enqueue(bytes);
          if (c.desiredSize <= 0) binding.httpBodyPause(id, true);
        } else {
          internals.handles.delete(id);
          if (event.type === 'end') c.close();
          else c.error(new TypeError(`the request body failed: ${event.message}`));
        }
      });
    }, () => {
      binding.httpBodyPause(id, false);
      return Promise.resolve();
    }, () => {
      internals.handles.delete(id);
      binding.httpBodyPause(id, true);
      return Promise.resolve();
    }, 4);
  }
  /** The handler's second argument; the address object is made only when asked for. */
  /** The handler's second argument, a native object (src/serve.rs): the address object
   * is made only when asked for. */
  class ServeInfo {
    get remoteAddr() {
      const remote = binding.wireRemote(this);
      return { transport: 'tcp', hostname: remote?.[0], port: remote?.[1] };
    }
  }
  const ServeInfoPrototype = ServeInfo.prototype;

  // ---- the client: http.request / http.get over hyper's pooled client ----------------
  // The request body is buffered until end(), then sent with a content-length (end(data)
  // alone) or chunked (written before end(), or asked for); the response body arrives
  // whole, then streams.
  class Agent extends EventEmitter {
    constructor(options = {}) {
      super();
      this.options = { ...options };
      this.keepAlive = !!options.keepAlive;
      this.maxSockets = options.maxSockets ?? Infinity;
      this.maxFreeSockets = options.maxFreeSockets ?? 256;
      this.sockets = {};
      this.freeSockets = {};
      this.requests = {};
    }
    destroy() {}
  }
  const globalAgent = new Agent({ keepAlive: true });

  function ClientRequest(input, options, callback) {
    // Not destroyed at 'finish': the request lives on until its response is read.
    stream.Writable.call(this, { autoDestroy: false });
    if (typeof input === 'string' || (typeof URL === 'function' && input instanceof URL)) {
      const u = typeof input === 'string' ? new URL(input) : input;
      const base = internals.internal('url').urlToHttpOptions(u);
      if (typeof options === 'function') {
        callback = options;
        options = {};
      }
      options = { ...base, ...options };
    } else {
      callback = options;
      options = { ...input };
    }
    if (typeof callback === 'function') this.once('response', callback);
    const protocol = options.protocol || 'http:';
    if (protocol !== 'http:') throw codedError(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "http:"`);
    const host = options.hostname || (options.host ? `${options.host}`.replace(/:\d+$/, '') : 'localhost');
    const port = options.port ?? options.defaultPort ?? 80;
    this.method = `${options.method || 'GET'}`.toUpperCase();
    this.path = options.path || '/';
    this.host = host;
    this.protocol = protocol;
    this._url = `http://${host.includes(':') ? `[${host}]` : host}${Number(port) === 80 ? '' : `:${port}`}${this.path}`;
    this._headers = new Map();
    const h = options.headers;
    if (Array.isArray(h)) for (let i = 0; i < h.length; i += 2) this.setHeader(h[i], h[i + 1]);
    else if (h) for (const k of Object.keys(h)) this.setHeader(k, h[k]);
    if (options.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    this._chunks = [];
    this._id = 0;
    this._done = false;
    this.aborted = false;
    this.reusedSocket = false;
    this.agent = options.agent ?? globalAgent;
    if (options.timeout) this.setTimeout(options.timeout);
    if (options.signal) {
      const onAbort = () => this.destroy(Object.assign(new Error('The operation was aborted'), { name: 'AbortError', code: 'ABORT_ERR' }));
      if (options.signal.aborted) nextTick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
  }
  Object.setPrototypeOf(ClientRequest.prototype, stream.Writable.prototype);
  Object.setPrototypeOf(ClientRequest, stream.Writable);
  ClientRequest.prototype.setHeader = function (name, value) {
    checkHeaderName(name);
    this._headers.set(`${name}`.toLowerCase(), [`${name}`, value]);
    return this;
  };
  ClientRequest.prototype.getHeader = function (name) {
    const e = this._headers.get(`${name}`.toLowerCase());
    return e === undefined ? undefined : e[1];
  };
  ClientRequest.prototype.hasHeader = function (name) {
    return this._headers.has(`${name}`.toLowerCase());
  };
  ClientRequest.prototype.removeHeader = function (name) {
    this._headers.delete(`${name}`.toLowerCase());
  };
  ClientRequest.prototype.getHeaderNames = function () {
    return [...this._headers.keys()];
  };
  ClientRequest.prototype.flushHeaders = function () {};
  ClientRequest.prototype.setNoDelay = function () {};
  ClientRequest.prototype.setSocketKeepAlive = function () {};
  ClientRequest.prototype.setTimeout = function (ms, cb) {
    if (cb) this.once('timeout', cb);
    if (this._timer) internals.clearTimeout(this._timer);
    this._timer = ms > 0 ? internals.setTimeout(() => this.emit('timeout'), ms) : null;
    return this;
  };
  ClientRequest.prototype.abort = function () {
    this.aborted = true;
    this.destroy();
  };
  // As Node: a body written before end() goes chunked (unless the caller set a length or
  // the method carries no body by default); end(data) alone sends a content-length.
  const NO_CHUNKED_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);
  ClientRequest.prototype.write = function (chunk, encoding, cb) {
    if (!this._ending) this._streamedBody = true;
    return stream.Writable.prototype.write.call(this, chunk, encoding, cb);
  };
  ClientRequest.prototype.end = function (chunk, encoding, cb) {
    this._ending = true;
    return stream.Writable.prototype.end.call(this, chunk, encoding, cb);
  };
  ClientRequest.prototype._write = function (chunk, encoding, cb) {
    this._chunks.push(chunk);
    cb();
  };
  ClientRequest.prototype._final = function (cb) {
    const flat = [];
    for (const [, [name, value]] of this._headers) {
      if (Array.isArray(value)) for (const v of value) flat.push(name, `${v}`);
      else flat.push(name, `${value}`);
    }
    if (this._streamedBody && !this.hasHeader('content-length') && !this.hasHeader('transfer-encoding') && !NO_CHUNKED_BY_DEFAULT.has(this.method)) {
      flat.push('Transfer-Encoding', 'chunked');
    }
    const body = this._chunks.length ? Buffer.concat(this._chunks) : undefined;
    this._id = internals.ioRequest((err, r) => this._onResponse(err, r));
    binding.fetchStart(this._id, this.method, this._url, flat, body, 'manual');
    cb();
  };
  ClientRequest.prototype._onResponse = function (err, r) {
    if (this._timer) internals.clearTimeout(this._timer);
    if (this._done) return;
    this._done = true;
    if (err) {
      const e = Object.assign(new Error(err.message), { code: err.code, errno: err.errno, syscall: 'connect' });
      this.destroy(e);
      return;
    }
    const res = new IncomingMessage(null, '', r.httpVersion, r.headers, r.body);
    res.statusCode = r.status;
    res.statusMessage = r.statusText;
    res.req = this;
    this.res = res;
    res.on('end', () => nextTick(() => {
      res.emit('close');
      this.emit('close');
    }));
    if (this.listenerCount('response') === 0) res.resume();
    else this.emit('response', res);
  };
  ClientRequest.prototype._destroy = function (err, cb) {
    if (this._timer) internals.clearTimeout(this._timer);
    if (!this._done && this._id !== 0) binding.fetchAbort(this._id);
    this._done = true;
    if (!err && !this.res) err = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    cb(this.aborted && err && err.code === 'ECONNRESET' ? null : err);
  };
  function request(input, options, callback) {
    return new ClientRequest(input, options, callback);
  }
  function get(input, options, callback) {
    const req = request(input, options, callback);
    req.end();
    return req;
  }

  return {
    STATUS_CODES,
    METHODS,
    IncomingMessage,
    ServerResponse,
    OutgoingMessage: ServerResponse,
    Server,
    createServer,
    ClientRequest,
    request,
    get,
    Agent,
    globalAgent,
    maxHeaderSize: 16384,
    validateHeaderName: checkHeaderName,
    validateHeaderValue: checkHeaderValue,
    serve,
  };
})
