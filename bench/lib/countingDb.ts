// Wraps the engine's Db to count SQL statements and written rows by kind and table: how many round trips a
// command costs, and how many rows an instance writes (the raw-driver baseline writes as many).
import type { Db, Queryable, SqlValue } from "../../engine/persistence/db";

export interface StatementCounts {
  transactions: number;
  select: number;
  insert: number;
  update: number;
  delete: number;
  other: number;
  /** rows changed by INSERT/UPDATE/DELETE */
  rowsWritten: number;
  byTable: Record<string, { insert: number; update: number; delete: number }>;
}

export function emptyCounts(): StatementCounts {
  return { transactions: 0, select: 0, insert: 0, update: 0, delete: 0, other: 0, rowsWritten: 0, byTable: {} };
}

export class StatementCounter {
  counts = emptyCounts();
  enabled = true;

  reset(): void {
    this.counts = emptyCounts();
  }

  note(sql: string, changed?: number): void {
    if (!this.enabled) return;
    const m = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.exec(sql);
    const kind = (m?.[1] ?? "other").toLowerCase();
    const c = this.counts;
    if (kind === "select" || kind === "with") c.select++;
    else if (kind === "insert" || kind === "update" || kind === "delete") {
      c[kind]++;
      c.rowsWritten += changed ?? 0;
      const table = /(?:INTO|UPDATE|FROM)\s+"?(\w+)"?/i.exec(sql)?.[1] ?? "?";
      const t = (c.byTable[table] ??= { insert: 0, update: 0, delete: 0 });
      t[kind] += changed ?? 0;
    } else c.other++;
  }
}

function wrapQueryable(q: Queryable, counter: StatementCounter): Queryable {
  return {
    dialect: q.dialect,
    async all(sql: string, params?: readonly SqlValue[]) {
      counter.note(sql);
      return q.all(sql, params);
    },
    async get(sql: string, params?: readonly SqlValue[]) {
      counter.note(sql);
      return q.get(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]) {
      const n = await q.run(sql, params);
      counter.note(sql, n);
      return n;
    },
  } as Queryable;
}

export function countingDb(db: Db, counter: StatementCounter): Db {
  const top = wrapQueryable(db, counter);
  return {
    ...top,
    url: db.url,
    transaction(fn) {
      if (counter.enabled) counter.counts.transactions++;
      return db.transaction((tx) => fn(wrapQueryable(tx, counter)));
    },
    exec: (script) => db.exec(script),
    close: () => db.close(),
  };
}
