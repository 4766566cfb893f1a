// The unit of work of one command: every row the command loaded or created, and what it changed. At the
// end of the command, flush() writes inserts, changed rows (found by comparing with the loaded snapshot)
// and deletes, with optimistic locking on versioned tables, inside the command's transaction.
import { OptimisticLockError } from "../errors";
import type { Queryable } from "./db";
import { fromRow, sqlFor, Tables, toParams, updateParams, type EntityTypes, type TableName, type TableSpec } from "./tables";

interface Tracked<T> {
  entity: T;
  state: "new" | "loaded" | "deleted" | "deletedNew";
  snapshot?: string;
}

export class UnitOfWork {
  private readonly stores = new Map<TableName, Map<string, Tracked<any>>>();
  /** process instances this command read: id → root revision at load time */
  readonly loadedInstances = new Map<string, number>();

  constructor(readonly tx: Queryable) {}

  private store<K extends TableName>(table: K): Map<string, Tracked<EntityTypes[K]>> {
    let s = this.stores.get(table);
    if (!s) {
      s = new Map();
      this.stores.set(table, s);
    }
    return s;
  }

  insert<K extends TableName>(table: K, entity: EntityTypes[K]): EntityTypes[K] {
    this.store(table).set((entity as any).id, { entity, state: "new" });
    return entity;
  }

  /** Adopts rows read from the database (a row already tracked keeps its in-memory version). */
  adopt<K extends TableName>(table: K, rows: Record<string, any>[]): EntityTypes[K][] {
    const s = this.store(table);
    const spec = Tables[table];
    return rows.map((row) => {
      const existing = s.get(row.id);
      if (existing) return existing.entity;
      const entity = fromRow<EntityTypes[K]>(spec, row);
      s.set(row.id, { entity, state: "loaded", snapshot: JSON.stringify(toParams(spec, entity as any)) });
      return entity;
    }).filter((e) => {
      const t = s.get((e as any).id)!;
      return t.state === "new" || t.state === "loaded";
    });
  }

  async load<K extends TableName>(table: K, where: string, params: (string | number | null)[]): Promise<EntityTypes[K][]> {
    const rows = await this.tx.all(`SELECT * FROM "${Tables[table].table}" WHERE ${where}`, params);
    return this.adopt(table, rows);
  }

  get<K extends TableName>(table: K, id: string): EntityTypes[K] | undefined {
    const t = this.store(table).get(id);
    return t && (t.state === "new" || t.state === "loaded") ? t.entity : undefined;
  }

  isKnown(table: TableName, id: string): boolean {
    return this.store(table).has(id);
  }

  delete<K extends TableName>(table: K, entity: EntityTypes[K]): void {
    const t = this.store(table).get((entity as any).id);
    if (!t) return;
    if (t.state === "new") t.state = "deletedNew";
    else if (t.state === "loaded") t.state = "deleted";
  }

  /** Live entities of a table matching a predicate (instances are small: a scan is cheaper than indexes). */
  find<K extends TableName>(table: K, predicate: (e: EntityTypes[K]) => boolean): EntityTypes[K][] {
    const out: EntityTypes[K][] = [];
    for (const t of this.store(table).values()) if ((t.state === "new" || t.state === "loaded") && predicate(t.entity)) out.push(t.entity);
    return out;
  }

  findOne<K extends TableName>(table: K, predicate: (e: EntityTypes[K]) => boolean): EntityTypes[K] | undefined {
    for (const t of this.store(table).values()) if ((t.state === "new" || t.state === "loaded") && predicate(t.entity)) return t.entity;
    return undefined;
  }

  hasChanges(): boolean {
    for (const [table, s] of this.stores) {
      const spec = Tables[table];
      for (const t of s.values()) {
        if (t.state === "new" || t.state === "deleted") return true;
        if (t.state === "loaded" && JSON.stringify(toParams(spec, t.entity)) !== t.snapshot) return true;
      }
    }
    return false;
  }

  async flush(): Promise<void> {
    const tx = this.tx;
    const dialect = tx.dialect;
    // 1. Optimistic lock on every process instance the command read: a concurrent command on the same
    //    instance bumped the root revision first → conflict → the executor retries from scratch.
    const executions = this.store("execution");
    for (const [id, revision] of this.loadedInstances) {
      const root = executions.get(id);
      if (root && root.state === "new") continue;
      const n = await tx.run(`UPDATE "execution" SET "revision" = "revision" + 1 WHERE "id" = ? AND "revision" = ?`, [id, revision]);
      if (n !== 1) throw new OptimisticLockError(`process instance ${id} was changed by another command`);
      if (root) root.entity.revision = revision + 1;
      if (root && root.state === "loaded") {
        // keep the loaded snapshot (so field changes still get written) but with the bumped revision
        const revisionIndex = Tables.execution.columns.findIndex((c) => c.field === "revision");
        const snapshot = JSON.parse(root.snapshot!);
        snapshot[revisionIndex] = revision + 1;
        root.snapshot = JSON.stringify(snapshot);
      }
    }
    // 2. Rows: updates of changed rows, deletes, then inserts. On PostgreSQL a table's new rows go in one
    //    multi-row INSERT: each statement is a network round trip there (a start writes ~15 rows into 8
    //    tables), while SQLite's per-row prepared statement is already the cheapest way.
    for (const [table, s] of this.stores) {
      const spec = Tables[table];
      const sql = sqlFor(spec, dialect);
      const inserts: (string | number | Buffer | null)[][] = [];
      for (const t of s.values()) {
        const e = t.entity as any;
        if (t.state === "new") {
          inserts.push(toParams(spec, e));
        } else if (t.state === "loaded") {
          const now = JSON.stringify(toParams(spec, e));
          if (now === t.snapshot) continue;
          const n = await tx.run(sql.update, updateParams(spec, e));
          if (n !== 1) throw new OptimisticLockError(`${spec.table} ${e.id} was changed or removed by another command`);
          if (spec.versioned) e.revision += 1;
        } else if (t.state === "deleted") {
          const n = await tx.run(sql.del, spec.versioned ? [e.id, e.revision] : [e.id]);
          if (n !== 1 && spec.versioned) throw new OptimisticLockError(`${spec.table} ${e.id} was changed or removed by another command`);
        }
      }
      if (dialect === "postgres" && inserts.length > 1) {
        for (let i = 0; i < inserts.length; i += MAX_ROWS_PER_INSERT) {
          const chunk = inserts.slice(i, i + MAX_ROWS_PER_INSERT);
          await tx.run(multiRowInsert(spec, chunk.length), chunk.flat());
        }
      } else {
        for (const params of inserts) await tx.run(sql.insert, params);
      }
    }
  }
}

/** Rows per multi-row INSERT (PostgreSQL allows 65,535 parameters; the widest table has 23 columns). */
const MAX_ROWS_PER_INSERT = 200;
const multiRowSql = new Map<string, string>();
function multiRowInsert(spec: TableSpec, rows: number): string {
  const key = `${spec.table}:${rows}`;
  let sql = multiRowSql.get(key);
  if (!sql) {
    const tuple = `(${spec.columns.map(() => "?").join(", ")})`;
    sql = `INSERT INTO "${spec.table}" (${spec.columns.map((c) => `"${c.column}"`).join(", ")}) VALUES ${Array.from({ length: rows }, () => tuple).join(", ")}`;
    multiRowSql.set(key, sql);
  }
  return sql;
}
