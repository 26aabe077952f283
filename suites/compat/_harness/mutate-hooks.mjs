// ESM side of mutate.cjs: `import ... from "node:x"` resolves to a generated module whose
// exports are the real ones with the subject stubbed.
import { createRequire } from "node:module";

// import() inside a hook would go through these hooks again and deadlock; require does not.
const require = createRequire(import.meta.url);
let target;

export function initialize(data) {
  target = data;
}

export async function resolve(specifier, context, next) {
  const hit = specifier === target.mod || specifier === target.mod.slice(5);
  if (hit && !(context.parentURL ?? "").startsWith("dyno-stub:")) {
    return { url: "dyno-stub:" + target.mod, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith("dyno-stub:")) return next(url, context);
  const real = require(target.mod);
  const only = target.exportName;
  const names = Object.keys(real).filter((n) => n !== "default" && /^[A-Za-z_$][\w$]*$/.test(n));
  const lines = [
    `import * as real from ${JSON.stringify(target.mod)};`,
    "function stub() {}",
    `const only = ${JSON.stringify(only)};`,
    "const swap = (key, value) => (only === null || key === only ? (typeof value === 'function' ? stub : undefined) : value);",
    ...names.map((n) => `export const ${n} = swap(${JSON.stringify(n)}, real.${n});`),
    "export default new Proxy(real.default, {",
    "  get: (t, k) => (typeof k === 'string' ? swap(k, Reflect.get(t, k, t)) : Reflect.get(t, k, t)),",
    "  apply: (t, self, args) => (only === null ? undefined : Reflect.apply(t, self, args)),",
    "  construct: (t, args) => (only === null ? {} : Reflect.construct(t, args)),",
    "});",
  ];
  return { format: "module", source: lines.join("\n"), shortCircuit: true };
}
