// The mutation check's preload (node only): `DYNO_STUB=<subject> node --require mutate.cjs FILE`
// replaces one subject by a stub before the test loads, so that a test which only checks
// presence would still pass — and the check catches it.
//
// Subjects: a global's dotted path (`URL`, `crypto.subtle.digest`) becomes a no-op function
// (or undefined where it was not a function); `node:<module>` makes every export of the
// module a stub; `node:<module>.<export>` stubs that export only. Modules are replaced where
// the test imports them (require and ESM import, through a resolve hook), never inside node
// itself, so the reporting keeps working.
"use strict";

const subject = process.env.DYNO_STUB;

function stub() {}

/** What the test gets instead of a module: the real one with its exports stubbed. */
function fake(real, exportName) {
  const replaced = (key) => (exportName === null || key === exportName);
  return new Proxy(real, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof key !== "string" || !replaced(key)) return value;
      return typeof value === "function" ? stub : undefined;
    },
    apply: () => (exportName === null ? undefined : Reflect.apply(real, undefined, [])),
    construct: (target, args) => (exportName === null ? {} : Reflect.construct(target, args)),
  });
}

if (subject && subject.startsWith("node:")) {
  const dot = subject.indexOf(".");
  const mod = dot < 0 ? subject : subject.slice(0, dot);
  const exportName = dot < 0 ? null : subject.slice(dot + 1);
  const Module = require("node:module");
  const replacement = fake(require(mod), exportName);
  const load = Module._load;
  Module._load = function (request, ...rest) {
    if (request === mod || request === mod.slice(5)) return replacement;
    return load.call(this, request, ...rest);
  };
  Module.register("./mutate-hooks.mjs", {
    parentURL: require("node:url").pathToFileURL(__filename),
    data: { mod, exportName },
  });
} else if (subject) {
  const parts = subject.split(".");
  const last = parts.pop();
  let owner = globalThis;
  for (const p of parts) owner = owner[p];
  const old = owner[last];
  Object.defineProperty(owner, last, {
    value: typeof old === "function" ? stub : undefined,
    writable: true,
    configurable: true,
  });
}
