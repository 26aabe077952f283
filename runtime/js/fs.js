// node:fs and node:fs/promises: every operation as callback, *Sync and promise, on the
// natives of src/fs.rs (blocking work on the blocking pool; callbacks in the poll
// phase), FileHandle, createReadStream/createWriteStream, Stats and Dirent.
(function (binding, internals) {
  'use strict';
  const { ioRequest, validateFunction, argTypeError, codedError } = internals;
  const Buffer = () => internals.internal('buffer').Buffer;
  const stream = () => internals.internal('stream');

  const constants = {
    F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
    O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024,
    S_IFMT: 0o170000, S_IFREG: 0o100000, S_IFDIR: 0o040000, S_IFCHR: 0o020000, S_IFBLK: 0o060000,
    S_IFIFO: 0o010000, S_IFLNK: 0o120000, S_IFSOCK: 0o140000,
    COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
  };

  function pathOf(p, name = 'path') {
    if (typeof p === 'string') {
      if (p.includes('\0')) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' must be a string, Uint8Array, or URL without null bytes. Received ${JSON.stringify(p)}`);
      return p;
    }
    if (p instanceof Uint8Array) return Buffer().from(p).toString();
    if (typeof URL === 'function' && p instanceof URL) return internals.internal('url').fileURLToPath(p);
    throw argTypeError(name, 'of type string or an instance of Buffer or URL', p);
  }
  function optionsOf(options, defaults) {
    if (options === undefined || options === null || typeof options === 'function') return { ...defaults };
    if (typeof options === 'string') return { ...defaults, encoding: options };
    if (typeof options !== 'object') throw argTypeError('options', 'one of type string or object', options);
    return { ...defaults, ...options };
  }
  function checkEncoding(enc) {
    if (enc === undefined || enc === null || enc === 'buffer') return;
    if (!Buffer().isEncoding(enc)) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'encoding' is invalid encoding. Received '${enc}'`);
  }
  function encode(bytes, encoding) {
    const buf = Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
  }
  function dataOf(data, encoding) {
    if (typeof data === 'string') return Buffer().from(data, encoding || 'utf8');
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw argTypeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  function modeOf(mode, fallback) {
    if (mode === undefined || mode === null) return fallback;
    if (typeof mode === 'string') return parseInt(mode, 8);
    return mode;
  }
  function systemError(e) {
    return internals.systemError(e);
  }

  // ---- Stats and Dirent -------------------------------------------------------------
  class Stats {
    constructor(o) {
      Object.assign(this, o);
      this.atime = new Date(o.atimeMs);
      this.mtime = new Date(o.mtimeMs);
      this.ctime = new Date(o.ctimeMs);
      this.birthtime = new Date(o.birthtimeMs);
    }
    #type() { return this.mode & constants.S_IFMT; }
    isFile() { return this.#type() === constants.S_IFREG; }
    isDirectory() { return this.#type() === constants.S_IFDIR; }
    isSymbolicLink() { return this.#type() === constants.S_IFLNK; }
    isFIFO() { return this.#type() === constants.S_IFIFO; }
    isSocket() { return this.#type() === constants.S_IFSOCK; }
    isCharacterDevice() { return this.#type() === constants.S_IFCHR; }
    isBlockDevice() { return this.#type() === constants.S_IFBLK; }
  }
  class Dirent {
    constructor(name, type, path) {
      this.name = name;
      this.parentPath = path;
      this.path = path;
      this[kType] = type;
    }
    isFile() { return this[kType] === 1; }
    isDirectory() { return this[kType] === 2; }
    isSymbolicLink() { return this[kType] === 3; }
    isFIFO() { return this[kType] === 4; }
    isSocket() { return this[kType] === 5; }
    isCharacterDevice() { return this[kType] === 6; }
    isBlockDevice() { return this[kType] === 7; }
  }
  const kType = Symbol('type');

  // Each operation: [native op, args(...user args) → native args, result mapping].
  const ops = {
    readFile(path, options) {
      const o = optionsOf(options, { encoding: null, flag: 'r' });
      checkEncoding(o.encoding);
      if (typeof path === 'number') return ['readFd', [path], (b) => encode(b, o.encoding)];
      return ['readFile', [pathOf(path)], (b) => encode(b, o.encoding)];
    },
    writeFile(path, data, options) {
      const o = optionsOf(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
      if (typeof path === 'number') return ['write', [path, dataOf(data, o.encoding), -1], () => undefined];
      const flag = `${o.flag}`;
      return ['writeFile', [pathOf(path), dataOf(data, o.encoding), flag.startsWith('a'), modeOf(o.mode, 0o666), flag.includes('x')], () => undefined];
    },
    appendFile(path, data, options) {
      const o = optionsOf(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
      if (typeof path === 'number') return ['write', [path, dataOf(data, o.encoding), -1], () => undefined];
      const flag = `${o.flag}`;
      return ['writeFile', [pathOf(path), dataOf(data, o.encoding), true, modeOf(o.mode, 0o666), flag.includes('x')], () => undefined];
    },
    readdir(path, options) {
      const o = optionsOf(options, { encoding: 'utf8', withFileTypes: false });
      const p = pathOf(path);
      if (o.recursive) return ['readdirRecursive', [p], (rows) => rows.map(([rel, name, t, dir]) => (o.withFileTypes ? new Dirent(name, t, dir) : rel))];
      return ['readdir', [p, !!o.withFileTypes], (list) => (o.withFileTypes ? list.map(([n, t]) => new Dirent(n, t, p)) : o.encoding === 'buffer' ? list.map((n) => Buffer().from(n)) : list)];
    },
    stat(path, options) {
      const o = optionsOf(options, {});
      return ['stat', [pathOf(path)], (s) => statsOf(s, o)];
    },
    lstat(path, options) {
      const o = optionsOf(options, {});
      return ['lstat', [pathOf(path)], (s) => statsOf(s, o)];
    },
    fstat(fd, options) {
      const o = optionsOf(options, {});
      return ['fstat', [fdOf(fd)], (s) => statsOf(s, o)];
    },
    mkdir(path, options) {
      const o = typeof options === 'number' || typeof options === 'string' ? { mode: options } : optionsOf(options, {});
      return ['mkdir', [pathOf(path), !!o.recursive, modeOf(o.mode, 0o777)], (first) => (o.recursive ? first : undefined)];
    },
    rm(path, options) {
      const o = optionsOf(options, {});
      return ['rm', [pathOf(path), !!o.recursive, !!o.force], () => undefined];
    },
    rmdir(path, options) {
      const o = optionsOf(options, {});
      return ['rmdir', [pathOf(path), !!o.recursive], () => undefined];
    },
    rename(from, to) {
      return ['rename', [pathOf(from, 'oldPath'), pathOf(to, 'newPath')], () => undefined];
    },
    unlink(path) {
      return ['unlink', [pathOf(path)], () => undefined];
    },
    copyFile(from, to, mode) {
      return ['copyFile', [pathOf(from, 'src'), pathOf(to, 'dest'), ((mode | 0) & constants.COPYFILE_EXCL) !== 0], () => undefined];
    },
    access(path, mode) {
      return ['access', [pathOf(path), mode === undefined ? 0 : mode | 0], () => undefined];
    },
    open(path, flags, mode) {
      return ['open', [pathOf(path), flagsOf(flags), modeOf(mode, 0o666)], (fd) => fd];
    },
    close(fd) {
      return ['close', [fdOf(fd)], () => undefined];
    },
    fsync(fd) {
      return ['fsync', [fdOf(fd)], () => undefined];
    },
    ftruncate(fd, len) {
      return ['ftruncate', [fdOf(fd), len ?? 0], () => undefined];
    },
    truncate(path, len) {
      return ['truncate', [pathOf(path), len ?? 0], () => undefined];
    },
    realpath(path, options) {
      const o = optionsOf(options, { encoding: 'utf8' });
      return ['realpath', [pathOf(path)], (p) => (o.encoding === 'buffer' ? Buffer().from(p) : p)];
    },
    readlink(path, options) {
      const o = optionsOf(options, { encoding: 'utf8' });
      return ['readlink', [pathOf(path)], (p) => (o.encoding === 'buffer' ? Buffer().from(p) : p)];
    },
    symlink(target, path) {
      return ['symlink', [pathOf(target, 'target'), pathOf(path)], () => undefined];
    },
    chmod(path, mode) {
      return ['chmod', [pathOf(path), modeOf(mode, 0o666)], () => undefined];
    },
    utimes(path, atime, mtime) {
      const secs = (t) => (t instanceof Date ? t.getTime() / 1000 : Number(t));
      return ['utimes', [pathOf(path), secs(atime), secs(mtime)], () => undefined];
    },
    mkdtemp(prefix) {
      return ['mkdtemp', [pathOf(prefix, 'prefix')], (p) => p];
    },
  };
  function statsOf(s, o) {
    const st = new Stats(s);
    if (o.bigint) for (const k of ['dev', 'ino', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'size', 'blksize', 'blocks']) st[k] = BigInt(s[k]);
    return st;
  }
  function fdOf(fd) {
    if (!Number.isInteger(fd) || fd < 0) throw argTypeError('fd', 'of type number', fd);
    return fd;
  }
  function flagsOf(flags) {
    if (flags === undefined || flags === null) return 'r';
    if (typeof flags === 'number') {
      const acc = flags & 3;
      let f = acc === 0 ? 'r' : acc === 1 ? 'w' : 'r+';
      if (flags & constants.O_APPEND) f = acc === 2 ? 'a+' : 'a';
      else if (acc === 2 && flags & constants.O_TRUNC) f = 'w+';
      else if (acc === 2 && flags & constants.O_CREAT) f = 'w+';
      if (flags & constants.O_EXCL) f = f.replace(/^(.)/, '$1x');
      return f;
    }
    return `${flags}`;
  }

  /** Runs an op now; the sync forms. */
  function callSync(name, args) {
    const [op, nativeArgs, map] = ops[name](...args);
    return map(binding.fsCall(op, nativeArgs, 0));
  }
  /** Runs an op on the pool; `done(err, value)` in the poll phase. */
  function callAsync(name, args, done) {
    const [op, nativeArgs, map] = ops[name](...args);
    binding.fsCall(op, nativeArgs, ioRequest((err, value) => {
      if (err) done(err);
      else done(null, map(value));
    }));
  }

  const fs = { constants, Stats, Dirent };
  for (const name of Object.keys(ops)) {
    fs[name] = function (...args) {
      const callback = args.pop();
      validateFunction(callback, 'cb');
      while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
      callAsync(name, args, callback);
    };
    fs[`${name}Sync`] = (...args) => callSync(name, args);
  }
  // statSync/lstatSync({ throwIfNoEntry: false }) answer undefined for a missing path.
  for (const name of ['stat', 'lstat']) {
    const sync = fs[`${name}Sync`];
    fs[`${name}Sync`] = (path, options) => {
      try {
        return sync(path, options);
      } catch (e) {
        if (e.code === 'ENOENT' && options && options.throwIfNoEntry === false) return undefined;
        throw e;
      }
    };
  }
  fs.exists = function (path, callback) {
    validateFunction(callback, 'cb');
    let p;
    try {
      p = pathOf(path);
    } catch {
      internals.nextTick(callback, false);
      return;
    }
    binding.fsCall('exists', [p], ioRequest((err, v) => callback(!err && v)));
  };
  fs.existsSync = (path) => {
    try {
      return binding.fsCall('exists', [pathOf(path)], 0);
    } catch {
      return false;
    }
  };
  // read/write with buffers, positions and offsets (Node's shapes).
  fs.readSync = (fd, buffer, offsetOrOptions, length, position) => {
    let offset = offsetOrOptions;
    if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') ({ offset = 0, length = buffer.byteLength - offset, position = null } = offsetOrOptions);
    offset ??= 0;
    length ??= buffer.byteLength - offset;
    const pos = position === null || position === undefined || position < 0 ? -1 : Number(position);
    const bytes = binding.fsCall('read', [fdOf(fd), length, pos], 0);
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, offset);
    return bytes.length;
  };
  fs.read = function (fd, buffer, offset, length, position, callback) {
    if (typeof buffer === 'function') {
      callback = buffer;
      buffer = Buffer().alloc(16384);
      offset = 0;
      length = buffer.length;
      position = null;
    } else if (typeof offset === 'function') {
      callback = offset;
      offset = 0;
      length = buffer.byteLength;
      position = null;
    }
    validateFunction(callback, 'cb');
    const pos = position === null || position === undefined || position < 0 ? -1 : Number(position);
    binding.fsCall('read', [fdOf(fd), length, pos], ioRequest((err, bytes) => {
      if (err) return callback(err);
      new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(bytes, offset);
      callback(null, bytes.length, buffer);
    }));
  };
  function writeArgs(buffer, offset, length, position) {
    if (typeof buffer === 'string') {
      // write(fd, string[, position[, encoding]])
      const data = Buffer().from(buffer, typeof length === 'string' ? length : 'utf8');
      const pos = typeof offset === 'number' ? offset : -1;
      return [data, pos];
    }
    offset ??= 0;
    length ??= buffer.byteLength - offset;
    const data = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length);
    return [data, position === null || position === undefined ? -1 : Number(position)];
  }
  fs.writeSync = (fd, buffer, offset, length, position) => {
    const [data, pos] = writeArgs(buffer, offset, length, position);
    return binding.fsCall('write', [fdOf(fd), data, pos], 0);
  };
  fs.write = function (fd, buffer, ...rest) {
    const callback = rest.pop();
    validateFunction(callback, 'cb');
    const [data, pos] = writeArgs(buffer, ...rest);
    binding.fsCall('write', [fdOf(fd), data, pos], ioRequest((err, n) => (err ? callback(err) : callback(null, n, buffer))));
  };
  fs.watch = () => {
    throw codedError(Error, 'ERR_NOT_IMPLEMENTED', 'fs.watch is not implemented in dynojs yet');
  };

  // ---- streams ----------------------------------------------------------------------
  function ReadStream(path, options) {
    if (!(this instanceof ReadStream)) return new ReadStream(path, options);
    setUpStreams();
    const o = optionsOf(options, { highWaterMark: 64 * 1024, flags: 'r', autoClose: true });
    stream().Readable.call(this, { highWaterMark: o.highWaterMark, encoding: o.encoding, emitClose: o.emitClose !== false });
    this.path = typeof path === 'number' ? undefined : pathOf(path);
    this.fd = typeof path === 'number' ? path : o.fd ?? null;
    this.flags = o.flags;
    this.mode = o.mode ?? 0o666;
    this.start = o.start;
    this.end = o.end ?? Infinity;
    this.pos = o.start;
    this.bytesRead = 0;
    this.autoClose = o.autoClose;
    openFileStream(this, '_readWhenOpen');
  }
  /** Opens the file of a stream made from a path; `waiting` names the deferred work. */
  function openFileStream(s, waiting) {
    s.pending = s.fd === null;
    if (s.fd !== null) return;
    fs.open(s.path, s.flags, s.mode, (err, fd) => {
      if (err) {
        s.destroy(err);
        return;
      }
      s.fd = fd;
      s.pending = false;
      s.emit('open', fd);
      s.emit('ready');
      const w = s[waiting];
      s[waiting] = null;
      if (w) w();
    });
  }
  function WriteStream(path, options) {
    if (!(this instanceof WriteStream)) return new WriteStream(path, options);
    setUpStreams();
    const o = optionsOf(options, { flags: 'w', autoClose: true });
    stream().Writable.call(this, { highWaterMark: o.highWaterMark, decodeStrings: true, emitClose: o.emitClose !== false });
    this.path = typeof path === 'number' ? undefined : pathOf(path);
    this.fd = typeof path === 'number' ? path : o.fd ?? null;
    this.flags = o.flags;
    this.mode = o.mode ?? 0o666;
    this.start = o.start;
    this.pos = o.start;
    this.bytesWritten = 0;
    this.autoClose = o.autoClose;
    if (o.encoding) this.setDefaultEncoding(o.encoding);
    openFileStream(this, '_writeWhenOpen');
  }
  let streamsReady = false;
  function setUpStreams() {
    if (streamsReady) return;
    streamsReady = true;
    const { Readable, Writable } = stream();
    Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
    Object.setPrototypeOf(ReadStream, Readable);
    ReadStream.prototype._read = function (n) {
      if (this.fd === null) {
        this._readWhenOpen = () => this._read(n);
        return;
      }
      const want = Math.min(n, this.end === Infinity ? n : this.end - (this.pos ?? this.bytesRead) + 1);
      if (want <= 0) {
        this.push(null);
        return;
      }
      const pos = this.pos === undefined ? -1 : this.pos;
      binding.fsCall('read', [this.fd, want, pos], ioRequest((err, bytes) => {
        if (err) {
          this.destroy(err);
          return;
        }
        if (this.pos !== undefined) this.pos += bytes.length;
        this.bytesRead += bytes.length;
        this.push(bytes.length === 0 ? null : Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }));
    };
    ReadStream.prototype._destroy = function (err, cb) {
      if (this.fd !== null && this.autoClose) {
        const fd = this.fd;
        this.fd = null;
        fs.close(fd, (e) => cb(err || e));
      } else {
        cb(err);
      }
    };
    ReadStream.prototype.close = function (cb) {
      if (typeof cb === 'function') this.once('close', cb);
      this.destroy();
    };
    Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
    Object.setPrototypeOf(WriteStream, Writable);
    WriteStream.prototype._write = function (chunk, encoding, cb) {
      if (this.fd === null) {
        this._writeWhenOpen = () => this._write(chunk, encoding, cb);
        return;
      }
      const pos = this.pos === undefined ? -1 : this.pos;
      binding.fsCall('write', [this.fd, chunk, pos], ioRequest((err, n) => {
        if (err) return cb(err);
        this.bytesWritten += n;
        if (this.pos !== undefined) this.pos += n;
        cb();
      }));
    };
    WriteStream.prototype._final = function (cb) {
      if (this.fd === null) {
        this._writeWhenOpen = () => cb();
        return;
      }
      cb();
    };
    WriteStream.prototype._destroy = ReadStream.prototype._destroy;
    WriteStream.prototype.close = function (cb) {
      if (typeof cb === 'function') this.once('close', cb);
      if (!this.writableEnded) this.end();
      else this.destroy();
    };
  }
  fs.ReadStream = ReadStream;
  fs.WriteStream = WriteStream;
  fs.createReadStream = (path, options) => {
    setUpStreams();
    return new ReadStream(path, options);
  };
  fs.createWriteStream = (path, options) => {
    setUpStreams();
    return new WriteStream(path, options);
  };

  // ---- promises -------------------------------------------------------------------------
  const promisified = (name) => (...args) => new Promise((resolve, reject) => {
    try {
      callAsync(name, args, (err, v) => (err ? reject(err) : resolve(v)));
    } catch (e) {
      reject(e);
    }
  });
  class FileHandle {
    #fd;
    constructor(fd) {
      this.#fd = fd;
    }
    get fd() {
      return this.#fd;
    }
    readFile(options) {
      return promisified('readFile')(this.#fd, options);
    }
    writeFile(data, options) {
      return promisified('writeFile')(this.#fd, data, options);
    }
    appendFile(data, options) {
      return promisified('appendFile')(this.#fd, data, options);
    }
    stat(options) {
      return promisified('fstat')(this.#fd, options);
    }
    truncate(len) {
      return promisified('ftruncate')(this.#fd, len);
    }
    sync() {
      return promisified('fsync')(this.#fd);
    }
    read(buffer, offset, length, position) {
      if (buffer === undefined || (buffer !== null && !ArrayBuffer.isView(buffer) && typeof buffer === 'object')) {
        const o = buffer || {};
        buffer = o.buffer ?? Buffer().alloc(16384);
        offset = o.offset ?? 0;
        length = o.length ?? buffer.byteLength - offset;
        position = o.position ?? null;
      }
      return new Promise((resolve, reject) => {
        fs.read(this.#fd, buffer, offset ?? 0, length ?? buffer.byteLength, position ?? null, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead, buffer })));
      });
    }
    write(buffer, ...rest) {
      return new Promise((resolve, reject) => {
        fs.write(this.#fd, buffer, ...rest, (err, bytesWritten) => (err ? reject(err) : resolve({ bytesWritten, buffer })));
      });
    }
    close() {
      const fd = this.#fd;
      if (fd === -1) return Promise.resolve();
      this.#fd = -1;
      return promisified('close')(fd);
    }
    createReadStream(options) {
      return fs.createReadStream(null, { ...options, fd: this.#fd });
    }
    createWriteStream(options) {
      return fs.createWriteStream(null, { ...options, fd: this.#fd });
    }
    [Symbol.asyncDispose]() {
      return this.close();
    }
  }
  const promises = { constants };
  for (const name of Object.keys(ops)) {
    if (name === 'close' || name === 'fstat' || name === 'fsync' || name === 'ftruncate') continue;
    promises[name] = promisified(name);
  }
  promises.open = (path, flags, mode) => promisified('open')(path, flags, mode).then((fd) => new FileHandle(fd));
  const originalReadFile = promises.readFile;
  promises.readFile = (path, options) => (path instanceof FileHandle ? path.readFile(options) : originalReadFile(path, options));
  const originalWriteFile = promises.writeFile;
  promises.writeFile = (path, data, options) => (path instanceof FileHandle ? path.writeFile(data, options) : originalWriteFile(path, data, options));
  promises.FileHandle = FileHandle;
  fs.promises = promises;
  return fs;
})
