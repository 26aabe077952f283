// Deno's native server API.
Deno.serve(
  {
    port: Number(Deno.env.get("PORT") ?? 0),
    hostname: "127.0.0.1",
    onListen({ port }) {
      console.log(`DYNO_READY port=${port}`);
    },
  },
  () => new Response("Hello, World!", { headers: { "content-type": "text/plain" } }),
);
