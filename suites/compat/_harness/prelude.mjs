// ES module face of prelude.cjs (one implementation for both module systems).
import prelude from "./prelude.cjs";

export const { test, observe, after, ok, equal, notEqual, deepEqual, throws, rejects, delay } = prelude;
