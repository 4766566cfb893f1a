// Benchmark 4: HTTP overhead. autocannon (npm, pinned) against a plain Express hello route and against
// Jintu's GET /engine-rest/task/count (HTTP Basic as a county clerk: authentication, casbin gate, tenant
// scoping, one COUNT over 1,000 open tasks), both servers in their own process on loopback, runs interleaved.
import autocannon from "autocannon";
import { createEngine } from "../engine";
import { freshBenchDatabase } from "./lib/databases";
import { loadInboxTasks } from "./lib/inboxData";
import { openDatabase } from "../engine";
import { printTable, quick, writeResult } from "./lib/report";
import { basicAuthHeader, helloMain, startServerProcess, type ServerChild } from "./lib/serverProcess";
import { median, round } from "./lib/stats";

const RUNS = quick ? 1 : 3;
const DURATION_S = quick ? 2 : 8;
const CONNECTIONS = 10;

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  const database = await freshBenchDatabase("sqlite", "http");
  const setup = await createEngine({ databaseUrl: database.url });
  await setup.close();
  const db = await openDatabase(database.url);
  await loadInboxTasks(db, 1, 1_000, Date.now());
  await db.close();
  let jintu: ServerChild | null = null;
  let hello: ServerChild | null = null;
  try {
    // the clerk's requests must not meet the failed-login limiter (it counts requests in flight)
    jintu = await startServerProcess({ DATABASE_URL: database.url, JINTU_JOB_EXECUTOR: "0", JINTU_LOGIN_RATE_LIMIT: "1000000" });
    hello = await startServerProcess({}, [], helloMain);
    const auth = { authorization: basicAuthHeader({ username: "xihu-clerk", password: "demo" }) };
    const targets = [
      { name: "Express hello (GET /hello)", url: `${hello.url}/hello`, headers: {} },
      { name: "Jintu GET /engine-rest/task/count", url: `${jintu.url}/engine-rest/task/count`, headers: auth },
    ];
    for (const t of targets) await load(t.url, t.headers); // warm-up (JIT, Basic-auth cache, statements)
    const runs: Record<string, { rps: number; p50: number; p99: number }[]> = {};
    for (let r = 0; r < RUNS; r++) for (const t of targets) (runs[t.name] ??= []).push(await load(t.url, t.headers));
    const rows = targets.map((t) => ({
      target: t.name, "req/s": round(median(runs[t.name].map((x) => x.rps))),
      "p50 ms": median(runs[t.name].map((x) => x.p50)), "p99 ms": median(runs[t.name].map((x) => x.p99)),
    }));
    const ratio = rows[1]["req/s"] / rows[0]["req/s"];
    printTable(`HTTP overhead (autocannon, ${CONNECTIONS} connections, ${DURATION_S} s, median of ${RUNS})`, rows);
    console.log(`\nJintu task/count reaches ${round(ratio * 100)} % of the plain Express route's requests/s`);
    const file = writeResult("httpOverhead", { rows, runs, ratio: round(ratio, 3) }, { runs: RUNS, durationS: DURATION_S, connections: CONNECTIONS, quick });
    console.log(`wrote ${file}`);
  } finally {
    await jintu?.stop();
    await hello?.stop();
    await database.drop();
  }
}

await main();
