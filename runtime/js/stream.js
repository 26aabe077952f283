// node:stream — Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
// Readable.from and stream/promises. Written for this runtime after Node's documented
// behaviour: buffering with highWaterMark, flowing and paused modes, 'readable',
// backpressure through write()'s return value and 'drain', destroy with errors.
(function (binding, internals) {
  'use strict';
  const EE = internals.internal('events');
  const { codedError, nextTick } = internals;
  const Buffer = () => internals.internal('buffer').Buffer;
  const kDestroyed = Symbol('destroyed');

  function Stream(opts) {
    EE.call(this, opts);
  }
  Object.setPrototypeOf(Stream.prototype, EE.prototype);
  Object.setPrototypeOf(Stream, EE);
  Stream.prototype.pipe = function (dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    source.on('data', ondata);
    function ondrain() {
      if (source.readable && source.resume) source.resume();
    }
    dest.on('drain', ondrain);
    if (!options || options.end !== false) source.on('end', () => dest.end());
    dest.emit('pipe', source);
    return dest;
  };

  const defaultHwm = (objectMode) => (objectMode ? 16 : 64 * 1024);
  function toChunk(chunk, encoding, objectMode) {
    if (objectMode) return chunk;
    if (typeof chunk === 'string') return Buffer().from(chunk, encoding || 'utf8');
    if (chunk instanceof Uint8Array) return Buffer().isBuffer(chunk) ? chunk : Buffer().from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ${chunk === null ? 'null' : typeof chunk}`);
  }
  const lengthOf = (chunk, objectMode) => (objectMode ? 1 : chunk.length);

  // ---- Readable -------------------------------------------------------------------
  function ReadableState(options = {}, isDuplex = false) {
    this.objectMode = !!(options.objectMode || (isDuplex && options.readableObjectMode));
    this.highWaterMark = options.highWaterMark ?? options.readableHighWaterMark ?? defaultHwm(this.objectMode);
    this.buffer = [];
    this.length = 0;
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.sync = false;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.encoding = null;
    this.decoder = null;
    this.pipes = [];
    this.autoDestroy = options.autoDestroy !== false;
    this.emitClose = options.emitClose !== false;
    if (options.encoding) {
      this.decoder = new (internals.internal('string_decoder').StringDecoder)(options.encoding);
      this.encoding = options.encoding;
    }
  }
  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    if (typeof this._construct === 'function' && !isDuplex) construct(this);
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  function construct(stream) {
    const rs = stream._readableState;
    const ws = stream._writableState;
    if (rs) rs.constructed = false;
    if (ws) ws.constructed = false;
    nextTick(() => {
      stream._construct((err) => {
        if (rs) rs.constructed = true;
        if (ws) ws.constructed = true;
        if (err) destroy.call(stream, err);
        else {
          if (rs && rs.needReadable) maybeReadMore(stream, rs);
          if (ws) clearBuffer(stream, ws);
          stream.emit('constructed');
        }
      });
    });
  }

  Readable.prototype._read = function () {
    throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented');
  };
  Readable.prototype.push = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, false);
  };
  Readable.prototype.unshift = function (chunk, encoding) {
    return addChunk(this, chunk, encoding, true);
  };
  function addChunk(stream, chunk, encoding, front) {
    const state = stream._readableState;
    if (chunk === null) {
      state.reading = false;
      if (!state.ended) {
        if (state.decoder) {
          const rest = state.decoder.end();
          if (rest) {
            state.buffer.push(rest);
            state.length += state.objectMode ? 1 : rest.length;
          }
        }
        state.ended = true;
        if (state.sync) emitReadable(stream);
        else {
          state.needReadable = false;
          state.emittedReadable = true;
          emitReadable_(stream);
        }
      }
      return false;
    }
    if (state.ended && !front) {
      errorOrDestroy(stream, codedError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      return false;
    }
    if (state.destroyed || state.errored) return false;
    let c = state.objectMode ? chunk : toChunk(chunk, encoding, false);
    if (!front) state.reading = false;
    if (state.decoder && !state.objectMode) {
      c = state.decoder.write(c);
      if (c.length === 0) return state.length < state.highWaterMark;
    }
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0 && !front) {
      stream.emit('data', c);
    } else {
      state.length += lengthOf(c, state.objectMode);
      if (front) state.buffer.unshift(c);
      else state.buffer.push(c);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }
  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadable_, stream);
    }
  }
  function emitReadable_(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }
  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed !== false) {
      state.readingMore = true;
      nextTick(() => {
        while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
          const len = state.length;
          stream.read(0);
          if (len === state.length) break;
        }
        state.readingMore = false;
      });
    }
  }
  function takeChunks(state, n) {
    if (state.objectMode || state.decoder) {
      const c = state.buffer.shift();
      state.length -= state.objectMode ? 1 : c.length;
      return c;
    }
    if (n >= state.length) {
      const out = state.buffer.length === 1 ? state.buffer[0] : Buffer().concat(state.buffer, state.length);
      state.buffer = [];
      state.length = 0;
      return out;
    }
    const parts = [];
    let need = n;
    while (need > 0) {
      const head = state.buffer[0];
      if (head.length <= need) {
        parts.push(state.buffer.shift());
        need -= head.length;
      } else {
        parts.push(head.subarray(0, need));
        state.buffer[0] = head.subarray(need);
        need = 0;
      }
    }
    state.length -= n;
    return parts.length === 1 ? parts[0] : Buffer().concat(parts, n);
  }
  Readable.prototype.read = function (n) {
    const state = this._readableState;
    if (n === undefined) n = NaN;
    else n = Number(n);
    const nOrig = n;
    if (n !== 0) state.emittedReadable = false;
    if (n === 0 && state.needReadable && ((state.length >= state.highWaterMark) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    // In flowing mode a read takes one buffered chunk at a time (as Node's howMuchToRead).
    if (Number.isNaN(n)) n = state.objectMode || state.decoder ? (state.length ? 1 : 0) : state.flowing && state.length ? state.buffer[0].length : state.length;
    if (state.objectMode || state.decoder) n = state.length ? 1 : 0;
    else if (n > state.length) n = state.ended ? state.length : 0;
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || state.constructed === false) doRead = false;
    else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (e) {
        errorOrDestroy(this, e);
      }
      state.sync = false;
      if (!state.reading) {
        n = Number.isNaN(nOrig) ? (state.objectMode || state.decoder ? (state.length ? 1 : 0) : state.length) : (state.objectMode || state.decoder ? (state.length ? 1 : 0) : Math.min(nOrig, state.length));
        if (!Number.isNaN(nOrig) && nOrig > state.length && !state.ended && !(state.objectMode || state.decoder)) n = 0;
      }
    }
    let ret = null;
    if (n > 0 && state.length > 0) ret = takeChunks(state, n);
    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
    } else if (state.length === 0 && !state.ended) {
      state.needReadable = true;
    }
    if (state.length === 0 && state.ended && nOrig !== 0) endReadable(this);
    if (ret !== null && !state.errorEmitted && !state.destroyed) this.emit('data', ret);
    return ret;
  };
  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(() => {
        if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
          state.endEmitted = true;
          stream.emit('end');
          const ws = stream._writableState;
          if (state.autoDestroy && (!ws || (ws.autoDestroy && (ws.finished || ws.writable === false)))) stream.destroy();
          else if (ws && stream.allowHalfOpen === false && !ws.ending) stream.end();
        }
      });
    }
  }
  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }
  Readable.prototype.on = function (ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) nextTick(() => this.read(0));
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;
  Readable.prototype.removeListener = function (ev, fn) {
    const res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') {
      nextTick(() => {
        const state = this._readableState;
        state.readableListening = this.listenerCount('readable') > 0;
        if (state.resumeScheduled && state.paused === false) state.flowing = true;
        else if (this.listenerCount('data') > 0) this.resume();
        else if (!state.readableListening) state.flowing = null;
      });
    }
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;
  Readable.prototype.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        nextTick(() => {
          if (!state.reading) this.read(0);
          state.resumeScheduled = false;
          this.emit('resume');
          flow(this);
          if (state.flowing && !state.reading) this.read(0);
        });
      }
    }
    state.paused = false;
    return this;
  };
  Readable.prototype.pause = function () {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state.paused = true;
    return this;
  };
  Readable.prototype.isPaused = function () {
    return this._readableState.paused === true || this._readableState.flowing === false;
  };
  Readable.prototype.setEncoding = function (enc) {
    const state = this._readableState;
    const SD = internals.internal('string_decoder').StringDecoder;
    state.decoder = new SD(enc);
    state.encoding = state.decoder.encoding;
    const joined = state.buffer.map((b) => state.decoder.write(b)).join('');
    state.buffer = joined ? [joined] : [];
    state.length = joined.length;
    return this;
  };
  Readable.prototype.pipe = function (dest, options) {
    const src = this;
    const state = this._readableState;
    state.pipes.push(dest);
    const doEnd = (!options || options.end !== false) && dest !== process.stdout && dest !== process.stderr;
    const onend = () => dest.end();
    if (doEnd) {
      if (state.endEmitted) nextTick(onend);
      else src.once('end', onend);
    }
    let awaitDrain = false;
    const ondrain = () => {
      awaitDrain = false;
      if (src.listenerCount('data') > 0) src.resume();
    };
    const ondata = (chunk) => {
      const ret = dest.write(chunk);
      if (ret === false && !awaitDrain) {
        awaitDrain = true;
        dest.once('drain', ondrain);
        src.pause();
      }
    };
    src.on('data', ondata);
    const onerror = (er) => {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        const s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit('error', er);
      }
    };
    dest.prependListener('error', onerror);
    const onclose = () => {
      dest.removeListener('finish', onfinish);
      unpipe();
    };
    const onfinish = () => {
      dest.removeListener('close', onclose);
      unpipe();
    };
    dest.once('close', onclose);
    dest.once('finish', onfinish);
    const unpipe = () => src.unpipe(dest);
    dest[kUnpipeCleanup] = () => {
      src.removeListener('data', ondata);
      src.removeListener('end', onend);
      dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
    };
    dest.emit('pipe', src);
    if (dest.writableNeedDrain === true) src.pause();
    else if (!state.flowing) src.resume();
    return dest;
  };
  const kUnpipeCleanup = Symbol('unpipe');
  Readable.prototype.unpipe = function (dest) {
    const state = this._readableState;
    const targets = dest === undefined ? state.pipes.slice() : state.pipes.includes(dest) ? [dest] : [];
    for (const d of targets) {
      state.pipes.splice(state.pipes.indexOf(d), 1);
      if (typeof d[kUnpipeCleanup] === 'function') d[kUnpipeCleanup]();
      d.emit('unpipe', this);
    }
    if (state.pipes.length === 0) this.pause();
    return this;
  };
  Readable.prototype.wrap = function (stream) {
    stream.on('data', (chunk) => {
      if (!this.push(chunk)) stream.pause();
    });
    stream.on('end', () => this.push(null));
    stream.on('error', (e) => errorOrDestroy(this, e));
    this._read = () => stream.resume();
    return this;
  };
  Readable.prototype[Symbol.asyncIterator] = function () {
    return createAsyncIterator(this);
  };
  Readable.prototype.iterator = function (options) {
    return createAsyncIterator(this, options);
  };
  async function* createAsyncIterator(stream, options) {
    let callback = null;
    const wake = () => {
      const cb = callback;
      callback = null;
      if (cb) cb();
    };
    stream.on('readable', wake);
    let error = null;
    let done = false;
    const cleanup = eos(stream, { writable: false }, (err) => {
      error = err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? err : null;
      done = true;
      wake();
    });
    try {
      for (;;) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) yield chunk;
        else if (error) throw error;
        else if (done) return;
        else await new Promise((resolve) => (callback = resolve));
      }
    } finally {
      cleanup();
      if ((!options || options.destroyOnReturn !== false) && !stream._readableState.endEmitted) destroy.call(stream, null);
      stream.removeListener('readable', wake);
    }
  }
  Readable.from = function (iterable, opts) {
    if (typeof iterable === 'string' || iterable instanceof Uint8Array) {
      return new Readable({ objectMode: true, ...opts, read() { this.push(iterable); this.push(null); } });
    }
    let iterator;
    let isAsync = false;
    if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
      iterator = iterable[Symbol.asyncIterator]();
      isAsync = true;
    } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
      iterator = iterable[Symbol.iterator]();
    } else {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "iterable" argument must be an instance of Iterable.');
    }
    let reading = false;
    const readable = new Readable({
      objectMode: true,
      highWaterMark: 1,
      ...opts,
      read() {
        if (reading) return;
        reading = true;
        (async () => {
          try {
            for (;;) {
              const r = isAsync ? await iterator.next() : iterator.next();
              if (r.done) {
                this.push(null);
                return;
              }
              const value = r.value && typeof r.value.then === 'function' ? await r.value : r.value;
              if (value === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
              if (!this.push(value)) return;
            }
          } catch (e) {
            this.destroy(e);
          } finally {
            reading = false;
          }
        })();
      },
      destroy(err, cb) {
        Promise.resolve(typeof iterator.return === 'function' ? iterator.return() : undefined).then(() => cb(err), (e) => cb(e || err));
      },
    });
    return readable;
  };
  Readable.prototype.destroy = destroy;
  Readable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  Readable.prototype._undestroy = function () {};
  Object.defineProperties(Readable.prototype, {
    readable: {
      get() {
        const r = this._readableState;
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set(v) {
        if (this._readableState) this._readableState.readable = !!v;
      },
      configurable: true,
    },
    readableEnded: { get() { return !!this._readableState && this._readableState.endEmitted; }, configurable: true },
    readableFlowing: { get() { return this._readableState.flowing; }, set(v) { this._readableState.flowing = v; }, configurable: true },
    readableLength: { get() { return this._readableState.length; }, configurable: true },
    readableHighWaterMark: { get() { return this._readableState.highWaterMark; }, configurable: true },
    readableObjectMode: { get() { return this._readableState.objectMode; }, configurable: true },
    readableEncoding: { get() { return this._readableState.encoding; }, configurable: true },
    readableAborted: { get() { const r = this._readableState; return !!(r.destroyed || r.errored) && !r.endEmitted; }, configurable: true },
    destroyed: {
      get() {
        const r = this._readableState;
        const w = this._writableState;
        return !!((r && r.destroyed) || (w && w.destroyed));
      },
      set(v) {
        if (this._readableState) this._readableState.destroyed = v;
        if (this._writableState) this._writableState.destroyed = v;
      },
      configurable: true,
    },
    closed: { get() { const s = this._readableState || this._writableState; return !!s && s.closed; }, configurable: true },
    errored: { get() { const s = this._readableState || this._writableState; return s ? s.errored : null; }, configurable: true },
  });

  // ---- destroy / errors -------------------------------------------------------------
  function errorOrDestroy(stream, err) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((r && r.destroyed) || (w && w.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) stream.destroy(err);
    else if (err) {
      if (r) r.errored = err;
      if (w) w.errored = err;
      nextTick(() => stream.emit('error', err));
    }
  }
  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const s = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    const finish = () => {
      this._destroy(err || null, (e) => {
        if (e) {
          if (w && !w.errored) w.errored = e;
          if (r && !r.errored) r.errored = e;
        }
        if (w) w.closed = true;
        if (r) r.closed = true;
        if (typeof cb === 'function') cb(e);
        const emitErr = e && !(s.errorEmitted);
        nextTick(() => {
          if (emitErr) {
            if (w) w.errorEmitted = true;
            if (r) r.errorEmitted = true;
            this.emit('error', e);
          }
          if (w) w.closeEmitted = true;
          if (r) r.closeEmitted = true;
          if ((w && w.emitClose) || (r && r.emitClose)) this.emit('close');
        });
      });
    };
    if ((r && r.constructed === false) || (w && w.constructed === false)) this.once('constructed', finish);
    else finish();
    return this;
  }
  function addAbortSignal(signal, stream) {
    const onAbort = () => {
      const e = new Error('The operation was aborted');
      e.name = 'AbortError';
      e.code = 'ABORT_ERR';
      e.cause = signal.reason;
      stream.destroy(e);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return stream;
  }

  // ---- Writable -------------------------------------------------------------------
  function WritableState(options = {}, isDuplex = false) {
    this.objectMode = !!(options.objectMode || (isDuplex && options.writableObjectMode));
    this.highWaterMark = options.highWaterMark ?? options.writableHighWaterMark ?? defaultHwm(this.objectMode);
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.buffered = [];
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.finalCalled = false;
    this.prefinished = false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.autoDestroy = options.autoDestroy !== false;
    this.emitClose = options.emitClose !== false;
    this.pendingcb = 0;
    this.sync = false;
  }
  function Writable(options) {
    if (!(this instanceof Writable) && !(this instanceof Duplex)) return new Writable(options);
    this._writableState = new WritableState(options, this instanceof Duplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    if (typeof this._construct === 'function' && !(this instanceof Duplex)) construct(this);
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value(obj) {
      if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
      if (this !== Writable) return false;
      return !!(obj && obj._writableState instanceof WritableState);
    },
  });
  Writable.prototype._write = function (chunk, encoding, cb) {
    if (typeof this._writev === 'function') this._writev([{ chunk, encoding }], cb);
    else throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
  };
  Writable.prototype.write = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (typeof cb !== 'function') cb = () => {};
    if (chunk === null) throw codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        if (state.decodeStrings) {
          chunk = Buffer().from(chunk, encoding || state.defaultEncoding);
          encoding = 'buffer';
        } else {
          encoding = encoding || state.defaultEncoding;
        }
      } else if (chunk instanceof Uint8Array) {
        chunk = toChunk(chunk, null, false);
        encoding = 'buffer';
      } else {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received ${typeof chunk}`);
      }
    }
    let err;
    if (state.ending) err = codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    else if (state.destroyed) err = codedError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(this, err);
      return false;
    }
    state.pendingcb++;
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    const ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    if (state.writing || state.corked || state.errored || state.constructed === false) {
      state.buffered.push({ chunk, encoding, callback: cb });
    } else {
      doWrite(this, state, chunk, encoding, cb, len);
    }
    return ret && !state.errored && !state.destroyed;
  };
  function doWrite(stream, state, chunk, encoding, cb, len) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) onwrite(stream, codedError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed'));
    else stream._write(chunk, encoding, (er) => onwrite(stream, er));
    state.sync = false;
  }
  function onwrite(stream, er) {
    const state = stream._writableState;
    const cb = state.writecb;
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) state.errored = er;
      if (state.sync) nextTick(() => { state.pendingcb--; cb(er); errorOrDestroy(stream, er); });
      else {
        state.pendingcb--;
        cb(er);
        errorOrDestroy(stream, er);
      }
      return;
    }
    if (state.buffered.length > 0 && !state.corked) clearBuffer(stream, state);
    const after = () => {
      if (state.needDrain && state.length === 0 && !state.ending && !state.destroyed) {
        state.needDrain = false;
        stream.emit('drain');
      }
      state.pendingcb--;
      cb(null);
      finishMaybe(stream, state);
    };
    if (state.sync) nextTick(after);
    else after();
  }
  function clearBuffer(stream, state) {
    if (state.corked || state.writing || state.destroyed || state.constructed === false) return;
    const buffered = state.buffered;
    if (buffered.length === 0) return;
    if (buffered.length > 1 && typeof stream._writev === 'function' && stream._writev !== Writable.prototype._writev) {
      state.buffered = [];
      const len = state.objectMode ? buffered.length : buffered.reduce((n, b) => n + b.chunk.length, 0);
      const callbacks = buffered.map((b) => b.callback);
      state.pendingcb -= callbacks.length - 1;
      state.writelen = len;
      state.writing = true;
      state.sync = true;
      state.writecb = (err) => {
        for (const c of callbacks) c(err);
      };
      stream._writev(buffered, (er) => onwrite(stream, er));
      state.sync = false;
    } else {
      const { chunk, encoding, callback } = buffered.shift();
      doWrite(stream, state, chunk, encoding, callback, state.objectMode ? 1 : chunk.length);
    }
  }
  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };
  Writable.prototype.uncork = function () {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };
  Writable.prototype.setDefaultEncoding = function (enc) {
    this._writableState.defaultEncoding = enc;
    return this;
  };
  Writable.prototype.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    let err;
    if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = codedError(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished');
    } else if (state.destroyed) {
      err = codedError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call end after a stream was destroyed');
    }
    if (typeof cb === 'function') {
      if (err || state.finished) nextTick(cb, err);
      else this.once('finish', () => cb());
    }
    return this;
  };
  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed !== false && state.length === 0 && !state.errored && state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
  }
  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        state.sync = true;
        state.pendingcb++;
        let called = false;
        const onFinal = (err) => {
          if (called) return;
          called = true;
          state.pendingcb--;
          if (err) {
            errorOrDestroy(stream, err);
          } else if (needFinish(state)) {
            state.prefinished = true;
            stream.emit('prefinish');
            state.pendingcb++;
            nextTick(finish, stream, state);
          }
        };
        try {
          stream._final(onFinal);
        } catch (e) {
          onFinal(e);
        }
        state.sync = false;
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }
  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0 && needFinish(state)) {
        state.pendingcb++;
        if (sync) nextTick(finish, stream, state);
        else finish(stream, state);
      }
    }
  }
  function finish(stream, state) {
    state.pendingcb--;
    if (state.finished || state.errored || state.destroyed) return;
    state.finished = true;
    stream.emit('finish');
    if (state.autoDestroy) {
      const r = stream._readableState;
      if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
    }
  }
  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    if (!state.destroyed && (state.buffered.length || state.writing)) {
      const e = codedError(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
      for (const b of state.buffered.splice(0)) nextTick(b.callback, e);
    }
    return destroy.call(this, err, cb);
  };
  Writable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  Object.defineProperties(Writable.prototype, {
    writable: {
      get() {
        const w = this._writableState;
        return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
      },
      set(v) {
        if (this._writableState) this._writableState.writable = !!v;
      },
      configurable: true,
    },
    writableEnded: { get() { return !!this._writableState && this._writableState.ending; }, configurable: true },
    writableFinished: { get() { return !!this._writableState && this._writableState.finished; }, configurable: true },
    writableLength: { get() { return this._writableState.length; }, configurable: true },
    writableHighWaterMark: { get() { return this._writableState.highWaterMark; }, configurable: true },
    writableObjectMode: { get() { return this._writableState.objectMode; }, configurable: true },
    writableCorked: { get() { return this._writableState.corked; }, configurable: true },
    writableNeedDrain: { get() { const w = this._writableState; return !!w && !w.destroyed && !w.ending && w.needDrain; }, configurable: true },
    destroyed: Object.getOwnPropertyDescriptor(Readable.prototype, 'destroyed'),
    closed: Object.getOwnPropertyDescriptor(Readable.prototype, 'closed'),
    errored: Object.getOwnPropertyDescriptor(Readable.prototype, 'errored'),
  });

  // ---- Duplex / Transform / PassThrough ----------------------------------------------
  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    Readable.call(this, options);
    this._writableState = new WritableState(options, true);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.final === 'function') this._final = options.final;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
    }
    this.allowHalfOpen = !options || options.allowHalfOpen !== false;
    if (typeof this._construct === 'function') construct(this);
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);
  for (const k of Object.getOwnPropertyNames(Writable.prototype)) {
    if (k === 'constructor' || k === 'destroy' || k === '_destroy') continue;
    if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, k)) Object.defineProperty(Duplex.prototype, k, Object.getOwnPropertyDescriptor(Writable.prototype, k));
  }
  Duplex.prototype.destroy = Writable.prototype.destroy;

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    Duplex.call(this, options);
    this._readableState.sync = false;
    this._callback = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
    this.on('prefinish', prefinishTransform);
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);
  function finalTransform(cb) {
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush((er, data) => {
        if (er) {
          if (cb) cb(er);
          else this.destroy(er);
          return;
        }
        if (data != null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }
  function prefinishTransform() {
    if (this._final !== finalTransform) finalTransform.call(this);
  }
  Transform.prototype._final = finalTransform;
  Transform.prototype._transform = function () {
    throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented');
  };
  Transform.prototype._write = function (chunk, encoding, callback) {
    const rState = this._readableState;
    const wState = this._writableState;
    const length = rState.length;
    this._transform(chunk, encoding, (err, val) => {
      if (err) {
        callback(err);
        return;
      }
      if (val != null) this.push(val);
      if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) callback();
      else this._callback = callback;
    });
  };
  Transform.prototype._read = function () {
    if (this._callback) {
      const cb = this._callback;
      this._callback = null;
      cb();
    }
  };
  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, enc, cb) {
    cb(null, chunk);
  };

  // ---- finished / pipeline -------------------------------------------------------------
  function eos(stream, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    options = options || {};
    let called = false;
    const done = (err) => {
      if (called) return;
      called = true;
      callback.call(stream, err);
    };
    const rs = stream._readableState;
    const ws = stream._writableState;
    const readable = options.readable ?? (!!rs && rs.readable !== false);
    const writable = options.writable ?? (!!ws && ws.writable !== false);
    let readableDone = !readable || (rs && rs.endEmitted);
    let writableDone = !writable || (ws && ws.finished);
    const onfinish = () => {
      writableDone = true;
      if (readableDone) done();
    };
    const onend = () => {
      readableDone = true;
      if (writableDone) done();
    };
    const onerror = (err) => done(err);
    const onclose = () => {
      if ((readable && !readableDone) || (writable && !writableDone)) {
        const err = (rs && rs.errored) || (ws && ws.errored);
        done(err || codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
      } else {
        done();
      }
    };
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);
    const closed = (ws && ws.closeEmitted) || (rs && rs.closeEmitted);
    if (closed) nextTick(onclose);
    else if ((rs && rs.errorEmitted) || (ws && ws.errorEmitted)) nextTick(() => done((rs && rs.errored) || (ws && ws.errored)));
    else if (readableDone && writableDone) nextTick(() => done());
    return () => {
      stream.removeListener('end', onend);
      stream.removeListener('finish', onfinish);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    };
  }
  function pipeline(...streams) {
    let callback = typeof streams[streams.length - 1] === 'function' ? streams.pop() : null;
    if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
    if (streams.length < 2) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
    let error = null;
    let remaining = streams.length;
    const destroys = [];
    const finishOne = (err) => {
      if (err && !error) {
        error = err;
        for (const d of destroys) d(err);
      }
      if (--remaining === 0) {
        if (callback) {
          const cb = callback;
          callback = null;
          nextTick(cb, error);
        }
      }
    };
    let prev = null;
    streams.forEach((s, i) => {
      let stream = s;
      if (i === 0 && typeof s === 'function') stream = s();
      if (i === 0 && !(stream instanceof Stream) && stream && (typeof stream[Symbol.asyncIterator] === 'function' || typeof stream[Symbol.iterator] === 'function')) stream = Readable.from(stream);
      const reading = i < streams.length - 1;
      const writing = i > 0;
      destroys.push((err) => {
        if (!stream.destroyed && typeof stream.destroy === 'function') stream.destroy(err);
      });
      eos(stream, { readable: reading, writable: writing }, (err) => finishOne(err));
      if (prev !== null) prev.pipe(stream);
      prev = stream;
    });
    return prev;
  }
  const promises = {
    pipeline: (...streams) => new Promise((resolve, reject) => {
      pipeline(...streams, (err) => (err ? reject(err) : resolve()));
    }),
    finished: (stream, options) => new Promise((resolve, reject) => {
      eos(stream, options, (err) => (err ? reject(err) : resolve()));
    }),
  };
  function isReadable(s) {
    return !!(s && s._readableState && !s.destroyed && !s._readableState.endEmitted);
  }
  function isErrored(s) {
    return !!(s && (s._readableState?.errored || s._writableState?.errored));
  }

  Stream.Stream = Stream;
  Readable.ReadableState = ReadableState;
  Writable.WritableState = WritableState;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Stream.finished = eos;
  Stream.promises = promises;
  Stream.addAbortSignal = addAbortSignal;
  Stream.isReadable = isReadable;
  Stream.isErrored = isErrored;
  Stream.destroy = (s, err) => s.destroy(err);
  Stream._isUint8Array = (v) => v instanceof Uint8Array;
  Stream.getDefaultHighWaterMark = defaultHwm;
  return Stream;
})
