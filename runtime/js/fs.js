// node:fs — the part this runtime has so far: readFile/writeFile (callback, sync and
// promises), existsSync. Callbacks run in the poll phase of the event loop.
(function (binding, internals) {
  'use strict';
  const { ioRequest, validateFunction, argTypeError } = internals;
  function pathOf(p) {
    if (typeof p === 'string') return p;
    if (p instanceof URL) return decodeURIComponent(p.pathname);
    throw argTypeError('path', 'of type string or an instance of Buffer or URL', p);
  }
  function encodingOf(options) {
    if (typeof options === 'string') return options;
    if (options && typeof options === 'object') return options.encoding ?? null;
    return null;
  }
  function isText(encoding) {
    if (encoding === null || encoding === undefined) return false;
    const e = String(encoding).toLowerCase();
    if (e === 'utf8' || e === 'utf-8') return true;
    throw internals.codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'encoding' is invalid encoding. Received '${encoding}'`);
  }
  function readFile(path, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'cb');
    binding.fsReadFile(pathOf(path), ioRequest(callback), isText(encodingOf(options)));
  }
  function writeFile(path, data, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateFunction(callback, 'cb');
    binding.fsWriteFile(pathOf(path), typeof data === 'string' ? data : data, ioRequest((err) => callback(err)));
  }
  const readFileSync = (path, options) => binding.fsReadFileSync(pathOf(path), isText(encodingOf(options)));
  const writeFileSync = (path, data) => binding.fsWriteFileSync(pathOf(path), typeof data === 'string' ? data : data);
  const existsSync = (path) => {
    try {
      return binding.fsExists(pathOf(path));
    } catch {
      return false;
    }
  };
  const promises = {
    readFile: (path, options) => new Promise((resolve, reject) => readFile(path, options, (err, v) => (err ? reject(err) : resolve(v)))),
    writeFile: (path, data, options) => new Promise((resolve, reject) => writeFile(path, data, options, (err) => (err ? reject(err) : resolve()))),
  };
  return { readFile, writeFile, readFileSync, writeFileSync, existsSync, promises };
})
