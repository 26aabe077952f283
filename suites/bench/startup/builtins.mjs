// Start-up: ES module import of the same node: builtins as builtins.cjs.
import fs from "node:fs";
import path from "node:path";
import { EventEmitter } from "node:events";
import util from "node:util";
if (typeof fs.readFileSync !== "function" || typeof path.join !== "function" ||
    typeof EventEmitter !== "function" || typeof util.format !== "function") {
  throw new Error("a builtin is missing");
}
