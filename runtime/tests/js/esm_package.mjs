// Bare specifiers pick the "import" condition; a .js file under "type": "module" is ESM.
import { kind } from 'fixture-pkg';
import { value } from './esm-pkg/index.js';
console.log(kind, value);
