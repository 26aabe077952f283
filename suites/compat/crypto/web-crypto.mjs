/*---
description: Web Crypto basics — randomUUID format, getRandomValues limits, subtle.digest known vectors
area: crypto
subjects: [crypto.randomUUID, crypto.getRandomValues, crypto.subtle.digest]
---*/
import { test, equal, ok, throws, rejects } from "../_harness/prelude.mjs";

const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const abc = new TextEncoder().encode("abc");

test("crypto.randomUUID: a version 4, variant 1 UUID in lower case", () => {
  const id = crypto.randomUUID();
  ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id);
});
test("crypto.randomUUID: different every call", () => {
  const ids = new Set(Array.from({ length: 100 }, () => crypto.randomUUID()));
  equal(ids.size, 100);
});
test("crypto.getRandomValues: 65,536 bytes is allowed", () => {
  equal(crypto.getRandomValues(new Uint8Array(65536)).length, 65536);
});
test("crypto.getRandomValues: more than 65,536 bytes throws QuotaExceededError", () => {
  throws(() => crypto.getRandomValues(new Uint8Array(65537)), { name: "QuotaExceededError" });
});
test("crypto.getRandomValues: a float array throws TypeMismatchError", () => {
  throws(() => crypto.getRandomValues(new Float32Array(4)), { name: "TypeMismatchError" });
});
test("crypto.getRandomValues: integer arrays of every width", () => {
  for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array]) {
    equal(crypto.getRandomValues(new T(2)).length, 2, T.name);
  }
});
test("crypto.subtle.digest: SHA-1 of abc", async () => {
  equal(hex(await crypto.subtle.digest("SHA-1", abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
});
test("crypto.subtle.digest: SHA-256 of abc", async () => {
  equal(hex(await crypto.subtle.digest("SHA-256", abc)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
});
test("crypto.subtle.digest: SHA-384 of abc", async () => {
  equal(hex(await crypto.subtle.digest("SHA-384", abc)), "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
});
test("crypto.subtle.digest: SHA-512 of abc", async () => {
  equal(hex(await crypto.subtle.digest("SHA-512", abc)), "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
});
test("crypto.subtle.digest: SHA-256 of the empty input", async () => {
  equal(hex(await crypto.subtle.digest("SHA-256", new Uint8Array())), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});
test("crypto.subtle.digest: the algorithm as an object, any case", async () => {
  equal(hex(await crypto.subtle.digest({ name: "sha-1" }, abc)), "a9993e364706816aba3e25717850c26c9cd0d89d");
});
test("crypto.subtle.digest: an ArrayBuffer and a DataView", async () => {
  equal(hex(await crypto.subtle.digest("SHA-1", abc.buffer)), "a9993e364706816aba3e25717850c26c9cd0d89d");
  equal(hex(await crypto.subtle.digest("SHA-1", new DataView(abc.buffer))), "a9993e364706816aba3e25717850c26c9cd0d89d");
});
test("crypto.subtle.digest: an unknown algorithm rejects with NotSupportedError", async () => {
  await rejects(crypto.subtle.digest("MD5", abc), { name: "NotSupportedError" });
});
