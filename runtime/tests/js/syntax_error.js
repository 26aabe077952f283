// exit: 1
// stderr: SyntaxError
// stderr: syntax_error.js:5
// node-stderr-differs
let x = ;
