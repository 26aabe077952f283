// Web platform classes the HTTP server needs: Headers, Request, Response (bodies as
// text, JSON, bytes), TextEncoder and TextDecoder (utf-8, utf-16le, latin1). Bodies are
// held whole (no ReadableStream yet).
(function (binding, internals) {
  'use strict';
  const { argTypeError } = internals;
  const kRaw = Symbol('rawHeaders');
  const kBody = Symbol('body');

  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  // Header names repeat request after request: each is validated once (bounded cache).
  const validNames = new Map();
  function checkName(name) {
    const n = `${name}`;
    let lower = validNames.get(n);
    if (lower === undefined) {
      if (!TOKEN.test(n)) throw new TypeError(`Header name is not valid: "${n}"`);
      lower = n.toLowerCase();
      if (validNames.size < 1024) validNames.set(n, lower);
    }
    return lower;
  }
  function checkValue(value) {
    const v = `${value}`.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\0\r\n]/.test(v)) throw new TypeError(`Header value is not valid: "${v}"`);
    return v;
  }

  class Headers {
    #map = new Map(); // lower-case name → value (joined with ", "), in insertion order
    #cookies = [];
    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (const [k, v] of init) this.append(k, v);
      } else if (Array.isArray(init) || typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          if (pair.length !== 2) throw new TypeError('Header pairs must have exactly two items');
          this.append(pair[0], pair[1]);
        }
      } else if (typeof init === 'object') {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      } else {
        throw argTypeError('init', 'an object', init);
      }
    }
    /** Headers from a flat [name, value, ...] list, unvalidated (from the wire). */
    static [kRaw](flat) {
      const h = new Headers();
      for (let i = 0; i < flat.length; i += 2) h.#appendLower(flat[i].toLowerCase(), flat[i + 1]);
      return h;
    }
    #appendLower(name, value) {
      if (name === 'set-cookie') this.#cookies.push(value);
      const old = this.#map.get(name);
      this.#map.set(name, old === undefined ? value : `${old}, ${value}`);
    }
    append(name, value) {
      this.#appendLower(checkName(name), checkValue(value));
    }
    set(name, value) {
      const n = checkName(name);
      const v = checkValue(value);
      if (n === 'set-cookie') this.#cookies = [v];
      this.#map.set(n, v);
    }
    get(name) {
      const v = this.#map.get(checkName(name));
      return v === undefined ? null : v;
    }
    getSetCookie() {
      return this.#cookies.slice();
    }
    has(name) {
      return this.#map.has(checkName(name));
    }
    delete(name) {
      const n = checkName(name);
      if (n === 'set-cookie') this.#cookies = [];
      this.#map.delete(n);
    }
    forEach(callback, thisArg) {
      for (const [k, v] of this) callback.call(thisArg, v, k, this);
    }
    *entries() {
      const names = [...this.#map.keys()].sort();
      for (const n of names) {
        if (n === 'set-cookie') for (const c of this.#cookies) yield [n, c];
        else yield [n, this.#map.get(n)];
      }
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
    /** [name, value, ...] for the wire. */
    flat() {
      const out = [];
      for (const [n, v] of this.#map) {
        if (n === 'set-cookie') for (const c of this.#cookies) out.push(n, c);
        else out.push(n, v);
      }
      return out;
    }
    get [Symbol.toStringTag]() {
      return 'Headers';
    }
  }

  function bodyOf(body) {
    if (body === undefined || body === null) return { body: null, type: null };
    if (typeof body === 'string') return { body, type: 'text/plain;charset=UTF-8' };
    if (body instanceof Uint8Array) return { body, type: null };
    if (body instanceof ArrayBuffer) return { body: new Uint8Array(body.slice(0)), type: null };
    if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice(), type: null };
    return { body: `${body}`, type: 'text/plain;charset=UTF-8' };
  }

  function bytesOf(body) {
    if (body === null) return new Uint8Array(0);
    return typeof body === 'string' ? binding.utf8Encode(body) : body;
  }
  function textOf(body) {
    if (body === null) return '';
    return typeof body === 'string' ? body : binding.utf8Decode(body, false);
  }

  // The body methods of Request and Response.
  class Body {
    get bodyUsed() {
      return this[kBody].used;
    }
    #take() {
      const b = this[kBody];
      if (b.used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      b.used = true;
      return null;
    }
    text() {
      return this.#take() ?? Promise.resolve(textOf(this[kBody].value));
    }
    json() {
      return this.#take() ?? new Promise((resolve) => resolve(JSON.parse(textOf(this[kBody].value))));
    }
    bytes() {
      return this.#take() ?? Promise.resolve(bytesOf(this[kBody].value).slice());
    }
    arrayBuffer() {
      return this.#take() ?? Promise.resolve(bytesOf(this[kBody].value).slice().buffer);
    }
  }

  class Request extends Body {
    #method;
    #url;
    #headers;
    #raw;
    constructor(input, init) {
      super();
      // From the wire (Request[kRaw]): the factory fills the fields.
      if (input === kRaw) return;
      init ??= {};
      if (input instanceof Request) {
        this.#method = input.method;
        this.#url = input.url;
        this.#headers = new Headers(input.headers);
        this[kBody] = { value: input[kBody].value, used: false };
      } else {
        this.#url = `${input}`;
        this.#method = 'GET';
        this[kBody] = { value: null, used: false };
      }
      if (init.method !== undefined) this.#method = `${init.method}`.toUpperCase();
      if (init.headers !== undefined) this.#headers = new Headers(init.headers);
      if (init.body !== undefined && init.body !== null) {
        if (this.#method === 'GET' || this.#method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
        const { body, type } = bodyOf(init.body);
        this[kBody] = { value: body, used: false };
        if (type && !(this.#headers ??= new Headers()).has('content-type')) this.#headers.set('content-type', type);
      }
    }
    /** A request from the wire: headers parsed on first use. */
    static [kRaw](url, method, rawHeaders, body) {
      const r = new Request(kRaw);
      r.#url = url;
      r.#method = method;
      r.#raw = rawHeaders;
      r[kBody] = { value: body ?? null, used: false };
      return r;
    }
    get method() {
      return this.#method;
    }
    get url() {
      return this.#url;
    }
    get headers() {
      if (this.#headers === undefined) {
        this.#headers = this.#raw ? Headers[kRaw](this.#raw) : new Headers();
        this.#raw = undefined;
      }
      return this.#headers;
    }
    get [Symbol.toStringTag]() {
      return 'Request';
    }
  }

  const REDIRECTS = new Set([301, 302, 303, 307, 308]);
  class Response extends Body {
    #status;
    #statusText;
    #headers;
    #init;
    constructor(body = null, init) {
      super();
      const status = init?.status ?? 200;
      if (!(status >= 200 && status <= 599)) throw new RangeError(`The status provided (${status}) is outside the range [200, 599].`);
      this.#status = status;
      this.#statusText = init?.statusText ?? '';
      let value = body;
      let type = null;
      if (typeof body === 'string') type = 'text/plain;charset=UTF-8';
      else if (body !== null && body !== undefined && !(body instanceof Uint8Array)) ({ body: value, type } = bodyOf(body));
      this[kBody] = { value: value ?? null, used: false };
      // Headers are built on first use; the common `{ headers: {...} }` stays a plain object.
      const given = init?.headers;
      this.#init = given;
      if (type) {
        const plain = given === undefined || given === null ? {} : given instanceof Headers || Array.isArray(given) ? Object.fromEntries(given) : given;
        let has = false;
        for (const k of Object.keys(plain)) if (k.toLowerCase() === 'content-type') has = true;
        this.#init = has ? plain : { 'content-type': type, ...plain };
      }
    }
    static json(data, init) {
      const text = JSON.stringify(data);
      const r = new Response(text, init);
      if (!r.headers.has('content-type') || r.headers.get('content-type') === 'text/plain;charset=UTF-8') r.headers.set('content-type', 'application/json');
      return r;
    }
    static redirect(url, status = 302) {
      if (!REDIRECTS.has(status)) throw new RangeError(`Invalid status code ${status}`);
      return new Response(null, { status, headers: { location: `${url}` } });
    }
    static error() {
      const r = new Response(null, { status: 200 });
      r.#status = 0;
      return r;
    }
    get status() {
      return this.#status;
    }
    get statusText() {
      return this.#statusText;
    }
    get ok() {
      return this.#status >= 200 && this.#status < 300;
    }
    get headers() {
      if (this.#headers === undefined) {
        this.#headers = new Headers(this.#init);
        this.#init = undefined;
      }
      return this.#headers;
    }
    /** [name, value, ...] for the wire, without building a Headers for plain objects. */
    [kRaw]() {
      if (this.#headers !== undefined) return this.#headers.flat();
      const init = this.#init;
      if (init === undefined || init === null) return [];
      if (init instanceof Headers || Array.isArray(init)) return this.headers.flat();
      const out = [];
      for (const k of Object.keys(init)) out.push(checkName(k), checkValue(init[k]));
      return out;
    }
    get [Symbol.toStringTag]() {
      return 'Response';
    }
  }

  const LABELS = new Map([
    ['utf-8', 'utf-8'],
    ['utf8', 'utf-8'],
    ['unicode-1-1-utf-8', 'utf-8'],
    ['utf-16le', 'utf-16le'],
    ['utf-16', 'utf-16le'],
    ['ucs-2', 'utf-16le'],
    ['latin1', 'windows-1252'],
    ['iso-8859-1', 'windows-1252'],
    ['windows-1252', 'windows-1252'],
    ['ascii', 'windows-1252'],
    ['us-ascii', 'windows-1252'],
  ]);

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input = '') {
      return binding.utf8Encode(`${input}`);
    }
    encodeInto(input, dest) {
      const bytes = binding.utf8Encode(`${input}`);
      // Whole characters only: back off to a lead byte boundary.
      let n = Math.min(bytes.length, dest.length);
      while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
      dest.set(bytes.subarray(0, n));
      const read = binding.utf8Decode(bytes.subarray(0, n), false).length;
      return { read, written: n };
    }
    get [Symbol.toStringTag]() {
      return 'TextEncoder';
    }
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    constructor(label = 'utf-8', options = {}) {
      const enc = LABELS.get(`${label}`.trim().toLowerCase());
      if (enc === undefined) throw new RangeError(`The "${label}" encoding is not supported`);
      this.#encoding = enc;
      this.#fatal = !!options.fatal;
      this.#ignoreBOM = !!options.ignoreBOM;
    }
    get encoding() {
      return this.#encoding;
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    decode(input) {
      if (input === undefined) return '';
      let bytes;
      if (input instanceof Uint8Array) bytes = input;
      else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw argTypeError('input', 'an instance of ArrayBuffer or ArrayBufferView', input);
      if (this.#encoding === 'utf-8') {
        if (!this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        try {
          return binding.utf8Decode(bytes, this.#fatal);
        } catch (e) {
          throw Object.assign(new TypeError('The encoded data was not valid for encoding utf-8'), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
        }
      }
      if (this.#encoding === 'utf-16le') {
        let start = 0;
        if (!this.#ignoreBOM && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) start = 2;
        let out = '';
        for (let i = start; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
        if ((bytes.length - start) % 2 === 1) {
          if (this.#fatal) throw Object.assign(new TypeError('The encoded data was not valid for encoding utf-16le'), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
          out += '\ufffd';
        }
        return out;
      }
      // windows-1252 as latin1 (the C1 range maps differently; rarely met in practice).
      let out = '';
      for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
      return out;
    }
    get [Symbol.toStringTag]() {
      return 'TextDecoder';
    }
  }

  return { Headers, Request, Response, TextEncoder, TextDecoder, kRaw, kBody };
})
