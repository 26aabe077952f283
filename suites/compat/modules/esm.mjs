/*---
description: ES modules — CJS interop, JSON modules, dynamic import, live bindings, import.meta, package.json exports
area: modules
---*/
import { test, equal, deepEqual, ok, rejects } from "../_harness/prelude.mjs";
import cjs, { named, add } from "./fixtures/cjs-lib.cjs";
import replaced from "./fixtures/cjs-replaced.cjs";
import greet, { value, counter, increment } from "./fixtures/esm-lib.mjs";
import data from "./fixtures/data.json" with { type: "json" };
import { kind } from "./fixtures/node_modules/dyno-pkg/lib/entry.mjs";

test("a CJS module's module.exports is the default import", () => {
  equal(cjs.named, "named export");
  equal(cjs.other, 2);
});
test("exports.x assignments are named imports", () => {
  equal(named, "named export");
  equal(add(2, 3), 5);
});
test("a replaced module.exports is the default import", () => equal(replaced(), "called"));
test("default and named ESM exports", () => {
  equal(greet("you"), "hello you");
  equal(value, "from esm");
});
test("exports are live bindings", () => {
  equal(counter, 0);
  increment();
  equal(counter, 1);
});
test("a JSON module with type: json", () => deepEqual(data, { name: "data", list: [1, 2, 3] }));
test("dynamic import returns the namespace", async () => {
  const ns = await import("./fixtures/esm-lib.mjs");
  equal(ns.value, "from esm");
  equal(ns.default, greet);
  equal(Object.prototype.toString.call(ns), "[object Module]");
});
test("dynamic import of a CJS module", async () => {
  const ns = await import("./fixtures/cjs-lib.cjs");
  equal(ns.default.named, "named export");
});
test("dynamic import of a missing file rejects with ERR_MODULE_NOT_FOUND", async () => {
  await rejects(import("./fixtures/does-not-exist.mjs"), { code: "ERR_MODULE_NOT_FOUND" });
});
test("the same module imported twice is one instance", async () => {
  const a = await import("./fixtures/esm-lib.mjs");
  equal(a.increment, increment);
  a.increment();
  equal(counter, a.counter);
});
test("import.meta.url is this file's file: URL", () => {
  ok(import.meta.url.startsWith("file:///"), import.meta.url);
  ok(import.meta.url.endsWith("/modules/esm.mjs"), import.meta.url);
});
test("import.meta.resolve resolves a relative specifier", () => {
  equal(import.meta.resolve("./fixtures/data.json"), new URL("./fixtures/data.json", import.meta.url).href);
});
test("package.json exports: the import condition for ESM", async () => {
  const ns = await import("./fixtures/node_modules/dyno-pkg/lib/entry.mjs");
  equal(ns.kind, "import");
  equal(kind, "import");
});
test("top-level await finished before the tests ran", () => equal(typeof awaited, "string"));
const awaited = await Promise.resolve("done");
