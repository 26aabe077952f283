// URL and URLSearchParams (the WHATWG URL standard; parsing and the setters are the `url`
// crate's, in Rust) and node:url (fileURLToPath, pathToFileURL, format, the legacy parse).
(function (binding, internals) {
  'use strict';
  const { codedError, argTypeError } = internals;
  const customInspect = Symbol.for('nodejs.util.inspect.custom');
  const usv = (v) => {
    const s = `${v}`;
    return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
  };
  // Indexes into the components the native parser returns.
  const HREF = 0, PROTOCOL = 1, USERNAME = 2, PASSWORD = 3, HOST = 4, HOSTNAME = 5, PORT = 6, PATHNAME = 7, SEARCH = 8, HASH = 9, ORIGIN = 10;

  function invalidUrl(input, base) {
    const e = codedError(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    if (base !== undefined) e.base = base;
    return e;
  }

  const kUrl = Symbol('url');
  const kUpdate = Symbol('update');

  class URLSearchParams {
    #list = [];
    [kUrl] = null;
    constructor(init = undefined) {
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
              throw codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            }
            const items = [...pair];
            if (items.length !== 2) throw codedError(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            this.#list.push([usv(items[0]), usv(items[1])]);
          }
        } else {
          for (const key of Reflect.ownKeys(init)) {
            if (typeof key !== 'string') continue;
            const d = Reflect.getOwnPropertyDescriptor(init, key);
            if (d && d.enumerable) this.#list.push([usv(key), usv(init[key])]);
          }
        }
        return;
      }
      let s = usv(init);
      if (s.startsWith('?')) s = s.slice(1);
      this.#parse(s);
    }
    #parse(s) {
      const flat = binding.formParse(s);
      this.#list = [];
      for (let i = 0; i < flat.length; i += 2) this.#list.push([flat[i], flat[i + 1]]);
    }
    /** Called by the URL when its query changes. */
    [kUpdate](query) {
      this.#parse(query);
    }
    #changed() {
      const url = this[kUrl];
      if (url !== null) url[kUpdate](this.toString());
    }
    get size() {
      return this.#list.length;
    }
    append(name, value) {
      if (arguments.length < 2) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" and "value" arguments must be specified');
      this.#list.push([usv(name), usv(value)]);
      this.#changed();
    }
    delete(name, value = undefined) {
      if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
      const n = usv(name);
      const v = value === undefined ? undefined : usv(value);
      this.#list = this.#list.filter(([k, x]) => !(k === n && (v === undefined || x === v)));
      this.#changed();
    }
    get(name) {
      if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
      const n = usv(name);
      const hit = this.#list.find(([k]) => k === n);
      return hit === undefined ? null : hit[1];
    }
    getAll(name) {
      if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
      const n = usv(name);
      return this.#list.filter(([k]) => k === n).map(([, v]) => v);
    }
    has(name, value = undefined) {
      if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
      const n = usv(name);
      const v = value === undefined ? undefined : usv(value);
      return this.#list.some(([k, x]) => k === n && (v === undefined || x === v));
    }
    set(name, value) {
      if (arguments.length < 2) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" and "value" arguments must be specified');
      const n = usv(name);
      const v = usv(value);
      const i = this.#list.findIndex(([k]) => k === n);
      if (i < 0) {
        this.#list.push([n, v]);
      } else {
        this.#list[i][1] = v;
        this.#list = this.#list.filter(([k], j) => j <= i || k !== n);
      }
      this.#changed();
    }
    sort() {
      // Stable, by UTF-16 code units (Array.prototype.sort is stable; < compares code units).
      this.#list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      this.#changed();
    }
    forEach(callback, thisArg = undefined) {
      if (typeof callback !== 'function') throw argTypeError('callback', 'of type function', callback);
      for (let i = 0; i < this.#list.length; i++) {
        const [k, v] = this.#list[i];
        callback.call(thisArg, v, k, this);
      }
    }
    *entries() {
      for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]];
    }
    *keys() {
      for (let i = 0; i < this.#list.length; i++) yield this.#list[i][0];
    }
    *values() {
      for (let i = 0; i < this.#list.length; i++) yield this.#list[i][1];
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return binding.formSerialize(this.#list.flat());
    }
    [customInspect](depth, options, inspect) {
      if (this.#list.length === 0) return 'URLSearchParams {}';
      const parts = this.#list.map(([k, v]) => `${inspect(k)} => ${inspect(v)}`);
      return `URLSearchParams { ${parts.join(', ')} }`;
    }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, { value: 'URLSearchParams', configurable: true });

  class URL {
    #c;
    #params = null;
    constructor(url, base = undefined) {
      if (arguments.length < 1) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "url" argument must be specified');
      const input = usv(url);
      const b = base === undefined ? undefined : usv(base);
      const c = binding.urlParse(input, b);
      if (c == null) throw invalidUrl(input, b);
      this.#c = c;
    }
    static canParse(url, base = undefined) {
      return binding.urlParse(usv(url), base === undefined ? undefined : usv(base)) != null;
    }
    static parse(url, base = undefined) {
      try {
        return new URL(url, base);
      } catch {
        return null;
      }
    }
    #set(field, value) {
      this.#c = binding.urlSet(this.#c[HREF], field, usv(value));
      if (this.#params !== null && field !== 'hash') this.#params[kUpdate](this.#c[SEARCH].slice(1));
    }
    /** From URLSearchParams: the new query (empty → no query). */
    [kUpdate](query) {
      this.#c = binding.urlSet(this.#c[HREF], 'search', query);
      if (query === '') {
        // An empty query removes the '?' (the standard's "set url's query to null").
        const href = this.#c[HREF];
        const q = href.indexOf('?');
        if (q >= 0 && (href[q + 1] === '#' || q === href.length - 1)) {
          this.#c = binding.urlParse(href.slice(0, q) + href.slice(q + 1), undefined) ?? this.#c;
        }
      }
    }
    get href() { return this.#c[HREF]; }
    set href(v) {
      const c = binding.urlParse(usv(v), undefined);
      if (c == null) throw invalidUrl(usv(v));
      this.#c = c;
      if (this.#params !== null) this.#params[kUpdate](this.#c[SEARCH].slice(1));
    }
    get origin() { return this.#c[ORIGIN]; }
    get protocol() { return this.#c[PROTOCOL]; }
    set protocol(v) { this.#set('protocol', v); }
    get username() { return this.#c[USERNAME]; }
    set username(v) { this.#set('username', v); }
    get password() { return this.#c[PASSWORD]; }
    set password(v) { this.#set('password', v); }
    get host() { return this.#c[HOST]; }
    set host(v) { this.#set('host', v); }
    get hostname() { return this.#c[HOSTNAME]; }
    set hostname(v) { this.#set('hostname', v); }
    get port() { return this.#c[PORT]; }
    set port(v) { this.#set('port', v); }
    get pathname() { return this.#c[PATHNAME]; }
    set pathname(v) { this.#set('pathname', v); }
    get search() { return this.#c[SEARCH]; }
    set search(v) { this.#set('search', v); }
    get hash() { return this.#c[HASH]; }
    set hash(v) { this.#set('hash', v); }
    get searchParams() {
      if (this.#params === null) {
        this.#params = new URLSearchParams(this.#c[SEARCH]);
        this.#params[kUrl] = this;
      }
      return this.#params;
    }
    toString() { return this.#c[HREF]; }
    toJSON() { return this.#c[HREF]; }
    [customInspect](depth, options, inspect) {
      const obj = {
        href: this.href, origin: this.origin, protocol: this.protocol, username: this.username,
        password: this.password, host: this.host, hostname: this.hostname, port: this.port,
        pathname: this.pathname, search: this.search, searchParams: this.searchParams, hash: this.hash,
      };
      return `URL ${inspect(obj, options)}`;
    }
  }
  Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
  for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash', 'searchParams', 'toString', 'toJSON']) {
    const d = Object.getOwnPropertyDescriptor(URL.prototype, k);
    Object.defineProperty(URL.prototype, k, { ...d, enumerable: true });
  }

  // ---- URLPattern ---------------------------------------------------------------
  // Parsing and canonicalisation follow the URL Pattern standard in Rust (the
  // `urlpattern` crate); each component's regular expression then runs on this engine's
  // RegExp, as the standard specifies.
  const COMPONENTS = ['protocol', 'username', 'password', 'hostname', 'port', 'pathname', 'search', 'hash'];
  function patternInput(input) {
    if (typeof input === 'string') return input;
    if (input === null || typeof input !== 'object') throw new TypeError("Failed to construct 'URLPattern': The provided value is not of type '(URLPatternInit or USVString)'.");
    const init = {};
    for (const k of [...COMPONENTS, 'baseURL']) if (input[k] !== undefined) init[k] = usv(input[k]);
    return init;
  }
  class URLPattern {
    #components;
    #regexps;
    #hasRegExpGroups;
    constructor(input = {}, baseURL = undefined, options = undefined) {
      if (baseURL !== undefined && typeof baseURL === 'object' && baseURL !== null) {
        options = baseURL;
        baseURL = undefined;
      }
      const ignoreCase = !!(options && options.ignoreCase);
      let parsed;
      try {
        parsed = JSON.parse(binding.urlPatternParse(JSON.stringify(patternInput(typeof input === 'string' ? usv(input) : input)), baseURL === undefined ? undefined : usv(baseURL), ignoreCase));
      } catch (e) {
        if (e instanceof TypeError && e.code === undefined) throw e;
        throw new TypeError(e.message);
      }
      this.#components = parsed;
      this.#hasRegExpGroups = parsed.hasRegexpGroups;
      this.#regexps = {};
      for (const c of COMPONENTS) {
        try {
          this.#regexps[c] = new RegExp(parsed[c].regexpString, ignoreCase ? 'ui' : 'u');
        } catch (e) {
          throw new TypeError(`Invalid URL pattern: the ${c} component's regular expression is invalid: ${e.message}`);
        }
      }
    }
    get protocol() { return this.#components.protocol.patternString; }
    get username() { return this.#components.username.patternString; }
    get password() { return this.#components.password.patternString; }
    get hostname() { return this.#components.hostname.patternString; }
    get port() { return this.#components.port.patternString; }
    get pathname() { return this.#components.pathname.patternString; }
    get search() { return this.#components.search.patternString; }
    get hash() { return this.#components.hash.patternString; }
    get hasRegExpGroups() { return this.#hasRegExpGroups; }
    test(input = {}, baseURL = undefined) {
      return this.exec(input, baseURL) !== null;
    }
    exec(input = {}, baseURL = undefined) {
      const given = typeof input === 'string' ? usv(input) : patternInput(input);
      const r = JSON.parse(binding.urlPatternMatchInput(JSON.stringify(given), baseURL === undefined ? undefined : usv(baseURL)));
      if (r === null) return null;
      const [values, inputs] = r;
      const result = { inputs: inputs[1] === null ? [inputs[0]] : inputs };
      for (const c of COMPONENTS) {
        const m = this.#regexps[c].exec(values[c]);
        if (m === null) return null;
        const groups = {};
        this.#components[c].groupNameList.forEach((name, i) => {
          groups[name] = m[i + 1];
        });
        result[c] = { input: values[c], groups };
      }
      return result;
    }
  }
  Object.defineProperty(URLPattern.prototype, Symbol.toStringTag, { value: 'URLPattern', configurable: true });

  // ---- node:url ---------------------------------------------------------------
  function fileURLToPath(path) {
    const url = typeof path === 'string' ? new URL(path) : path;
    if (!(url instanceof URL)) throw argTypeError('path', 'of type string or an instance of URL', path);
    if (url.protocol !== 'file:') throw codedError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (url.hostname !== '') throw codedError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    const p = url.pathname;
    if (/%2f/i.test(p)) throw codedError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return decodeURIComponent(p);
  }
  function pathToFileURL(filepath) {
    const path = internals.internal('path');
    let resolved = path.resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    // Percent-encode what the URL parser would otherwise read as syntax.
    const encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A')
      .replace(/\r/g, '%0D').replace(/\t/g, '%09').replace(/#/g, '%23').replace(/\?/g, '%3F');
    return new URL(`file://${encoded}`);
  }
  function urlToHttpOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ''}${url.search || ''}`,
      href: url.href,
    };
    if (url.port !== '') options.port = Number(url.port);
    if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    return options;
  }

  // The legacy API (url.parse / url.format / Url), which Express's dependencies still
  // use. This covers the shapes they pass: absolute URLs and origin-form request paths.
  function Url() {
    this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null;
    this.hostname = null; this.hash = null; this.search = null; this.query = null;
    this.pathname = null; this.path = null; this.href = null;
  }
  function querystringParse(q) {
    const qs = internals.internal('querystring');
    return qs.parse(q);
  }
  function parse(input, parseQueryString = false, slashesDenoteHost = false) {
    if (input instanceof Url) return input;
    if (typeof input !== 'string') throw argTypeError('url', 'of type string', input);
    const u = new Url();
    let rest = input.trim();
    const hashAt = rest.indexOf('#');
    if (hashAt >= 0) {
      u.hash = rest.slice(hashAt);
      rest = rest.slice(0, hashAt);
    }
    const queryAt = rest.indexOf('?');
    if (queryAt >= 0) {
      u.search = rest.slice(queryAt);
      u.query = rest.slice(queryAt + 1);
      rest = rest.slice(0, queryAt);
    } else if (parseQueryString) {
      u.search = '';
      u.query = {};
    }
    if (parseQueryString && typeof u.query === 'string') u.query = querystringParse(u.query);
    const proto = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(rest);
    if (proto) {
      u.protocol = proto[1].toLowerCase();
      rest = rest.slice(proto[1].length);
    }
    if ((proto || slashesDenoteHost) && rest.startsWith('//')) {
      u.slashes = true;
      rest = rest.slice(2);
      const end = rest.search(/[/\\]/);
      let authority = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end);
      const at = authority.lastIndexOf('@');
      if (at >= 0) {
        u.auth = decodeURIComponent(authority.slice(0, at));
        authority = authority.slice(at + 1);
      }
      const portMatch = /:(\d*)$/.exec(authority);
      if (portMatch) {
        if (portMatch[1] !== '') u.port = portMatch[1];
        authority = authority.slice(0, portMatch.index);
      }
      u.hostname = authority.toLowerCase();
      u.host = u.port ? `${u.hostname}:${u.port}` : u.hostname;
      if (rest === '' && /^(https?|ftp|gopher|file|wss?):$/.test(u.protocol || '')) rest = '/';
    }
    u.pathname = rest === '' ? null : rest;
    if (u.pathname !== null || u.search !== null) u.path = `${u.pathname ?? ''}${u.search ?? ''}`;
    u.href = format(u);
    return u;
  }
  function format(obj, options) {
    if (typeof obj === 'string') obj = parse(obj);
    if (obj instanceof URL) {
      const o = options || {};
      let s = `${obj.protocol}`;
      if (obj.host) {
        s += '//';
        if (o.auth !== false && (obj.username || obj.password)) s += `${obj.username}${obj.password ? `:${obj.password}` : ''}@`;
        s += o.unicode ? obj.host : obj.host;
      }
      s += obj.pathname;
      if (o.search !== false) s += obj.search;
      if (o.fragment !== false) s += obj.hash;
      return s;
    }
    if (obj === null || typeof obj !== 'object') throw argTypeError('urlObject', 'one of type object or string', obj);
    let protocol = obj.protocol || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    let host = '';
    if (obj.host) host = obj.host;
    else if (obj.hostname) host = obj.hostname + (obj.port ? `:${obj.port}` : '');
    const auth = obj.auth ? `${encodeURIComponent(obj.auth).replace(/%3A/i, ':')}@` : '';
    let pathname = obj.pathname || '';
    let search = obj.search || '';
    if (!search && obj.query && typeof obj.query === 'object') {
      const q = internals.internal('querystring').stringify(obj.query);
      if (q) search = `?${q}`;
    }
    if (search && !search.startsWith('?')) search = `?${search}`;
    let hash = obj.hash || '';
    if (hash && !hash.startsWith('#')) hash = `#${hash}`;
    let prefix = '';
    if (obj.slashes || /^(https?|ftp|gopher|file|wss?):$/.test(protocol)) {
      if (host || protocol === 'file:') prefix = `//${auth}${host}`;
      if (pathname && !pathname.startsWith('/') && prefix) pathname = `/${pathname}`;
    } else if (host) {
      prefix = `${auth}${host}`;
    }
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace(/#/g, '%23');
    return `${protocol}${prefix}${pathname}${search}${hash}`;
  }
  function resolve(from, to) {
    return new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, '');
  }
  Url.prototype.format = function () { return format(this); };
  Url.prototype.parse = function (input, pq, sdh) { Object.assign(this, parse(input, pq, sdh)); return this; };

  const domainToASCII = (d) => { try { return new URL(`http://${d}`).hostname; } catch { return ''; } };
  const domainToUnicode = (d) => `${d}`;

  return {
    URL, URLSearchParams, URLPattern, fileURLToPath, pathToFileURL, urlToHttpOptions,
    Url, parse, format, resolve, domainToASCII, domainToUnicode,
  };
})
