/*---
description: URL setters and statics, URLSearchParams (WHATWG URL standard)
area: url
subjects: [URL, URLSearchParams]
---*/
import { test, equal, deepEqual, ok, throws } from "../_harness/prelude.mjs";

test("URL: setting pathname percent-encodes", () => {
  const u = new URL("http://h/");
  u.pathname = "/a b/ü";
  equal(u.href, "http://h/a%20b/%C3%BC");
});
test("URL: setting the default port clears it", () => {
  const u = new URL("http://h:8080/");
  u.port = "80";
  equal(u.port, "");
  equal(u.host, "h");
});
test("URL: setting protocol between special and non-special is ignored", () => {
  const u = new URL("http://h/");
  u.protocol = "foo";
  equal(u.protocol, "http:");
});
test("URL: setting search and hash adds the delimiters", () => {
  const u = new URL("http://h/");
  u.search = "a=1";
  u.hash = "top";
  equal(u.href, "http://h/?a=1#top");
});
test("URL: setting host with a port", () => {
  const u = new URL("http://h/");
  u.host = "other:81";
  equal(u.href, "http://other:81/");
});
test("URL: searchParams is live both ways", () => {
  const u = new URL("http://h/?a=1");
  u.searchParams.append("b", "2 3");
  equal(u.search, "?a=1&b=2+3");
  u.search = "?c=4";
  equal(u.searchParams.get("c"), "4");
});
test("URL: toJSON and toString give href", () => {
  const u = new URL("http://h/x");
  equal(u.toJSON(), "http://h/x");
  equal(String(u), "http://h/x");
  equal(JSON.stringify({ u }), '{"u":"http://h/x"}');
});
test("URL: canParse", () => {
  equal(URL.canParse("http://h/"), true);
  equal(URL.canParse("nope"), false);
  equal(URL.canParse("/x", "http://h"), true);
});
test("URL: origin of a non-special URL is null", () => equal(new URL("foo://h/").origin, "null"));
test("URL: origin of a blob: URL is its inner origin", () => equal(new URL("blob:https://a.test/uuid").origin, "https://a.test"));
test("URL: the constructor needs new", () => throws(() => URL("http://h/"), TypeError));

test("URLSearchParams: from a string, with a leading ?", () => equal(new URLSearchParams("?a=1").get("a"), "1"));
test("URLSearchParams: from a record", () => equal(new URLSearchParams({ a: "1", b: "2" }).toString(), "a=1&b=2"));
test("URLSearchParams: from pairs", () => equal(new URLSearchParams([["a", "1"], ["a", "2"]]).toString(), "a=1&a=2"));
test("URLSearchParams: a pair that is not two items throws", () => throws(() => new URLSearchParams([["a"]]), TypeError));
test("URLSearchParams: + decodes to a space and %2B to a plus", () => {
  const p = new URLSearchParams("a=b+c&d=e%2Bf");
  equal(p.get("a"), "b c");
  equal(p.get("d"), "e+f");
});
test("URLSearchParams: serializing encodes with the form rules", () => {
  equal(new URLSearchParams({ q: "a b&c=d/é*-._~" }).toString(), "q=a+b%26c%3Dd%2F%C3%A9*-._%7E");
});
test("URLSearchParams: get returns null for a missing name", () => equal(new URLSearchParams("").get("x"), null));
test("URLSearchParams: getAll, has and delete", () => {
  const p = new URLSearchParams("a=1&b=2&a=3");
  deepEqual(p.getAll("a"), ["1", "3"]);
  ok(p.has("b"));
  p.delete("a");
  equal(p.toString(), "b=2");
});
test("URLSearchParams: has and delete with a value", () => {
  const p = new URLSearchParams("a=1&a=2");
  equal(p.has("a", "2"), true);
  p.delete("a", "1");
  equal(p.toString(), "a=2");
});
test("URLSearchParams: set replaces the first and removes the rest", () => {
  const p = new URLSearchParams("a=1&b=2&a=3");
  p.set("a", "9");
  equal(p.toString(), "a=9&b=2");
});
test("URLSearchParams: sort is stable by name", () => {
  const p = new URLSearchParams("z=1&a=2&z=0&a=1");
  p.sort();
  equal(p.toString(), "a=2&a=1&z=1&z=0");
});
test("URLSearchParams: iteration gives pairs in order", () => {
  deepEqual([...new URLSearchParams("x=1&y=2")], [["x", "1"], ["y", "2"]]);
  deepEqual([...new URLSearchParams("x=1&y=2").keys()], ["x", "y"]);
});
test("URLSearchParams: size counts pairs", () => equal(new URLSearchParams("a=1&a=2&b").size, 3));
test("URLSearchParams: a name without = has an empty value", () => equal(new URLSearchParams("flag").get("flag"), ""));
