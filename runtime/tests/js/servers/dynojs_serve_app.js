// Dynojs.serve for tests/http.rs (dynojs only; the same shape as Deno.serve / Bun.serve).
const server = Dynojs.serve({
  port: 0,
  hostname: "127.0.0.1",
  async fetch(req) {
    const url = req.url.slice(req.url.indexOf("/", 8));
    if (url === "/") return new Response("Hello, World!", { headers: { "content-type": "text/plain" } });
    if (url === "/throw") throw new Error("handler failed on purpose");
    if (url === "/json" && req.method === "POST") {
      const body = await req.json();
      return Response.json({ got: body.value, agent: req.headers.get("X-Agent") }, { status: 201 });
    }
    if (url === "/wrong") return "not a response";
    if (url === "/upload") {
      // A large body streams in: count bytes and chunks as they arrive.
      let bytes = 0;
      let chunks = 0;
      for await (const chunk of req.body) {
        bytes += chunk.length;
        chunks++;
      }
      return new Response(`${bytes} bytes in ${chunks > 1 ? "several chunks" : "one chunk"}`);
    }
    return new Response("nope", { status: 404 });
  },
});
console.log(`DYNO_READY port=${server.port}`);
