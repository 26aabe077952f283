// Buffer and TextEncoder/TextDecoder basics the HTTP programs use.
const b = Buffer.from("héllo wörld");
console.log(b.length, Buffer.byteLength("héllo wörld"), b.toString(), b.toString("hex"));
console.log(b.toString("base64"), Buffer.from(b.toString("base64"), "base64").toString());
console.log(Buffer.from("68656c6c6f", "hex").toString(), Buffer.from("aGk=", "base64").toString("latin1"));
const c = Buffer.concat([Buffer.from("ab"), Buffer.from([99, 100]), new Uint8Array([101])]);
console.log(c.toString(), c.length, Buffer.isBuffer(c), c instanceof Uint8Array);
console.log(Buffer.alloc(3).toString("hex"), Buffer.alloc(4, "ab").toString(), Buffer.compare(Buffer.from("a"), Buffer.from("b")));
console.log(c.subarray(1, 3).toString(), c.slice(3).toString(), Buffer.isBuffer(c.subarray(1)), c.equals(Buffer.from("abcde")));
console.log(JSON.stringify(Buffer.from([1, 2])));
const enc = new TextEncoder();
const bytes = enc.encode("€uro");
console.log(enc.encoding, bytes.length, Array.from(bytes).join(","));
console.log(new TextDecoder().decode(bytes), new TextDecoder("utf-16le").decode(new Uint8Array([104, 0, 105, 0])));
console.log(JSON.stringify(new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62]))));
try {
  new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xc3]));
} catch (e) {
  console.log(e.name, e.code);
}
console.log(new TextDecoder("latin1").decode(new Uint8Array([0x63, 0x61, 0x66, 0xe9])));
