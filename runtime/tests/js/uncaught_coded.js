// exit: 1
// stderr: TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type string
// An uncaught error of the runtime's own carries its code in the report's head, as in
// Node, though the error's stack (written on first read) starts with "TypeError: ".
console.log("before");
require("fs").readFileSync();
