// audit_log: append-only. Nothing in Jintu updates or deletes these rows.
import { randomUUID } from "node:crypto";
import type { Db, SqlValue } from "../../engine";

export interface AuditEntry {
  id: string;
  time: Date;
  userId: string | null;
  region: string | null;
  action: string;
  target: string | null;
  clientAddress: string | null;
  status: number;
}

export interface AuditQuery {
  userId?: string;
  action?: string;
  /** only rows whose region is one of these (null = any region, including rows without one) */
  regions?: string[] | null;
  from?: Date;
  to?: Date;
  firstResult?: number;
  maxResults?: number;
}

interface AuditRow { id: string; time: number; user_id: string | null; region: string | null; action: string; target: string | null; client_address: string | null; status: number }

export class AuditRepository {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly db: Db) {}

  /** Waits for rows still being written (before the database closes). */
  async drain(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  append(entry: Omit<AuditEntry, "id">): Promise<void> {
    const write = this.insert(entry);
    this.pending.add(write);
    void write.catch(() => undefined).finally(() => this.pending.delete(write));
    return write;
  }

  private async insert(entry: Omit<AuditEntry, "id">): Promise<void> {
    await this.db.run(
      `INSERT INTO audit_log (id, time, user_id, region, action, target, client_address, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), entry.time.getTime(), entry.userId, entry.region, entry.action, entry.target, entry.clientAddress, entry.status]);
  }

  private where(q: AuditQuery): { sql: string; params: SqlValue[] } {
    const clauses: string[] = [];
    const params: SqlValue[] = [];
    if (q.userId) { clauses.push("user_id = ?"); params.push(q.userId); }
    if (q.action) { clauses.push("action LIKE ?"); params.push(`%${q.action}%`); }
    if (q.from) { clauses.push("time >= ?"); params.push(q.from.getTime()); }
    if (q.to) { clauses.push("time < ?"); params.push(q.to.getTime()); }
    if (q.regions) {
      if (!q.regions.length) clauses.push("1 = 0");
      else { clauses.push(`region IN (${q.regions.map(() => "?").join(", ")})`); params.push(...q.regions); }
    }
    return { sql: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params };
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    const { sql, params } = this.where(q);
    const rows = await this.db.all<AuditRow>(
      `SELECT * FROM audit_log ${sql} ORDER BY time DESC, id LIMIT ? OFFSET ?`,
      [...params, q.maxResults ?? 100, q.firstResult ?? 0]);
    return rows.map((r) => ({
      id: r.id, time: new Date(Number(r.time)), userId: r.user_id, region: r.region, action: r.action, target: r.target,
      clientAddress: r.client_address, status: Number(r.status),
    }));
  }

  async count(q: AuditQuery): Promise<number> {
    const { sql, params } = this.where(q);
    const row = await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM audit_log ${sql}`, params);
    return Number(row?.n ?? 0);
  }
}
