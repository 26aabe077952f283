// node:http listen/close lifecycle: port 0, address(), EADDRINUSE on the 'error' event,
// 'listening' and 'close' events, and the loop ending once every server is closed.
import http from "node:http";

const a = http.createServer();
a.on("listening", () => console.log("a listening", typeof a.address().port, a.address().port > 0));
a.listen(0, "127.0.0.1", () => {
  const port = a.address().port;
  const b = http.createServer();
  b.on("error", (err) => {
    console.log("b error", err.code, err.syscall, err.message.startsWith("listen EADDRINUSE"));
    console.log("b listening?", b.listening, b.address());
    a.close(() => console.log("a closed"));
  });
  b.listen(port, "127.0.0.1", () => console.log("b must not listen"));
});
a.on("close", () => console.log("close event"));
process.on("exit", (code) => console.log("exit", code));
