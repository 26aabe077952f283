/*---
description: TextEncoder and TextDecoder (WHATWG Encoding) — utf-8, utf-16le, latin1, fatal, BOM, streaming
area: encoding
subjects: [TextEncoder, TextDecoder, TextEncoderStream, TextDecoderStream]
---*/
import { test, equal, deepEqual, throws, ok, observe } from "../_harness/prelude.mjs";

const bytes = (...b) => new Uint8Array(b);

test("encode gives UTF-8 bytes", () => deepEqual(new TextEncoder().encode("a€😀"), bytes(0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)));
test("encode turns a lone surrogate into U+FFFD", () => deepEqual(new TextEncoder().encode("\uD800"), bytes(0xef, 0xbf, 0xbd)));
test("encoding is always utf-8", () => equal(new TextEncoder().encoding, "utf-8"));
test("encodeInto reports read and written counts", () => {
  const dest = new Uint8Array(4);
  deepEqual(new TextEncoder().encodeInto("a€b", dest), { read: 2, written: 4 });
});
test("encodeInto does not split a character", () => {
  const dest = new Uint8Array(2);
  deepEqual(new TextEncoder().encodeInto("a€", dest), { read: 1, written: 1 });
});
test("decode reads UTF-8", () => equal(new TextDecoder().decode(bytes(0x68, 0xc3, 0xa9)), "hé"));
test("decode replaces invalid sequences with U+FFFD", () => equal(new TextDecoder().decode(bytes(0x61, 0xff, 0x62)), "a\uFFFDb"));
test("a truncated sequence at the end becomes one U+FFFD", () => equal(new TextDecoder().decode(bytes(0xe2, 0x82)), "\uFFFD"));
test("fatal throws a TypeError on invalid input", () => {
  const d = new TextDecoder("utf-8", { fatal: true });
  equal(d.decode(bytes(0x61)), "a");
  throws(() => d.decode(bytes(0xff)), TypeError);
});
test("fatal is reflected", () => equal(new TextDecoder("utf-8", { fatal: true }).fatal, true));
test("the UTF-8 BOM is stripped by default", () => equal(new TextDecoder().decode(bytes(0xef, 0xbb, 0xbf, 0x41)), "A"));
test("ignoreBOM keeps the BOM", () => equal(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes(0xef, 0xbb, 0xbf, 0x41)), "\uFEFFA"));
test("streaming decodes a character split across chunks", () => {
  const d = new TextDecoder();
  equal(d.decode(bytes(0xe2, 0x82), { stream: true }) + d.decode(bytes(0xac)), "€");
});
test("a stream flushes an incomplete character as U+FFFD", () => {
  const d = new TextDecoder();
  equal(d.decode(bytes(0xf0, 0x9f), { stream: true }) + d.decode(), "\uFFFD");
});
test("labels are normalized to their encoding name", () => {
  equal(new TextDecoder("UTF8").encoding, "utf-8");
  equal(new TextDecoder(" unicode-1-1-utf-8 ").encoding, "utf-8");
});
test("utf-16le decodes", () => {
  const d = new TextDecoder("utf-16le");
  equal(d.encoding, "utf-16le");
  equal(d.decode(bytes(0x68, 0x00, 0xac, 0x20)), "h€");
});
test("latin1 is windows-1252", () => {
  const d = new TextDecoder("latin1");
  equal(d.encoding, "windows-1252");
  equal(d.decode(bytes(0x41, 0xe9)), "Aé");
});
// windows-1252 maps 0x80 to "€"; node 20 decodes it as U+0080 (ISO-8859-1).
observe("latin1 decoding of byte 0x80", () => escape(new TextDecoder("latin1").decode(new Uint8Array([0x80]))));
test("an unknown label throws a RangeError", () => throws(() => new TextDecoder("no-such-encoding"), RangeError));
test("decode accepts an ArrayBuffer and a DataView", () => {
  const buf = bytes(0x6f, 0x6b).buffer;
  equal(new TextDecoder().decode(buf), "ok");
  equal(new TextDecoder().decode(new DataView(buf)), "ok");
});
test("decode() with no input returns an empty string", () => equal(new TextDecoder().decode(), ""));
test("decode of a subarray reads only its bytes", () => {
  const all = bytes(0x61, 0x62, 0x63, 0x64);
  equal(new TextDecoder().decode(all.subarray(1, 3)), "bc");
});
test("TextDecoderStream and TextEncoderStream round-trip", async () => {
  const s = new ReadableStream({
    start(c) {
      c.enqueue("h€llo");
      c.close();
    },
  })
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new TextDecoderStream());
  let out = "";
  for await (const chunk of s) out += chunk;
  equal(out, "h€llo");
});
