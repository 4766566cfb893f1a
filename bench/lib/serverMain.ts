// A Jintu server in its own process for the HTTP benchmarks and the fault tests (which kill -9 it).
// Env: DATABASE_URL, JINTU_JOB_EXECUTOR=0|1 (default on), JINTU_JOB_LOCK_MS and JINTU_JOB_IDLE_MS (job
// executor lock time and idle poll, for the two-node test). Prints one line "JINTU_SERVER_READY {url,pid,nodeId}".
import { createEngineOnDb } from "../../engine";
import { startServer } from "../../server";

const lockTimeMs = process.env.JINTU_JOB_LOCK_MS ? Number(process.env.JINTU_JOB_LOCK_MS) : undefined;
const idleWaitMs = process.env.JINTU_JOB_IDLE_MS ? Number(process.env.JINTU_JOB_IDLE_MS) : undefined;

const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  databaseUrl: process.env.DATABASE_URL,
  quiet: true,
  seedDemo: true,
  // measure the engine and REST layer alone: no business flows or in-process workers polling beside the load
  deployFlows: false,
  jobExecutor: process.env.JINTU_JOB_EXECUTOR !== "0",
  engineFactory: (db, options) => createEngineOnDb(db, { ...options, jobExecutor: { lockTimeMs, idleWaitMs } }),
});
console.log(`JINTU_SERVER_READY ${JSON.stringify({ url: server.url, pid: process.pid, nodeId: server.engine.nodeId })}`);
const stop = async () => {
  await server.close().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
