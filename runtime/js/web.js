// Web platform classes the HTTP server needs: Headers, Request, Response (bodies as
// text, JSON, bytes), TextEncoder and TextDecoder (utf-8, utf-16le, latin1). Bodies are
// held whole (no ReadableStream yet).
(function (binding, internals) {
  'use strict';
  const { argTypeError } = internals;
  const kRaw = Symbol('rawHeaders');
  const kBody = Symbol('body');
  const kClone = Symbol('clone');

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

  const streams = () => internals.internal('internal/streams');
  const blobs = () => internals.internal('internal/blob');
  /** A body init as { body: string | Uint8Array | ReadableStream | null, type }. */
  function bodyOf(body) {
    if (body === undefined || body === null) return { body: null, type: null };
    if (typeof body === 'string') return { body, type: 'text/plain;charset=UTF-8' };
    if (body instanceof Uint8Array) return { body, type: null };
    if (body instanceof ArrayBuffer) return { body: new Uint8Array(body.slice(0)), type: null };
    if (ArrayBuffer.isView(body)) return { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice(), type: null };
    const b = blobs();
    if (body instanceof b.Blob) return { body: b.blobBytes(body), type: body.type || null };
    if (body instanceof b.FormData) {
      const [bytes, type] = b.encodeMultipart(body);
      return { body: bytes, type };
    }
    if (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) {
      return { body: body.toString(), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    }
    const S = streams();
    if (body instanceof S.ReadableStream) {
      if (body.locked || S.isDisturbed(body)) throw new TypeError('Response body object should not be disturbed or locked');
      return { body, type: null };
    }
    if (typeof body === 'object' && (typeof body[Symbol.asyncIterator] === 'function') && typeof body[Symbol.iterator] !== 'function') {
      return { body: S.ReadableStream.from(body), type: null };
    }
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
  const isStream = (v) => v !== null && typeof v === 'object' && !(v instanceof Uint8Array);

  // The body methods of Request and Response. this[kBody] is { value, used }, value a
  // string, Uint8Array, ReadableStream or null.
  class Body {
    get body() {
      const b = this[kBody];
      if (b.value === null) return null;
      if (!isStream(b.value)) b.value = streams().streamOfBytes(bytesOf(b.value).slice());
      return b.value;
    }
    get bodyUsed() {
      const b = this[kBody];
      return b.used || (isStream(b.value) && streams().isDisturbed(b.value));
    }
    /** The whole body as a string or bytes (a promise), or a rejection when used. */
    #consume() {
      const b = this[kBody];
      if (this.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      b.used = true;
      if (isStream(b.value)) {
        if (b.value.locked) return Promise.reject(new TypeError('Body is unusable: the stream is locked'));
        return streams().readAllBytes(b.value);
      }
      return Promise.resolve(b.value);
    }
    text() {
      return this.#consume().then(textOf);
    }
    json() {
      return this.#consume().then((v) => JSON.parse(textOf(v)));
    }
    bytes() {
      return this.#consume().then((v) => (typeof v === 'string' || v === null ? bytesOf(v) : v.slice()));
    }
    arrayBuffer() {
      return this.bytes().then((v) => v.buffer);
    }
    blob() {
      return this.bytes().then((v) => new (blobs().Blob)([v], { type: this.headers.get('content-type') ?? '' }));
    }
    formData() {
      return this.bytes().then((v) => blobs().decodeForm(v, this.headers.get('content-type')));
    }
    /** For clone(): a body the copy can own (a stream is teed). */
    [kClone]() {
      const b = this[kBody];
      if (this.bodyUsed) throw new TypeError('Body has already been consumed.');
      if (!isStream(b.value)) return { value: b.value, used: false };
      const [one, two] = b.value.tee();
      b.value = one;
      return { value: two, used: false };
    }
  }

  class Request extends Body {
    #method;
    #url;
    #headers;
    #raw;
    #signal;
    #redirect = 'follow';
    constructor(input, init) {
      super();
      // From the wire (Request[kRaw]): the factory fills the fields.
      if (input === kRaw) return;
      init ??= {};
      if (input instanceof Request) {
        this.#method = input.method;
        this.#url = input.url;
        this.#headers = new Headers(input.headers);
        this[kBody] = input[kClone]();
        if (init.signal === undefined) this.#signal = input.signal;
      } else {
        // Relative URLs have no base here (no document): they are an error, as in Deno.
        let parsed;
        try {
          parsed = new URL(`${input}`);
        } catch {
          throw new TypeError(`Failed to parse URL from ${input}`);
        }
        this.#url = parsed.href;
        this.#method = 'GET';
        this[kBody] = { value: null, used: false };
      }
      if (init.method !== undefined) {
        const m = `${init.method}`;
        if (!TOKEN.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
        const upper = m.toUpperCase();
        this.#method = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : m;
      }
      if (init.signal !== undefined && init.signal !== null) this.#signal = init.signal;
      if (init.redirect !== undefined) this.#redirect = `${init.redirect}`;
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
    get signal() {
      if (this.#signal === undefined) this.#signal = new AbortController().signal;
      return this.#signal;
    }
    get redirect() {
      return this.#redirect;
    }
    clone() {
      const r = new Request(kRaw);
      r.#url = this.#url;
      r.#method = this.#method;
      r.#headers = new Headers(this.headers);
      r.#signal = this.#signal;
      r.#redirect = this.#redirect;
      r[kBody] = this[kClone]();
      return r;
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
  const NULL_BODY = new Set([101, 103, 204, 205, 304]);
  class Response extends Body {
    #status;
    #statusText;
    #headers;
    #init;
    #type = 'default';
    #url = '';
    #redirected = false;
    /** A response from the network (fetch): raw headers, a body stream. */
    static [kRaw](status, statusText, rawHeaders, body, url, redirected) {
      const r = new Response(null);
      r.#status = status;
      r.#statusText = statusText;
      r.#headers = Headers[kRaw](rawHeaders);
      r.#init = undefined;
      r.#type = 'basic';
      r.#url = url;
      r.#redirected = redirected;
      r[kBody] = { value: body, used: false };
      return r;
    }
    get type() {
      return this.#type;
    }
    get url() {
      return this.#url;
    }
    get redirected() {
      return this.#redirected;
    }
    clone() {
      if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
      const r = new Response(null, { status: this.#status === 0 ? 200 : this.#status, statusText: this.#statusText, headers: this.headers });
      r.#status = this.#status;
      r.#type = this.#type;
      r.#url = this.#url;
      r.#redirected = this.#redirected;
      r[kBody] = this[kClone]();
      return r;
    }
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
      if (value !== null && value !== undefined && NULL_BODY.has(status)) throw new TypeError('Response with null body status cannot have body');
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
      return new Response(null, { status, headers: { location: new URL(`${url}`).href } });
    }
    static error() {
      const r = new Response(null, { status: 200 });
      r.#status = 0;
      r.#type = 'error';
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

  // ---- fetch (http: only; the response body arrives whole, then streams) ----------
  function fetch(input, init = undefined) {
    let request;
    try {
      request = new Request(input, init);
    } catch (e) {
      return Promise.reject(e);
    }
    const signal = request.signal;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      let done = false;
      let id = 0;
      const onAbort = () => {
        if (done) return;
        done = true;
        if (id !== 0) binding.fetchAbort(id);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort);
      const send = (bytes) => {
        if (done) return;
        id = internals.ioRequest((err, r) => {
          if (done) return;
          done = true;
          signal.removeEventListener('abort', onAbort);
          if (err) {
            const e = new TypeError('fetch failed');
            e.cause = err;
            reject(e);
            return;
          }
          const empty = NULL_BODY.has(r.status) || request.method === 'HEAD';
          const body = empty ? null : streams().streamOfBytes(r.body);
          resolve(Response[kRaw](r.status, r.statusText, r.headers, body, r.url, r.redirected));
        });
        const headers = request.headers;
        const flat = headers.flat();
        if (!headers.has('accept')) flat.push('accept', '*/*');
        if (!headers.has('user-agent')) flat.push('user-agent', `dynojs/${binding.version}`);
        binding.fetchStart(id, request.method, request.url, flat, bytes, request.redirect);
      };
      const b = request[kBody].value;
      if (isStream(b)) {
        request[kBody].used = true;
        streams().readAllBytes(b).then(send, (e) => {
          done = true;
          reject(e);
        });
      } else {
        send(b === null ? undefined : bytesOf(b));
      }
    });
  }

  return { Headers, Request, Response, TextEncoder, TextDecoder, fetch, kRaw, kBody };
})
