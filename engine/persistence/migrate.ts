// Applies pending Prisma migrations (prisma/<provider>/migrations) through our own connection, in
// milliseconds instead of the CLI's seconds, recording them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does (same checksum), so the Prisma CLI sees the same state afterwards.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "./db";

const prismaDir = path.resolve(import.meta.dirname, "../../prisma");

export interface MigrationResult {
  applied: string[];
  total: number;
}

export async function migrate(db: Db): Promise<MigrationResult> {
  const provider = db.dialect === "postgres" ? "postgresql" : "sqlite";
  const dir = path.join(prismaDir, provider, "migrations");
  const names = existsSync(dir) ? readdirSync(dir).filter((d) => /^\d+_/.test(d)).sort() : [];
  await db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" ${ts(db)},
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" ${ts(db)},
    "started_at" ${ts(db)} NOT NULL DEFAULT CURRENT_TIMESTAMP, "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
  // Several nodes may start at once on one PostgreSQL: an advisory lock lets one migrate at a time.
  const applied: string[] = [];
  await db.transaction(async (tx) => {
    if (db.dialect === "postgres") await tx.get("SELECT pg_advisory_xact_lock(72942)");
    const done = new Set((await tx.all<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)).map((r) => r.migration_name));
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      for (const statement of splitStatements(sql)) await tx.run(statement);
      const now = db.dialect === "postgres" ? new Date().toISOString() : Date.now();
      await tx.run(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        [randomUUID(), createHash("sha256").update(sql).digest("hex"), now, name, now]);
      applied.push(name);
    }
  });
  return { applied, total: names.length };
}

function ts(db: Db): string {
  return db.dialect === "postgres" ? "TIMESTAMPTZ" : "DATETIME";
}

/** Splits a generated migration file into statements (Prisma's files have no semicolons inside strings). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, "").trim())
    .filter((s) => s.length > 0);
}
