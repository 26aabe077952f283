/*---
description: URL parsing cases written from the WHATWG URL standard (special schemes, hosts, IPv4/IPv6, percent-encoding, relative resolution, failures)
area: url
subjects: [URL]
---*/
import { test, equal, throws } from "../_harness/prelude.mjs";

// [input, base, expected href] — or expected null for "must fail to parse".
const cases = [
  ["http://example.com", null, "http://example.com/"],
  ["HTTP://EXAMPLE.COM/A", null, "http://example.com/A"],
  ["http://example.com:80/", null, "http://example.com/"],
  ["https://example.com:443/x", null, "https://example.com/x"],
  ["http://example.com:8080", null, "http://example.com:8080/"],
  ["ws://h:80/", null, "ws://h/"],
  ["wss://h:443/", null, "wss://h/"],
  ["ftp://h:21/", null, "ftp://h/"],
  ["http://h/a/./b/../c", null, "http://h/a/c"],
  ["http://h/a/%2e/b/%2E%2E/c", null, "http://h/a/c"],
  ["http://h/ sp ace", null, "http://h/%20sp%20ace"],
  ["http://h/?q=a b", null, "http://h/?q=a%20b"],
  ["http://h/#a b", null, "http://h/#a%20b"],
  ["http://h/ü", null, "http://h/%C3%BC"],
  ["http://user:pa ss@h/", null, "http://user:pa%20ss@h/"],
  ["http://h\\a\\b", null, "http://h/a/b"],
  ["http:/\\/h/x", null, "http://h/x"],
  ["  http://h/  ", null, "http://h/"],
  ["http://h/a\tb\nc", null, "http://h/abc"],
  ["http://0x7f.1/", null, "http://127.0.0.1/"],
  ["http://2130706433/", null, "http://127.0.0.1/"],
  ["http://127.1/", null, "http://127.0.0.1/"],
  ["http://0300.0250.0.1/", null, "http://192.168.0.1/"],
  ["http://[::1]/", null, "http://[::1]/"],
  ["http://[0:0:0:0:0:0:0:1]:8080/", null, "http://[::1]:8080/"],
  ["http://[2001:db8::1:0:0:1]/", null, "http://[2001:db8::1:0:0:1]/"],
  ["http://[::ffff:192.168.0.1]/", null, "http://[::ffff:c0a8:1]/"],
  ["http://EXAMPLE.com./", null, "http://example.com./"],
  ["http://münchen.de/", null, "http://xn--mnchen-3ya.de/"],
  ["http://xn--mnchen-3ya.de/", null, "http://xn--mnchen-3ya.de/"],
  ["http://%41.com/", null, "http://a.com/"],
  ["file:///tmp/x", null, "file:///tmp/x"],
  ["file:/tmp/x", null, "file:///tmp/x"],
  ["file://localhost/tmp", null, "file:///tmp"],
  ["file:///C:/a/../..", null, "file:///C:/"],
  ["mailto:a@b.c", null, "mailto:a@b.c"],
  ["data:text/plain,hi there", null, "data:text/plain,hi there"],
  ["javascript:alert(1)", null, "javascript:alert(1)"],
  ["non-special://h/a/../b", null, "non-special://h/b"],
  ["non-special://H/", null, "non-special://H/"],
  ["sc://ñ/", null, "sc://%C3%B1/"],
  ["urn:isbn:0451450523", null, "urn:isbn:0451450523"],
  ["b", "http://h/a/c", "http://h/a/b"],
  ["../b", "http://h/a/c/d", "http://h/a/b"],
  ["/b", "http://h/a/c", "http://h/b"],
  ["//other/b", "http://h/a", "http://other/b"],
  ["?q", "http://h/a/b?x#y", "http://h/a/b?q"],
  ["#f", "http://h/a?x#y", "http://h/a?x#f"],
  ["", "http://h/a?x#y", "http://h/a?x"],
  ["https:b", "http://h/a/", "https://b/"],
  ["http:b", "http://h/a/", "http://h/a/b"],
  ["../../../..", "http://h/a/b", "http://h/"],
  ["x", "file:///a/b", "file:///a/x"],
  ["http://h:65535/", null, "http://h:65535/"],
  ["http://h:/", null, "http://h/"],
  ["http://h:65536/", null, null],
  ["http://h:8a/", null, null],
  ["http://[::1/", null, null],
  ["http://[:1]/", null, null],
  ["http://a b/", null, null],
  ["http://%zz/", null, null],
  ["http://256.0.0.1/", null, null],
  ["http://1.2.3.4.5/", null, null],
  ["http://", null, null],
  ["//h/no-scheme", null, null],
  ["relative", null, null],
  ["http://h/", "not a base", null],
  ["x", "mailto:a@b", null],
];
for (const [input, base, want] of cases) {
  const name = `${JSON.stringify(input)}${base ? " against " + JSON.stringify(base) : ""} → ${want ?? "failure"}`;
  test(name, () => {
    if (want === null) {
      throws(() => new URL(input, base ?? undefined), TypeError);
    } else {
      equal(new URL(input, base ?? undefined).href, want);
    }
  });
}

test("the components of a full URL", () => {
  const u = new URL("https://user:pw@sub.example.com:8443/p/a?x=1&y#frag");
  equal(u.protocol, "https:");
  equal(u.username, "user");
  equal(u.password, "pw");
  equal(u.host, "sub.example.com:8443");
  equal(u.hostname, "sub.example.com");
  equal(u.port, "8443");
  equal(u.pathname, "/p/a");
  equal(u.search, "?x=1&y");
  equal(u.hash, "#frag");
  equal(u.origin, "https://sub.example.com:8443");
});
