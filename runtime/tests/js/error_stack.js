// err.stack in V8's form: "Name: message", then one "    at" line per frame, written
// when first read (a name set after super() shows), an own non-enumerable property once
// read, replaceable; Error.captureStackTrace on any object, below a given function.
function namedThrower() {
  return new Error("boom");
}
const lines = namedThrower().stack.split("\n");
console.log(lines[0]);
console.log(lines.length > 1 && lines.slice(1).every((l) => /^    at /.test(l)));
console.log(lines[1].includes("namedThrower"));

class MyError extends Error {
  constructor(m) {
    super(m);
    this.name = "MyError";
  }
}
console.log(new MyError("m").stack.split("\n")[0]);
const late = new Error("before");
late.message = "after";
console.log(late.stack.split("\n")[0]);

const e = new Error("x");
void e.stack;
console.log(Object.keys(e), Object.getOwnPropertyDescriptor(e, "stack").enumerable, JSON.stringify(e));
e.stack = "replaced";
console.log(e.stack);

const o = { name: "Custom", message: "msg" };
Error.captureStackTrace(o);
console.log(o.stack.split("\n")[0], typeof o.stack);
function outer() {
  return inner();
}
function inner() {
  const holder = {};
  Error.captureStackTrace(holder, inner);
  return holder.stack;
}
const captured = outer();
console.log(captured.includes("inner"), captured.includes("outer"));

try {
  null.x;
} catch (err) {
  console.log(err.stack.startsWith("TypeError: "));
}
console.log(new TypeError("").stack.split("\n")[0]);

const saved = Error.stackTraceLimit;
Error.stackTraceLimit = 0;
console.log(JSON.stringify(new RangeError("no frames").stack));
Error.stackTraceLimit = saved;

// A library's own prepareStackTrace still gets the error and its CallSites.
const before = Error.prepareStackTrace;
Error.prepareStackTrace = (err, sites) => `${err.message}: ${Array.isArray(sites)} ${typeof sites[0].getFileName()}`;
console.log(new Error("custom").stack);
Error.prepareStackTrace = before;
console.log(new Error("restored").stack.split("\n")[0]);
