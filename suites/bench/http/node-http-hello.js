// node:http hello world: the one server program every runtime runs.
import http from "node:http";

const server = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "text/plain" });
  res.end("Hello, World!");
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`DYNO_READY port=${server.address().port}`);
});
