/*---
description: node:path (POSIX) — join, resolve, normalize, relative, dirname, basename, extname, parse, format
area: node-path
requires: [node:path]
subjects: [node:path]
---*/
import { test, equal, deepEqual } from "../_harness/prelude.mjs";
import path from "node:path";

const p = path.posix;
const table = [
  ["join", ["a", "b", "../c"], "a/c"],
  ["join", ["/a/", "/b/"], "/a/b/"],
  ["join", [""], "."],
  ["join", ["a", "", "b"], "a/b"],
  ["normalize", ["/a//b/./c/.."], "/a/b"],
  ["normalize", ["a/../../b"], "../b"],
  ["normalize", ["./"], "./"],
  ["normalize", [""], "."],
  ["normalize", ["//a"], "/a"],
  ["resolve", ["/a/b", "./c"], "/a/b/c"],
  ["resolve", ["/a/b", "/c", "d"], "/c/d"],
  ["resolve", ["/a/b/", ".."], "/a"],
  ["relative", ["/a/b/c", "/a/d"], "../../d"],
  ["relative", ["/a", "/a"], ""],
  ["relative", ["/a/b", "/a/b/c/d"], "c/d"],
  ["dirname", ["/a/b/c"], "/a/b"],
  ["dirname", ["/a"], "/"],
  ["dirname", ["a"], "."],
  ["dirname", ["/a/b/"], "/a"],
  ["basename", ["/a/b.txt"], "b.txt"],
  ["basename", ["/a/b.txt", ".txt"], "b"],
  ["basename", ["/a/b/"], "b"],
  ["basename", ["/a/b.js", ".txt"], "b.js"],
  ["extname", ["a.tar.gz"], ".gz"],
  ["extname", [".hidden"], ""],
  ["extname", ["a."], "."],
  ["extname", ["a"], ""],
  ["isAbsolute", ["/x"], true],
  ["isAbsolute", ["x/y"], false],
  ["toNamespacedPath", ["/x"], "/x"],
];
for (const [fn, args, want] of table) {
  test(`${fn}(${args.map((a) => JSON.stringify(a)).join(", ")}) is ${JSON.stringify(want)}`, () => equal(p[fn](...args), want));
}
test("resolve of a relative path starts at the working directory", () => equal(p.resolve("x"), p.join(process.cwd(), "x")));
test("parse splits a path", () => {
  deepEqual(p.parse("/home/u/file.txt"), { root: "/", dir: "/home/u", base: "file.txt", ext: ".txt", name: "file" });
});
test("format is the inverse of parse", () => equal(p.format({ dir: "/x", name: "f", ext: ".js" }), "/x/f.js"));
test("format prefers base over name and ext", () => equal(p.format({ root: "/", base: "b.txt", name: "n", ext: ".e" }), "/b.txt"));
test("sep and delimiter", () => deepEqual([p.sep, p.delimiter], ["/", ":"]));
test("the default export is posix on POSIX systems", () => equal(path.sep, "/"));
test("path.win32 joins with backslashes", () => equal(path.win32.join("a", "b"), "a\\b"));
test("named exports match the default export", async () => {
  const ns = await import("node:path");
  equal(ns.join("a", "b"), "a/b");
  equal(ns.default.join, path.join);
});
