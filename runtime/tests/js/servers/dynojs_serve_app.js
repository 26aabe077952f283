// Dynojs.serve for tests/http.rs (dynojs only; the same shape as Deno.serve / Bun.serve).
let ticked = 0;
const server = Dynojs.serve({
  port: 0,
  hostname: "127.0.0.1",
  // Synchronous answers take the server's direct path; the others return promises.
  fetch(req, info) {
    const url = req.url.slice(req.url.indexOf("/", 8));
    if (url === "/") return new Response("Hello, World!", { headers: { "content-type": "text/plain" } });
    // Plain-object headers are validated and lower-cased natively: names that differ in
    // case are one header, values are stringified and trimmed, a string body adds its type.
    if (url === "/headers") return new Response("h", { headers: { "X-Num": 7, "x-dup": "a", "X-Dup": " b " } });
    // Set-Cookie is never joined; a control character other than HTAB is refused.
    if (url === "/cookies") return new Response("c", { headers: { "Set-Cookie": "a=1", "set-cookie": "b=2", "X-Tab": "x\ty" } });
    if (url === "/bad-value") return new Response("never", { headers: { "x-ctl": "a\u0001b" } });
    if (url === "/bad-header") return new Response("never", { headers: { "bad name": "x" } });
    if (url === "/bytes") return new Response(new Uint8Array([104, 105]));
    // A Headers init gets the body's type; a type deleted from the headers stays deleted.
    if (url === "/headers-init") return new Response("y", { headers: new Headers([["X-A", "1"]]) });
    if (url === "/no-type") {
      const r = new Response("z");
      r.headers.delete("content-type");
      return r;
    }
    if (url === "/peer") return new Response(`${info.remoteAddr.hostname} ${typeof info.remoteAddr.port}`);
    // The Request is a native object whose fields are read on demand; it is still a Request.
    if (url === "/request") {
      const copy = req.clone();
      const facts = [req instanceof Request, Object.prototype.toString.call(req), req.method, req.headers.get("x-agent"),
        copy.url === req.url, copy.headers.get("x-agent"), req.bodyUsed, req.body];
      return new Response(facts.join(" "), { status: 299, statusText: "Fine" });
    }
    // Ticks and microtasks queued by a synchronous handler run before the next request.
    if (url === "/tick") {
      process.nextTick(() => ticked++);
      return new Response("queued");
    }
    if (url === "/micro") {
      Promise.resolve().then(() => ticked++);
      return new Response("queued");
    }
    if (url === "/ticked") return new Response(String(ticked));
    if (url === "/throw") throw new Error("handler failed on purpose");
    if (url === "/wrong") return "not a response";
    return answerLater(req, url);
  },
});
async function answerLater(req, url) {
  if (url === "/json" && req.method === "POST") {
    const body = await req.json();
    return Response.json({ got: body.value, agent: req.headers.get("X-Agent") }, { status: 201 });
  }
  if (url === "/wrong-later") return "not a response";
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
}
console.log(`DYNO_READY port=${server.port}`);
