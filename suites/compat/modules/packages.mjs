/*---
description: Bare specifiers through node_modules — package.json exports conditions, subpaths, blocked paths, type module
area: modules
requires: [node:child_process]
---*/
import { test, equal } from "../_harness/prelude.mjs";
import child from "../_harness/child.cjs";

const r = await child.runSelf(new URL("./fixtures/pkg-user.cjs", import.meta.url).pathname);
let results = {};
try {
  results = JSON.parse(r.stdout);
} catch {
  results = { error: r.stderr.split("\n").find((l) => /Error/.test(l)) ?? r.stderr };
}

test("require of a package takes the require condition", () => equal(results.require, "require", JSON.stringify(results)));
test("import of a package takes the import condition", () => equal(results.import, "import", JSON.stringify(results)));
test("an exported subpath resolves", () => equal(results.subpath, "feature", JSON.stringify(results)));
test("a path outside exports throws ERR_PACKAGE_PATH_NOT_EXPORTED", () => equal(results.hidden, "ERR_PACKAGE_PATH_NOT_EXPORTED", JSON.stringify(results)));
test('"type": "module" makes a package\'s .js files ES modules', () => equal(results.typeModule, "esm via type module", JSON.stringify(results)));
