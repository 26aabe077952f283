// URL parsing cases written from the WHATWG URL standard (the examples of its parsing
// and host sections) in the shape of WPT's urltestdata.json: input, base, and either
// the expected components or failure. Each line prints what the runtime produced.
const cases = [
  // special schemes, default ports, case folding, dot segments
  ['https://EXAMPLE.com:443/a/./b/../c', null],
  ['HTTP://example.com:80/', null],
  ['http://example.com:8080/', null],
  ['ws://example.com:80/chat', null],
  ['wss://example.com:443/', null],
  ['ftp://example.com:21/f', null],
  ['file:///C:/dir/file', null],
  ['file://localhost/etc/hosts', null],
  ['http://example.com/%7Efoo/%7efoo', null],
  ['http://example.com/a b/c?d e#f g', null],
  ['http://example.com/\u00e9?\u00e9#\u00e9', null],
  ['http://example.com/foo/%2e%2E/bar', null],
  ['http:\\\\example.com\\path\\x', null],
  ['http:example.com/rel', 'http://base.org/dir/'],
  ['  http://example.com/trim  ', null],
  ['http://example.com/tab\there', null],
  // non-special schemes: opaque paths and hosts kept as written
  ['mailto:someone@example.com', null],
  ['data:text/plain,hello world', null],
  ['javascript:alert(1)', null],
  ['foo://Host.Example/Path', null],
  ['urn:isbn:0451450523', null],
  ['blob:https://example.com/uuid', null],
  // hosts: IPv4 forms, IPv6 compression, IDNA, forbidden code points
  ['http://192.168.0.1/', null],
  ['http://0x7f.1/', null],
  ['http://0300.0250.0.1/', null],
  ['http://4294967295/', null],
  ['http://4294967296/', null],
  ['http://[2001:db8:0:0:0:0:0:1]/', null],
  ['http://[::ffff:192.168.0.1]/', null],
  ['http://[0:0:0:0:0:0:0:0]:8080/', null],
  ['http://[::1/', null],
  ['http://[:::1]/', null],
  ['http://b\u00fccher.example/', null],
  ['http://EXAMPLE.\uff43om/', null],
  ['http://exa mple.com/', null],
  ['http://ex%41mple.com/', null],
  ['http://a<b.com/', null],
  ['http://user:pa:ss@example.com/', null],
  ['http://@example.com/', null],
  ['http://:@example.com/', null],
  ['http://example.com:65535/', null],
  ['http://example.com:65536/', null],
  ['http://example.com:-1/', null],
  ['http:///no-host', null],
  ['https://', null],
  // relative resolution against a base
  ['g', 'http://a/b/c/d;p?q'],
  ['./g', 'http://a/b/c/d;p?q'],
  ['g/', 'http://a/b/c/d;p?q'],
  ['/g', 'http://a/b/c/d;p?q'],
  ['//g', 'http://a/b/c/d;p?q'],
  ['?y', 'http://a/b/c/d;p?q'],
  ['g?y', 'http://a/b/c/d;p?q'],
  ['#s', 'http://a/b/c/d;p?q'],
  ['g#s', 'http://a/b/c/d;p?q'],
  ['..', 'http://a/b/c/d;p?q'],
  ['../g', 'http://a/b/c/d;p?q'],
  ['../../../g', 'http://a/b/c/d;p?q'],
  ['', 'http://a/b/c/d;p?q#f'],
  ['g', 'mailto:x@y'],
  ['#frag', 'mailto:x@y'],
  ['https:g', 'http://a/b'],
  ['//other/x', 'file:///a/b'],
  ['..\\g', 'http://a/b/c'],
  ['relative', 'not a url'],
];
const keys = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];
for (const [input, base] of cases) {
  let line;
  try {
    const u = base === null ? new URL(input) : new URL(input, base);
    line = keys.map((k) => `${k}=${JSON.stringify(u[k])}`).join(' ');
  } catch (e) {
    line = `failure ${e.name}`;
  }
  console.log(JSON.stringify(input), base === null ? '' : `@ ${JSON.stringify(base)}`, '→', line);
}
// percent-encoding sets per component (the setters use the same encoders)
const u = new URL('http://h/');
u.pathname = '/a b/"<>`{}';
u.search = 'q=a b"\'<>';
u.hash = 'x y"<>`';
u.username = 'us er@:';
u.password = 'p/w';
console.log(u.href);
u.host = 'other.org:99';
u.port = 'abc';
console.log(u.host, u.port);
u.port = '';
u.protocol = 'ftp';
console.log(u.href);
u.protocol = 'mailto';
console.log(u.protocol);
// URLSearchParams: the urlencoded parser and serializer
for (const q of ['a=b&c=d', '?a=1&a=2', 'a', '=b', '&&a=b&&', 'a=%20%2B+b', 'a=%', 'a=%E2%82%AC', 'a=%FF', '\u20ac=\u{1F600}']) {
  const p = new URLSearchParams(q);
  console.log(JSON.stringify(q), JSON.stringify([...p]), p.toString());
}
const sp = new URLSearchParams([['z', '1'], ['a', '2'], ['z', '0'], ['\uFFFD', 'x'], ['\u00e9', 'y']]);
sp.sort();
console.log(sp.toString(), sp.has('z', '0'), sp.has('z', '9'));
sp.set('z', 'only');
sp.delete('a');
console.log(sp.toString(), sp.getAll('z'), sp.get('missing'));
const linked = new URL('http://h/p?x=1');
linked.searchParams.set('y', 'a&b');
linked.searchParams.delete('x');
console.log(linked.href);
linked.searchParams.delete('y');
console.log(linked.href);
