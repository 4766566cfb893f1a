// Fresh databases for a benchmark run: a temporary SQLite file, or a new PostgreSQL database on the local
// server (dropped at the end). BENCH_PG_URL points at the server's admin database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";

export type BenchDialect = "sqlite" | "postgres";

export const pgAdminUrl = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  url: string;
  dialect: BenchDialect;
  drop(): Promise<void>;
}

/** `settings`: PostgreSQL parameters set on the new database (ALTER DATABASE … SET), e.g. synchronous_commit. */
export async function freshBenchDatabase(dialect: BenchDialect, label = "bench", settings: Record<string, string> = {}): Promise<BenchDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), `jintu-${label}-`));
    return { url: "file:" + path.join(dir, "bench.db"), dialect, async drop() { rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `jintu_${label}_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  for (const [k, v] of Object.entries(settings)) await admin.query(`ALTER DATABASE "${name}" SET ${k} = ${v}`);
  await admin.end();
  const u = new URL(pgAdminUrl);
  u.pathname = "/" + name;
  return {
    url: u.toString(),
    dialect,
    async drop() {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
