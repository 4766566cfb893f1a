// Benchmark 2: external tasks over HTTP. Real camunda-external-task-client-js workers (1, 4, 16) against
// a Jintu server in its own process (startServer): fetchAndLock + complete per second, draining a backlog
// of model B instances; then the latency from task creation to delivery to a long-polling worker.
import { Client, BasicAuthInterceptor, logger } from "camunda-external-task-client-js";
import { createEngine, type Engine } from "../engine";
import { freshBenchDatabase, postgresAvailable, type BenchDialect } from "./lib/databases";
import { deployBenchModels, TOPIC_B } from "./lib/models";
import { printTable, quick, writeResult } from "./lib/report";
import { basicAuthHeader, startServerProcess, workerAuth, type ServerChild } from "./lib/serverProcess";
import { latencySummary, median, round } from "./lib/stats";

void logger;
const RUNS = quick ? 1 : 3;
const BACKLOG = quick ? 200 : 2000;
const LATENCY_SAMPLES = quick ? 30 : 200;
const WORKER_COUNTS = process.env.BENCH_WORKERS ? process.env.BENCH_WORKERS.split(",").map(Number) : [1, 4, 16];
const LONG_POLL_MS = 1_000;

function startWorkers(baseUrl: string, count: number, onDone: () => void): Client[] {
  return Array.from({ length: count }, (_, i) => {
    const client = new Client({
      baseUrl: `${baseUrl}/engine-rest`, workerId: `bench-worker-${i}`, maxTasks: 10,
      interval: 10, asyncResponseTimeout: LONG_POLL_MS, lockDuration: 60_000, usePriority: false,
      interceptors: new BasicAuthInterceptor(workerAuth),
    });
    client.on("poll:error", (e: unknown) => console.error(`worker ${i}: fetchAndLock failed: ${(e as Error)?.message ?? e}`));
    client.on("complete:error", (_t: unknown, e: unknown) => console.error(`worker ${i}: complete failed: ${(e as Error)?.message ?? e}`));
    client.subscribe(TOPIC_B, async ({ task, taskService }) => {
      await taskService.complete(task);
      onDone();
    });
    return client;
  });
}

async function drainBacklog(engine: Engine, server: ServerChild, workers: number, backlog: number): Promise<number> {
  for (let i = 0; i < backlog; i++) await engine.startProcessInstanceByKey("benchB", { businessKey: `ext-${i}`, variables: { countyCode: "330106" } });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const t0 = performance.now();
  const clients = startWorkers(server.url, workers, () => {
    if (++done === backlog) finish();
  });
  await finished;
  const rate = backlog / ((performance.now() - t0) / 1000);
  for (const c of clients) c.stop();
  // a stopped client still has its last long poll open: let it run out before the next backlog is
  // created, or that poll would lock (and complete) tasks of the next run
  await new Promise((r) => setTimeout(r, LONG_POLL_MS + 500));
  const left = await engine.countExternalTasks({ topicName: TOPIC_B });
  if (left !== 0) throw new Error(`${left} external tasks left after draining`);
  return rate;
}

/** One long-polling worker; instances started one by one through the REST API (the server wakes the poll). */
async function deliveryLatency(server: ServerChild, samples: number): Promise<{ fromStartRequest: number[]; fromCreateTime: number[] }> {
  const fromStart: number[] = [];
  const fromCreate: number[] = [];
  const sentAt = new Map<string, number>();
  let resolveOne: (() => void) | null = null;
  const client = new Client({
    baseUrl: `${server.url}/engine-rest`, workerId: "latency-worker", maxTasks: 1, interval: 0, asyncResponseTimeout: 20_000,
    lockDuration: 60_000, usePriority: false, interceptors: new BasicAuthInterceptor(workerAuth),
  });
  client.subscribe(TOPIC_B, async ({ task, taskService }) => {
    const now = Date.now();
    const bk = task.businessKey as string;
    fromStart.push(now - (sentAt.get(bk) ?? now));
    // the Camunda 7.21 REST answer carries createTime; the client's typings predate it
    fromCreate.push(now - new Date((task as unknown as { createTime: string }).createTime).getTime());
    await taskService.complete(task);
    resolveOne?.();
  });
  await new Promise((r) => setTimeout(r, 300)); // let the first long poll arrive
  for (let i = 0; i < samples; i++) {
    const bk = `lat-${i}`;
    const delivered = new Promise<void>((r) => (resolveOne = r));
    sentAt.set(bk, Date.now());
    const res = await fetch(`${server.url}/engine-rest/process-definition/key/benchB/start`, {
      method: "POST", headers: { "content-type": "application/json", authorization: basicAuthHeader({ username: "demo", password: "demo" }) },
      body: JSON.stringify({ businessKey: bk, variables: { countyCode: { value: "330106", type: "String" } } }),
    });
    if (!res.ok) throw new Error(`start failed: ${res.status} ${await res.text()}`);
    await delivered;
    await new Promise((r) => setTimeout(r, 20)); // the worker is back in its long poll
  }
  client.stop();
  return { fromStartRequest: fromStart, fromCreateTime: fromCreate };
}

async function main() {
  const dialects: BenchDialect[] = (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
  const throughput: any[] = [];
  const latency: any[] = [];
  for (const dialect of dialects) {
    const database = await freshBenchDatabase(dialect, "ext");
    const server = await startServerProcess({ DATABASE_URL: database.url, JINTU_JOB_EXECUTOR: "0", JINTU_LOGIN_RATE_LIMIT: "1000000" });
    const engine = await createEngine({ databaseUrl: database.url });
    try {
      await deployBenchModels(engine);
      await drainBacklog(engine, server, 4, quick ? 50 : 300); // warm-up
      for (const workers of WORKER_COUNTS) {
        const rates: number[] = [];
        for (let run = 0; run < RUNS; run++) rates.push(await drainBacklog(engine, server, workers, BACKLOG));
        throughput.push({ dialect, workers, "tasks/s": round(median(rates)), runs: rates.map((r) => round(r)) });
        console.log(`${dialect} ${workers} workers: ${round(median(rates))} fetchAndLock+complete/s`);
      }
      const l = await deliveryLatency(server, LATENCY_SAMPLES);
      latency.push({ dialect, measure: "start request → delivery (ms)", ...latencySummary(l.fromStartRequest) });
      latency.push({ dialect, measure: "task createTime → delivery (ms)", ...latencySummary(l.fromCreateTime) });
    } finally {
      await engine.close();
      await server.stop();
      await database.drop();
    }
  }
  printTable("External tasks over HTTP: fetchAndLock + complete per second (median)", throughput.map(({ runs: _r, ...r }) => r));
  printTable("Long-polling delivery latency (one worker, instances started one at a time over REST)", latency);
  const file = writeResult("externalTasks", { throughput, latency }, { runs: RUNS, backlog: BACKLOG, quick });
  console.log(`\nwrote ${file}`);
}

await main();
