// Start-up: print one line and exit.
console.log("hello");
