// node:string_decoder — decodes a byte stream chunk by chunk without splitting
// multi-byte characters (utf8, utf16le) or base64 groups.
(function (binding, internals) {
  'use strict';
  const Buffer = () => internals.internal('buffer').Buffer;
  function normalize(enc) {
    const e = `${enc ?? 'utf8'}`.toLowerCase();
    switch (e) {
      case 'utf8': case 'utf-8': return 'utf8';
      case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
      case 'latin1': case 'binary': return 'latin1';
      case 'base64': case 'base64url': case 'hex': case 'ascii': return e;
      default: throw Object.assign(new TypeError(`Unknown encoding: ${enc}`), { code: 'ERR_UNKNOWN_ENCODING' });
    }
  }
  /** How many bytes at the end of `buf` start an incomplete utf8 sequence. */
  function utf8Tail(buf) {
    const n = buf.length;
    for (let back = 1; back <= Math.min(3, n); back++) {
      const b = buf[n - back];
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }
  // A plain constructor function, as Node's: libraries (iconv-lite) call it with .call().
  function StringDecoder(encoding) {
    this.encoding = normalize(encoding);
    this.pending = Buffer().alloc(0);
  }
  StringDecoder.prototype.write = function (buf) {
    if (typeof buf === 'string') return buf;
    let b = this.pending.length ? Buffer().concat([this.pending, buf]) : Buffer().from(buf.buffer, buf.byteOffset, buf.byteLength);
    let keep = 0;
    if (this.encoding === 'utf8') keep = utf8Tail(b);
    else if (this.encoding === 'utf16le') {
      keep = b.length % 2;
      if (keep === 0 && b.length >= 2) {
        const last = b[b.length - 2] | (b[b.length - 1] << 8);
        if (last >= 0xd800 && last <= 0xdbff) keep = 2;
      }
    } else if (this.encoding === 'base64' || this.encoding === 'base64url') keep = b.length % 3;
    this.pending = Buffer().from(b.subarray(b.length - keep));
    b = b.subarray(0, b.length - keep);
    return b.toString(this.encoding);
  };
  StringDecoder.prototype.end = function (buf) {
    let out = buf === undefined ? '' : this.write(buf);
    if (this.pending.length) {
      out += this.pending.toString(this.encoding);
      this.pending = Buffer().alloc(0);
    }
    return out;
  };
  StringDecoder.prototype.text = function (buf, offset) {
    return this.write(buf.subarray(offset));
  };
  Object.defineProperty(StringDecoder.prototype, 'lastNeed', {
    get() {
      return this.pending.length ? 1 : 0;
    },
  });
  return { StringDecoder };
})
