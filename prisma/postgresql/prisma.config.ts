import path from "node:path";
import pg from "pg";
import { defineConfig } from "prisma/config";
import "../unrefLongTimers";
import { PrismaPg } from "@prisma/adapter-pg";

// schema.prisma has url = env("DATABASE_URL"); Prisma 6 must be able to parse the schema or the CLI
// falls back to engineType "library" and tries to download libquery_engine.
process.env.DATABASE_URL ??= "postgresql://postgres:postgres@127.0.0.1:5432/probe6";
const u = new URL(process.env.DATABASE_URL);
const base = { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username),
  password: decodeURIComponent(u.password), database: u.pathname.slice(1),
  allowExitOnIdle: true // otherwise each CLI command lingers ~10 s (pg idleTimeoutMillis) after finishing
};

// prisma/orm#27403: the wasm schema engine reads catalog columns of type `name` (OID 19) and
// "char" (OID 18), which @prisma/adapter-pg rejects ("Column type 'name' could not be
// deserialized from the database"). pg already returns them as JS strings; report them as text (25).
const fixFields = (res: any) => {
  for (const r of Array.isArray(res) ? res : [res]) for (const f of r?.fields ?? []) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
  return res;
};
const origQuery = pg.Client.prototype.query as any;
(pg.Client.prototype as any).query = function (this: any, config: any, values?: any, cb?: any) {
  if (typeof values === "function") return origQuery.call(this, config, (e: any, r: any) => values(e, e ? r : fixFields(r)));
  if (typeof cb === "function") return origQuery.call(this, config, values, (e: any, r: any) => cb(e, e ? r : fixFields(r)));
  const p = origQuery.call(this, config, values);
  return p && typeof p.then === "function" ? p.then(fixFields) : p;
};

// PrismaPg.connectToShadowDb() (6.19.3 and 7.10.x) issues DROP DATABASE while its own pool is
// still connected -> "database ... is being accessed by other users". Replace it.
class PrismaPgFixedShadow extends PrismaPg {
  override async connectToShadowDb() {
    const name = `prisma_shadow_${process.pid}_${Date.now()}`;
    const admin = async (sql: string) => { const c = new pg.Client(base); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };
    await admin(`CREATE DATABASE "${name}"`);
    const adapter = await new PrismaPg({ ...base, database: name }).connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose().catch(() => {});
      await (adapter.underlyingDriver() as pg.Pool).end().catch(() => {});
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaPgFixedShadow(base);
  },
});
