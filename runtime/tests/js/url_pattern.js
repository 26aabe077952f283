// dynojs-only
// URLPattern (node 20 has none; this golden was checked against bun 1.4.5's output):
// named groups with regexps, wildcards, optional groups, a base URL, ignoreCase, init
// objects, a pattern that does not parse.
const p = new URLPattern({ pathname: '/books/:id(\\d+)' });
console.log(p.pathname, p.protocol, p.hasRegExpGroups, p.test('https://example.com/books/123'), p.test('https://example.com/books/abc'));
const r = p.exec('https://example.com/books/42?x=1#h');
console.log(JSON.stringify(r.pathname), r.search.input, JSON.stringify(r.inputs));
const q = new URLPattern('https://*.example.com/:lang/docs/*');
console.log(q.hostname, q.pathname, JSON.stringify(q.exec('https://api.example.com/en/docs/a/b')?.hostname.groups), JSON.stringify(q.exec('https://api.example.com/en/docs/a/b')?.pathname.groups));
const b = new URLPattern('/users/:name?', 'https://h.test');
console.log(b.test('https://h.test/users'), b.test('https://h.test/users/x'), b.protocol, b.hostname);
const ic = new URLPattern({ pathname: '/CASE' }, { ignoreCase: true });
console.log(ic.test({ pathname: '/case' }));
try { new URLPattern('https://example.com/(['); } catch (e) { console.log(e.name); }
console.log(JSON.stringify(Object.entries(new URLPattern({ hostname: "{:sub.}?example.com" }).exec({ hostname: "example.com" }).hostname.groups)));
