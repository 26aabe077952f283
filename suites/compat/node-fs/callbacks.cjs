/*---
description: node:fs callbacks and *Sync forms — round trips, existsSync, streams, error-first callbacks with codes
area: node-fs
requires: [node:fs, node:os]
subjects: [node:fs]
---*/
const { test, after, equal, ok, deepEqual, throws } = require("../_harness/prelude.cjs");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dyno-compat-"));
const at = (...p) => path.join(dir, ...p);
const call = (fn, ...args) => new Promise((resolve) => fn(...args, (err, value) => resolve({ err, value })));

test("writeFileSync and readFileSync", () => {
  fs.writeFileSync(at("a"), "sync");
  equal(fs.readFileSync(at("a"), "utf8"), "sync");
});
test("readFileSync of a missing file throws ENOENT", () => {
  throws(() => fs.readFileSync(at("missing")), { code: "ENOENT", errno: -2 });
});
test("existsSync", () => {
  equal(fs.existsSync(at("a")), true);
  equal(fs.existsSync(at("nope")), false);
});
test("readFile callback gets (null, data)", async () => {
  const { err, value } = await call(fs.readFile, at("a"), "utf8");
  equal(err, null);
  equal(value, "sync");
});
test("readFile callback gets an ENOENT error first", async () => {
  const { err } = await call(fs.readFile, at("missing"));
  equal(err.code, "ENOENT");
  ok(err instanceof Error);
});
test("the callback runs asynchronously", async () => {
  let sync = true;
  const p = new Promise((resolve) => fs.stat(at("a"), () => resolve(sync)));
  sync = false;
  equal(await p, false);
});
test("writeFile and appendFile callbacks", async () => {
  await call(fs.writeFile, at("w"), "x");
  await call(fs.appendFile, at("w"), "y");
  equal(fs.readFileSync(at("w"), "utf8"), "xy");
});
test("mkdirSync recursive and readdirSync", () => {
  fs.mkdirSync(at("d", "e"), { recursive: true });
  deepEqual(fs.readdirSync(at("d")), ["e"]);
});
test("readdirSync recursive lists nested entries", () => {
  fs.writeFileSync(at("d", "e", "f"), "");
  deepEqual(fs.readdirSync(at("d"), { recursive: true }).sort(), ["e", "e/f"]);
});
test("statSync with throwIfNoEntry false returns undefined", () => {
  equal(fs.statSync(at("nope"), { throwIfNoEntry: false }), undefined);
});
test("renameSync onto a missing directory throws ENOENT with dest", () => {
  const e = throws(() => fs.renameSync(at("a"), at("no", "such")), { code: "ENOENT" });
  equal(e.dest, at("no", "such"));
});
test("openSync, writeSync, readSync, closeSync", () => {
  const fd = fs.openSync(at("fd"), "w+");
  fs.writeSync(fd, "hello");
  const buf = Buffer.alloc(5);
  equal(fs.readSync(fd, buf, 0, 5, 0), 5);
  fs.closeSync(fd);
  equal(buf.toString(), "hello");
});
test("createWriteStream then createReadStream", async () => {
  await new Promise((resolve, reject) => {
    const w = fs.createWriteStream(at("stream"));
    w.on("error", reject);
    w.write("one ");
    w.end("two", resolve);
  });
  const chunks = [];
  await new Promise((resolve, reject) => {
    fs.createReadStream(at("stream"), { encoding: "utf8" })
      .on("data", (c) => chunks.push(c))
      .on("end", resolve)
      .on("error", reject);
  });
  equal(chunks.join(""), "one two");
});
test("createReadStream of a missing file emits an ENOENT error", async () => {
  const err = await new Promise((resolve) => fs.createReadStream(at("missing")).on("error", resolve));
  equal(err.code, "ENOENT");
});
test("createReadStream honours start and end (inclusive)", async () => {
  fs.writeFileSync(at("range"), "0123456789");
  let out = "";
  await new Promise((resolve) =>
    fs.createReadStream(at("range"), { start: 2, end: 5, encoding: "utf8" }).on("data", (c) => (out += c)).on("end", resolve),
  );
  equal(out, "2345");
});
test("fs.promises is node:fs/promises", () => equal(fs.promises, require("node:fs/promises")));
test("the constants", () => {
  deepEqual([fs.constants.F_OK, fs.constants.R_OK, fs.constants.W_OK, fs.constants.X_OK], [0, 4, 2, 1]);
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));
