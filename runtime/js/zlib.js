// node:zlib — gzip, deflate and raw deflate (flate2 in Rust): the stream classes,
// the *Sync forms and the callback forms. Brotli is not implemented yet and says so.
(function (binding, internals) {
  'use strict';
  const { codedError } = internals;
  const Buffer = () => internals.internal('buffer').Buffer;
  const stream = internals.internal('stream');

  const constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_BUF_ERROR: -5, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  };
  // format, compress; 'unzip' detects gzip or zlib from the first bytes.
  const KINDS = {
    Gzip: ['gzip', true], Gunzip: ['gzip', false], Deflate: ['deflate', true], Inflate: ['deflate', false],
    DeflateRaw: ['deflate-raw', true], InflateRaw: ['deflate-raw', false], Unzip: ['unzip', false],
  };
  function toBytes(data) {
    if (typeof data === 'string') return Buffer().from(data);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.');
  }
  function zlibError(e) {
    const err = new Error(e.message.includes('invalid') || e.message.includes('not valid') ? 'incorrect header check' : e.message);
    err.errno = -3;
    err.code = 'Z_DATA_ERROR';
    return err;
  }
  function openCodec(format, compress, first) {
    let f = format;
    if (f === 'unzip') f = first && first[0] === 0x1f && first[1] === 0x8b ? 'gzip' : 'deflate';
    return binding.codecNew(f, compress);
  }
  function processSync(kind, data) {
    const [format, compress] = KINDS[kind];
    const bytes = toBytes(data);
    const h = openCodec(format, compress, bytes);
    try {
      const out = binding.codecWrite(h, bytes, true);
      return Buffer().from(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      throw zlibError(e);
    }
  }
  function ZlibBase(kind, options) {
    stream.Transform.call(this, options);
    this._kind = kind;
    this._handle = -1;
    this.bytesWritten = 0;
  }
  Object.setPrototypeOf(ZlibBase.prototype, stream.Transform.prototype);
  ZlibBase.prototype._transform = function (chunk, encoding, cb) {
    const [format, compress] = KINDS[this._kind];
    if (this._handle < 0) this._handle = openCodec(format, compress, chunk);
    this.bytesWritten += chunk.length;
    let out;
    try {
      out = binding.codecWrite(this._handle, chunk, false);
    } catch (e) {
      cb(zlibError(e));
      return;
    }
    cb(null, out.length ? Buffer().from(out.buffer, out.byteOffset, out.byteLength) : undefined);
  };
  ZlibBase.prototype._flush = function (cb) {
    const [format, compress] = KINDS[this._kind];
    if (this._handle < 0) this._handle = openCodec(format, compress, null);
    let out;
    try {
      out = binding.codecWrite(this._handle, undefined, true);
    } catch (e) {
      cb(zlibError(e));
      return;
    }
    cb(null, out.length ? Buffer().from(out.buffer, out.byteOffset, out.byteLength) : undefined);
  };
  ZlibBase.prototype.close = function (cb) {
    if (typeof cb === 'function') this.once('close', cb);
    this.destroy();
  };
  const zlib = { constants, ...constants };
  for (const kind of Object.keys(KINDS)) {
    const Ctor = function (options) {
      if (!(this instanceof Ctor)) return new Ctor(options);
      ZlibBase.call(this, kind, options);
    };
    Object.defineProperty(Ctor, 'name', { value: kind });
    Object.setPrototypeOf(Ctor.prototype, ZlibBase.prototype);
    zlib[kind] = Ctor;
    zlib[`create${kind}`] = (options) => new Ctor(options);
    const lower = kind[0].toLowerCase() + kind.slice(1);
    zlib[`${lower}Sync`] = (data) => processSync(kind, data);
    zlib[lower] = (data, options, callback) => {
      if (typeof options === 'function') callback = options;
      let result;
      let error = null;
      try {
        result = processSync(kind, data);
      } catch (e) {
        error = e;
      }
      internals.setImmediate(() => callback(error, result));
    };
  }
  const noBrotli = () => {
    throw codedError(Error, 'ERR_NOT_IMPLEMENTED', 'brotli is not implemented in dynojs yet');
  };
  for (const name of ['createBrotliCompress', 'createBrotliDecompress', 'brotliCompress', 'brotliDecompress', 'brotliCompressSync', 'brotliDecompressSync']) zlib[name] = noBrotli;
  return zlib;
})
