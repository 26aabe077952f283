/*---
description: CommonJS — require, module.exports, caching, JSON, cycles, __filename, resolution through package.json exports
area: modules
---*/
const { test, equal, deepEqual, ok, throws, rejects } = require("../_harness/prelude.cjs");
const path = require("node:path");

test("require returns module.exports", () => equal(require("./fixtures/cjs-lib.cjs").named, "named export"));
test("require caches: the same object twice", () => equal(require("./fixtures/cjs-lib.cjs"), require("./fixtures/cjs-lib.cjs")));
test("require.cache holds the resolved module", () => {
  const resolved = require.resolve("./fixtures/cjs-lib.cjs");
  ok(require.cache[resolved], "cached under " + resolved);
});
test("require of a JSON file parses it", () => deepEqual(require("./fixtures/data.json").list, [1, 2, 3]));
test("require.resolve gives an absolute path", () => equal(require.resolve("./fixtures/data.json"), path.join(__dirname, "fixtures", "data.json")));
test("__filename and __dirname", () => {
  equal(path.basename(__filename), "cjs.cjs");
  equal(path.basename(__dirname), "modules");
});
test("module.exports and exports start as the same object", () => equal(module.exports, exports));
test("require of a missing module throws MODULE_NOT_FOUND", () => {
  throws(() => require("./fixtures/nope.cjs"), { code: "MODULE_NOT_FOUND" });
});
test("a require cycle sees the partial exports", () => {
  const a = require("./fixtures/cycle-a.cjs");
  equal(a.fromB, "early");
  equal(a.late, "a-late");
});
test("package.json exports: the require condition", () => {
  const pkg = require(path.join(__dirname, "fixtures/node_modules/dyno-pkg/lib/entry.cjs"));
  equal(pkg.kind, "require");
});
test("package imports (#internal) resolve inside the package", () => {
  const pkg = require(path.join(__dirname, "fixtures/node_modules/dyno-pkg/lib/entry.cjs"));
  equal(pkg.internal, "internal");
});
test("dynamic import from CommonJS", async () => {
  const ns = await import("./fixtures/esm-lib.mjs");
  equal(ns.value, "from esm");
});
test("builtins load with and without the node: prefix", () => {
  equal(require("fs"), require("node:fs"));
  ok(require("module").builtinModules.includes("fs"));
});
test("require.main is this module when run as the main script", () => equal(require.main, module));
test("this at the top level of a module is module.exports", () => equal(this, module.exports));
test("importing a missing package rejects", async () => {
  await rejects(import("dyno-no-such-package"), { code: "ERR_MODULE_NOT_FOUND" });
});
