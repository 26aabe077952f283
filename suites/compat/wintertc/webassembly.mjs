/*---
description: The WinterTC WebAssembly names — a hand-assembled module exporting add(i32, i32)
area: wintertc
subjects: [WebAssembly.Global, WebAssembly.Instance, WebAssembly.Memory, WebAssembly.Module, WebAssembly.Table, WebAssembly.compile, WebAssembly.compileStreaming, WebAssembly.instantiate, WebAssembly.instantiateStreaming, WebAssembly.validate]
---*/
// Each subtest is named "WebAssembly.<name>: ..." — the mutation check stubs that name alone.
import { test, equal, ok, deepEqual } from "../_harness/prelude.mjs";

// (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x03, 0x02,
  0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00, 0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20,
  0x01, 0x6a, 0x0b,
]);
const wasmResponse = () => new Response(bytes, { headers: { "content-type": "application/wasm" } });

// What these check is the result; whether a pending compile keeps the process alive is
// another question (bun 1.4.5 sometimes exits first), so a timer holds the loop open.
async function keepingAlive(promise) {
  const timer = setTimeout(() => {}, 10000);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
  }
}

test("WebAssembly.Module: lists its exports", () => {
  deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)), [{ name: "add", kind: "function" }]);
});
test("WebAssembly.Instance: calls an exported function", () => {
  const i = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  equal(i.exports.add(2, 3), 5);
});
test("WebAssembly.Memory: one page is 64 KiB and grows", () => {
  const m = new WebAssembly.Memory({ initial: 1, maximum: 2 });
  equal(m.buffer.byteLength, 65536);
  equal(m.grow(1), 1);
  equal(m.buffer.byteLength, 131072);
});
test("WebAssembly.Table: has its initial length and grows", () => {
  const t = new WebAssembly.Table({ initial: 2, element: "anyfunc" });
  equal(t.length, 2);
  t.grow(1);
  equal(t.length, 3);
});
test("WebAssembly.Global: holds a mutable value", () => {
  const g = new WebAssembly.Global({ value: "i32", mutable: true }, 7);
  equal(g.value, 7);
  g.value = 9;
  equal(g.valueOf(), 9);
});
test("WebAssembly.compile: resolves to a Module", async () => {
  ok((await WebAssembly.compile(bytes)) instanceof WebAssembly.Module);
});
test("WebAssembly.instantiate: resolves to a module and an instance", async () => {
  const { module, instance } = await WebAssembly.instantiate(bytes);
  ok(module instanceof WebAssembly.Module);
  equal(instance.exports.add(20, 22), 42);
});
test("WebAssembly.validate: true for the module, false for garbage", () => {
  equal(WebAssembly.validate(bytes), true);
  equal(WebAssembly.validate(new Uint8Array([0, 1, 2, 3])), false);
});
test("WebAssembly.compileStreaming: compiles a Response", async () => {
  ok((await keepingAlive(WebAssembly.compileStreaming(wasmResponse()))) instanceof WebAssembly.Module);
});
test("WebAssembly.instantiateStreaming: instantiates a Response", async () => {
  const { instance } = await keepingAlive(WebAssembly.instantiateStreaming(wasmResponse()));
  equal(instance.exports.add(1, 1), 2);
});
