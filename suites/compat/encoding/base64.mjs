/*---
description: atob and btoa (HTML "forgiving-base64")
area: encoding
subjects: [atob, btoa]
---*/
import { test, equal, throws } from "../_harness/prelude.mjs";

const encodes = [
  ["", ""],
  ["f", "Zg=="],
  ["fo", "Zm8="],
  ["foo", "Zm9v"],
  ["foobar", "Zm9vYmFy"],
  ["\u00ff\u00fe", "//4="],
  ["\0", "AA=="],
];
for (const [plain, b64] of encodes) {
  test(`btoa(${JSON.stringify(plain)}) is ${b64}`, () => equal(btoa(plain), b64));
  test(`atob(${JSON.stringify(b64)}) round-trips`, () => equal(atob(b64), plain));
}

test("btoa throws an InvalidCharacterError above U+00FF", () => {
  throws(() => btoa("€"), { name: "InvalidCharacterError" });
});

test("btoa converts its argument to a string", () => {
  equal(btoa(12), "MTI=");
  equal(btoa(null), "bnVsbA==");
});

test("atob ignores ASCII whitespace", () => equal(atob(" Zm9v\nYmFy\t"), "foobar"));
test("atob accepts missing padding", () => equal(atob("Zg"), "f"));
test("atob rejects a length of 4n+1", () => throws(() => atob("Zm9vY"), { name: "InvalidCharacterError" }));
test("atob rejects characters outside the alphabet", () => throws(() => atob("Zm9v!"), { name: "InvalidCharacterError" }));
test("atob rejects padding in the middle", () => throws(() => atob("Zg==Zg=="), { name: "InvalidCharacterError" }));
test("atob rejects the URL-safe alphabet", () => throws(() => atob("-_-_"), { name: "InvalidCharacterError" }));
test("atob decodes to a binary string of code units 0–255", () => {
  const s = atob("AP8=");
  equal(s.length, 2);
  equal(s.charCodeAt(1), 255);
});
test("atob without an argument throws a TypeError", () => throws(() => atob(), TypeError));
