/*---
description: node:buffer — from/alloc/concat, encodings, byteLength, slicing, compare, read/write
area: node-buffer
requires: [node:buffer]
subjects: [node:buffer]
---*/
import { test, equal, deepEqual, ok, throws } from "../_harness/prelude.mjs";
import { Buffer, constants } from "node:buffer";

const encodings = [
  ["utf8", "héllo €", "68c3a96c6c6f20e282ac"],
  ["hex", "0aff", "0aff"],
  ["base64", "aGk/Pz4+", "68693f3f3e3e"],
  ["base64url", "aGk_Pz4-", "68693f3f3e3e"],
  ["latin1", "ÿé", "ffe9"],
  ["ascii", "AB", "4142"],
  ["utf16le", "h€", "6800ac20"],
];
for (const [enc, text, hex] of encodings) {
  test(`Buffer.from(string, ${enc}) gives the right bytes`, () => equal(Buffer.from(text, enc).toString("hex"), hex));
  test(`toString(${enc}) round-trips`, () => equal(Buffer.from(hex, "hex").toString(enc), text));
}
test("base64 decoding ignores whitespace and missing padding", () => equal(Buffer.from(" aGk ", "base64").toString(), "hi"));
test("invalid hex stops at the first bad pair", () => equal(Buffer.from("abzz", "hex").length, 1));
test("utf8 decoding replaces invalid bytes", () => equal(Buffer.from([0x61, 0xff]).toString(), "a\uFFFD"));
test("byteLength counts encoded bytes", () => {
  equal(Buffer.byteLength("€"), 3);
  equal(Buffer.byteLength("aGk=", "base64"), 2);
  equal(Buffer.byteLength(new Uint8Array(7)), 7);
});
test("alloc fills with zeros or the fill value", () => {
  deepEqual([...Buffer.alloc(3)], [0, 0, 0]);
  equal(Buffer.alloc(4, "ab").toString(), "abab");
});
test("allocUnsafe has the requested length", () => equal(Buffer.allocUnsafe(10).length, 10));
test("concat joins and truncates to totalLength", () => {
  equal(Buffer.concat([Buffer.from("ab"), Buffer.from("cd")]).toString(), "abcd");
  equal(Buffer.concat([Buffer.from("ab"), Buffer.from("cd")], 3).toString(), "abc");
});
test("slice and subarray share memory", () => {
  const b = Buffer.from("abcdef");
  const s = b.subarray(1, 3);
  s[0] = 0x5a;
  equal(b.toString(), "aZcdef");
  equal(b.slice(-2).toString(), "ef");
});
test("equals and compare", () => {
  ok(Buffer.from("a").equals(Buffer.from("a")));
  equal(Buffer.compare(Buffer.from("a"), Buffer.from("b")), -1);
  equal(Buffer.from("b").compare(Buffer.from("a")), 1);
  deepEqual([Buffer.from("b"), Buffer.from("a")].sort(Buffer.compare).map(String), ["a", "b"]);
});
test("a Buffer is a Uint8Array", () => {
  ok(Buffer.from("x") instanceof Uint8Array);
  ok(Buffer.isBuffer(Buffer.alloc(1)));
  equal(Buffer.isBuffer(new Uint8Array(1)), false);
});
test("from an ArrayBuffer shares it; from an array copies", () => {
  const ab = new ArrayBuffer(4);
  const b = Buffer.from(ab, 1, 2);
  b[0] = 9;
  equal(new Uint8Array(ab)[1], 9);
  equal(Buffer.from([256, -1]).toString("hex"), "00ff");
});
test("integer reads and writes, both endians", () => {
  const b = Buffer.alloc(8);
  b.writeUInt16BE(0x1234, 0);
  b.writeInt32LE(-2, 2);
  equal(b.readUInt16BE(0), 0x1234);
  equal(b.readUInt16LE(0), 0x3412);
  equal(b.readInt32LE(2), -2);
});
test("bigint and float reads and writes", () => {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(2n ** 63n, 0);
  b.writeDoubleLE(1.5, 8);
  equal(b.readBigUInt64BE(0), 2n ** 63n);
  equal(b.readDoubleLE(8), 1.5);
});
test("reading past the end throws ERR_OUT_OF_RANGE", () => {
  throws(() => Buffer.alloc(4).readUInt32LE(1), { code: "ERR_OUT_OF_RANGE" });
});
test("indexOf and includes", () => {
  const b = Buffer.from("hello world");
  equal(b.indexOf("o"), 4);
  equal(b.lastIndexOf("o"), 7);
  equal(b.includes("wor"), true);
  equal(b.indexOf(Buffer.from("xyz")), -1);
});
test("write returns bytes written", () => {
  const b = Buffer.alloc(4);
  equal(b.write("€€"), 3);
});
test("toJSON", () => deepEqual(Buffer.from([1, 2]).toJSON(), { type: "Buffer", data: [1, 2] }));
test("fill with an encoding", () => equal(Buffer.alloc(4).fill("aa", "hex").toString("hex"), "aaaaaaaa"));
test("swap16 swaps byte pairs", () => equal(Buffer.from("0102", "hex").swap16().toString("hex"), "0201"));
test("copy copies into a target", () => {
  const t = Buffer.alloc(4, "-");
  equal(Buffer.from("ab").copy(t, 1), 2);
  equal(t.toString(), "-ab-");
});
test("an unknown encoding throws ERR_UNKNOWN_ENCODING", () => throws(() => Buffer.from("x", "nope"), { code: "ERR_UNKNOWN_ENCODING" }));
test("constants.MAX_LENGTH is positive", () => ok(constants.MAX_LENGTH > 2 ** 30));
test("Buffer is a global", () => equal(globalThis.Buffer, Buffer));
