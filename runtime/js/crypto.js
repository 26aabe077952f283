// Web Crypto (crypto.getRandomValues, randomUUID, subtle.digest) and the node:crypto
// subset programs use most: createHash, createHmac, randomBytes, randomUUID,
// randomInt, timingSafeEqual, getHashes, webcrypto. Everything else in SubtleCrypto
// rejects with NotSupportedError, plainly.
(function (binding, internals) {
  'use strict';
  const { codedError, argTypeError } = internals;
  const DOMException = () => internals.internal('internal/clone').DOMException;
  const Buffer = () => internals.internal('buffer').Buffer;
  const kToken = Symbol('internal');

  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  function getRandomValues(array) {
    if (!ArrayBuffer.isView(array) || array instanceof DataView || !INTEGER_ARRAYS.some((C) => array instanceof C)) {
      throw new (DOMException())("The data argument must be an integer-type TypedArray", 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw new (DOMException())(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
    }
    binding.randomFill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return array;
  }
  const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
  function randomUUID() {
    const b = new Uint8Array(16);
    binding.randomFill(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => HEX[x]);
    return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h.slice(8, 10).join('')}-${h.slice(10).join('')}`;
  }

  const DIGESTS = new Map([['sha-1', 'sha1'], ['sha-256', 'sha256'], ['sha-384', 'sha384'], ['sha-512', 'sha512']]);
  function bufferSource(data, what) {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError(`Failed to execute '${what}' on 'SubtleCrypto': parameter 2 is not of type 'ArrayBuffer' or 'ArrayBufferView'.`);
  }
  class CryptoKey {
    constructor() {
      throw new TypeError('Illegal constructor');
    }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
  class SubtleCrypto {
    constructor(token) {
      if (token !== kToken) throw new TypeError('Illegal constructor');
    }
    digest(algorithm, data) {
      try {
        const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
        const alg = DIGESTS.get(`${name}`.toLowerCase());
        if (alg === undefined) throw new (DOMException())('Unrecognized algorithm name', 'NotSupportedError');
        const bytes = bufferSource(data, 'digest');
        return Promise.resolve(binding.digest(alg, bytes).buffer);
      } catch (e) {
        return Promise.reject(e);
      }
    }
  }
  for (const name of ['encrypt', 'decrypt', 'sign', 'verify', 'generateKey', 'deriveKey', 'deriveBits', 'importKey', 'exportKey', 'wrapKey', 'unwrapKey']) {
    Object.defineProperty(SubtleCrypto.prototype, name, {
      value() {
        return Promise.reject(new (DOMException())(`crypto.subtle.${name} is not implemented in dynojs yet; only digest is`, 'NotSupportedError'));
      },
      writable: true,
      configurable: true,
    });
  }
  Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
  const subtle = new SubtleCrypto(kToken);
  class Crypto {
    constructor(token) {
      if (token !== kToken) throw new TypeError('Illegal constructor');
    }
    get subtle() {
      return subtle;
    }
    getRandomValues(array) {
      return getRandomValues(array);
    }
    randomUUID() {
      return randomUUID();
    }
  }
  Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
  const crypto = new Crypto(kToken);

  // ---- node:crypto -----------------------------------------------------------------
  function algorithmOf(name) {
    const n = `${name}`.toLowerCase().replace(/^sha-/, 'sha');
    if (!['sha1', 'sha256', 'sha384', 'sha512'].includes(n)) throw codedError(Error, 'ERR_CRYPTO_INVALID_DIGEST', `Digest method not supported`);
    return n;
  }
  function toBytes(data, encoding) {
    if (typeof data === 'string') return Buffer().from(data, encoding || 'utf8');
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    throw argTypeError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  function encodeDigest(bytes, encoding) {
    const buf = Buffer().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
  }
  class Hash {
    #handle;
    #algorithm;
    #done = false;
    constructor(algorithm) {
      this.#algorithm = algorithmOf(algorithm);
      this.#handle = binding.hashNew(this.#algorithm);
    }
    update(data, encoding) {
      if (this.#done) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      binding.hashUpdate(this.#handle, toBytes(data, encoding));
      return this;
    }
    digest(encoding) {
      if (this.#done) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this.#done = true;
      return encodeDigest(binding.hashDigest(this.#handle), encoding);
    }
  }
  const BLOCK = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };
  class Hmac {
    #inner;
    #outerKey;
    #algorithm;
    #done = false;
    constructor(algorithm, key) {
      this.#algorithm = algorithmOf(algorithm);
      let k = toBytes(key);
      const block = BLOCK[this.#algorithm];
      if (k.length > block) k = binding.digest(this.#algorithm, k);
      const padded = new Uint8Array(block);
      padded.set(k);
      const ipad = padded.map((b) => b ^ 0x36);
      this.#outerKey = padded.map((b) => b ^ 0x5c);
      this.#inner = binding.hashNew(this.#algorithm);
      binding.hashUpdate(this.#inner, ipad);
    }
    update(data, encoding) {
      if (this.#done) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      binding.hashUpdate(this.#inner, toBytes(data, encoding));
      return this;
    }
    digest(encoding) {
      if (this.#done) throw codedError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this.#done = true;
      const inner = binding.hashDigest(this.#inner);
      const outer = binding.hashNew(this.#algorithm);
      binding.hashUpdate(outer, this.#outerKey);
      binding.hashUpdate(outer, inner);
      return encodeDigest(binding.hashDigest(outer), encoding);
    }
  }
  const createHash = (algorithm) => new Hash(algorithm);
  const createHmac = (algorithm, key) => new Hmac(algorithm, key);
  function randomBytes(size, callback) {
    if (typeof size !== 'number' || !(size >= 0) || size > 2 ** 31 - 1) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
    const buf = Buffer().alloc(size);
    binding.randomFill(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
    if (typeof callback === 'function') {
      internals.queueMicrotask(() => callback(null, buf));
      return undefined;
    }
    return buf;
  }
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === 'function') {
      callback = max;
      max = min;
      min = 0;
    }
    const range = max - min;
    if (!(range > 0)) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    const words = new Uint32Array(2);
    let n;
    do {
      getRandomValues(words);
      n = words[0] * 2 ** 16 + (words[1] >>> 16); // 48 random bits
    } while (n >= 2 ** 48 - (2 ** 48 % range));
    const v = min + (n % range);
    if (typeof callback === 'function') {
      internals.queueMicrotask(() => callback(null, v));
      return undefined;
    }
    return v;
  }
  function timingSafeEqual(a, b) {
    const x = toBytes(a);
    const y = toBytes(b);
    if (x.byteLength !== y.byteLength) throw codedError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  }
  const getHashes = () => ['sha1', 'sha256', 'sha384', 'sha512'];

  return {
    Crypto, CryptoKey, SubtleCrypto, crypto,
    // node:crypto
    createHash, createHmac, Hash, Hmac, randomBytes, randomInt, randomUUID, getRandomValues, timingSafeEqual, getHashes,
    webcrypto: crypto, subtle,
  };
})
