// The WebAssembly JS API on wasmi (src/wasm.rs): Module, Instance, Memory, Table, Global,
// validate, compile, instantiate, compileStreaming, instantiateStreaming and the three
// error classes. wasmi interprets; there is no JIT. externref and v128 values are not
// supported yet and say so.
(function (binding, internals) {
  'use strict';
  const kModule = Symbol('module');
  const kHandle = Symbol('handle');
  const kToken = Symbol('internal');

  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  for (const C of [CompileError, LinkError, RuntimeError]) {
    Object.defineProperty(C.prototype, 'name', { value: C.name, writable: true, configurable: true });
  }
  const ERRORS = { CompileError, LinkError, RuntimeError, TypeError, RangeError };
  /** Runs a native, turning its coded errors into the WebAssembly error classes. */
  function call(f) {
    try {
      return f();
    } catch (e) {
      const C = e && ERRORS[e.code];
      if (C) throw new C(e.message);
      throw e;
    }
  }
  function bytesOf(source, what) {
    if (source instanceof ArrayBuffer) return new Uint8Array(source);
    if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    throw new TypeError(`${what}: Argument 0 must be a buffer source`);
  }

  const wrappers = new Map();
  /** The JS function for a wasm function handle (one per handle). */
  function exportedFunction(handle, name) {
    let f = wrappers.get(handle);
    if (f === undefined) {
      f = {
        [name](...args) {
          return call(() => binding.wasmCall(handle, args));
        },
      }[name];
      Object.defineProperty(f, 'length', { value: binding.wasmFuncArity(handle) });
      Object.defineProperty(f, kHandle, { value: handle });
      wrappers.set(handle, f);
    }
    return f;
  }
  const funcHandle = (v) => (v === null || v === undefined ? null : typeof v === 'function' && v[kHandle] !== undefined ? v[kHandle] : undefined);

  class Module {
    constructor(bytes) {
      if (bytes === kToken) return;
      this[kModule] = call(() => binding.wasmCompile(bytesOf(bytes, 'WebAssembly.Module()')));
    }
    static exports(module) {
      if (!(module instanceof Module)) throw new TypeError('WebAssembly.Module.exports(): Argument 0 must be a WebAssembly.Module');
      return binding.wasmModuleExports(module[kModule]).map(([name, kind]) => ({ name, kind }));
    }
    static imports(module) {
      if (!(module instanceof Module)) throw new TypeError('WebAssembly.Module.imports(): Argument 0 must be a WebAssembly.Module');
      return binding.wasmModuleImports(module[kModule]).map(([m, name, kind]) => ({ module: m, name, kind }));
    }
    static customSections(module, sectionName) {
      if (!(module instanceof Module)) throw new TypeError('WebAssembly.Module.customSections(): Argument 0 must be a WebAssembly.Module');
      return binding.wasmCustomSections(module[kModule], `${sectionName}`);
    }
  }
  Object.defineProperty(Module.prototype, Symbol.toStringTag, { value: 'WebAssembly.Module', configurable: true });

  class Instance {
    #exports;
    constructor(module, importObject = undefined) {
      if (!(module instanceof Module)) throw new TypeError('WebAssembly.Instance(): Argument 0 must be a WebAssembly.Module');
      const imports = Module.imports(module);
      if (imports.length > 0 && (importObject === undefined || importObject === null || typeof importObject !== 'object')) {
        throw new TypeError('WebAssembly.Instance(): Imports argument must be present and must be an object');
      }
      const descriptors = imports.map(({ module: m, name, kind }) => {
        const ns = importObject[m];
        if (ns === null || (typeof ns !== 'object' && typeof ns !== 'function')) throw new TypeError(`WebAssembly.Instance(): Import #0 "${m}": module is not an object or function`);
        const v = ns[name];
        switch (kind) {
          case 'function': {
            const h = funcHandle(v);
            if (h !== undefined && h !== null) return { handle: h };
            if (typeof v === 'function') return v;
            throw new LinkError(`WebAssembly.Instance(): Import "${m}" "${name}": function import requires a callable`);
          }
          case 'memory':
            if (v instanceof Memory) return { handle: v[kHandle] };
            throw new LinkError(`WebAssembly.Instance(): Import "${m}" "${name}": memory import must be a WebAssembly.Memory object`);
          case 'table':
            if (v instanceof Table) return { handle: v[kHandle] };
            throw new LinkError(`WebAssembly.Instance(): Import "${m}" "${name}": table import requires a WebAssembly.Table`);
          default:
            if (v instanceof Global) return { handle: v[kHandle] };
            if (typeof v === 'number' || typeof v === 'bigint') return { value: v };
            throw new LinkError(`WebAssembly.Instance(): Import "${m}" "${name}": global import must be a number, valid Wasm reference, or WebAssembly.Global object`);
        }
      });
      const exported = call(() => binding.wasmInstantiate(module[kModule], descriptors));
      const exports = Object.create(null);
      for (const [name, kind, handle] of exported) {
        if (kind === 'function') exports[name] = exportedFunction(handle, name);
        else if (kind === 'memory') exports[name] = wrap(Memory, handle);
        else if (kind === 'table') exports[name] = wrap(Table, handle);
        else exports[name] = wrap(Global, handle);
      }
      this.#exports = Object.freeze(exports);
    }
    get exports() {
      return this.#exports;
    }
  }
  Object.defineProperty(Instance.prototype, Symbol.toStringTag, { value: 'WebAssembly.Instance', configurable: true });

  function wrap(C, handle) {
    const o = Object.create(C.prototype);
    o[kHandle] = handle;
    return o;
  }
  function limit(v, what) {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 0xffffffff) throw new TypeError(`${what} must be convertible to a valid number`);
    return Math.trunc(n);
  }

  class Memory {
    constructor(descriptor) {
      if (descriptor === null || typeof descriptor !== 'object') throw new TypeError('WebAssembly.Memory(): Argument 0 must be a memory descriptor');
      if (descriptor.shared) throw new TypeError('WebAssembly.Memory(): shared memories are not supported by dynojs yet');
      const initial = limit(descriptor.initial ?? descriptor.minimum ?? 0, "WebAssembly.Memory(): Property 'initial'");
      const maximum = descriptor.maximum === undefined ? -1 : limit(descriptor.maximum, "WebAssembly.Memory(): Property 'maximum'");
      this[kHandle] = call(() => binding.wasmMemoryNew(initial, maximum));
    }
    get buffer() {
      return binding.wasmMemoryBuffer(this[kHandle]);
    }
    grow(delta) {
      return call(() => binding.wasmMemoryGrow(this[kHandle], limit(delta, 'WebAssembly.Memory.grow(): Argument 0')));
    }
  }
  Object.defineProperty(Memory.prototype, Symbol.toStringTag, { value: 'WebAssembly.Memory', configurable: true });

  class Table {
    constructor(descriptor, value = null) {
      if (descriptor === null || typeof descriptor !== 'object') throw new TypeError('WebAssembly.Table(): Argument 0 must be a table descriptor');
      const element = `${descriptor.element}`;
      if (element !== 'anyfunc' && element !== 'funcref') throw new TypeError("WebAssembly.Table(): Descriptor property 'element' must be a WebAssembly reference type (externref is not supported by dynojs yet)");
      const initial = limit(descriptor.initial ?? descriptor.minimum ?? 0, "WebAssembly.Table(): Property 'initial'");
      const maximum = descriptor.maximum === undefined ? -1 : limit(descriptor.maximum, "WebAssembly.Table(): Property 'maximum'");
      this[kHandle] = call(() => binding.wasmTableNew(initial, maximum));
      if (value !== null && value !== undefined) for (let i = 0; i < initial; i++) this.set(i, value);
    }
    get length() {
      return binding.wasmTableLength(this[kHandle]);
    }
    get(index) {
      const h = call(() => binding.wasmTableGet(this[kHandle], limit(index, 'WebAssembly.Table.get(): Argument 0')));
      return h === null ? null : exportedFunction(h, 'anonymous');
    }
    set(index, value = null) {
      const h = funcHandle(value);
      if (h === undefined) throw new TypeError('WebAssembly.Table.set(): Argument 1 is invalid for table: function-typed object expected');
      call(() => binding.wasmTableSet(this[kHandle], limit(index, 'WebAssembly.Table.set(): Argument 0'), h));
    }
    grow(delta, value = null) {
      const h = funcHandle(value);
      if (h === undefined) throw new TypeError('WebAssembly.Table.grow(): Argument 1 is invalid for table: function-typed object expected');
      return call(() => binding.wasmTableGrow(this[kHandle], limit(delta, 'WebAssembly.Table.grow(): Argument 0'), h));
    }
  }
  Object.defineProperty(Table.prototype, Symbol.toStringTag, { value: 'WebAssembly.Table', configurable: true });

  class Global {
    constructor(descriptor, value = undefined) {
      if (descriptor === null || typeof descriptor !== 'object') throw new TypeError('WebAssembly.Global(): Argument 0 must be a global descriptor');
      const type = `${descriptor.value}`;
      let v = value;
      if (v === undefined && type === 'i64') v = 0n;
      this[kHandle] = call(() => binding.wasmGlobalNew(type, !!descriptor.mutable, type === 'anyfunc' || type === 'funcref' ? funcHandle(v) ?? null : v));
    }
    get value() {
      const v = binding.wasmGlobalGet(this[kHandle]);
      const [type] = binding.wasmGlobalType(this[kHandle]);
      return type === 'anyfunc' && v !== null ? exportedFunction(v, 'anonymous') : v;
    }
    set value(v) {
      const [type] = binding.wasmGlobalType(this[kHandle]);
      call(() => binding.wasmGlobalSet(this[kHandle], type === 'anyfunc' ? funcHandle(v) ?? null : v));
    }
    valueOf() {
      return this.value;
    }
  }
  Object.defineProperty(Global.prototype, Symbol.toStringTag, { value: 'WebAssembly.Global', configurable: true });

  function validate(bytes) {
    return binding.wasmValidate(bytesOf(bytes, 'WebAssembly.validate()'));
  }
  function compile(bytes) {
    return new Promise((resolve) => resolve(new Module(bytes)));
  }
  function instantiate(source, importObject = undefined) {
    return new Promise((resolve) => {
      if (source instanceof Module) {
        resolve(new Instance(source, importObject));
        return;
      }
      const module = new Module(source);
      resolve({ module, instance: new Instance(module, importObject) });
    });
  }
  async function streamedBytes(source, what) {
    const response = await source;
    const Response = internals.internal('internal/web').Response;
    if (!(response instanceof Response)) throw new TypeError(`${what}: Argument 0 must be provided and must be a Response`);
    const type = response.headers.get('content-type');
    if (type === null || type.split(';')[0].trim().toLowerCase() !== 'application/wasm') {
      throw new TypeError(`${what}: Incorrect response MIME type. Expected 'application/wasm'.`);
    }
    if (!response.ok) throw new TypeError(`${what}: HTTP status code is not ok`);
    return response.arrayBuffer();
  }
  async function compileStreaming(source) {
    return new Module(await streamedBytes(source, 'WebAssembly.compileStreaming()'));
  }
  async function instantiateStreaming(source, importObject = undefined) {
    const module = new Module(await streamedBytes(source, 'WebAssembly.instantiateStreaming()'));
    return { module, instance: new Instance(module, importObject) };
  }

  const WebAssembly = {
    Module, Instance, Memory, Table, Global, CompileError, LinkError, RuntimeError,
    validate, compile, instantiate, compileStreaming, instantiateStreaming,
  };
  for (const k of Object.keys(WebAssembly)) Object.defineProperty(WebAssembly, k, { enumerable: false });
  Object.defineProperty(WebAssembly, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });
  return { WebAssembly };
})
