/*---
description: node:fs/promises in a temp directory — round trips, directories, stats, errors with Node's codes
area: node-fs
requires: [node:fs/promises, node:os]
subjects: [node:fs/promises]
---*/
import { test, after, equal, deepEqual, ok, rejects } from "../_harness/prelude.mjs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "dyno-compat-"));
const at = (...p) => path.join(dir, ...p);

test("writeFile then readFile as utf8", async () => {
  await fs.writeFile(at("a.txt"), "héllo");
  equal(await fs.readFile(at("a.txt"), "utf8"), "héllo");
});
test("readFile without an encoding gives a Buffer", async () => {
  await fs.writeFile(at("b.bin"), new Uint8Array([1, 2, 3]));
  const b = await fs.readFile(at("b.bin"));
  ok(Buffer.isBuffer(b));
  deepEqual([...b], [1, 2, 3]);
});
test("appendFile appends", async () => {
  await fs.writeFile(at("c.txt"), "a");
  await fs.appendFile(at("c.txt"), "b");
  equal(await fs.readFile(at("c.txt"), "utf8"), "ab");
});
test("readFile of a missing file rejects with ENOENT", async () => {
  const e = await rejects(fs.readFile(at("missing")), { code: "ENOENT", syscall: "open" });
  equal(e.path, at("missing"));
  ok(e.message.startsWith("ENOENT: no such file or directory"), e.message);
});
test("mkdir recursive creates parents and returns the first", async () => {
  equal(await fs.mkdir(at("x", "y", "z"), { recursive: true }), at("x"));
  ok((await fs.stat(at("x", "y", "z"))).isDirectory());
});
test("mkdir of an existing directory rejects with EEXIST", async () => {
  await fs.mkdir(at("exists"));
  await rejects(fs.mkdir(at("exists")), { code: "EEXIST" });
});
test("readdir lists names; withFileTypes gives Dirents", async () => {
  await fs.mkdir(at("list"));
  await fs.writeFile(at("list", "f"), "");
  await fs.mkdir(at("list", "d"));
  deepEqual((await fs.readdir(at("list"))).sort(), ["d", "f"]);
  const ents = (await fs.readdir(at("list"), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  deepEqual(ents.map((e) => [e.name, e.isDirectory()]), [["d", true], ["f", false]]);
});
test("stat gives size and kind", async () => {
  await fs.writeFile(at("s.txt"), "12345");
  const s = await fs.stat(at("s.txt"));
  equal(s.size, 5);
  ok(s.isFile() && !s.isDirectory());
  ok(s.mtime instanceof Date);
});
test("lstat sees a symlink; stat follows it", async () => {
  await fs.writeFile(at("target"), "t");
  await fs.symlink(at("target"), at("link"));
  ok((await fs.lstat(at("link"))).isSymbolicLink());
  ok((await fs.stat(at("link"))).isFile());
  equal(await fs.readlink(at("link")), at("target"));
});
test("rename moves a file", async () => {
  await fs.writeFile(at("from"), "m");
  await fs.rename(at("from"), at("to"));
  equal(await fs.readFile(at("to"), "utf8"), "m");
  await rejects(fs.access(at("from")), { code: "ENOENT" });
});
test("unlink removes a file", async () => {
  await fs.writeFile(at("gone"), "");
  await fs.unlink(at("gone"));
  await rejects(fs.stat(at("gone")), { code: "ENOENT" });
});
test("copyFile copies; COPYFILE_EXCL refuses to overwrite", async () => {
  await fs.writeFile(at("src"), "copy");
  await fs.copyFile(at("src"), at("dst"));
  equal(await fs.readFile(at("dst"), "utf8"), "copy");
  await rejects(fs.copyFile(at("src"), at("dst"), fs.constants.COPYFILE_EXCL), { code: "EEXIST" });
});
test("rm recursive removes a tree; force ignores a missing path", async () => {
  await fs.mkdir(at("tree", "sub"), { recursive: true });
  await fs.writeFile(at("tree", "sub", "f"), "");
  await fs.rm(at("tree"), { recursive: true });
  await rejects(fs.stat(at("tree")), { code: "ENOENT" });
  await fs.rm(at("never"), { force: true });
});
test("rmdir of a non-empty directory rejects with ENOTEMPTY", async () => {
  await fs.mkdir(at("full"));
  await fs.writeFile(at("full", "f"), "");
  await rejects(fs.rmdir(at("full")), { code: "ENOTEMPTY" });
});
test("opening a directory for writing rejects with EISDIR", async () => {
  await rejects(fs.writeFile(dir, "x"), { code: "EISDIR" });
});
test("FileHandle read, write and close", async () => {
  const fh = await fs.open(at("fh.txt"), "w+");
  await fh.write("abcdef");
  const buf = Buffer.alloc(3);
  const { bytesRead } = await fh.read(buf, 0, 3, 2);
  await fh.close();
  equal(bytesRead, 3);
  equal(buf.toString(), "cde");
});
test("the flag wx fails on an existing file", async () => {
  await fs.writeFile(at("wx"), "");
  await rejects(fs.writeFile(at("wx"), "", { flag: "wx" }), { code: "EEXIST" });
});
test("access checks existence and mode", async () => {
  await fs.writeFile(at("acc"), "");
  equal(await fs.access(at("acc"), fs.constants.R_OK), undefined);
});

after(() => fs.rm(dir, { recursive: true, force: true }));
