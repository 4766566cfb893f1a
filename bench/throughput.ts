// Benchmark 1: engine throughput in process (no HTTP). Instances per second of model A (user task) and
// model B (external task + parallel split/join) on SQLite and PostgreSQL with 1 and 2 concurrent callers,
// next to two baselines measured in the same run, interleaved run by run so noise hits all alike:
//   - bpmn-engine (npm, in memory, same BPMN files): the per-step CPU upper bound;
//   - raw better-sqlite3 / pg inserts of as many rows per instance, in as many transactions: the storage ceiling.
// Also counts SQL statements and written rows per command (the profile of where round trips go).
import path from "node:path";
import { createEngine, createEngineOnDb, migrate, openDatabase, type Engine } from "../engine";
import { bpmnEngineBaseline } from "./lib/bpmnEngineBaseline";
import { countingDb, StatementCounter, type StatementCounts } from "./lib/countingDb";
import { freshBenchDatabase, postgresAvailable, type BenchDialect } from "./lib/databases";
import { deployBenchModels, drive, emptyFetches, lifecycle, modelA, modelB, TOPIC_B, type ModelName } from "./lib/models";
import { rawPgBaseline, rawSqliteBaseline } from "./lib/rawBaseline";
import { printTable, quick, writeResult } from "./lib/report";
import { median, round } from "./lib/stats";

const RUNS = quick ? 1 : 3;
const INSTANCES = quick ? 100 : 1500;
/** PostgreSQL with durable commits is bound by the disk's fsync (~8 ms per commit here): fewer instances. */
const INSTANCES_DURABLE_PG = quick ? 60 : 400;
/** bpmn-engine costs ~15 ms per instance (its in-memory message broker): enough to get a stable rate. */
const BPMN_ENGINE_INSTANCES = quick ? 50 : 200;

interface Variant { name: string; dialect: BenchDialect; settings?: Record<string, string>; instances: number }
const WARMUP = quick ? 30 : 200;
const COUNT_SAMPLE = quick ? 20 : 100;

interface CommandProfile { command: string; transactions: number; select: number; insert: number; update: number; delete: number; rowsWritten: number }

function perCommand(name: string, c: StatementCounts, n: number): CommandProfile {
  return {
    command: name, transactions: round(c.transactions / n, 2), select: round(c.select / n, 2), insert: round(c.insert / n, 2),
    update: round(c.update / n, 2), delete: round(c.delete / n, 2), rowsWritten: round(c.rowsWritten / n, 2),
  };
}

/** Statements and rows per command of each model, on an engine whose database access is counted. */
async function profileStatements(url: string, dialect: BenchDialect): Promise<Record<ModelName, CommandProfile[]>> {
  const db = await openDatabase(url);
  await migrate(db);
  const counter = new StatementCounter();
  const engine = createEngineOnDb(countingDb(db, counter), {});
  await deployBenchModels(engine);
  const tasks = new Map<string, string>();
  engine.on("taskCreated", (e) => tasks.set(e.processInstanceId, e.id));
  const out = {} as Record<ModelName, CommandProfile[]>;
  // model A: start, complete
  for (let i = 0; i < 10; i++) await lifecycle(engine, "A").runOne(i, "w"); // warm the definition cache
  counter.reset();
  const ids: string[] = [];
  for (let i = 0; i < COUNT_SAMPLE; i++) ids.push((await engine.startProcessInstanceByKey("benchA", { businessKey: `count-${i}`, variables: { area: 250, countyCode: "330106" } })).id);
  const startA = counter.counts;
  counter.reset();
  for (const id of ids) await engine.completeTask(tasks.get(id)!, { variables: { approved: true } });
  out.A = [perCommand("start", startA, COUNT_SAMPLE), perCommand("completeTask", counter.counts, COUNT_SAMPLE)];
  // model B: start, fetchAndLock, complete
  counter.reset();
  for (let i = 0; i < COUNT_SAMPLE; i++) await engine.startProcessInstanceByKey("benchB", { businessKey: `count-${i}`, variables: { countyCode: "330106" } });
  const startB = counter.counts;
  counter.reset();
  const locked = [];
  for (let i = 0; i < COUNT_SAMPLE; i++) locked.push(...await engine.fetchAndLock({ workerId: "w", maxTasks: 1, topics: [{ topicName: TOPIC_B, lockDuration: 60_000 }] }));
  const fetchB = counter.counts;
  counter.reset();
  for (const t of locked) await engine.completeExternalTask(t.id, "w");
  out.B = [perCommand("start", startB, COUNT_SAMPLE), perCommand("fetchAndLock", fetchB, COUNT_SAMPLE), perCommand("completeExternalTask", counter.counts, COUNT_SAMPLE)];
  await engine.close();
  void dialect;
  return out;
}

function totals(profile: CommandProfile[]): { transactions: number; rowsWritten: number; statements: number } {
  return {
    transactions: Math.round(profile.reduce((s, p) => s + p.transactions, 0)),
    rowsWritten: Math.round(profile.reduce((s, p) => s + p.rowsWritten, 0)),
    statements: round(profile.reduce((s, p) => s + p.select + p.insert + p.update + p.delete, 0), 1),
  };
}

async function main() {
  const pgUp = await postgresAvailable();
  if (!pgUp) console.log("PostgreSQL not reachable: SQLite only");
  // SQLite runs WAL with synchronous=NORMAL: a commit is durable against a process crash, not an OS crash
  // (no fsync per commit). PostgreSQL's default fsyncs every commit; synchronous_commit=off is the
  // PostgreSQL setting with SQLite's guarantee (crash-safe, may lose the last commits on an OS crash).
  const variants: Variant[] = [
    { name: "sqlite", dialect: "sqlite", instances: INSTANCES },
    ...(pgUp ? [
      { name: "postgres", dialect: "postgres" as const, instances: INSTANCES_DURABLE_PG },
      { name: "postgres synchronous_commit=off", dialect: "postgres" as const, settings: { synchronous_commit: "off" }, instances: INSTANCES },
    ] : []),
  ];
  const results: any[] = [];
  const profiles: Record<string, Record<ModelName, CommandProfile[]>> = {};
  for (const variant of variants) {
    const dialect = variant.dialect;
    const database = await freshBenchDatabase(dialect, "tp", variant.settings);
    const engines: Engine[] = [];
    try {
      if (!profiles[dialect]) profiles[dialect] = await profileStatements(database.url, dialect);
      const engine: Engine = await createEngine({ databaseUrl: database.url });
      engines.push(engine);
      await deployBenchModels(engine);
      for (const model of ["A", "B"] as ModelName[]) {
        const { runOne, dispose } = lifecycle(engine, model);
        await drive(WARMUP, 2, runOne);
        const t = totals(profiles[dialect][model]);
        for (const callers of [1, 2]) {
          const jintu: number[] = [];
          const raw: number[] = [];
          const bpe: number[] = [];
          for (let run = 0; run < RUNS; run++) {
            jintu.push(await drive(variant.instances, callers, runOne));
            raw.push(dialect === "sqlite"
              ? await rawSqliteBaseline(path.join(path.dirname(database.url.replace(/^file:/, "")), `raw-${model}-${callers}-${run}.db`), variant.instances, t.rowsWritten, t.transactions, callers)
              : await rawPgBaseline(database.url, variant.instances, t.rowsWritten, t.transactions, callers));
            bpe.push(await bpmnEngineBaseline(model === "A" ? modelA : modelB, model, BPMN_ENGINE_INSTANCES, callers));
          }
          const row = {
            database: variant.name, model, callers,
            "jintu inst/s": round(median(jintu)), "raw inserts inst/s": round(median(raw)), "bpmn-engine inst/s": round(median(bpe)),
            "jintu/raw": round(median(jintu) / median(raw), 3), "jintu/bpmn-engine": round(median(jintu) / median(bpe), 2),
            "rows/inst": t.rowsWritten, "tx/inst": t.transactions, "stmts/inst": t.statements,
            runs: { jintu: jintu.map((v) => round(v)), raw: raw.map((v) => round(v)), bpmnEngine: bpe.map((v) => round(v)) },
          };
          results.push(row);
          console.log(`${variant.name} model ${model} callers ${callers}: jintu ${row["jintu inst/s"]}/s, raw ${row["raw inserts inst/s"]}/s, bpmn-engine ${row["bpmn-engine inst/s"]}/s`);
        }
        dispose();
      }
    } catch (error) {
      console.error(`${variant.name}: ${(error as Error).stack ?? error}`);
      throw error;
    } finally {
      // close before dropping: DROP … WITH (FORCE) would otherwise kill connections still in use
      for (const e of engines) await e.close().catch(() => undefined);
      await database.drop();
    }
  }
  printTable("Engine throughput (instances/s, median of runs)", results.map(({ runs: _runs, ...r }) => r));
  for (const [dialect, byModel] of Object.entries(profiles)) {
    printTable(`SQL per command on ${dialect} (per call)`, Object.entries(byModel).flatMap(([model, rows]) => rows.map((r) => ({ model, ...r }))));
  }
  console.log(`\nmodel B fetches that found nothing and polled again: ${emptyFetches}`);
  const file = writeResult("throughput", { results, statementsPerCommand: profiles, emptyFetches }, { runs: RUNS, instancesPerRun: Object.fromEntries(variants.map((v) => [v.name, v.instances])), quick });
  console.log(`\nwrote ${file}`);
}

await main();
