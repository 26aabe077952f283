/*---
description: Headers (Fetch standard) — case, combining, set-cookie, validation, guard-free iteration
area: fetch
subjects: [Headers]
---*/
import { test, equal, deepEqual, throws } from "../_harness/prelude.mjs";

test("get is case-insensitive", () => equal(new Headers({ "X-A": "1" }).get("x-a"), "1"));
test("append combines values with a comma and space", () => {
  const h = new Headers();
  h.append("Accept", "a");
  h.append("accept", "b");
  equal(h.get("ACCEPT"), "a, b");
});
test("set replaces", () => {
  const h = new Headers([["a", "1"], ["a", "2"]]);
  h.set("A", "3");
  equal(h.get("a"), "3");
});
test("iteration is sorted with lower-case names", () => {
  const h = new Headers({ "B-Two": "2", "a-one": "1" });
  deepEqual([...h], [["a-one", "1"], ["b-two", "2"]]);
});
test("set-cookie values are not combined", () => {
  const h = new Headers();
  h.append("Set-Cookie", "a=1");
  h.append("Set-Cookie", "b=2");
  deepEqual(h.getSetCookie(), ["a=1", "b=2"]);
  deepEqual([...h].filter(([k]) => k === "set-cookie"), [["set-cookie", "a=1"], ["set-cookie", "b=2"]]);
});
test("get of set-cookie joins with a comma", () => {
  const h = new Headers([["set-cookie", "a=1"], ["set-cookie", "b=2"]]);
  equal(h.get("set-cookie"), "a=1, b=2");
});
test("values are trimmed of leading and trailing whitespace", () => equal(new Headers({ a: "  v \t" }).get("a"), "v"));
test("an invalid name throws a TypeError", () => throws(() => new Headers({ "bad name": "x" }), TypeError));
test("a value with a newline throws a TypeError", () => throws(() => new Headers({ a: "x\ny" }), TypeError));
test("has and delete", () => {
  const h = new Headers({ a: "1" });
  equal(h.has("A"), true);
  h.delete("a");
  equal(h.has("a"), false);
  equal(h.get("a"), null);
});
test("copying from another Headers", () => equal(new Headers(new Headers({ a: "1" })).get("a"), "1"));
test("forEach gives value, name", () => {
  const seen = [];
  new Headers({ x: "1" }).forEach((v, k) => seen.push(k + "=" + v));
  deepEqual(seen, ["x=1"]);
});
