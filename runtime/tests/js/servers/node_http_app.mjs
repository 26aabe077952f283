// A node:http server for tests/http.rs; the same program runs on node and dynojs.
import http from "node:http";

let served = 0;
const server = http.createServer((req, res) => {
  served++;
  if (req.url === "/") {
    res.setHeader("X-Custom", "yes");
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(`hello ${req.method} ${req.url}`);
  } else if (req.url === "/echo") {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
      res.end(body);
    });
  } else if (req.url === "/headers") {
    res.setHeader("content-type", "application/json");
    // rawHeaders names: hyper lower-cases them on dynojs (node keeps the client's case).
    const names = req.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    res.end(JSON.stringify({ mixed: req.headers["x-mixed-case"], names: names.filter((n) => n.startsWith("x-")) }));
  } else if (req.url === "/chunks") {
    res.statusCode = 201;
    res.statusMessage = "Made";
    res.write("part1,");
    res.write(Buffer.from("part2,"));
    res.end("part3");
  } else if (req.url === "/stats") {
    res.end(JSON.stringify({ served, rss: process.memoryUsage().rss }));
  } else {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
});
server.listen(0, "127.0.0.1", () => {
  console.log(`DYNO_READY port=${server.address().port}`);
});
