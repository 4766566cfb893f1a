// The HTTP baseline: a plain Express 5 app with one JSON hello route, in its own process like the server.
import express from "express";

const app = express();
app.get("/hello", (_req, res) => {
  res.json({ hello: "world" });
});
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(`JINTU_SERVER_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
