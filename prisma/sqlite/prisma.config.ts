import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const dbFile = path.join(import.meta.dirname, process.env.SQLITE_FILE ?? "dev.db");

// The wasm schema engine replays migration files on the shadow DB via executeRaw(), but
// better-sqlite3's prepare() accepts one statement only ("The supplied SQL string contains more
// than one statement") -> P3006 "failed to apply cleanly to the shadow database". Fall back to exec().
function multiStatement<T extends { executeRaw(q: any): Promise<number>; executeScript(s: string): Promise<void> }>(a: T): T {
  const executeRaw = a.executeRaw.bind(a);
  a.executeRaw = async (q: any) => {
    try { return await executeRaw(q); }
    catch (e: any) {
      if (q.args?.length === 0 && /more than one statement/.test(String(e?.message))) { await a.executeScript(q.sql); return 0; }
      throw e;
    }
  };
  return a;
}
class SqliteForMigrate extends PrismaBetterSQLite3 {
  override async connect() { return multiStatement(await super.connect()); }
  override async connectToShadowDb() { return multiStatement(await super.connectToShadowDb()); }
}

// The wasm engine leaves an uncancelled 10 s / 60 s timer behind (db push, migrate deploy),
// so the CLI lingers before exiting; unref long timers (this file only runs inside the CLI).
const _setTimeout = globalThis.setTimeout;
(globalThis as any).setTimeout = (fn: any, ms?: number, ...a: any[]) => {
  const t = _setTimeout(fn, ms, ...a);
  if ((ms ?? 0) >= 10_000) (t as any).unref?.();
  return t;
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new SqliteForMigrate({ url: "file:" + dbFile });
  },
});
