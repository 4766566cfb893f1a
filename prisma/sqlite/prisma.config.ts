import path from "node:path";
import { defineConfig } from "prisma/config";
import "../unrefLongTimers";
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

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new SqliteForMigrate({ url: "file:" + dbFile });
  },
});
