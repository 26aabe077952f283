// Bun's native server API.
const server = Bun.serve({
  port: Number(process.env.PORT ?? 0),
  hostname: "127.0.0.1",
  fetch() {
    return new Response("Hello, World!", { headers: { "content-type": "text/plain" } });
  },
});
console.log(`DYNO_READY port=${server.port}`);
