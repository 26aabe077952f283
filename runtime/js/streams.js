// WHATWG Streams: ReadableStream (default and byte sources, default and BYOB readers,
// tee, pipeTo/pipeThrough, async iteration, from), WritableStream, TransformStream, the
// two queuing strategies, TextEncoderStream/TextDecoderStream and
// CompressionStream/DecompressionStream (deflate in Rust). A port of the standard's
// algorithms, written for this runtime; ArrayBuffers handed over are not detached.
(function (binding, internals) {
  'use strict';
  const { codedError } = internals;
  const DOMException = () => internals.internal('internal/clone').DOMException;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const illegal = () => new TypeError('Illegal constructor');
  const kToken = Symbol('internal');

  function deferred() {
    const d = { promise: undefined, resolve: undefined, reject: undefined, settled: false };
    d.promise = new Promise((res, rej) => {
      d.resolve = (v) => {
        d.settled = true;
        res(v);
      };
      d.reject = (e) => {
        d.settled = true;
        rej(e);
      };
    });
    return d;
  }
  const resolved = (v) => Promise.resolve(v);
  const rejected = (e) => {
    const p = Promise.reject(e);
    p.catch(() => {});
    return p;
  };
  const quiet = (p) => {
    p.catch(() => {});
    return p;
  };
  /** Calls `obj[name](...args)` if present, as a promise (the standard's "promise call"). */
  function promiseCall(obj, name, args, fallback = undefined) {
    try {
      const fn = obj == null ? undefined : obj[name];
      if (fn === undefined || fn === null) return resolved(fallback);
      if (typeof fn !== 'function') throw new TypeError(`${name} is not a function`);
      return resolved(fn.apply(obj, args));
    } catch (e) {
      return rejected(e);
    }
  }
  function method(obj, name) {
    const fn = obj == null ? undefined : obj[name];
    if (fn !== undefined && fn !== null && typeof fn !== 'function') throw new TypeError(`${name} must be a function`);
    return fn;
  }
  function highWaterMark(strategy, fallback) {
    const h = strategy == null ? undefined : strategy.highWaterMark;
    if (h === undefined) return fallback;
    const n = Number(h);
    if (Number.isNaN(n) || n < 0) throw new RangeError('The highWaterMark must be a non-negative number');
    return n;
  }
  function sizeAlgorithm(strategy) {
    const size = strategy == null ? undefined : strategy.size;
    if (size === undefined) return () => 1;
    if (typeof size !== 'function') throw new TypeError('size must be a function');
    return (chunk) => size(chunk);
  }

  // ---- queuing strategies -----------------------------------------------------
  /** The two queuing strategies differ only in their name and size function. */
  function strategyClass(name, size) {
    const C = class {
      #hwm;
      constructor(init) {
        if (init == null || init.highWaterMark === undefined) throw new TypeError('highWaterMark is required');
        this.#hwm = Number(init.highWaterMark);
      }
      get highWaterMark() { return this.#hwm; }
      get size() { return size; }
    };
    Object.defineProperty(C, 'name', { value: name });
    return C;
  }
  const ByteLengthQueuingStrategy = strategyClass('ByteLengthQueuingStrategy', function size(chunk) { return chunk.byteLength; });
  const CountQueuingStrategy = strategyClass('CountQueuingStrategy', function size() { return 1; });

  // ---- ReadableStream ---------------------------------------------------------
  class ReadableStream {
    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === kToken) return;
      initReadable(this);
      const src = underlyingSource === null ? undefined : underlyingSource;
      if (src !== undefined && typeof src !== 'object') throw new TypeError('underlyingSource must be an object');
      if (src !== undefined && src.type !== undefined && `${src.type}` !== 'bytes') {
        throw new TypeError(`Invalid type: ${src.type}`);
      }
      if (src !== undefined && `${src.type}` === 'bytes') {
        if (strategy != null && strategy.size !== undefined) throw new RangeError('A byte stream cannot have a size function');
        setUpByteController(this, src, highWaterMark(strategy, 0));
      } else {
        const size = sizeAlgorithm(strategy);
        setUpDefaultController(this, src ?? {}, highWaterMark(strategy, 1), size);
      }
    }
    get locked() {
      return this._reader !== undefined;
    }
    cancel(reason = undefined) {
      if (this._reader !== undefined) return rejected(new TypeError('Cannot cancel a locked stream'));
      return cancelReadable(this, reason);
    }
    getReader(options = undefined) {
      const mode = options == null ? undefined : options.mode;
      if (mode === undefined) return new ReadableStreamDefaultReader(this);
      if (`${mode}` === 'byob') return new ReadableStreamBYOBReader(this);
      throw new TypeError(`Invalid mode: ${mode}`);
    }
    pipeThrough(transform, options = undefined) {
      if (transform == null || !(transform.writable instanceof WritableStream) || !(transform.readable instanceof ReadableStream)) {
        throw new TypeError('pipeThrough needs a { writable, readable } pair');
      }
      if (this.locked) throw new TypeError('The stream is locked');
      if (transform.writable.locked) throw new TypeError('The destination is locked');
      quiet(pipe(this, transform.writable, options ?? {}));
      return transform.readable;
    }
    pipeTo(destination, options = undefined) {
      if (!(destination instanceof WritableStream)) return rejected(new TypeError('pipeTo needs a WritableStream'));
      if (this.locked) return rejected(new TypeError('The stream is locked'));
      if (destination.locked) return rejected(new TypeError('The destination is locked'));
      return pipe(this, destination, options ?? {});
    }
    tee() {
      return tee(this);
    }
    values(options = undefined) {
      const reader = new ReadableStreamDefaultReader(this);
      const preventCancel = !!(options && options.preventCancel);
      let done = false;
      const it = {
        next() {
          if (done) return resolved({ value: undefined, done: true });
          return reader.read().then((r) => {
            if (r.done) {
              done = true;
              reader.releaseLock();
            }
            return r;
          }, (e) => {
            done = true;
            reader.releaseLock();
            throw e;
          });
        },
        return(value) {
          if (done) return resolved({ value, done: true });
          done = true;
          if (!preventCancel) {
            const p = reader.cancel(value);
            reader.releaseLock();
            return p.then(() => ({ value, done: true }));
          }
          reader.releaseLock();
          return resolved({ value, done: true });
        },
        [Symbol.asyncIterator]() {
          return this;
        },
      };
      Object.setPrototypeOf(it, AsyncIteratorPrototype);
      return it;
    }
    [Symbol.asyncIterator](options = undefined) {
      return this.values(options);
    }
    static from(asyncIterable) {
      if (asyncIterable instanceof ReadableStream) return asyncIterable;
      let iterator;
      const getAsync = asyncIterable == null ? undefined : asyncIterable[Symbol.asyncIterator];
      if (typeof getAsync === 'function') iterator = getAsync.call(asyncIterable);
      else if (asyncIterable != null && typeof asyncIterable[Symbol.iterator] === 'function') {
        const sync = asyncIterable[Symbol.iterator]();
        iterator = {
          next: () => resolved(sync.next()).then((r) => Promise.resolve(r.value).then((value) => ({ value, done: r.done }))),
          return: (v) => resolved(typeof sync.return === 'function' ? sync.return(v) : { value: v, done: true }),
        };
      } else {
        throw new TypeError('ReadableStream.from needs an iterable or async iterable');
      }
      return new ReadableStream({
        pull(c) {
          return resolved(iterator.next()).then((r) => {
            if (r === null || typeof r !== 'object') throw new TypeError('The iterator result is not an object');
            if (r.done) c.close();
            else c.enqueue(r.value);
          });
        },
        cancel(reason) {
          if (typeof iterator.return !== 'function') return undefined;
          return resolved(iterator.return(reason)).then((r) => {
            if (r === null || typeof r !== 'object') throw new TypeError('The iterator result is not an object');
          });
        },
      }, { highWaterMark: 0 });
    }
    [customInspect]() {
      return `ReadableStream { locked: ${this.locked}, state: '${this._state}', supportsBYOB: ${this._controller instanceof ReadableByteStreamController} }`;
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.toStringTag, { value: 'ReadableStream', configurable: true });
  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

  function initReadable(stream) {
    stream._state = 'readable';
    stream._reader = undefined;
    stream._storedError = undefined;
    stream._disturbed = false;
    stream._controller = undefined;
  }
  /** A readable stream fed by `pull`/`cancel` callbacks (used by bodies and transforms). */
  function createReadable(start, pull, cancel, hwm = 1, size = () => 1) {
    const stream = new ReadableStream(kToken);
    initReadable(stream);
    setUpDefaultControllerFrom(stream, start, pull, cancel, hwm, size);
    return stream;
  }
  function cancelReadable(stream, reason) {
    stream._disturbed = true;
    if (stream._state === 'closed') return resolved(undefined);
    if (stream._state === 'errored') return rejected(stream._storedError);
    closeReadable(stream);
    const reader = stream._reader;
    if (reader instanceof ReadableStreamBYOBReader) {
      const reqs = reader._readIntoRequests;
      reader._readIntoRequests = [];
      for (const r of reqs) r.close(undefined);
    }
    return stream._controller._cancel(reason).then(() => undefined);
  }
  function closeReadable(stream) {
    stream._state = 'closed';
    const reader = stream._reader;
    if (reader === undefined) return;
    reader._closed.resolve(undefined);
    if (reader instanceof ReadableStreamDefaultReader) {
      const reqs = reader._readRequests;
      reader._readRequests = [];
      for (const r of reqs) r.close();
    }
  }
  function errorReadable(stream, e) {
    stream._state = 'errored';
    stream._storedError = e;
    const reader = stream._reader;
    if (reader === undefined) return;
    reader._closed.reject(e);
    quiet(reader._closed.promise);
    if (reader instanceof ReadableStreamDefaultReader) {
      const reqs = reader._readRequests;
      reader._readRequests = [];
      for (const r of reqs) r.error(e);
    } else {
      const reqs = reader._readIntoRequests;
      reader._readIntoRequests = [];
      for (const r of reqs) r.error(e);
    }
  }
  function numReadRequests(stream) {
    const r = stream._reader;
    return r instanceof ReadableStreamDefaultReader ? r._readRequests.length : 0;
  }
  function numReadIntoRequests(stream) {
    const r = stream._reader;
    return r instanceof ReadableStreamBYOBReader ? r._readIntoRequests.length : 0;
  }
  function fulfillReadRequest(stream, chunk, done) {
    const req = stream._reader._readRequests.shift();
    if (done) req.close();
    else req.chunk(chunk);
  }

  // ---- default controller -------------------------------------------------------
  class ReadableStreamDefaultController {
    constructor() {
      throw illegal();
    }
    get desiredSize() {
      return desiredSize(this);
    }
    close() {
      if (!canCloseOrEnqueue(this)) throw new TypeError('The stream is not in a state that permits close');
      this._closeRequested = true;
      if (this._queue.length === 0) {
        clearAlgorithms(this);
        closeReadable(this._stream);
      }
    }
    enqueue(chunk = undefined) {
      if (!canCloseOrEnqueue(this)) throw new TypeError('The stream is not in a state that permits enqueue');
      const stream = this._stream;
      if (stream._reader !== undefined && numReadRequests(stream) > 0) {
        fulfillReadRequest(stream, chunk, false);
      } else {
        let size;
        try {
          size = this._size(chunk);
          if (!(size >= 0) || size === Infinity) throw new RangeError('The chunk size must be a finite, non-negative number');
        } catch (e) {
          errorController(this, e);
          throw e;
        }
        this._queue.push({ value: chunk, size });
        this._queueTotal += size;
      }
      callPullIfNeeded(this);
    }
    error(e = undefined) {
      errorController(this, e);
    }
    _cancel(reason) {
      this._queue = [];
      this._queueTotal = 0;
      const p = this._cancelAlgorithm(reason);
      clearAlgorithms(this);
      return p;
    }
    _pull(req) {
      const stream = this._stream;
      if (this._queue.length > 0) {
        const { value, size } = this._queue.shift();
        this._queueTotal -= size;
        if (this._queue.length === 0) this._queueTotal = 0;
        if (this._closeRequested && this._queue.length === 0) {
          clearAlgorithms(this);
          closeReadable(stream);
        } else {
          callPullIfNeeded(this);
        }
        req.chunk(value);
      } else {
        stream._reader._readRequests.push(req);
        callPullIfNeeded(this);
      }
    }
    _release() {}
  }
  Object.defineProperty(ReadableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultController', configurable: true });

  function desiredSize(c) {
    const state = c._stream._state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c._hwm - c._queueTotal;
  }
  function canCloseOrEnqueue(c) {
    return !c._closeRequested && c._stream._state === 'readable';
  }
  function clearAlgorithms(c) {
    c._pullAlgorithm = () => resolved(undefined);
    c._cancelAlgorithm = () => resolved(undefined);
    c._size = () => 1;
  }
  function errorController(c, e) {
    const stream = c._stream;
    if (stream._state !== 'readable') return;
    c._queue = [];
    c._queueTotal = 0;
    if (c instanceof ReadableByteStreamController) c._pendingPullIntos = [];
    clearAlgorithms(c);
    errorReadable(stream, e);
  }
  function shouldCallPull(c) {
    const stream = c._stream;
    if (c instanceof ReadableByteStreamController) {
      if (stream._state !== 'readable' || c._closeRequested || !c._started) return false;
      if (numReadRequests(stream) > 0 || numReadIntoRequests(stream) > 0) return true;
      return desiredSize(c) > 0;
    }
    if (!canCloseOrEnqueue(c) || !c._started) return false;
    if (stream._reader !== undefined && numReadRequests(stream) > 0) return true;
    return desiredSize(c) > 0;
  }
  function callPullIfNeeded(c) {
    if (!shouldCallPull(c)) return;
    if (c._pulling) {
      c._pullAgain = true;
      return;
    }
    c._pulling = true;
    c._pullAlgorithm().then(() => {
      c._pulling = false;
      if (c._pullAgain) {
        c._pullAgain = false;
        callPullIfNeeded(c);
      }
    }, (e) => errorController(c, e));
  }
  function setUpDefaultController(stream, src, hwm, size) {
    const start = method(src, 'start');
    const pull = method(src, 'pull');
    const cancel = method(src, 'cancel');
    setUpDefaultControllerFrom(stream,
      (c) => (start ? start.call(src, c) : undefined),
      pull ? (c) => promiseCall(src, 'pull', [c]) : () => resolved(undefined),
      cancel ? (r) => promiseCall(src, 'cancel', [r]) : () => resolved(undefined),
      hwm, size);
  }
  function setUpDefaultControllerFrom(stream, start, pull, cancel, hwm, size) {
    const c = Object.create(ReadableStreamDefaultController.prototype);
    c._stream = stream;
    c._queue = [];
    c._queueTotal = 0;
    c._started = c._closeRequested = c._pullAgain = c._pulling = false;
    c._size = size;
    c._hwm = hwm;
    c._pullAlgorithm = () => pull(c);
    c._cancelAlgorithm = cancel;
    stream._controller = c;
    resolved(start(c)).then(() => {
      c._started = true;
      callPullIfNeeded(c);
    }, (e) => errorController(c, e));
  }

  // ---- byte controller ----------------------------------------------------------
  class ReadableByteStreamController {
    constructor() {
      throw illegal();
    }
    get byobRequest() {
      if (this._byobRequest === null && this._pendingPullIntos.length > 0) {
        const p = this._pendingPullIntos[0];
        const view = new Uint8Array(p.buffer, p.byteOffset + p.bytesFilled, p.byteLength - p.bytesFilled);
        const req = Object.create(ReadableStreamBYOBRequest.prototype);
        req._controller = this;
        req._view = view;
        this._byobRequest = req;
      }
      return this._byobRequest;
    }
    get desiredSize() {
      return desiredSize(this);
    }
    close() {
      if (this._closeRequested || this._stream._state !== 'readable') throw new TypeError('The stream is not in a state that permits close');
      if (this._queueTotal > 0) {
        this._closeRequested = true;
        return;
      }
      const first = this._pendingPullIntos[0];
      if (first && first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
        errorController(this, e);
        throw e;
      }
      clearAlgorithms(this);
      closeReadable(this._stream);
    }
    enqueue(chunk) {
      if (!ArrayBuffer.isView(chunk)) throw new TypeError('chunk must be an ArrayBuffer view');
      if (chunk.byteLength === 0) throw new TypeError('chunk must not be empty');
      if (this._closeRequested || this._stream._state !== 'readable') throw new TypeError('The stream is not in a state that permits enqueue');
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength).slice();
      this._invalidateByobRequest();
      const stream = this._stream;
      if (numReadRequests(stream) > 0) {
        fulfillReadRequest(stream, bytes, false);
      } else if (numReadIntoRequests(stream) > 0) {
        this._queue.push(bytes);
        this._queueTotal += bytes.byteLength;
        this._fillPullIntos();
      } else {
        this._queue.push(bytes);
        this._queueTotal += bytes.byteLength;
      }
      callPullIfNeeded(this);
    }
    error(e = undefined) {
      errorController(this, e);
    }
    _invalidateByobRequest() {
      if (this._byobRequest !== null) {
        this._byobRequest._controller = undefined;
        this._byobRequest._view = null;
        this._byobRequest = null;
      }
    }
    /** Moves queued bytes into pending BYOB reads and completes the ones that filled. */
    _fillPullIntos() {
      const stream = this._stream;
      while (this._pendingPullIntos.length > 0 && this._queueTotal > 0) {
        const p = this._pendingPullIntos[0];
        this._copyInto(p);
        if (p.bytesFilled < p.minimumFill) break;
        this._pendingPullIntos.shift();
        this._commit(p, stream);
      }
      if (this._closeRequested && this._queueTotal === 0) {
        clearAlgorithms(this);
        closeReadable(stream);
      }
    }
    _copyInto(p) {
      const target = new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
      while (p.bytesFilled < p.byteLength && this._queue.length > 0) {
        const head = this._queue[0];
        const n = Math.min(head.byteLength, p.byteLength - p.bytesFilled);
        target.set(head.subarray(0, n), p.bytesFilled);
        p.bytesFilled += n;
        this._queueTotal -= n;
        if (n === head.byteLength) this._queue.shift();
        else this._queue[0] = head.subarray(n);
      }
    }
    _commit(p, stream, done = false) {
      const filled = p.bytesFilled - (p.bytesFilled % p.elementSize);
      const view = new p.ctor(p.buffer, p.byteOffset, filled / p.elementSize);
      if (p.kind === 'default') {
        if (numReadRequests(stream) > 0) fulfillReadRequest(stream, view, false);
        return;
      }
      const req = stream._reader._readIntoRequests.shift();
      if (req === undefined) return;
      if (done) req.close(view);
      else req.chunk(view);
    }
    _respond(bytesWritten) {
      const p = this._pendingPullIntos[0];
      const stream = this._stream;
      if (stream._state === 'closed') {
        if (bytesWritten !== 0) throw new TypeError('bytesWritten must be 0 when calling respond() on a closed stream');
        this._invalidateByobRequest();
        this._pendingPullIntos.shift();
        this._commit(p, stream, true);
        callPullIfNeeded(this);
        return;
      }
      if (bytesWritten === 0) throw new TypeError('bytesWritten must be greater than 0');
      if (p.bytesFilled + bytesWritten > p.byteLength) throw new RangeError('bytesWritten out of range');
      this._invalidateByobRequest();
      p.bytesFilled += bytesWritten;
      if (p.bytesFilled >= p.minimumFill) {
        this._pendingPullIntos.shift();
        const rem = p.bytesFilled % p.elementSize;
        if (rem > 0) {
          const end = p.byteOffset + p.bytesFilled;
          this._queue.unshift(new Uint8Array(p.buffer.slice(end - rem, end)));
          this._queueTotal += rem;
          p.bytesFilled -= rem;
        }
        this._commit(p, stream);
        this._fillPullIntos();
      }
      callPullIfNeeded(this);
    }
    _cancel(reason) {
      this._pendingPullIntos = [];
      this._queue = [];
      this._queueTotal = 0;
      const p = this._cancelAlgorithm(reason);
      clearAlgorithms(this);
      return p;
    }
    _pull(req) {
      const stream = this._stream;
      if (this._queueTotal > 0) {
        const head = this._queue.shift();
        this._queueTotal -= head.byteLength;
        if (this._closeRequested && this._queueTotal === 0) {
          clearAlgorithms(this);
          closeReadable(stream);
        } else {
          callPullIfNeeded(this);
        }
        req.chunk(head);
        return;
      }
      if (this._autoAllocate !== undefined) {
        const buffer = new ArrayBuffer(this._autoAllocate);
        this._pendingPullIntos.push({ buffer, byteOffset: 0, byteLength: this._autoAllocate, bytesFilled: 0, minimumFill: 1, elementSize: 1, ctor: Uint8Array, kind: 'default' });
      }
      stream._reader._readRequests.push(req);
      callPullIfNeeded(this);
    }
    _pullInto(view, min, req) {
      const stream = this._stream;
      const ctor = view.constructor;
      const elementSize = ctor.BYTES_PER_ELEMENT || 1;
      const p = { buffer: view.buffer, byteOffset: view.byteOffset, byteLength: view.byteLength, bytesFilled: 0, minimumFill: min * elementSize, elementSize, ctor, kind: 'byob' };
      if (this._pendingPullIntos.length > 0) {
        this._pendingPullIntos.push(p);
        stream._reader._readIntoRequests.push(req);
        return;
      }
      if (stream._state === 'closed') {
        req.close(new ctor(p.buffer, p.byteOffset, 0));
        return;
      }
      if (this._queueTotal > 0) {
        this._copyInto(p);
        if (p.bytesFilled >= p.minimumFill) {
          const rem = p.bytesFilled % elementSize;
          if (rem > 0) {
            const end = p.byteOffset + p.bytesFilled;
            this._queue.unshift(new Uint8Array(p.buffer.slice(end - rem, end)));
            this._queueTotal += rem;
            p.bytesFilled -= rem;
          }
          req.chunk(new ctor(p.buffer, p.byteOffset, p.bytesFilled / elementSize));
          if (this._closeRequested && this._queueTotal === 0) {
            clearAlgorithms(this);
            closeReadable(stream);
          } else {
            callPullIfNeeded(this);
          }
          return;
        }
        if (this._closeRequested) {
          const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
          errorController(this, e);
          req.error(e);
          return;
        }
      }
      this._pendingPullIntos.push(p);
      stream._reader._readIntoRequests.push(req);
      callPullIfNeeded(this);
    }
    _release() {
      if (this._pendingPullIntos.length > 0) {
        const first = this._pendingPullIntos[0];
        first.kind = 'none';
        this._pendingPullIntos = [first];
      }
    }
  }
  Object.defineProperty(ReadableByteStreamController.prototype, Symbol.toStringTag, { value: 'ReadableByteStreamController', configurable: true });

  class ReadableStreamBYOBRequest {
    constructor() {
      throw illegal();
    }
    get view() {
      return this._view;
    }
    respond(bytesWritten) {
      if (this._controller === undefined) throw new TypeError('This BYOB request has been invalidated');
      this._controller._respond(Number(bytesWritten));
    }
    respondWithNewView(view) {
      if (this._controller === undefined) throw new TypeError('This BYOB request has been invalidated');
      if (!ArrayBuffer.isView(view)) throw new TypeError('view must be an ArrayBuffer view');
      const c = this._controller;
      const p = c._pendingPullIntos[0];
      if (p.byteOffset + p.bytesFilled !== view.byteOffset) throw new RangeError('The region specified by view does not match byobRequest');
      if (view.buffer !== p.buffer) new Uint8Array(p.buffer, view.byteOffset, view.byteLength).set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      c._respond(view.byteLength);
    }
  }
  Object.defineProperty(ReadableStreamBYOBRequest.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBRequest', configurable: true });

  function setUpByteController(stream, src, hwm) {
    const c = Object.create(ReadableByteStreamController.prototype);
    c._stream = stream;
    c._queue = [];
    c._queueTotal = 0;
    c._pendingPullIntos = [];
    c._byobRequest = null;
    c._started = c._closeRequested = c._pullAgain = c._pulling = false;
    c._hwm = hwm;
    const auto = src.autoAllocateChunkSize;
    if (auto !== undefined) {
      if (!Number.isInteger(Number(auto)) || Number(auto) <= 0) throw new TypeError('autoAllocateChunkSize must be a positive integer');
      c._autoAllocate = Number(auto);
    }
    const start = method(src, 'start');
    const pull = method(src, 'pull');
    c._pullAlgorithm = pull ? () => promiseCall(src, 'pull', [c]) : () => resolved(undefined);
    c._cancelAlgorithm = method(src, 'cancel') ? (r) => promiseCall(src, 'cancel', [r]) : () => resolved(undefined);
    stream._controller = c;
    resolved(start ? start.call(src, c) : undefined).then(() => {
      c._started = true;
      callPullIfNeeded(c);
    }, (e) => errorController(c, e));
  }

  // ---- readers --------------------------------------------------------------------
  function lockReader(reader, stream) {
    if (!(stream instanceof ReadableStream)) throw new TypeError('The argument must be a ReadableStream');
    if (stream.locked) throw new TypeError('ReadableStream is locked');
    reader._stream = stream;
    stream._reader = reader;
    reader._closed = deferred();
    quiet(reader._closed.promise);
    if (stream._state === 'closed') reader._closed.resolve(undefined);
    else if (stream._state === 'errored') reader._closed.reject(stream._storedError);
  }
  function releaseReader(reader) {
    const stream = reader._stream;
    const e = new TypeError('Reader was released');
    if (stream._state === 'readable') reader._closed.reject(e);
    else {
      reader._closed = deferred();
      reader._closed.reject(e);
    }
    quiet(reader._closed.promise);
    stream._controller._release();
    stream._reader = undefined;
    reader._stream = undefined;
  }
  /** A read request that settles `d` with `{ value, done }`. */
  function readRequest(d) {
    return {
      chunk: (value) => d.resolve({ value, done: false }),
      close: (value) => d.resolve({ value, done: true }),
      error: (e) => d.reject(e),
    };
  }
  // What both readers share; `_requests` names the list of pending reads.
  class ReaderBase {
    get closed() {
      return this._closed.promise;
    }
    releaseLock() {
      if (this._stream === undefined) return;
      const reqs = this[this._requests];
      releaseReader(this);
      this[this._requests] = [];
      const e = new TypeError('Reader was released');
      for (const r of reqs) r.error(e);
    }
    cancel(reason = undefined) {
      if (this._stream === undefined) return rejected(new TypeError('The reader is released'));
      return cancelReadable(this._stream, reason);
    }
  }
  class ReadableStreamDefaultReader extends ReaderBase {
    constructor(stream) {
      super();
      this._requests = '_readRequests';
      this._readRequests = [];
      lockReader(this, stream);
    }
    read() {
      const stream = this._stream;
      if (stream === undefined) return rejected(new TypeError('The reader is released'));
      stream._disturbed = true;
      if (stream._state === 'closed') return resolved({ value: undefined, done: true });
      if (stream._state === 'errored') return rejected(stream._storedError);
      const d = deferred();
      stream._controller._pull(readRequest(d));
      return d.promise;
    }
  }
  Object.defineProperty(ReadableStreamDefaultReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamDefaultReader', configurable: true });

  class ReadableStreamBYOBReader extends ReaderBase {
    constructor(stream) {
      super();
      if (!(stream instanceof ReadableStream)) throw new TypeError('The argument must be a ReadableStream');
      if (!(stream._controller instanceof ReadableByteStreamController)) throw new TypeError('Cannot use a BYOB reader with a non-byte stream');
      this._requests = '_readIntoRequests';
      this._readIntoRequests = [];
      lockReader(this, stream);
    }
    read(view, options = undefined) {
      if (!ArrayBuffer.isView(view)) return rejected(new TypeError('view must be an ArrayBuffer view'));
      if (view.byteLength === 0) return rejected(new TypeError('view must have non-zero byteLength'));
      const min = options && options.min !== undefined ? Number(options.min) : 1;
      const length = view instanceof DataView ? view.byteLength : view.length;
      if (!(min > 0)) return rejected(new TypeError('options.min must be greater than 0'));
      if (min > length) return rejected(new RangeError('options.min must be less than or equal to the view length'));
      const stream = this._stream;
      if (stream === undefined) return rejected(new TypeError('The reader is released'));
      stream._disturbed = true;
      if (stream._state === 'errored') return rejected(stream._storedError);
      const d = deferred();
      stream._controller._pullInto(view, min, readRequest(d));
      return d.promise;
    }
  }
  Object.defineProperty(ReadableStreamBYOBReader.prototype, Symbol.toStringTag, { value: 'ReadableStreamBYOBReader', configurable: true });

  // ---- tee and pipe -----------------------------------------------------------------
  function tee(stream) {
    const reader = new ReadableStreamDefaultReader(stream);
    let reading = false, readAgain = false, canceled1 = false, canceled2 = false, reason1, reason2;
    const cancelled = deferred();
    let branch1, branch2;
    const pull = () => {
      if (reading) {
        readAgain = true;
        return resolved(undefined);
      }
      reading = true;
      reader.read().then(({ value, done }) => {
        if (done) {
          reading = false;
          if (!canceled1) branch1._controller.close();
          if (!canceled2) branch2._controller.close();
          cancelled.resolve(undefined);
          return;
        }
        queueMicrotask(() => {
          readAgain = false;
          if (!canceled1) branch1._controller.enqueue(value);
          if (!canceled2) branch2._controller.enqueue(value);
          reading = false;
          if (readAgain) pull();
        });
      }, () => {
        reading = false;
      });
      return resolved(undefined);
    };
    const cancelBranch = (which) => (reason) => {
      if (which === 1) {
        canceled1 = true;
        reason1 = reason;
      } else {
        canceled2 = true;
        reason2 = reason;
      }
      if (canceled1 && canceled2) cancelled.resolve(cancelReadable(stream, [reason1, reason2]));
      return cancelled.promise;
    };
    branch1 = createReadable(() => {}, pull, cancelBranch(1));
    branch2 = createReadable(() => {}, pull, cancelBranch(2));
    reader.closed.catch((e) => {
      errorController(branch1._controller, e);
      errorController(branch2._controller, e);
      if (!canceled1 || !canceled2) cancelled.resolve(undefined);
    });
    return [branch1, branch2];
  }

  function pipe(source, dest, options) {
    const preventClose = !!options.preventClose;
    const preventAbort = !!options.preventAbort;
    const preventCancel = !!options.preventCancel;
    const signal = options.signal;
    const reader = new ReadableStreamDefaultReader(source);
    const writer = new WritableStreamDefaultWriter(dest);
    source._disturbed = true;
    const done = deferred();
    let shuttingDown = false;
    let pendingWrite = resolved(undefined);
    // A chunk read but not yet handed to the writer still has to be written before a
    // close propagates ("every chunk that has been read has been written").
    let pendingRead = resolved(undefined);
    const finalize = (isError, error) => {
      writer.releaseLock();
      reader.releaseLock();
      if (signal !== undefined) signal.removeEventListener('abort', onAbort);
      if (isError) done.reject(error);
      else done.resolve(undefined);
    };
    const waitWrites = () => pendingRead.then(() => pendingWrite).then(() => undefined, () => undefined);
    const shutdown = (action, isError, error) => {
      if (shuttingDown) return;
      shuttingDown = true;
      const go = () => {
        if (!action) return finalize(isError, error);
        action().then(() => finalize(isError, error), (e) => finalize(true, e));
      };
      if (dest._state === 'writable' && !writableCloseQueuedOrInFlight(dest)) waitWrites().then(go);
      else go();
    };
    function onAbort() {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) actions.push(() => (dest._state === 'writable' ? abortWritable(dest, error) : resolved(undefined)));
      if (!preventCancel) actions.push(() => (source._state === 'readable' ? cancelReadable(source, error) : resolved(undefined)));
      shutdown(() => Promise.all(actions.map((a) => a())), true, error);
    }
    if (signal !== undefined) {
      if (signal.aborted) {
        onAbort();
        return done.promise;
      }
      signal.addEventListener('abort', onAbort);
    }
    // Errors and closes, in the order the standard checks them.
    const sourceErrored = (e) => {
      if (!preventAbort) shutdown(() => abortWritable(dest, e), true, e);
      else shutdown(null, true, e);
    };
    const destErrored = (e) => {
      if (!preventCancel) shutdown(() => cancelReadable(source, e), true, e);
      else shutdown(null, true, e);
    };
    const sourceClosed = () => {
      if (!preventClose) shutdown(() => writerCloseWithErrorPropagation(writer), false);
      else shutdown(null, false);
    };
    reader.closed.then(() => { if (!shuttingDown) sourceClosed(); }, (e) => { if (!shuttingDown) sourceErrored(e); });
    writer.closed.then(() => {}, (e) => { if (!shuttingDown) destErrored(e); });
    if (source._state === 'errored') sourceErrored(source._storedError);
    else if (dest._state === 'errored' || dest._state === 'erroring') destErrored(dest._storedError);
    else if (source._state === 'closed') sourceClosed();
    else if (writableCloseQueuedOrInFlight(dest) || dest._state === 'closed') {
      const e = new TypeError('the destination writable stream closed before all data could be piped to it');
      if (!preventCancel) shutdown(() => cancelReadable(source, e), true, e);
      else shutdown(null, true, e);
    }
    const step = () => {
      if (shuttingDown) return;
      writer.ready.then(() => {
        if (shuttingDown) return undefined;
        pendingRead = reader.read().then(({ value, done: end }) => {
          if (end) return;
          // Written even when the source's close already began the shutdown.
          pendingWrite = writer.write(value);
          quiet(pendingWrite);
          step();
        });
        return pendingRead;
      }).catch(() => {});
    };
    step();
    return done.promise;
  }
  function writerCloseWithErrorPropagation(writer) {
    const stream = writer._stream;
    if (writableCloseQueuedOrInFlight(stream) || stream._state === 'closed') return resolved(undefined);
    if (stream._state === 'errored') return rejected(stream._storedError);
    return closeWritable(stream);
  }

  // ---- WritableStream ---------------------------------------------------------------
  class WritableStream {
    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === kToken) return;
      const sink = underlyingSink ?? {};
      if (sink.type !== undefined) throw new RangeError('Invalid type is specified');
      const size = sizeAlgorithm(strategy);
      const hwm = highWaterMark(strategy, 1);
      initWritable(this);
      const start = method(sink, 'start');
      method(sink, 'write');
      method(sink, 'close');
      method(sink, 'abort');
      setUpWritableController(this,
        (c) => (start ? start.call(sink, c) : undefined),
        (chunk, c) => promiseCall(sink, 'write', [chunk, c]),
        () => promiseCall(sink, 'close', []),
        (r) => promiseCall(sink, 'abort', [r]),
        hwm, size);
    }
    get locked() {
      return this._writer !== undefined;
    }
    abort(reason = undefined) {
      if (this.locked) return rejected(new TypeError('Cannot abort a locked stream'));
      return abortWritable(this, reason);
    }
    close() {
      if (this.locked) return rejected(new TypeError('Cannot close a locked stream'));
      if (writableCloseQueuedOrInFlight(this)) return rejected(new TypeError('The stream is already closing'));
      return closeWritable(this);
    }
    getWriter() {
      return new WritableStreamDefaultWriter(this);
    }
    [customInspect]() {
      return `WritableStream { locked: ${this.locked}, state: '${this._state}' }`;
    }
  }
  Object.defineProperty(WritableStream.prototype, Symbol.toStringTag, { value: 'WritableStream', configurable: true });

  function initWritable(stream) {
    stream._state = 'writable';
    stream._storedError = undefined;
    stream._writer = undefined;
    stream._controller = undefined;
    stream._inFlightWrite = undefined;
    stream._closeRequest = undefined;
    stream._inFlightClose = undefined;
    stream._pendingAbort = undefined;
    stream._writeRequests = [];
    stream._backpressure = false;
  }
  function createWritable(start, write, close, abort, hwm = 1, size = () => 1) {
    const stream = new WritableStream(kToken);
    initWritable(stream);
    setUpWritableController(stream, start, write, close, abort, hwm, size);
    return stream;
  }
  function writableCloseQueuedOrInFlight(stream) {
    return stream._closeRequest !== undefined || stream._inFlightClose !== undefined;
  }
  function abortWritable(stream, reason) {
    if (stream._state === 'closed' || stream._state === 'errored') return resolved(undefined);
    stream._controller._abortController.abort(reason);
    if (stream._state === 'closed' || stream._state === 'errored') return resolved(undefined);
    if (stream._pendingAbort !== undefined) return stream._pendingAbort.d.promise;
    let wasAlreadyErroring = false;
    if (stream._state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const d = deferred();
    stream._pendingAbort = { d, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) startErroring(stream, reason);
    return d.promise;
  }
  function closeWritable(stream) {
    if (stream._state === 'closed' || stream._state === 'errored') return rejected(new TypeError('The stream is closed or errored'));
    const d = deferred();
    stream._closeRequest = d;
    const writer = stream._writer;
    if (writer !== undefined && stream._backpressure && stream._state === 'writable') writer._ready.resolve(undefined);
    const c = stream._controller;
    c._queue.push({ close: true, size: 0 });
    advanceQueueIfNeeded(c);
    return d.promise;
  }
  function startErroring(stream, reason) {
    const c = stream._controller;
    stream._state = 'erroring';
    stream._storedError = reason;
    const writer = stream._writer;
    if (writer !== undefined) ensureReadyRejected(writer, reason);
    if (stream._inFlightWrite === undefined && stream._inFlightClose === undefined && c._started) finishErroring(stream);
  }
  function finishErroring(stream) {
    stream._state = 'errored';
    stream._controller._queue = [];
    stream._controller._queueTotal = 0;
    const e = stream._storedError;
    for (const r of stream._writeRequests) r.reject(e);
    stream._writeRequests = [];
    const abort = stream._pendingAbort;
    if (abort === undefined) {
      rejectCloseAndClosed(stream);
      return;
    }
    stream._pendingAbort = undefined;
    if (abort.wasAlreadyErroring) {
      abort.d.reject(e);
      rejectCloseAndClosed(stream);
      return;
    }
    stream._controller._abortAlgorithm(abort.reason).then(() => {
      abort.d.resolve(undefined);
      rejectCloseAndClosed(stream);
    }, (err) => {
      abort.d.reject(err);
      rejectCloseAndClosed(stream);
    });
  }
  function rejectCloseAndClosed(stream) {
    if (stream._closeRequest !== undefined) {
      stream._closeRequest.reject(stream._storedError);
      stream._closeRequest = undefined;
    }
    const writer = stream._writer;
    if (writer !== undefined) {
      writer._closed.reject(stream._storedError);
      quiet(writer._closed.promise);
    }
  }
  function dealWithRejection(stream, e) {
    if (stream._state === 'writable') startErroring(stream, e);
    else finishErroring(stream);
  }
  function updateBackpressure(stream, backpressure) {
    const writer = stream._writer;
    if (writer !== undefined && backpressure !== stream._backpressure) {
      if (backpressure) writer._ready = quietDeferred();
      else writer._ready.resolve(undefined);
    }
    stream._backpressure = backpressure;
  }
  function quietDeferred() {
    const d = deferred();
    quiet(d.promise);
    return d;
  }
  function ensureReadyRejected(writer, e) {
    if (writer._ready.settled) writer._ready = quietDeferred();
    writer._ready.reject(e);
  }

  class WritableStreamDefaultController {
    constructor() {
      throw illegal();
    }
    get signal() {
      return this._abortController.signal;
    }
    error(e = undefined) {
      if (this._stream._state !== 'writable') return;
      clearSinkAlgorithms(this);
      startErroring(this._stream, e);
    }
  }
  Object.defineProperty(WritableStreamDefaultController.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultController', configurable: true });

  function clearSinkAlgorithms(c) {
    c._writeAlgorithm = () => resolved(undefined);
    c._closeAlgorithm = () => resolved(undefined);
    c._abortAlgorithm = () => resolved(undefined);
    c._size = () => 1;
  }
  function setUpWritableController(stream, start, write, close, abort, hwm, size) {
    const c = Object.create(WritableStreamDefaultController.prototype);
    c._stream = stream;
    c._queue = [];
    c._queueTotal = 0;
    c._abortController = new AbortController();
    c._started = false;
    c._size = size;
    c._hwm = hwm;
    c._writeAlgorithm = (chunk) => write(chunk, c);
    c._closeAlgorithm = close;
    c._abortAlgorithm = abort;
    stream._controller = c;
    updateBackpressure(stream, c._hwm - c._queueTotal <= 0);
    resolved(start(c)).then(() => {
      c._started = true;
      advanceQueueIfNeeded(c);
    }, (e) => {
      c._started = true;
      dealWithRejection(stream, e);
    });
  }
  function writableDesiredSize(c) {
    return c._hwm - c._queueTotal;
  }
  function advanceQueueIfNeeded(c) {
    const stream = c._stream;
    if (!c._started || stream._inFlightWrite !== undefined) return;
    if (stream._state === 'erroring') {
      finishErroring(stream);
      return;
    }
    if (c._queue.length === 0) return;
    const head = c._queue[0];
    if (head.close) {
      stream._inFlightClose = stream._closeRequest;
      stream._closeRequest = undefined;
      c._queue.shift();
      const p = c._closeAlgorithm();
      clearSinkAlgorithms(c);
      p.then(() => {
        stream._inFlightClose.resolve(undefined);
        stream._inFlightClose = undefined;
        if (stream._state === 'erroring') {
          stream._storedError = undefined;
          if (stream._pendingAbort !== undefined) {
            stream._pendingAbort.d.resolve(undefined);
            stream._pendingAbort = undefined;
          }
        }
        stream._state = 'closed';
        const writer = stream._writer;
        if (writer !== undefined) writer._closed.resolve(undefined);
      }, (e) => {
        stream._inFlightClose.reject(e);
        stream._inFlightClose = undefined;
        if (stream._pendingAbort !== undefined) {
          stream._pendingAbort.d.reject(e);
          stream._pendingAbort = undefined;
        }
        dealWithRejection(stream, e);
      });
      return;
    }
    stream._inFlightWrite = stream._writeRequests.shift();
    c._writeAlgorithm(head.value).then(() => {
      stream._inFlightWrite.resolve(undefined);
      stream._inFlightWrite = undefined;
      const state = stream._state;
      c._queue.shift();
      c._queueTotal -= head.size;
      if (c._queue.length === 0) c._queueTotal = 0;
      if (!writableCloseQueuedOrInFlight(stream) && state === 'writable') updateBackpressure(stream, writableDesiredSize(c) <= 0);
      advanceQueueIfNeeded(c);
    }, (e) => {
      stream._inFlightWrite.reject(e);
      stream._inFlightWrite = undefined;
      if (stream._state === 'writable') clearSinkAlgorithms(c);
      dealWithRejection(stream, e);
    });
  }
  function writeToStream(writer, chunk) {
    const stream = writer._stream;
    const c = stream._controller;
    let size;
    try {
      size = c._size(chunk);
    } catch (e) {
      if (stream._state === 'writable') {
        clearSinkAlgorithms(c);
        startErroring(stream, e);
      }
      return rejected(e);
    }
    if (stream !== writer._stream) return rejected(new TypeError('The writer is released'));
    const state = stream._state;
    if (state === 'errored') return rejected(stream._storedError);
    if (writableCloseQueuedOrInFlight(stream) || state === 'closed') return rejected(new TypeError('The stream is closing or closed'));
    if (state === 'erroring') return rejected(stream._storedError);
    const d = deferred();
    stream._writeRequests.push(d);
    c._queue.push({ value: chunk, size });
    c._queueTotal += size;
    if (!writableCloseQueuedOrInFlight(stream) && stream._state === 'writable') updateBackpressure(stream, writableDesiredSize(c) <= 0);
    advanceQueueIfNeeded(c);
    return d.promise;
  }

  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (!(stream instanceof WritableStream)) throw new TypeError('The argument must be a WritableStream');
      if (stream.locked) throw new TypeError('WritableStream is locked');
      this._stream = stream;
      stream._writer = this;
      const state = stream._state;
      this._ready = quietDeferred();
      this._closed = quietDeferred();
      if (state === 'writable') {
        if (!writableCloseQueuedOrInFlight(stream) && stream._backpressure) {
          // stays pending
        } else {
          this._ready.resolve(undefined);
        }
      } else if (state === 'erroring') {
        ensureReadyRejected(this, stream._storedError);
      } else if (state === 'closed') {
        this._ready.resolve(undefined);
        this._closed.resolve(undefined);
      } else {
        ensureReadyRejected(this, stream._storedError);
        this._closed.reject(stream._storedError);
      }
    }
    get closed() {
      return this._closed.promise;
    }
    get ready() {
      return this._ready.promise;
    }
    get desiredSize() {
      const stream = this._stream;
      if (stream === undefined) throw new TypeError('The writer is released');
      if (stream._state === 'errored' || stream._state === 'erroring') return null;
      if (stream._state === 'closed') return 0;
      return writableDesiredSize(stream._controller);
    }
    abort(reason = undefined) {
      if (this._stream === undefined) return rejected(new TypeError('The writer is released'));
      return abortWritable(this._stream, reason);
    }
    close() {
      const stream = this._stream;
      if (stream === undefined) return rejected(new TypeError('The writer is released'));
      if (writableCloseQueuedOrInFlight(stream)) return rejected(new TypeError('The stream is already closing'));
      return closeWritable(stream);
    }
    releaseLock() {
      const stream = this._stream;
      if (stream === undefined) return;
      const e = new TypeError('Writer was released');
      ensureReadyRejected(this, e);
      if (stream._state === 'writable' || writableCloseQueuedOrInFlight(stream)) this._closed.reject(e);
      else {
        this._closed = quietDeferred();
        this._closed.reject(e);
      }
      stream._writer = undefined;
      this._stream = undefined;
    }
    write(chunk = undefined) {
      if (this._stream === undefined) return rejected(new TypeError('The writer is released'));
      return writeToStream(this, chunk);
    }
  }
  Object.defineProperty(WritableStreamDefaultWriter.prototype, Symbol.toStringTag, { value: 'WritableStreamDefaultWriter', configurable: true });

  // ---- TransformStream -------------------------------------------------------------
  class TransformStream {
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const t = transformer ?? {};
      if (t.readableType !== undefined) throw new RangeError('Invalid readableType specified');
      if (t.writableType !== undefined) throw new RangeError('Invalid writableType specified');
      const start = method(t, 'start');
      const transform = method(t, 'transform');
      const flush = method(t, 'flush');
      const cancel = method(t, 'cancel');
      setUpTransform(this,
        (c) => (start ? start.call(t, c) : undefined),
        transform ? (chunk, c) => promiseCall(t, 'transform', [chunk, c]) : (chunk, c) => {
          try {
            c.enqueue(chunk);
            return resolved(undefined);
          } catch (e) {
            return rejected(e);
          }
        },
        flush ? (c) => promiseCall(t, 'flush', [c]) : () => resolved(undefined),
        cancel ? (r) => promiseCall(t, 'cancel', [r]) : () => resolved(undefined),
        highWaterMark(writableStrategy, 1), sizeAlgorithm(writableStrategy),
        highWaterMark(readableStrategy, 0), sizeAlgorithm(readableStrategy));
    }
    get readable() {
      return this._readable;
    }
    get writable() {
      return this._writable;
    }
  }
  Object.defineProperty(TransformStream.prototype, Symbol.toStringTag, { value: 'TransformStream', configurable: true });

  class TransformStreamDefaultController {
    constructor() {
      throw illegal();
    }
    get desiredSize() {
      return desiredSize(this._stream._readable._controller);
    }
    enqueue(chunk = undefined) {
      transformEnqueue(this, chunk);
    }
    error(reason = undefined) {
      transformError(this._stream, reason);
    }
    terminate() {
      const stream = this._stream;
      const rc = stream._readable._controller;
      if (canCloseOrEnqueue(rc)) rc.close();
      transformErrorWritableAndUnblock(stream, new TypeError('The transform stream has been terminated'));
    }
  }
  Object.defineProperty(TransformStreamDefaultController.prototype, Symbol.toStringTag, { value: 'TransformStreamDefaultController', configurable: true });

  function setUpTransform(stream, start, transform, flush, cancel, wHwm, wSize, rHwm, rSize) {
    const startPromise = deferred();
    const c = Object.create(TransformStreamDefaultController.prototype);
    c._stream = stream;
    c._transform = transform;
    c._flush = flush;
    c._cancel = cancel;
    c._finish = undefined;
    stream._controller = c;
    stream._backpressure = undefined;
    stream._backpressureChange = undefined;
    stream._writable = createWritable(
      () => startPromise.promise,
      (chunk) => sinkWrite(stream, chunk),
      () => sinkClose(stream),
      (reason) => sinkAbort(stream, reason),
      wHwm, wSize);
    stream._readable = createReadable(
      () => startPromise.promise,
      () => {
        setBackpressure(stream, false);
        return stream._backpressureChange.promise;
      },
      (reason) => sourceCancel(stream, reason),
      rHwm, rSize);
    setBackpressure(stream, true);
    try {
      startPromise.resolve(start(c));
    } catch (e) {
      startPromise.reject(e);
    }
  }
  function setBackpressure(stream, bp) {
    if (stream._backpressureChange !== undefined) stream._backpressureChange.resolve(undefined);
    stream._backpressureChange = deferred();
    stream._backpressure = bp;
  }
  function transformEnqueue(c, chunk) {
    const stream = c._stream;
    const rc = stream._readable._controller;
    if (!canCloseOrEnqueue(rc)) throw new TypeError('Readable side is not in a state that permits enqueue');
    try {
      rc.enqueue(chunk);
    } catch (e) {
      transformErrorWritableAndUnblock(stream, e);
      throw stream._readable._storedError;
    }
    const bp = !shouldCallPull(rc) || desiredSize(rc) <= 0;
    if (bp !== stream._backpressure && bp) setBackpressure(stream, true);
  }
  function transformError(stream, e) {
    errorController(stream._readable._controller, e);
    transformErrorWritableAndUnblock(stream, e);
  }
  function transformErrorWritableAndUnblock(stream, e) {
    const c = stream._controller;
    c._transform = c._flush = c._cancel = () => resolved(undefined);
    errorWritable(stream, e);
  }
  function performTransform(stream, chunk) {
    return stream._controller._transform(chunk, stream._controller).catch((e) => {
      transformError(stream, e);
      throw e;
    });
  }
  function sinkWrite(stream, chunk) {
    if (stream._backpressure) {
      return stream._backpressureChange.promise.then(() => {
        const w = stream._writable;
        if (w._state === 'erroring') throw w._storedError;
        return performTransform(stream, chunk);
      });
    }
    return performTransform(stream, chunk);
  }
  /**
   * The shared shape of the transform's abort, close and cancel: run `action` once (later
   * calls get the same promise), clear the algorithms, then `settle(ok, value)` decides
   * the outcome and side effects; a rejection of `action` reaches `settle(false, e)`.
   */
  function finishTransform(stream, action, settle) {
    const c = stream._controller;
    if (c._finish !== undefined) return c._finish.promise;
    const d = deferred();
    c._finish = d;
    const p = action(c);
    c._transform = c._flush = c._cancel = () => resolved(undefined);
    p.then(() => settle(true, undefined, d), (e) => settle(false, e, d));
    return d.promise;
  }
  function errorWritable(stream, e) {
    const w = stream._writable;
    if (w._state === 'writable') {
      clearSinkAlgorithms(w._controller);
      startErroring(w, e);
    }
    if (stream._backpressure) setBackpressure(stream, false);
  }
  function sinkAbort(stream, reason) {
    return finishTransform(stream, (c) => c._cancel(reason), (ok, e, d) => {
      const r = stream._readable;
      if (!ok) {
        errorController(r._controller, e);
        d.reject(e);
      } else if (r._state === 'errored') {
        d.reject(r._storedError);
      } else {
        errorController(r._controller, reason);
        d.resolve(undefined);
      }
    });
  }
  function sinkClose(stream) {
    return finishTransform(stream, (c) => c._flush(c), (ok, e, d) => {
      const r = stream._readable;
      if (!ok) {
        errorController(r._controller, e);
        d.reject(e);
      } else if (r._state === 'errored') {
        d.reject(r._storedError);
      } else {
        if (canCloseOrEnqueue(r._controller)) r._controller.close();
        d.resolve(undefined);
      }
    });
  }
  function sourceCancel(stream, reason) {
    return finishTransform(stream, (c) => c._cancel(reason), (ok, e, d) => {
      const w = stream._writable;
      if (!ok) {
        errorWritable(stream, e);
        d.reject(e);
      } else if (w._state === 'errored') {
        d.reject(w._storedError);
      } else {
        errorWritable(stream, reason);
        d.resolve(undefined);
      }
    });
  }

  // ---- encoding and compression streams ----------------------------------------------
  function transformPair(self, transformer) {
    const t = new TransformStream(transformer);
    Object.defineProperty(self, '_t', { value: t });
  }
  class TextEncoderStream {
    constructor() {
      let pending = '';
      transformPair(this, {
        transform(chunk, c) {
          let s = pending + `${chunk}`;
          pending = '';
          const last = s.charCodeAt(s.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pending = s[s.length - 1];
            s = s.slice(0, -1);
          }
          if (s.length > 0) c.enqueue(binding.utf8Encode(s.toWellFormed ? s.toWellFormed() : s));
        },
        flush(c) {
          if (pending !== '') c.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
        },
      });
    }
    get encoding() { return 'utf-8'; }
    get readable() { return this._t.readable; }
    get writable() { return this._t.writable; }
  }
  Object.defineProperty(TextEncoderStream.prototype, Symbol.toStringTag, { value: 'TextEncoderStream', configurable: true });
  class TextDecoderStream {
    #decoder;
    constructor(label = 'utf-8', options = undefined) {
      const decoder = new (internals.internal('internal/web').TextDecoder)(label, options);
      this.#decoder = decoder;
      transformPair(this, {
        transform(chunk, c) {
          const s = decoder.decode(chunk, { stream: true });
          if (s !== '') c.enqueue(s);
        },
        flush(c) {
          const s = decoder.decode();
          if (s !== '') c.enqueue(s);
        },
      });
    }
    get encoding() { return this.#decoder.encoding; }
    get fatal() { return this.#decoder.fatal; }
    get ignoreBOM() { return this.#decoder.ignoreBOM; }
    get readable() { return this._t.readable; }
    get writable() { return this._t.writable; }
  }
  Object.defineProperty(TextDecoderStream.prototype, Symbol.toStringTag, { value: 'TextDecoderStream', configurable: true });
  function codecStream(self, format, compress) {
    const f = `${format}`;
    const handle = binding.codecNew(f, compress);
    if (handle < 0) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `Unsupported format: ${f}; use 'deflate', 'deflate-raw' or 'gzip'`);
    transformPair(self, {
      transform(chunk, c) {
        if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) throw new TypeError('The chunk must be a BufferSource');
        const bytes = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const out = binding.codecWrite(handle, bytes, false);
        if (out.length > 0) c.enqueue(out);
      },
      flush(c) {
        const out = binding.codecWrite(handle, undefined, true);
        if (out.length > 0) c.enqueue(out);
      },
    });
  }
  class CompressionStream {
    constructor(format) {
      codecStream(this, format, true);
    }
    get readable() { return this._t.readable; }
    get writable() { return this._t.writable; }
  }
  Object.defineProperty(CompressionStream.prototype, Symbol.toStringTag, { value: 'CompressionStream', configurable: true });
  class DecompressionStream {
    constructor(format) {
      codecStream(this, format, false);
    }
    get readable() { return this._t.readable; }
    get writable() { return this._t.writable; }
  }
  Object.defineProperty(DecompressionStream.prototype, Symbol.toStringTag, { value: 'DecompressionStream', configurable: true });

  /** Reads a whole stream of byte chunks (or strings) into one Uint8Array. */
  async function readAllBytes(stream) {
    const reader = stream.getReader();
    const parts = [];
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      let bytes;
      if (typeof value === 'string') bytes = binding.utf8Encode(value);
      else if (value instanceof Uint8Array) bytes = value;
      else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      else if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
      else throw new TypeError('Received non-Uint8Array chunk');
      parts.push(bytes);
      total += bytes.byteLength;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }
  /** A byte stream over one Uint8Array (bodies held whole). */
  function streamOfBytes(bytes) {
    return createReadable((c) => {
      if (bytes.byteLength > 0) c.enqueue(bytes);
      c.close();
    }, () => resolved(undefined), () => resolved(undefined), 0);
  }
  const isDisturbed = (s) => s._disturbed;

  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader, ReadableStreamBYOBRequest,
    ReadableStreamDefaultController, ReadableByteStreamController,
    WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
    TransformStream, TransformStreamDefaultController,
    ByteLengthQueuingStrategy, CountQueuingStrategy,
    TextEncoderStream, TextDecoderStream, CompressionStream, DecompressionStream,
    readAllBytes, streamOfBytes, createReadable, createWritable, isDisturbed,
  };
})
