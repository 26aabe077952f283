// require: relative with and without extension, JSON, directories, node_modules with
// package.json exports, builtins with and without the node: prefix, the cache, errors.
const a = require('./lib/cjs-lib.cjs');
const b = require('./lib/cjs-lib.cjs');
console.log(a === b, Object.keys(a).join(','));
console.log(require('./lib/data').name);
console.log(require('fixture-pkg').kind, require('fixture-pkg/feature').feature);
console.log(require('events') === require('node:events'), typeof require('util').inspect);
console.log(require.main === module, typeof __filename, require('path').basename(__filename), require('path').basename(__dirname));
try {
  require('./nope');
} catch (e) {
  console.log(e.code, e.message.split('\n')[0]);
}
try {
  require('node:nope');
} catch (e) {
  console.log(e.code);
}
import('./lib/esm-lib.mjs').then((m) => console.log('dynamic import from CJS:', m.answer));
