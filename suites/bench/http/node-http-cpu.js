// node:http with a CPU-bound handler (~0.1-1 ms of JS per request): the engine, not I/O.
import http from "node:http";

function work() {
  // Deterministic integer mixing so every response is identical and nothing is cached.
  let h = 2166136261;
  for (let i = 0; i < 20000; i++) {
    h ^= i & 0xff;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16);
}

const server = http.createServer((req, res) => {
  const body = work();
  res.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`DYNO_READY port=${server.address().port}`);
});
