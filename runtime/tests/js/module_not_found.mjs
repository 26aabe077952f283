// exit: 1
// stderr: ERR_MODULE_NOT_FOUND
// stderr: missing-module.mjs
import './missing-module.mjs';
console.log('must not run');
