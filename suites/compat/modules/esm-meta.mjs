/*---
description: import.meta.dirname and import.meta.filename (node 20.11+)
area: modules
requires: [node:path]
---*/
import { test, equal } from "../_harness/prelude.mjs";
import path from "node:path";

test("import.meta.filename is this file's path", () => equal(path.basename(import.meta.filename), "esm-meta.mjs"));
test("import.meta.dirname is its directory", () => equal(path.basename(import.meta.dirname), "modules"));
test("filename is dirname plus the base name", () => equal(import.meta.filename, path.join(import.meta.dirname, "esm-meta.mjs")));
