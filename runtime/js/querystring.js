// node:querystring — parse/stringify of urlencoded strings the way Node does (repeated
// keys become arrays, '+' is a space, malformed escapes are kept as they are).
(function (binding, internals) {
  'use strict';
  function unescape(s) {
    try {
      return decodeURIComponent(s);
    } catch {
      // Node falls back to decoding byte by byte, keeping malformed sequences.
      return s.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
        try {
          return decodeURIComponent(run);
        } catch {
          const bytes = run.slice(1).split('%').map((h) => parseInt(h, 16));
          return internals.internal('buffer').Buffer.from(bytes).toString('utf8');
        }
      });
    }
  }
  const escape = (s) => encodeURIComponent(s);
  function stringifyPrimitive(v) {
    if (typeof v === 'string') return v;
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint') return `${v}`;
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    return '';
  }
  function stringify(obj, sep = '&', eq = '=', options = undefined) {
    const enc = (options && options.encodeURIComponent) || escape;
    if (obj === null || typeof obj !== 'object') return '';
    const parts = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = enc(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) for (const item of v) parts.push(ks + enc(stringifyPrimitive(item)));
      else parts.push(ks + enc(stringifyPrimitive(v)));
    }
    return parts.join(sep);
  }
  function parse(qs, sep = '&', eq = '=', options = undefined) {
    const obj = Object.create(null);
    if (typeof qs !== 'string' || qs.length === 0) return obj;
    const dec = (options && options.decodeURIComponent) || unescape;
    let maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    if (maxKeys <= 0) maxKeys = Infinity;
    const pieces = qs.split(sep || '&');
    let n = 0;
    for (const piece of pieces) {
      if (piece === '' && pieces.length > 1) continue;
      if (n++ >= maxKeys) break;
      const at = piece.indexOf(eq || '=');
      const rawK = at >= 0 ? piece.slice(0, at) : piece;
      const rawV = at >= 0 ? piece.slice(at + (eq || '=').length) : '';
      const k = dec(rawK.replace(/\+/g, ' '));
      const v = dec(rawV.replace(/\+/g, ' '));
      const old = obj[k];
      if (old === undefined) obj[k] = v;
      else if (Array.isArray(old)) old.push(v);
      else obj[k] = [old, v];
    }
    return obj;
  }
  return { parse, stringify, escape, unescape, decode: parse, encode: stringify, unescapeBuffer: (s) => internals.internal('buffer').Buffer.from(unescape(s)) };
})
