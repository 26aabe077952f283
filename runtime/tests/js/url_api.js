// URL and URLSearchParams API (setters, linked searchParams, inspect), node:url helpers
// and the legacy url.parse, node:querystring.
const u = new URL('https://user:pw@EXAMPLE.com:443/a/../b/%7e?x=1&y=2#frag');
console.log(u.href, u.origin, u.host, u.port, u.pathname, u.search, u.hash);
console.log(new URL('../c?d', 'http://h/a/b').href);
console.log(new URL('http://[::1]:8080/').host, new URL('http://[0:0::1]/').hostname);
console.log(URL.canParse('nope'), URL.canParse('/x', 'http://a'));
try { new URL('nope') } catch (e) { console.log(e.code, e.message, e.input) }
u.searchParams.append('z', 'a b&c');
console.log(u.href);
u.search = '?q=é';
console.log(u.searchParams.get('q'), [...u.searchParams]);
u.searchParams.delete('q'); console.log(u.href);
const p = new URLSearchParams({b: '2', a: '1', c: '3'}); p.sort(); console.log(p.toString(), p.size);
console.log(new URLSearchParams('a=%zz&b=%C3%A9+x').get('a'), new URLSearchParams('a=%zz&b=%C3%A9+x').get('b'));
const url = require('url');
console.log(url.fileURLToPath('file:///tmp/a%20b'), url.pathToFileURL('/tmp/a b#c').href);
console.log(url.parse('/path/x?a=1&b=2', true).query, url.parse('http://u@h.com:81/p?q#h').host);
console.log(require('querystring').parse('a=1&a=2&b=%20+x'), require('querystring').stringify({a:[1,2],b:'x y'}));
console.log(u);
console.log(new URLSearchParams('a=1&b=2'));
u.port = '8443'; u.hostname = 'foo.org'; u.protocol = 'http'; u.hash = ''; console.log(u.href);
