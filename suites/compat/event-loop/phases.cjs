/*---
description: Timers, immediates and I/O callbacks in the order Node's loop phases give
area: event-loop
requires: [node:fs, setImmediate]
subjects: [setTimeout, setImmediate, clearTimeout]
---*/
const { test, deepEqual, equal } = require("../_harness/prelude.cjs");
const fs = require("node:fs");

function collect(setup, ms = 30) {
  return new Promise((resolve) => {
    const order = [];
    setup(order);
    setTimeout(() => resolve(order), ms);
  });
}

test("microtasks drain between two expired timers", async () => {
  const order = await collect((o) => {
    setTimeout(() => {
      o.push("t1");
      Promise.resolve().then(() => o.push("p1"));
      process.nextTick(() => o.push("n1"));
    }, 0);
    setTimeout(() => o.push("t2"), 0);
  });
  deepEqual(order, ["t1", "n1", "p1", "t2"]);
});

test("timers with equal delays fire in creation order", async () => {
  const order = await collect((o) => {
    for (let i = 0; i < 5; i++) setTimeout(() => o.push(i), 1);
  });
  deepEqual(order, [0, 1, 2, 3, 4]);
});

test("a shorter delay fires first", async () => {
  const order = await collect((o) => {
    setTimeout(() => o.push("long"), 15);
    setTimeout(() => o.push("short"), 1);
  });
  deepEqual(order, ["short", "long"]);
});

test("clearTimeout in the same turn prevents the callback", async () => {
  const order = await collect((o) => {
    const t = setTimeout(() => o.push("cleared"), 0);
    setTimeout(() => o.push("kept"), 0);
    clearTimeout(t);
  });
  deepEqual(order, ["kept"]);
});

test("a timer cleared by an earlier expired timer does not run", async () => {
  const order = await collect((o) => {
    let second;
    setTimeout(() => {
      o.push("first");
      clearTimeout(second);
    }, 0);
    second = setTimeout(() => o.push("second"), 0);
  });
  deepEqual(order, ["first"]);
});

test("setImmediate runs before setTimeout 0 inside an I/O callback", async () => {
  const order = await new Promise((resolve) => {
    fs.readFile(__filename, () => {
      const o = [];
      setTimeout(() => {
        o.push("timeout");
        resolve(o);
      }, 0);
      setImmediate(() => o.push("immediate"));
    });
  });
  deepEqual(order, ["immediate", "timeout"]);
});

test("immediates queued by an immediate run after those already queued", async () => {
  const order = await collect((o) => {
    setImmediate(() => {
      o.push("i1");
      setImmediate(() => o.push("i3"));
    });
    setImmediate(() => o.push("i2"));
  });
  deepEqual(order, ["i1", "i2", "i3"]);
});

test("microtasks drain between immediates", async () => {
  const order = await collect((o) => {
    setImmediate(() => {
      o.push("i1");
      Promise.resolve().then(() => o.push("p"));
    });
    setImmediate(() => o.push("i2"));
  });
  deepEqual(order, ["i1", "p", "i2"]);
});

test("clearImmediate prevents the callback", async () => {
  const order = await collect((o) => {
    const i = setImmediate(() => o.push("cleared"));
    setImmediate(() => o.push("kept"));
    clearImmediate(i);
  });
  deepEqual(order, ["kept"]);
});

test("nextTick runs before a pending immediate", async () => {
  const order = await collect((o) => {
    setImmediate(() => o.push("immediate"));
    process.nextTick(() => o.push("tick"));
  });
  deepEqual(order, ["tick", "immediate"]);
});

test("setTimeout with a zero delay is not called synchronously", async () => {
  let called = false;
  setTimeout(() => (called = true), 0);
  equal(called, false);
  await new Promise((r) => setTimeout(r, 5));
  equal(called, true);
});
