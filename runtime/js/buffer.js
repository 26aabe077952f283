// node:buffer — Buffer as a Uint8Array subclass: from/alloc/concat/byteLength/compare,
// toString and from with utf8, hex, base64, base64url, latin1 (binary) and ascii.
(function (binding, internals) {
  'use strict';
  const { argTypeError, codedError } = internals;

  function normalize(encoding) {
    const e = encoding === undefined || encoding === null ? 'utf8' : String(encoding).toLowerCase();
    switch (e) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'hex':
      case 'base64':
      case 'base64url':
      case 'ascii':
        return e;
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      default:
        throw codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
    }
  }

  class Buffer extends Uint8Array {
    static from(value, encodingOrOffset, length) {
      if (typeof value === 'string') return fromString(value, encodingOrOffset);
      if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
        const offset = encodingOrOffset === undefined ? 0 : Number(encodingOrOffset);
        const len = length === undefined ? value.byteLength - offset : Number(length);
        return new Buffer(value, offset, len);
      }
      if (ArrayBuffer.isView(value)) {
        const copy = new Buffer(value.byteLength);
        copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        return copy;
      }
      if (Array.isArray(value) || (value !== null && typeof value === 'object' && typeof value.length === 'number')) {
        const b = new Buffer(value.length);
        for (let i = 0; i < value.length; i++) b[i] = value[i] & 255;
        return b;
      }
      if (value !== null && typeof value === 'object' && value.type === 'Buffer' && Array.isArray(value.data)) {
        return Buffer.from(value.data);
      }
      throw argTypeError('first argument', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
    }
    static alloc(size, fill, encoding) {
      checkSize(size);
      const b = new Buffer(size);
      if (fill !== undefined && fill !== 0) b.fill(fill, 0, size, encoding);
      return b;
    }
    static allocUnsafe(size) {
      checkSize(size);
      return new Buffer(size);
    }
    static allocUnsafeSlow(size) {
      return Buffer.allocUnsafe(size);
    }
    static isBuffer(b) {
      return b instanceof Buffer;
    }
    static isEncoding(e) {
      try {
        normalize(e);
        return typeof e === 'string';
      } catch {
        return false;
      }
    }
    static byteLength(value, encoding) {
      if (typeof value !== 'string') {
        if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
        throw argTypeError('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
      }
      const e = normalize(encoding);
      if (e === 'utf8') return utf8Length(value);
      return fromString(value, e).length;
    }
    static concat(list, totalLength) {
      if (!Array.isArray(list)) throw argTypeError('list', 'an instance of Array', list);
      if (totalLength === undefined) {
        totalLength = 0;
        for (const b of list) totalLength += b.length;
      }
      const out = new Buffer(totalLength);
      let at = 0;
      for (const b of list) {
        if (!(b instanceof Uint8Array)) throw argTypeError('list[i]', 'an instance of Buffer or Uint8Array', b);
        if (at + b.length > totalLength) {
          out.set(b.subarray(0, totalLength - at), at);
          at = totalLength;
          break;
        }
        out.set(b, at);
        at += b.length;
      }
      return out;
    }
    static compare(a, b) {
      const n = Math.min(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      }
      return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    }
    toString(encoding, start, end) {
      const s = start === undefined ? 0 : Math.max(0, start | 0);
      const e = end === undefined ? this.length : Math.min(this.length, end | 0);
      const view = s === 0 && e === this.length ? this : this.subarray(s, e);
      switch (normalize(encoding)) {
        case 'utf8':
          return binding.utf8Decode(view, false);
        case 'hex': {
          let out = '';
          for (let i = 0; i < view.length; i++) out += (view[i] < 16 ? '0' : '') + view[i].toString(16);
          return out;
        }
        case 'base64':
          return binding.btoa(latin1(view));
        case 'base64url':
          return binding.btoa(latin1(view)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        case 'latin1':
          return latin1(view);
        case 'ascii': {
          let out = '';
          for (let i = 0; i < view.length; i++) out += String.fromCharCode(view[i] & 127);
          return out;
        }
        case 'utf16le': {
          let out = '';
          for (let i = 0; i + 1 < view.length; i += 2) out += String.fromCharCode(view[i] | (view[i + 1] << 8));
          return out;
        }
      }
    }
    toJSON() {
      return { type: 'Buffer', data: Array.from(this) };
    }
    equals(other) {
      if (!(other instanceof Uint8Array)) throw argTypeError('otherBuffer', 'an instance of Buffer or Uint8Array', other);
      return Buffer.compare(this, other) === 0;
    }
    compare(other) {
      return Buffer.compare(this, other);
    }
    slice(start, end) {
      return this.subarray(start, end);
    }
    write(string, offset = 0, length, encoding) {
      if (typeof offset === 'string') {
        encoding = offset;
        offset = 0;
      }
      const bytes = fromString(string, encoding);
      let n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
      // Whole UTF-8 characters only, as Node writes them.
      if (n < bytes.length && normalize(encoding) === 'utf8') while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
      this.set(bytes.subarray(0, n), offset);
      return n;
    }
    fill(value, start = 0, end = this.length, encoding) {
      if (typeof value === 'string') {
        const bytes = fromString(value, typeof start === 'string' ? start : encoding);
        if (typeof start === 'string') {
          start = 0;
          end = this.length;
        }
        if (bytes.length === 0) return super.fill(0, start, end);
        for (let i = start, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
        return this;
      }
      return super.fill(value, start, end);
    }
    indexOf(value, byteOffset = 0, encoding = undefined) {
      return search(this, value, byteOffset, encoding, false);
    }
    lastIndexOf(value, byteOffset = this.length, encoding = undefined) {
      return search(this, value, byteOffset, encoding, true);
    }
    includes(value, byteOffset = 0, encoding = undefined) {
      return this.indexOf(value, byteOffset, encoding) !== -1;
    }
    copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
      const n = Math.max(0, Math.min(sourceEnd - sourceStart, target.length - targetStart));
      if (n > 0) target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
      return n;
    }
    swap16() {
      return swap(this, 2);
    }
    swap32() {
      return swap(this, 4);
    }
    swap64() {
      return swap(this, 8);
    }
    [Symbol.for('nodejs.util.inspect.custom')]() {
      let hex = '';
      const n = Math.min(this.length, 50);
      for (let i = 0; i < n; i++) hex += (i ? ' ' : '') + (this[i] < 16 ? '0' : '') + this[i].toString(16);
      return `<Buffer${n ? ' ' : ''}${hex}${this.length > 50 ? ` ... ${this.length - 50} more bytes` : ''}>`;
    }
  }

  function swap(buf, size) {
    if (buf.length % size !== 0) {
      throw codedError(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
    }
    return buf;
  }

  function search(buf, value, from, encoding, last) {
    if (typeof from === 'string') {
      encoding = from;
      from = last ? buf.length : 0;
    }
    if (typeof value === 'number') {
      return last ? Uint8Array.prototype.lastIndexOf.call(buf, value & 255, from) : Uint8Array.prototype.indexOf.call(buf, value & 255, from);
    }
    const needle = typeof value === 'string' ? fromString(value, encoding) : value;
    if (!(needle instanceof Uint8Array)) throw argTypeError('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
    if (from < 0) from = Math.max(0, buf.length + from);
    const limit = buf.length - needle.length;
    const matchAt = (i) => {
      for (let j = 0; j < needle.length; j++) if (buf[i + j] !== needle[j]) return false;
      return true;
    };
    if (last) {
      for (let i = Math.min(from, limit); i >= 0; i--) if (matchAt(i)) return i;
    } else {
      for (let i = from; i <= limit; i++) if (matchAt(i)) return i;
    }
    return -1;
  }

  // read/write[U]Int8/16/32[LE|BE], [U]BigInt64, Float, Double: through a DataView, with
  // Node's range check on the offset.
  const NUMERIC = [
    ['UInt8', 1, 'getUint8', 'setUint8'],
    ['Int8', 1, 'getInt8', 'setInt8'],
    ['UInt16', 2, 'getUint16', 'setUint16'],
    ['Int16', 2, 'getInt16', 'setInt16'],
    ['UInt32', 4, 'getUint32', 'setUint32'],
    ['Int32', 4, 'getInt32', 'setInt32'],
    ['BigUInt64', 8, 'getBigUint64', 'setBigUint64'],
    ['BigInt64', 8, 'getBigInt64', 'setBigInt64'],
    ['Float', 4, 'getFloat32', 'setFloat32'],
    ['Double', 8, 'getFloat64', 'setFloat64'],
  ];
  function checkOffset(buf, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== 'number') throw argTypeError('offset', 'of type number', offset);
    if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "offset" is out of range. It must be >= 0 and <= ${buf.length - size}. Received ${offset}`);
    }
    return offset;
  }
  for (const [name, size, get, set] of NUMERIC) {
    const endians = size === 1 ? [['', false]] : [['LE', true], ['BE', false]];
    for (const [suffix, little] of endians) {
      const read = function (offset) {
        offset = checkOffset(this, offset, size);
        return new DataView(this.buffer, this.byteOffset, this.byteLength)[get](offset, little);
      };
      const write = function (value, offset) {
        offset = checkOffset(this, offset, size);
        new DataView(this.buffer, this.byteOffset, this.byteLength)[set](offset, value, little);
        return offset + size;
      };
      const names = [name + suffix];
      if (name.includes('UInt')) names.push(name.replace('UInt', 'Uint') + suffix);
      for (const n of names) {
        Object.defineProperty(Buffer.prototype, 'read' + n, { value: read, writable: true, configurable: true });
        Object.defineProperty(Buffer.prototype, 'write' + n, { value: write, writable: true, configurable: true });
      }
    }
  }

  function checkSize(size) {
    if (typeof size !== 'number' || !(size >= 0) || size > 2 ** 32) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= ${2 ** 32}. Received ${size}`);
    }
  }

  function latin1(view) {
    let out = '';
    for (let i = 0; i < view.length; i += 8192) out += String.fromCharCode.apply(null, view.subarray(i, i + 8192));
    return out;
  }

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }

  function fromString(s, encoding) {
    switch (normalize(encoding)) {
      case 'utf8': {
        const u8 = binding.utf8Encode(s.toWellFormed());
        return Object.setPrototypeOf(u8, Buffer.prototype);
      }
      case 'hex': {
        const n = s.length >>> 1;
        const b = new Buffer(n);
        let i = 0;
        for (; i < n; i++) {
          const v = parseInt(s.substr(2 * i, 2), 16);
          if (Number.isNaN(v)) break;
          b[i] = v;
        }
        return i === n ? b : b.subarray(0, i);
      }
      case 'base64':
      case 'base64url': {
        const clean = s.replace(/[^A-Za-z0-9+/\-_]/g, '').replace(/-/g, '+').replace(/_/g, '/');
        const padded = clean + '==='.slice((clean.length + 3) % 4);
        const text = binding.atob(padded.length % 4 === 0 ? padded : clean);
        return fromLatin1(text);
      }
      case 'latin1':
      case 'ascii':
        return fromLatin1(s);
      case 'utf16le': {
        const b = new Buffer(s.length * 2);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          b[2 * i] = c & 255;
          b[2 * i + 1] = c >> 8;
        }
        return b;
      }
    }
  }

  function fromLatin1(s) {
    const b = new Buffer(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 255;
    return b;
  }

  return {
    Buffer,
    kMaxLength: 2 ** 32,
    constants: { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 29 - 24 },
    atob: (s) => binding.atob(`${s}`),
    btoa: (s) => binding.btoa(`${s}`),
  };
})
