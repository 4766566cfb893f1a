// Benchmark 3: the task inbox at 10k / 100k open tasks on SQLite and 10k / 100k / 1M on PostgreSQL.
// Rows are bulk-loaded in the engine's schema (lib/inboxData.ts); the queries run through the real code:
//   - REST: GET /engine-rest/task?candidateGroup=…&sortBy=created&sortOrder=desc&maxResults=50 as a county
//     clerk (HTTP Basic) against a server process — the tenant filter of his regions is added by the server;
//   - engine: getTasks({involvedUser, candidateGroups, tenantIdIn, sorting created desc, maxResults: 50}).
// Each size: p50/p95/p99 over many calls rotating over the three counties' clerks, and the query plan.
import { createEngine, createEngineOnDb, openDatabase, type Engine, type TaskQuery } from "../engine";
import type { Db, Queryable, SqlValue } from "../engine/persistence/db";
import { freshBenchDatabase, postgresAvailable, type BenchDialect } from "./lib/databases";
import { loadInboxTasks } from "./lib/inboxData";
import { printTable, quick, writeResult } from "./lib/report";
import { basicAuthHeader, startServerProcess } from "./lib/serverProcess";
import { latencySummary } from "./lib/stats";

const SAMPLES = quick ? 40 : 300;
const SIZES: Record<BenchDialect, number[]> = quick
  ? { sqlite: [2_000, 10_000], postgres: [2_000, 10_000] }
  : { sqlite: [10_000, 100_000], postgres: [10_000, 100_000, 1_000_000] };

const CLERKS = [
  { user: "xihu-clerk", county: "330106", groups: ["land-reviewer@330106", "acceptance-clerk@330106"] },
  { user: "yuhang-clerk", county: "330110", groups: ["land-reviewer@330110", "acceptance-clerk@330110"] },
  { user: "haishu-clerk", county: "330203", groups: ["land-reviewer@330203", "acceptance-clerk@330203"] },
];

function engineQuery(c: (typeof CLERKS)[number]): TaskQuery {
  return { involvedUser: c.user, candidateGroups: c.groups, tenantIdIn: [c.county], sorting: [{ sortBy: "created", sortOrder: "desc" }], maxResults: 50 };
}
/** What the REST layer hands the engine for the Camunda query of a clerk (his regions as tenantIdIn). */
function restEquivalentQuery(c: (typeof CLERKS)[number]): TaskQuery {
  return { candidateGroup: c.groups[0], tenantIdIn: [c.county], sorting: [{ sortBy: "created", sortOrder: "desc" }], maxResults: 50 };
}

/** Captures the SQL the engine sends, to EXPLAIN exactly that. */
function capturingDb(db: Db, seen: { sql: string; params: readonly SqlValue[] }[]): Db {
  const wrap = (q: Queryable): Queryable => ({
    dialect: q.dialect,
    all: (sql: string, params?: readonly SqlValue[]) => (seen.push({ sql, params: params ?? [] }), q.all(sql, params)),
    get: (sql: string, params?: readonly SqlValue[]) => (seen.push({ sql, params: params ?? [] }), q.get(sql, params)),
    run: (sql: string, params?: readonly SqlValue[]) => q.run(sql, params),
  }) as Queryable;
  return { ...wrap(db), url: db.url, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))), exec: (s) => db.exec(s), close: () => db.close() };
}

async function explain(db: Db, engine: Engine, seen: { sql: string; params: readonly SqlValue[] }[], query: TaskQuery): Promise<string> {
  seen.length = 0;
  await engine.getTasks(query);
  const main = seen.find((s) => /FROM "task" t/.test(s.sql));
  if (!main) return "(query not captured)";
  if (db.dialect === "sqlite") {
    const rows = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${main.sql}`, main.params);
    return rows.map((r) => r.detail).join("\n");
  }
  const rows = await db.all<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${main.sql}`, main.params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

async function timeMany(fn: (i: number) => Promise<unknown>, n: number): Promise<number[]> {
  for (let i = 0; i < Math.min(20, n); i++) await fn(i); // warm caches and prepared statements
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function main() {
  const dialects: BenchDialect[] = (await postgresAvailable()) ? ["sqlite", "postgres"] : ["sqlite"];
  const rows: any[] = [];
  const plans: any[] = [];
  for (const dialect of dialects) {
    const database = await freshBenchDatabase(dialect, "inbox");
    const engineSetup = await createEngine({ databaseUrl: database.url }); // applies the migrations
    await engineSetup.close();
    const db = await openDatabase(database.url);
    const seen: { sql: string; params: readonly SqlValue[] }[] = [];
    const engine = createEngineOnDb(capturingDb(db, seen), {});
    const server = await startServerProcess({ DATABASE_URL: database.url, JINTU_JOB_EXECUTOR: "0" });
    const now = Date.now();
    let loaded = 0;
    try {
      for (const size of SIZES[dialect]) {
        const t0 = performance.now();
        for (let from = loaded + 1; from <= size; from += 100_000) await loadInboxTasks(db, from, Math.min(size, from + 99_999), now);
        loaded = size;
        await db.exec(dialect === "postgres" ? "ANALYZE" : "ANALYZE");
        console.log(`${dialect}: ${size.toLocaleString("en-US")} open tasks loaded (${Math.round(performance.now() - t0)} ms)`);
        // sanity: the queries return full pages
        const sample = await engine.getTasks(engineQuery(CLERKS[0]));
        if (sample.length !== 50) throw new Error(`engine inbox returned ${sample.length} tasks`);
        const restTimes = await timeMany(async (i) => {
          const c = CLERKS[i % CLERKS.length];
          const res = await fetch(`${server.url}/engine-rest/task?candidateGroup=${encodeURIComponent(c.groups[0])}&sortBy=created&sortOrder=desc&maxResults=50`, {
            headers: { authorization: basicAuthHeader({ username: c.user, password: "demo" }) },
          });
          const body = (await res.json()) as unknown[];
          if (res.status !== 200 || body.length === 0) throw new Error(`REST inbox: ${res.status}, ${body.length} tasks`);
        }, SAMPLES);
        const engineTimes = await timeMany((i) => engine.getTasks(engineQuery(CLERKS[i % CLERKS.length])), SAMPLES);
        rows.push({ dialect, openTasks: size, query: "REST GET /task?candidateGroup&sortBy=created (ms)", ...latencySummary(restTimes) });
        rows.push({ dialect, openTasks: size, query: "engine getTasks(involvedUser, candidateGroups) (ms)", ...latencySummary(engineTimes) });
        plans.push({ dialect, openTasks: size, query: "REST candidateGroup", plan: await explain(db, engine, seen, restEquivalentQuery(CLERKS[0])) });
        plans.push({ dialect, openTasks: size, query: "engine involvedUser", plan: await explain(db, engine, seen, engineQuery(CLERKS[0])) });
        console.log(`  REST p95 ${latencySummary(restTimes).p95} ms, engine p95 ${latencySummary(engineTimes).p95} ms`);
      }
    } finally {
      await server.stop();
      await db.close();
      await database.drop();
    }
  }
  printTable("Task inbox latency (50 newest, per call)", rows);
  for (const p of plans) console.log(`\n### plan: ${p.dialect} ${p.openTasks.toLocaleString("en-US")} tasks, ${p.query}\n${p.plan}`);
  const file = writeResult("inbox", { latency: rows, plans }, { samples: SAMPLES, quick });
  console.log(`\nwrote ${file}`);
}

await main();
