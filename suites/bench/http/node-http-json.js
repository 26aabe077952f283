// node:http answering a ~1 KB JSON document built per request (serialization cost).
import http from "node:http";

function payload() {
  const items = [];
  for (let i = 0; i < 10; i++) {
    items.push({ id: i, name: `item-${i}`, price: i * 1.25, tags: ["a", "b"], inStock: i % 2 === 0 });
  }
  return { ok: true, count: items.length, items };
}

const server = http.createServer((req, res) => {
  const body = JSON.stringify(payload());
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`DYNO_READY port=${server.address().port}`);
});
