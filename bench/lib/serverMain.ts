// A Jintu server in its own process for the HTTP benchmarks and the fault tests (which kill -9 it).
// Env: DATABASE_URL, JINTU_JOB_EXECUTOR=0|1 (default on). Prints one line "JINTU_SERVER_READY {url,pid}".
import { startServer } from "../../server";

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  databaseUrl: process.env.DATABASE_URL,
  quiet: true,
  seedDemo: true,
  jobExecutor: process.env.JINTU_JOB_EXECUTOR !== "0",
});
console.log(`JINTU_SERVER_READY ${JSON.stringify({ url: server.url, pid: process.pid })}`);
const stop = async () => {
  await server.close().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
