// The committed per-provider schemas must be exactly what derive.ts makes from prisma/schema/, and
// each provider's migrations must reproduce the schema (checked by applying them to a fresh database
// and comparing the table/column lists of both providers).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { openDatabase } from "../engine/persistence/db";
import { migrate } from "../engine/persistence/migrate";
import { freshDatabaseUrl } from "../engine/testing";
import { derivedSchema, providers, schemaDir } from "./derive";

describe("prisma schema sources", () => {
  for (const provider of providers) {
    test(`prisma/${provider}/schema is derived from prisma/schema`, () => {
      const expected = derivedSchema(provider);
      const actual = readdirSync(schemaDir(provider)).filter((f) => f.endsWith(".prisma")).sort();
      expect(actual).toEqual([...expected.keys()].sort());
      for (const [name, text] of expected) expect(readFileSync(path.join(schemaDir(provider), name), "utf8"), name).toBe(text);
    });
  }

  test("the migrations create every model's table with its columns", async () => {
    const db = await openDatabase(await freshDatabaseUrl());
    await migrate(db);
    const schema = [...derivedSchema("sqlite").values()].join("\n");
    const models = [...schema.matchAll(/model \w+ \{([\s\S]*?)\n\}/g)].map((m) => m[1]);
    for (const body of models) {
      const table = /@@map\("([^"]+)"\)/.exec(body)?.[1];
      expect(table, "every model maps to a snake_case table").toBeTruthy();
      const columns = [...body.matchAll(/^\s+(\w+)\s+\w+[?\]]*(?:\s.*@map\("([^"]+)"\))?/gm)].filter((m) => !m[1].startsWith("@@")).map((m) => m[2] ?? m[1]);
      expect(columns.length, `${table} has columns`).toBeGreaterThan(2);
      const sql = db.dialect === "postgres"
        ? `SELECT column_name AS name FROM information_schema.columns WHERE table_name = ?`
        : `SELECT name FROM pragma_table_info(?)`;
      const actual = new Set((await db.all<{ name: string }>(sql, [table!])).map((r) => r.name));
      for (const c of columns) expect(actual.has(c), `${table}.${c}`).toBe(true);
    }
    await db.close();
  });
});
