// fs: write 500 small files once, then read them all back 10 times (sync reads).
import fs from "node:fs";
import path from "node:path";
import os from "node:os";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dyno-fs-"));
const FILES = 500;
const ROUNDS = 10;
for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), `file ${i} `.repeat(20));
const start = performance.now();
let bytes = 0;
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < FILES; i++) bytes += fs.readFileSync(path.join(dir, `f${i}.txt`), "utf8").length;
}
const ms = performance.now() - start;
fs.rmSync(dir, { recursive: true, force: true });
if (bytes === 0) throw new Error("read nothing");
console.log(`DYNO_RESULT ops=${FILES * ROUNDS} ms=${ms}`);
