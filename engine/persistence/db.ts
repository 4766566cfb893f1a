// One small SQL access layer over the two supported databases, used by the engine's persistence and by
// the server's repositories. SQL is written once with `?` placeholders; for PostgreSQL they become $1…$n.
// Statements are prepared once and cached (better-sqlite3 prepare / pg named statements): the engine's hot
// path runs a few statements per step, and re-parsing them would cost more than executing them.
import Database from "better-sqlite3";
import pg from "pg";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";

export type Dialect = "sqlite" | "postgres";
export type SqlValue = string | number | bigint | boolean | Buffer | null;
export type Row = Record<string, any>;

/** Queries available inside and outside a transaction. */
export interface Queryable {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; returns the number of changed rows. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Db extends Queryable {
  readonly url: string;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export async function openDatabase(url: string): Promise<Db> {
  return dialectOf(url) === "postgres" ? openPostgres(url) : openSqlite(url);
}

// ---------------------------------------------------------------------------------------------- SQLite

function sqliteFile(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  return url.replace(/^file:/, "");
}

function toSqliteParam(v: SqlValue): SqlValue {
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

const sqliteQueues = new Map<string | symbol, { queue: Promise<unknown> }>();

async function openSqlite(url: string): Promise<Db> {
  const file = sqliteFile(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  // WAL lets readers run beside the single writer; the busy timeout makes a second process wait for the
  // write lock instead of failing at once.
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 10000");
  db.pragma("synchronous = NORMAL");
  // A command dirties ~40 pages (rows plus their indexes), so the default auto-checkpoint (1,000 pages)
  // ran a checkpoint with two fsyncs inside every ~25th COMMIT. 10,000 pages (~40 MB of WAL) amortizes
  // them: +25–30 % instances/s in bench/throughput.ts. The WAL is reused, not grown, after a checkpoint.
  db.pragma("wal_autocheckpoint = 10000");
  db.pragma("foreign_keys = ON");
  db.defaultSafeIntegers(false);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
  const q: Queryable = {
    dialect: "sqlite",
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).all(...params.map(toSqliteParam)) as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).get(...params.map(toSqliteParam)) as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return prepare(sql).run(...params.map(toSqliteParam)).changes;
    },
  };
  // better-sqlite3 is synchronous but our transaction bodies are async: two of them must never interleave
  // on the one connection, so transactions queue behind each other in this process. Across processes,
  // BEGIN IMMEDIATE takes SQLite's write lock up front (no deadlock-prone lock upgrade).
  // Connections to the same file in this process share the queue: better-sqlite3 would otherwise block
  // the event loop in the busy handler while the transaction holding the lock waits for that loop.
  const key = file === ":memory:" ? Symbol("memory") : path.resolve(file);
  const shared = sqliteQueues.get(key) ?? { queue: Promise.resolve() as Promise<unknown> };
  sqliteQueues.set(key, shared);
  return {
    ...q,
    url,
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const result = shared.queue.then(async () => {
        prepare("BEGIN IMMEDIATE").run();
        try {
          const value = await fn(q);
          prepare("COMMIT").run();
          return value;
        } catch (error) {
          if (db.inTransaction) prepare("ROLLBACK").run();
          throw error;
        }
      });
      shared.queue = result.catch(() => undefined);
      return result;
    },
    async exec(script: string) {
      db.exec(script);
    },
    async close() {
      await shared.queue;
      db.close();
    },
  };
}

// ------------------------------------------------------------------------------------------ PostgreSQL

// BIGINT (epoch milliseconds, counters) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// NUMERIC/float8 come back as numbers already for float8; numeric is not used by the schema.

const placeholderCache = new Map<string, { text: string; name: string }>();
function toPg(sql: string): { text: string; name: string } {
  let cached = placeholderCache.get(sql);
  if (!cached) {
    let i = 0;
    const text = sql.replace(/\?/g, () => `$${++i}`);
    cached = { text, name: "s" + createHash("sha1").update(text).digest("hex").slice(0, 16) };
    placeholderCache.set(sql, cached);
  }
  return cached;
}

function pgQueryable(client: pg.Pool | pg.PoolClient): Queryable {
  const query = async (sql: string, params: readonly SqlValue[]) => {
    const { text, name } = toPg(sql);
    // Named statements are prepared once per connection by pg and reused afterwards.
    return client.query({ name, text, values: params as unknown[] });
  };
  return {
    dialect: "postgres",
    async all<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rows as T[];
    },
    async get<T>(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rows[0] as T | undefined;
    },
    async run(sql: string, params: readonly SqlValue[] = []) {
      return (await query(sql, params)).rowCount ?? 0;
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.JINTU_PG_POOL ?? 10) });
  pool.on("error", () => undefined); // an idle client dropped by the server is replaced on next use
  const q = pgQueryable(pool);
  return {
    ...q,
    url,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const value = await fn(pgQueryable(client));
        await client.query("COMMIT");
        return value;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(script: string) {
      await pool.query(script);
    },
    async close() {
      await pool.end();
    },
  };
}
