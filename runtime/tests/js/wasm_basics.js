// WebAssembly: a module (its text form below, compiled with wabt's wat2wasm and
// embedded as base64) with imports of a function, a global and a memory; exported
// functions with i32, i64 (BigInt), f64 and multi-value results; call_indirect
// through a table; mutable globals; memory shared with JS (buffer, grow detaching the
// old buffer); traps as RuntimeError; CompileError and LinkError; validate, compile,
// instantiate (both forms), Module.imports/exports/customSections.
/*
(module
  (import "env" "log" (func $log (param i32 f64)))
  (import "env" "base" (global $base i32))
  (import "env" "mem" (memory 1 4))
  (global $counter (export "counter") (mut i32) (i32.const 0))
  (global $big (export "big") i64 (i64.const 9007199254740993))
  (table $t (export "table") 2 funcref)
  (elem (i32.const 0) $add $sub)
  (type $bin (func (param i32 i32) (result i32)))
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func (export "dispatch") (param i32 i32 i32) (result i32)
    (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "fac") (param i64) (result i64)
    (if (result i64) (i64.le_s (local.get 0) (i64.const 1))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call 4 (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "withBase") (param i32) (result i32) (i32.add (global.get $base) (local.get 0)))
  (func (export "bump") (result i32)
    (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
    (call $log (global.get $counter) (f64.const 0.5))
    (global.get $counter))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "sum") (param i32 i32) (result i32) (local $s i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get 1)))
      (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get 0))))
      (local.set 0 (i32.add (local.get 0) (i32.const 1)))
      (local.set 1 (i32.sub (local.get 1) (i32.const 1)))
      (br $next)))
    (local.get $s))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "trap") (unreachable))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "pair") (result i32 f64) (i32.const 7) (f64.const 2.5))
  (@custom "note" "hi")
)
*/
const bytes = Buffer.from('AGFzbQEAAAABLglgAn9/AX9gAn98AGADf39/AX9gAX4BfmABfwF/YAABf2ACf38AYAAAYAACf3wCIwMDZW52A2xvZwABA2VudgRiYXNlA38AA2VudgNtZW0CAQEEAw0MAAACAwQFBgAEBwAIBAQBcAACBhICfwFBAAt+AEKBgICAgICAEAsHaw4HY291bnRlcgMBA2JpZwMCBXRhYmxlAQADYWRkAAEIZGlzcGF0Y2gAAwNmYWMABAh3aXRoQmFzZQAFBGJ1bXAABgVzdG9yZQAHA3N1bQAIBGdyb3cACQR0cmFwAAoDZGl2AAsEcGFpcgAMCQgBAEEACwIBAgqtAQwHACAAIAFqCwcAIAAgAWsLCwAgASACIAARAAALFwAgAEIBVwR+QgEFIAAgAEIBfRAEfgsLBwAjACAAagsYACMBQQFqJAEjAUQAAAAAAADgPxAAIwELCQAgACABOgAACysBAX8CQANAIAFFDQEgAiAALQAAaiECIABBAWohACABQQFrIQEMAAsLIAILBgAgAEAACwMAAAsHACAAIAFtCw0AQQdEAAAAAAAABEAL', 'base64');
(async () => {
  console.log('validate', WebAssembly.validate(bytes), WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 2, 0, 0, 0])));
  const module = await WebAssembly.compile(bytes);
  console.log('imports', JSON.stringify(WebAssembly.Module.imports(module)));
  console.log('exports', WebAssembly.Module.exports(module).map((e) => `${e.name}:${e.kind}`).join(' '));
  console.log('custom', WebAssembly.Module.customSections(module, 'note').map((b) => Buffer.from(b).toString()));
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
  const logged = [];
  const importObject = { env: { log: (n, x) => logged.push([n, x]), base: 100, mem: memory } };
  const instance = await WebAssembly.instantiate(module, importObject);
  const e = instance.exports;
  console.log('add', e.add(2, 3), e.add(2 ** 31 - 1, 1), e.add('4', true), e.add.length, typeof e.add);
  console.log('fac', e.fac(20n), typeof e.fac(3n));
  try { e.fac(3); } catch (err) { console.log('fac number', err.name); }
  console.log('withBase', e.withBase(5));
  console.log('bump', e.bump(), e.bump(), e.counter.value, JSON.stringify(logged));
  e.counter.value = 41;
  console.log('counter', e.bump(), e.big.value);
  try { e.big.value = 1n; } catch (err) { console.log('immutable', err.name); }
  console.log('dispatch', e.dispatch(0, 10, 4), e.dispatch(1, 10, 4), e.table.length, e.table.get(0)(1, 1));
  try { e.dispatch(5, 1, 1); } catch (err) { console.log('bad index', err instanceof WebAssembly.RuntimeError); }
  e.store(0, 200);
  e.store(1, 55);
  const view = new Uint8Array(memory.buffer);
  console.log('memory', memory.buffer.byteLength, view[0], view[1], e.sum(0, 2));
  view[2] = 45;
  console.log('js write seen', e.sum(0, 3));
  const old = memory.buffer;
  console.log('grow', memory.grow(1), old.byteLength, memory.buffer.byteLength);
  console.log('wasm grow', e.grow(1), memory.buffer.byteLength, e.grow(10));
  try { memory.grow(10); } catch (err) { console.log('grow past max', err.name); }
  try { e.trap(); } catch (err) { console.log('trap', err instanceof WebAssembly.RuntimeError, err.name); }
  try { e.div(1, 0); } catch (err) { console.log('div', err instanceof WebAssembly.RuntimeError); }
  console.log('pair', JSON.stringify(e.pair()));
  const thrower = { env: { ...importObject.env, log: () => { throw new Error('from js'); } } };
  const i2 = new WebAssembly.Instance(module, thrower);
  try { i2.exports.bump(); } catch (err) { console.log('import threw', err.message); }
  try { new WebAssembly.Module(new Uint8Array([1, 2, 3])); } catch (err) { console.log('compile', err instanceof WebAssembly.CompileError, err.name); }
  try { new WebAssembly.Instance(module, { env: { log: 1, base: 1, mem: memory } }); } catch (err) { console.log('link', err instanceof WebAssembly.LinkError); }
  try { new WebAssembly.Instance(module, {}); } catch (err) { console.log('missing', err.name); }
  const both = await WebAssembly.instantiate(bytes, importObject);
  console.log('instantiate bytes', both.module instanceof WebAssembly.Module, both.instance instanceof WebAssembly.Instance);
  const g = new WebAssembly.Global({ value: 'f64', mutable: true }, 1.5);
  g.value = 2.25;
  console.log('global', g.value, g.valueOf(), String(WebAssembly), Object.prototype.toString.call(memory));
})();
