// The CommonJS loader: require, module, exports, __filename, __dirname, require.cache,
// require.resolve, JSON files, builtins; plus the CommonJS main and `-e` entry points.
(function (binding, internals) {
  'use strict';
  const { internal, codedError, argTypeError } = internals;
  const cache = Object.create(null);
  let mainModule;

  function dirname(p) {
    const i = p.lastIndexOf('/');
    return i <= 0 ? '/' : p.slice(0, i);
  }

  class Module {
    constructor(id, parent) {
      this.id = id;
      this.path = dirname(id);
      this.exports = {};
      this.filename = id;
      this.loaded = false;
      this.children = [];
      this.paths = [];
      Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false, configurable: true });
      if (parent) parent.children.push(this);
    }
    require(id) {
      return requireFrom(this, id);
    }
  }
  Module._cache = cache;
  // node:module is this class: builtinModules, isBuiltin, createRequire.
  Module.Module = Module;
  Module.builtinModules = binding.builtinModules.slice();
  Module.isBuiltin = (name) => Module.builtinModules.includes(`${name}`.replace(/^node:/, ''));
  Module.createRequire = (filename) => {
    let path = filename instanceof URL ? filename.href : `${filename}`;
    if (path.startsWith('file:')) path = decodeURIComponent(new URL(path).pathname);
    if (!path.startsWith('/')) {
      throw argTypeError('filename', 'a file URL object, file URL string, or absolute path string', filename);
    }
    const mod = new Module(path, null);
    mod.filename = path;
    return makeRequire(mod);
  };

  function makeRequire(mod) {
    const require = (id) => requireFrom(mod, id);
    require.resolve = (id) => {
      validateId(id);
      const key = binding.resolve(id, mod ? mod.filename : binding.cwd() + '/', true);
      return key.startsWith('node:') ? id : key;
    };
    require.resolve.paths = () => null;
    require.cache = cache;
    Object.defineProperty(require, 'main', { get: () => mainModule, enumerable: true, configurable: true });
    return require;
  }
  function validateId(id) {
    if (typeof id !== 'string') throw argTypeError('id', 'of type string', id);
    if (id === '') throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
  }
  function requireFrom(parent, id) {
    validateId(id);
    const referrer = parent ? parent.filename : binding.cwd() + '/';
    const key = binding.resolve(id, referrer, true);
    if (key.startsWith('node:')) return internal(key.slice(5));
    return loadFile(key, parent, false);
  }
  function stripBOM(s) {
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }
  function loadFile(filename, parent, isMain) {
    const cached = cache[filename];
    if (cached !== undefined) return cached.exports;
    if (!isMain && binding.isEsm(filename)) {
      throw codedError(Error, 'ERR_REQUIRE_ESM',
        `require() of ES Module ${filename}${parent ? ` from ${parent.filename}` : ''} not supported.\n` +
        `Instead change the require of ${filename} to a dynamic import() which is available in all CommonJS modules.`);
    }
    const mod = new Module(isMain ? '.' : filename, parent);
    mod.filename = filename;
    if (isMain) mainModule = mod;
    cache[filename] = mod;
    let threw = true;
    try {
      const text = stripBOM(binding.readFile(filename));
      if (filename.endsWith('.json')) {
        try {
          mod.exports = JSON.parse(text);
        } catch (err) {
          err.message = `${filename}: ${err.message}`;
          throw err;
        }
      } else {
        // The wrapper takes lines -1 and 0 (QuickJS reads a first line of 0 as 1), so the
        // file's own lines and columns are reported unchanged.
        const source = text.startsWith('#!') ? '//' + text.slice(2) : text;
        const fn = binding.compileScript(
          `(function (exports, require, module, __filename, __dirname) {\n\n${source}\n})`, filename, -1);
        fn.call(mod.exports, mod.exports, makeRequire(mod), mod, filename, dirname(filename));
      }
      threw = false;
    } finally {
      if (threw) delete cache[filename];
    }
    mod.loaded = true;
    return mod.exports;
  }

  function runMain(filename) {
    loadFile(filename, null, true);
  }
  function runEval(code) {
    internals.evalSource = code;
    const mod = new Module('[eval]', null);
    mod.filename = `${binding.cwd()}/[eval]`;
    const G = globalThis;
    const define = (name, value) => Object.defineProperty(G, name, { value, writable: true, configurable: true, enumerable: false });
    define('module', mod);
    define('exports', mod.exports);
    define('require', makeRequire(mod));
    define('__filename', '[eval]');
    define('__dirname', '.');
    binding.compileScript(code, '[eval]');
  }
  function keysOf(value) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return [];
    return Object.keys(value);
  }
  return {
    Module,
    runMain,
    runEval,
    createRequire: (filename) => {
      const f = String(filename).replace(/^file:\/\//, '');
      const m = new Module(f, null);
      return makeRequire(m);
    },
    requireFile: (filename) => loadFile(filename, null, false),
    cjsKeys: (filename) => keysOf(loadFile(filename, null, false)),
  };
})
