// Locking queries on the hot path: job acquisition and external-task fetch-and-lock. On PostgreSQL,
// `FOR UPDATE SKIP LOCKED` lets many nodes acquire side by side without ever handing one row to two of
// them; on SQLite the transaction holds the single write lock (BEGIN IMMEDIATE), which serializes them.
import type { FetchTopic } from "../api";
import type { Db, Queryable } from "./db";

export async function acquireJobs(db: Db, owner: string, now: number, lockTimeMs: number, max: number): Promise<string[]> {
  return db.transaction(async (tx) => {
    const skip = tx.dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : "";
    const rows = await tx.all<{ id: string }>(
      `SELECT "id" FROM "job" WHERE "due_date" <= ? AND "retries" > 0 AND "suspended" = 0 AND ("lock_expiration" IS NULL OR "lock_expiration" < ?) ORDER BY "due_date" LIMIT ?${skip}`,
      [now, now, max]);
    for (const r of rows) await tx.run(`UPDATE "job" SET "lock_owner" = ?, "lock_expiration" = ?, "revision" = "revision" + 1 WHERE "id" = ?`, [owner, now + lockTimeMs, r.id]);
    return rows.map((r) => r.id);
  });
}

export async function nextJobDueDate(q: Queryable): Promise<number | null> {
  const row = await q.get<{ d: number | null }>(`SELECT MIN("due_date") AS d FROM "job" WHERE "retries" > 0 AND "suspended" = 0`);
  return row?.d == null ? null : Number(row.d);
}

export interface LockedRow {
  id: string;
  topic_name: string;
  process_instance_id: string;
  execution_id: string;
  [k: string]: any;
}

/** Locks up to `maxTasks` available external tasks of the given topics for one worker. */
export async function lockExternalTasks(db: Db, workerId: string, maxTasks: number, topics: FetchTopic[], usePriority: boolean, now: number): Promise<{ row: LockedRow; topic: FetchTopic }[]> {
  if (maxTasks <= 0 || topics.length === 0) return [];
  return db.transaction(async (tx) => {
    const skip = tx.dialect === "postgres" ? " FOR UPDATE OF t SKIP LOCKED" : "";
    const out: { row: LockedRow; topic: FetchTopic }[] = [];
    for (const topic of topics) {
      if (out.length >= maxTasks) break;
      const where = [`t."topic_name" = ?`, `t."suspended" = 0`, `(t."retries" IS NULL OR t."retries" > 0)`, `(t."lock_expiration" IS NULL OR t."lock_expiration" <= ?)`];
      const params: (string | number)[] = [topic.topicName, now];
      if (topic.businessKey) { where.push(`t."business_key" = ?`); params.push(topic.businessKey); }
      if (topic.processDefinitionId) { where.push(`t."process_definition_id" = ?`); params.push(topic.processDefinitionId); }
      if (topic.processDefinitionIdIn?.length) { where.push(`t."process_definition_id" IN (${topic.processDefinitionIdIn.map(() => "?").join(",")})`); params.push(...topic.processDefinitionIdIn); }
      if (topic.processDefinitionKey) { where.push(`t."process_definition_key" = ?`); params.push(topic.processDefinitionKey); }
      if (topic.processDefinitionKeyIn?.length) { where.push(`t."process_definition_key" IN (${topic.processDefinitionKeyIn.map(() => "?").join(",")})`); params.push(...topic.processDefinitionKeyIn); }
      if (topic.tenantIdIn?.length) { where.push(`t."tenant_id" IN (${topic.tenantIdIn.map(() => "?").join(",")})`); params.push(...topic.tenantIdIn); }
      if (topic.withoutTenantId) where.push(`t."tenant_id" IS NULL`);
      const order = usePriority ? `t."priority" DESC, t."create_time"` : `t."create_time"`;
      params.push(maxTasks - out.length);
      const rows = await tx.all<LockedRow>(`SELECT t.* FROM "external_task" t WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?${skip}`, params);
      for (const row of rows) {
        const until = now + Math.max(0, Number(topic.lockDuration) || 0);
        await tx.run(`UPDATE "external_task" SET "worker_id" = ?, "lock_expiration" = ?, "revision" = "revision" + 1 WHERE "id" = ?`, [workerId, until, row.id]);
        row.worker_id = workerId;
        row.lock_expiration = until;
        row.revision = Number(row.revision) + 1;
        out.push({ row, topic });
      }
    }
    return out;
  });
}
