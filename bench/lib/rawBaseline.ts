// Baseline: the storage ceiling. Raw better-sqlite3 / pg writes of as many rows per instance as the Jintu
// engine writes, in as many transactions as it runs commands per instance, through prepared statements on
// a table as wide as the engine's task table. No engine logic at all: what the database alone costs.
import Database from "better-sqlite3";
import pg from "pg";
import { randomUUID } from "node:crypto";

const COLUMNS = ["id", "a", "b", "c", "d", "e", "f", "g", "h", "n1", "n2", "n3"];
const DDL = `CREATE TABLE IF NOT EXISTS "bench_row" ("id" TEXT PRIMARY KEY, "a" TEXT, "b" TEXT, "c" TEXT, "d" TEXT, "e" TEXT, "f" TEXT, "g" TEXT, "h" TEXT, "n1" BIGINT, "n2" BIGINT, "n3" INTEGER)`;

function rowValues(i: number): (string | number)[] {
  const id = randomUUID();
  return [id, `process-${i}`, id, "benchA", "benchA:1:" + i, "review", "land-reviewer@330106", "330106", null as unknown as string, Date.now(), i, 1];
}

/** Splits `rowsPerInstance` rows over `transactionsPerInstance` transactions as evenly as possible. */
function plan(rowsPerInstance: number, transactionsPerInstance: number): number[] {
  const base = Math.floor(rowsPerInstance / transactionsPerInstance);
  const extra = rowsPerInstance - base * transactionsPerInstance;
  return Array.from({ length: transactionsPerInstance }, (_, i) => base + (i < extra ? 1 : 0));
}

export async function rawSqliteBaseline(file: string, total: number, rowsPerInstance: number, transactionsPerInstance: number, callers: number): Promise<number> {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(DDL);
  const insert = db.prepare(`INSERT INTO "bench_row" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`);
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const txs = plan(rowsPerInstance, transactionsPerInstance);
  // callers interleave as async loops on one connection, as the engine's do (its transactions queue)
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async () => {
    for (let i = next++; i < total; i = next++) {
      for (const rows of txs) {
        begin.run();
        for (let r = 0; r < rows; r++) insert.run(...rowValues(i));
        commit.run();
        await Promise.resolve();
      }
    }
  }));
  const rate = total / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

export async function rawPgBaseline(url: string, total: number, rowsPerInstance: number, transactionsPerInstance: number, callers: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: callers });
  await pool.query(DDL);
  const text = `INSERT INTO "bench_row" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})`;
  const txs = plan(rowsPerInstance, transactionsPerInstance);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async () => {
    const client = await pool.connect();
    try {
      for (let i = next++; i < total; i = next++) {
        for (const rows of txs) {
          await client.query("BEGIN");
          for (let r = 0; r < rows; r++) await client.query({ name: "bench_insert", text, values: rowValues(i) });
          await client.query("COMMIT");
        }
      }
    } finally {
      client.release();
    }
  }));
  const rate = total / ((performance.now() - t0) / 1000);
  await pool.end();
  return rate;
}
