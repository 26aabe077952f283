// A realistic profile: Express routing, one middleware, a JSON response.
import express from "express";

const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  res.set("x-request-path", req.path);
  next();
});
app.get("/api/users/:id", (req, res) => {
  res.json({ id: Number(req.params.id), name: `user-${req.params.id}`, roles: ["reader", "writer"] });
});
app.post("/api/echo", express.json(), (req, res) => {
  res.json(req.body);
});

const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`DYNO_READY port=${server.address().port}`);
});
