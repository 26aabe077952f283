// Blob, File and FormData (with the multipart/form-data encoding bodies use).
(function (binding, internals) {
  'use strict';
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const kBytes = Symbol('bytes');
  const streams = () => internals.internal('internal/streams');

  function partBytes(part) {
    if (part instanceof Blob) return part[kBytes];
    if (part instanceof ArrayBuffer) return new Uint8Array(part.slice(0));
    if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength).slice();
    return binding.utf8Encode(`${part}`.toWellFormed ? `${part}`.toWellFormed() : `${part}`);
  }
  function concat(list) {
    let total = 0;
    for (const b of list) total += b.byteLength;
    const out = new Uint8Array(total);
    let at = 0;
    for (const b of list) {
      out.set(b, at);
      at += b.byteLength;
    }
    return out;
  }
  function normalizeType(type) {
    const t = type === undefined ? '' : `${type}`;
    return /^[\x20-\x7e]*$/.test(t) ? t.toLowerCase() : '';
  }

  class Blob {
    #type;
    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === undefined) blobParts = [];
      if (blobParts === null || typeof blobParts !== 'object' || typeof blobParts[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to construct 'Blob': The provided value cannot be converted to a sequence.");
      }
      const endings = options == null || options.endings === undefined ? 'transparent' : `${options.endings}`;
      if (endings !== 'transparent' && endings !== 'native') throw new TypeError(`The provided value '${endings}' is not a valid enum value of type EndingType.`);
      const parts = [];
      for (const p of blobParts) {
        if (endings === 'native' && typeof p === 'string') parts.push(partBytes(p.replace(/\r\n|\r/g, '\n')));
        else parts.push(partBytes(p));
      }
      this[kBytes] = concat(parts);
      this.#type = normalizeType(options == null ? undefined : options.type);
    }
    get size() {
      return this[kBytes].byteLength;
    }
    get type() {
      return this.#type;
    }
    slice(start = 0, end = undefined, contentType = '') {
      const size = this.size;
      const clamp = (v) => {
        const n = Math.trunc(Number(v)) || 0;
        return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
      };
      const from = clamp(start);
      const to = end === undefined ? size : clamp(end);
      const b = new Blob([], { type: contentType });
      b[kBytes] = this[kBytes].slice(from, Math.max(from, to));
      return b;
    }
    text() {
      return Promise.resolve(binding.utf8Decode(this[kBytes], false));
    }
    arrayBuffer() {
      return Promise.resolve(this[kBytes].slice().buffer);
    }
    bytes() {
      return Promise.resolve(this[kBytes].slice());
    }
    stream() {
      return streams().streamOfBytes(this[kBytes].slice());
    }
    [customInspect]() {
      return `Blob { size: ${this.size}, type: '${this.type}' }`;
    }
  }
  Object.defineProperty(Blob.prototype, Symbol.toStringTag, { value: 'Blob', configurable: true });

  class File extends Blob {
    #name;
    #lastModified;
    constructor(fileBits, fileName, options = undefined) {
      if (arguments.length < 2) throw new TypeError("Failed to construct 'File': 2 arguments required, but only " + arguments.length + ' present.');
      super(fileBits, options);
      this.#name = `${fileName}`;
      const lm = options == null ? undefined : options.lastModified;
      this.#lastModified = lm === undefined ? Date.now() : Math.trunc(Number(lm)) || 0;
    }
    get name() {
      return this.#name;
    }
    get lastModified() {
      return this.#lastModified;
    }
    [customInspect]() {
      return `File { size: ${this.size}, type: '${this.type}', name: '${this.name}', lastModified: ${this.lastModified} }`;
    }
  }
  Object.defineProperty(File.prototype, Symbol.toStringTag, { value: 'File', configurable: true });

  function entryValue(value, filename) {
    if (value instanceof Blob) {
      if (value instanceof File && filename === undefined) return value;
      const f = new File([], filename === undefined ? 'blob' : `${filename}`, { type: value.type, lastModified: value instanceof File ? value.lastModified : undefined });
      f[kBytes] = value[kBytes];
      return f;
    }
    return `${value}`;
  }
  class FormData {
    #list = [];
    constructor(form = undefined) {
      if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    append(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'append' on 'FormData': 2 arguments required.");
      this.#list.push([`${name}`, entryValue(value, filename)]);
    }
    delete(name) {
      const n = `${name}`;
      this.#list = this.#list.filter(([k]) => k !== n);
    }
    get(name) {
      const n = `${name}`;
      const hit = this.#list.find(([k]) => k === n);
      return hit === undefined ? null : hit[1];
    }
    getAll(name) {
      const n = `${name}`;
      return this.#list.filter(([k]) => k === n).map(([, v]) => v);
    }
    has(name) {
      const n = `${name}`;
      return this.#list.some(([k]) => k === n);
    }
    set(name, value, filename = undefined) {
      if (arguments.length < 2) throw new TypeError("Failed to execute 'set' on 'FormData': 2 arguments required.");
      const n = `${name}`;
      const v = entryValue(value, filename);
      const i = this.#list.findIndex(([k]) => k === n);
      if (i < 0) this.#list.push([n, v]);
      else {
        this.#list[i] = [n, v];
        this.#list = this.#list.filter(([k], j) => j <= i || k !== n);
      }
    }
    forEach(callback, thisArg = undefined) {
      for (const [k, v] of this.#list) callback.call(thisArg, v, k, this);
    }
    *entries() {
      for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]];
    }
    *keys() {
      for (const [k] of this.entries()) yield k;
    }
    *values() {
      for (const [, v] of this.entries()) yield v;
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }
  Object.defineProperty(FormData.prototype, Symbol.toStringTag, { value: 'FormData', configurable: true });

  const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
  /** multipart/form-data: [bytes, content type]. */
  function encodeMultipart(form) {
    const rnd = new Uint8Array(12);
    binding.randomFill(rnd);
    const boundary = `----formdata-dynojs-${Array.from(rnd, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    const parts = [];
    for (const [name, value] of form) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
      if (typeof value === 'string') {
        parts.push(binding.utf8Encode(`${head}\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
        parts.push(binding.utf8Encode(head), value[kBytes], binding.utf8Encode('\r\n'));
      }
    }
    parts.push(binding.utf8Encode(`--${boundary}--\r\n`));
    return [concat(parts), `multipart/form-data; boundary=${boundary}`];
  }
  function indexOf(hay, needle, from) {
    outer: for (let i = from; i <= hay.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
      return i;
    }
    return -1;
  }
  /** Parses a body as FormData by its content type (multipart or urlencoded). */
  function decodeForm(bytes, contentType) {
    const form = new FormData();
    const type = (contentType || '').toLowerCase();
    if (type.startsWith('application/x-www-form-urlencoded')) {
      const flat = binding.formParse(binding.utf8Decode(bytes, false));
      for (let i = 0; i < flat.length; i += 2) form.append(flat[i], flat[i + 1]);
      return form;
    }
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
    if (!type.startsWith('multipart/form-data') || !m) throw new TypeError('Could not parse content as FormData.');
    const delim = binding.utf8Encode(`--${m[1] || m[2]}`);
    let at = indexOf(bytes, delim, 0);
    if (at < 0) throw new TypeError('Could not parse content as FormData.');
    for (;;) {
      at += delim.length;
      if (bytes[at] === 0x2d && bytes[at + 1] === 0x2d) break;
      at += 2; // CRLF
      const headEnd = indexOf(bytes, binding.utf8Encode('\r\n\r\n'), at);
      if (headEnd < 0) throw new TypeError('Could not parse content as FormData.');
      const head = binding.utf8Decode(bytes.subarray(at, headEnd), false);
      const next = indexOf(bytes, delim, headEnd + 4);
      if (next < 0) throw new TypeError('Could not parse content as FormData.');
      const body = bytes.subarray(headEnd + 4, next - 2);
      const name = /name="([^"]*)"/i.exec(head);
      const filename = /filename="([^"]*)"/i.exec(head);
      const ctype = /content-type:\s*([^\r\n]+)/i.exec(head);
      if (name) {
        if (filename) form.append(name[1], new File([body], filename[1], { type: ctype ? ctype[1] : '' }));
        else form.append(name[1], binding.utf8Decode(body, false));
      }
      at = next;
    }
    return form;
  }

  return { Blob, File, FormData, encodeMultipart, decodeForm, blobBytes: (b) => b[kBytes] };
})
