// Web platform classes the HTTP server needs: Headers, Request, Response (bodies as
// text, JSON, bytes), TextEncoder and TextDecoder (utf-8, utf-16le, latin1). Bodies are
// held whole (no ReadableStream yet).
(function (binding, internals) {
  'use strict';
  const { argTypeError } = internals;
  const kRaw = Symbol('rawHeaders');
  const kBody = Symbol('body');
  const kUsed = Symbol('used');
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
  // Trims HTTP whitespace and rejects NUL, CR and LF, scanning once (no regex: this runs
  // for every header of every response).
  function checkValue(value) {
    let v = typeof value === 'string' ? value : `${value}`;
    const n = v.length;
    let start = 0;
    let end = n;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c === 0 || c === 10 || c === 13) {
        v = v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
        if (/[\0\r\n]/.test(v)) throw new TypeError(`Header value is not valid: "${v}"`);
        return v;
      }
    }
    while (start < end && (v.charCodeAt(start) === 32 || v.charCodeAt(start) === 9)) start++;
    while (end > start && (v.charCodeAt(end - 1) === 32 || v.charCodeAt(end - 1) === 9)) end--;
    return start === 0 && end === n ? v : v.slice(start, end);
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

  // Request and Response keep their state in symbol-keyed properties with defaults on the
  // prototype (no private fields, no base-class constructor): a server makes one of each
  // per request, and this halves what they cost to make.
  const kMethod = Symbol('method');
  const kUrl = Symbol('url');
  const kHeaders = Symbol('headers');
  const kSignal = Symbol('signal');
  const kRedirect = Symbol('redirect');
  const kStatus = Symbol('status');
  const kStatusText = Symbol('statusText');
  const kInit = Symbol('init');
  const kType = Symbol('type');
  const kRedirected = Symbol('redirected');
  const kDefaultType = Symbol('defaultType');

  /** The whole body as a string or bytes (a promise), or a rejection when used. */
  function consume(self) {
    const b = self[kBody];
    if (self.bodyUsed) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    self[kUsed] = true;
    if (isStream(b)) {
      if (b.locked) return Promise.reject(new TypeError('Body is unusable: the stream is locked'));
      return streams().readAllBytes(b);
    }
    return Promise.resolve(b);
  }
  // The body methods of Request and Response. this[kBody] is a string, Uint8Array,
  // ReadableStream or null; this[kUsed] (false on the prototype) is set once it is read.
  const BodyMixin = {
    get body() {
      const b = this[kBody];
      if (b === null) return null;
      if (isStream(b)) return b;
      // A string's implied type outlives the string (see defaultTypeOf).
      if (typeof b === 'string' && this[kDefaultType] === undefined) this[kDefaultType] = TEXT_PLAIN;
      return (this[kBody] = streams().streamOfBytes(bytesOf(b).slice()));
    },
    get bodyUsed() {
      const b = this[kBody];
      return this[kUsed] || (isStream(b) && streams().isDisturbed(b));
    },
    text() {
      return consume(this).then(textOf);
    },
    json() {
      return consume(this).then((v) => JSON.parse(textOf(v)));
    },
    bytes() {
      return consume(this).then((v) => (typeof v === 'string' || v === null ? bytesOf(v) : v.slice()));
    },
    arrayBuffer() {
      return this.bytes().then((v) => v.buffer);
    },
    blob() {
      return this.bytes().then((v) => new (blobs().Blob)([v], { type: this.headers.get('content-type') ?? '' }));
    },
    formData() {
      return this.bytes().then((v) => blobs().decodeForm(v, this.headers.get('content-type')));
    },
    /** For clone(): a body the copy can own (a stream is teed). */
    [kClone]() {
      const b = this[kBody];
      if (this.bodyUsed) throw new TypeError('Body has already been consumed.');
      if (!isStream(b)) return b;
      const [one, two] = b.tee();
      this[kBody] = one;
      return two;
    },
  };
  function mixBody(C) {
    for (const key of Reflect.ownKeys(BodyMixin)) {
      const d = Object.getOwnPropertyDescriptor(BodyMixin, key);
      Object.defineProperty(C.prototype, key, { ...d, enumerable: false });
    }
  }

  class Request {
    constructor(input, init) {
      // From the wire (Request[kRaw]): the factory fills the fields.
      if (input === kRaw) return;
      init ??= {};
      if (input instanceof Request) {
        this[kMethod] = input.method;
        this[kUrl] = input.url;
        this[kHeaders] = new Headers(input.headers);
        this[kBody] = input[kClone]();
        if (init.signal === undefined) this[kSignal] = input.signal;
        this[kRedirect] = input.redirect;
      } else {
        // Relative URLs have no base here (no document): they are an error, as in Deno.
        let parsed;
        try {
          parsed = new URL(`${input}`);
        } catch {
          throw new TypeError(`Failed to parse URL from ${input}`);
        }
        this[kUrl] = parsed.href;
        this[kMethod] = 'GET';
      }
      if (init.method !== undefined) {
        const m = `${init.method}`;
        if (!TOKEN.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
        const upper = m.toUpperCase();
        if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') throw new TypeError(`'${m}' HTTP method is unsupported.`);
        this[kMethod] = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'].includes(upper) ? upper : m;
      }
      if (init.signal !== undefined && init.signal !== null) this[kSignal] = init.signal;
      if (init.redirect !== undefined) this[kRedirect] = `${init.redirect}`;
      if (init.headers !== undefined) this[kHeaders] = new Headers(init.headers);
      if (init.body !== undefined && init.body !== null) {
        if (this[kMethod] === 'GET' || this[kMethod] === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
        const { body, type } = bodyOf(init.body);
        this[kBody] = body;
        if (type && !(this[kHeaders] ??= new Headers()).has('content-type')) this[kHeaders].set('content-type', type);
      }
    }
    get method() {
      return this[kMethod];
    }
    get url() {
      return this[kUrl];
    }
    get signal() {
      if (this[kSignal] === undefined) this[kSignal] = new AbortController().signal;
      return this[kSignal];
    }
    get redirect() {
      return this[kRedirect];
    }
    clone() {
      const r = new Request(kRaw);
      r[kUrl] = this.url;
      r[kMethod] = this.method;
      r[kHeaders] = new Headers(this.headers);
      r[kSignal] = this[kSignal];
      r[kRedirect] = this[kRedirect];
      r[kBody] = this[kClone]();
      return r;
    }
    get headers() {
      return (this[kHeaders] ??= new Headers());
    }
    get [Symbol.toStringTag]() {
      return 'Request';
    }
  }
  mixBody(Request);
  const RequestPrototype = Request.prototype;
  Object.assign(RequestPrototype, { [kHeaders]: undefined, [kSignal]: undefined, [kRedirect]: 'follow', [kBody]: null, [kUsed]: false });

  // A request from the wire (Dynojs.serve) is a native object made with this prototype
  // (src/serve.rs): its method, URL and headers stay in Rust until first read. A body,
  // when the request has one, is set as its own [kBody].
  const WireRequestPrototype = Object.create(RequestPrototype, {
    method: {
      get() {
        return (this[kMethod] ??= binding.wireRequest(this, 0));
      },
      configurable: true,
    },
    url: {
      get() {
        return (this[kUrl] ??= binding.wireRequest(this, 1));
      },
      configurable: true,
    },
    headers: {
      get() {
        return (this[kHeaders] ??= Headers[kRaw](binding.wireRequest(this, 2)));
      },
      configurable: true,
    },
  });

  const TEXT_PLAIN = 'text/plain;charset=UTF-8';
  /** The content type a Response's body implies: a string's, or what bodyOf found. */
  function defaultTypeOf(r) {
    const t = r[kDefaultType];
    return t === undefined && typeof r[kBody] === 'string' ? TEXT_PLAIN : t;
  }

  const REDIRECTS = new Set([301, 302, 303, 307, 308]);
  const NULL_BODY = new Set([101, 103, 204, 205, 304]);
  class Response {
    constructor(body = null, init = undefined) {
      let status = 200;
      if (init !== undefined && init !== null) {
        if (init.status !== undefined) {
          status = init.status;
          if (!(status >= 200 && status <= 599)) throw new RangeError(`The status provided (${status}) is outside the range [200, 599].`);
          this[kStatus] = status;
        }
        if (init.statusText !== undefined) this[kStatusText] = `${init.statusText}`;
        // Headers are built on first use; the common `{ headers: {...} }` stays as given.
        if (init.headers !== undefined) this[kInit] = init.headers;
      }
      // A string body's type is implied (defaultTypeOf), not stored: one property less
      // to add for the most common response.
      let value = body;
      if (body === undefined) {
        value = null;
      } else if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
        const r = bodyOf(body);
        value = r.body;
        if (r.type !== null) this[kDefaultType] = r.type;
      }
      if (value !== null) {
        if (status !== 200 && NULL_BODY.has(status)) throw new TypeError('Response with null body status cannot have body');
        this[kBody] = value;
      }
    }
    /** A response from the network (fetch): raw headers, a body stream. */
    static [kRaw](status, statusText, rawHeaders, body, url, redirected) {
      const r = new Response(null);
      r[kStatus] = status;
      r[kStatusText] = statusText;
      r[kHeaders] = Headers[kRaw](rawHeaders);
      r[kType] = 'basic';
      r[kUrl] = url;
      r[kRedirected] = redirected;
      r[kBody] = body;
      return r;
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
      r[kStatus] = 0;
      r[kType] = 'error';
      return r;
    }
    get type() {
      return this[kType];
    }
    get url() {
      return this[kUrl];
    }
    get redirected() {
      return this[kRedirected];
    }
    get status() {
      return this[kStatus];
    }
    get statusText() {
      return this[kStatusText];
    }
    get ok() {
      const s = this[kStatus];
      return s >= 200 && s < 300;
    }
    get headers() {
      let h = this[kHeaders];
      if (h === undefined) {
        h = new Headers(this[kInit]);
        const type = defaultTypeOf(this);
        if (type !== undefined && !h.has('content-type')) h.set('content-type', type);
        this[kHeaders] = h;
        this[kInit] = undefined;
      }
      return h;
    }
    clone() {
      if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
      const r = new Response(null);
      r[kStatus] = this[kStatus];
      r[kStatusText] = this[kStatusText];
      r[kHeaders] = new Headers(this.headers);
      r[kType] = this[kType];
      r[kUrl] = this[kUrl];
      r[kRedirected] = this[kRedirected];
      r[kBody] = this[kClone]();
      return r;
    }
    /** The headers for the wire: [name, value, ...], or a plain-object init as given —
     * the binding validates and lower-cases it, and adds the body's default type when it
     * has no content-type (the only case that still needs kDefaultType: a Headers built
     * here already carries it, or lacks it on purpose). No Headers is built for a plain
     * object, which is what most handlers pass. */
    [kRaw]() {
      const h = this[kHeaders];
      if (h !== undefined) return h.flat();
      const init = this[kInit];
      if (init === undefined || init === null || Object.getPrototypeOf(init) === Object.prototype) return init;
      return this.headers.flat();
    }
    get [Symbol.toStringTag]() {
      return 'Response';
    }
  }
  mixBody(Response);
  Object.assign(Response.prototype, {
    [kStatus]: 200, [kStatusText]: '', [kHeaders]: undefined, [kInit]: undefined, [kType]: 'default',
    [kUrl]: '', [kRedirected]: false, [kDefaultType]: undefined, [kBody]: null, [kUsed]: false,
  });

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

  /** How many bytes at the end of `bytes` start a UTF-8 sequence that is not complete. */
  function incompleteUtf8Tail(bytes) {
    const n = bytes.length;
    for (let back = 1; back <= Math.min(3, n); back++) {
      const b = bytes[n - back];
      if ((b & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }
    encode(input = '') {
      // Lone surrogates become U+FFFD (USVString conversion).
      return binding.utf8Encode(`${input}`.toWellFormed());
    }
    encodeInto(input, dest) {
      const bytes = binding.utf8Encode(`${input}`.toWellFormed());
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
    // Streaming state: bytes of an incomplete sequence held back from the last chunk, and
    // whether the start of the stream (where a BOM may be) is behind us.
    #pending = null;
    #started = false;
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
    decode(input = undefined, options = undefined) {
      const stream = !!(options && options.stream);
      let bytes;
      if (input === undefined) bytes = new Uint8Array(0);
      else if (input instanceof Uint8Array) bytes = input;
      else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw argTypeError('input', 'an instance of ArrayBuffer or ArrayBufferView', input);
      if (this.#pending !== null) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
        this.#pending = null;
      }
      const atStart = !this.#started;
      if (stream) {
        const keep = this.#encoding === 'utf-8' ? incompleteUtf8Tail(bytes) : this.#encoding === 'utf-16le' ? bytes.length % 2 : 0;
        if (keep > 0) {
          this.#pending = bytes.slice(bytes.length - keep);
          bytes = bytes.subarray(0, bytes.length - keep);
        }
        if (bytes.length > 0) this.#started = true;
      } else {
        this.#started = false;
      }
      if (this.#encoding === 'utf-8') {
        if (atStart && !this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
        try {
          return binding.utf8Decode(bytes, this.#fatal);
        } catch (e) {
          throw Object.assign(new TypeError('The encoded data was not valid for encoding utf-8'), { code: 'ERR_ENCODING_INVALID_ENCODED_DATA' });
        }
      }
      if (this.#encoding === 'utf-16le') {
        let start = 0;
        if (atStart && !this.#ignoreBOM && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) start = 2;
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
      const b = request[kBody];
      if (isStream(b)) {
        request[kUsed] = true;
        streams().readAllBytes(b).then(send, (e) => {
          done = true;
          reject(e);
        });
      } else {
        send(b === null ? undefined : bytesOf(b));
      }
    });
  }

  return {
    Headers, Request, Response, TextEncoder, TextDecoder, fetch,
    WireRequestPrototype, defaultTypeOf, kRaw, kBody, kStatus, kStatusText, kHeaders, kInit, kDefaultType,
  };
})
