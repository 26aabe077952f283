// Start-up: CommonJS require of a few node: builtins.
const fs = require("node:fs");
const path = require("node:path");
const events = require("node:events");
const util = require("node:util");
if (typeof fs.readFileSync !== "function" || typeof path.join !== "function" ||
    typeof events.EventEmitter !== "function" || typeof util.format !== "function") {
  throw new Error("a builtin is missing");
}
