// Camunda's task query over the task and identity_link tables (the clerks' inbox runs on it too, so
// every filter is a sargable predicate on an indexed column).
import type { Task, TaskQuery } from "../api";
import { badRequest } from "../errors";
import type { Queryable } from "../persistence/db";
import { bool, ms, pageFor, Where } from "./sql";
import { variableFilterSql } from "./variableFilter";

const SORT_COLUMNS: Record<string, string> = {
  instanceId: `t."process_instance_id"`, processInstanceId: `t."process_instance_id"`, dueDate: `t."due_date"`, executionId: `t."execution_id"`,
  assignee: `t."assignee"`, created: `t."create_time"`, lastUpdated: `t."last_updated"`, followUpDate: `t."follow_up_date"`, description: `t."description"`,
  id: `t."id"`, name: `t."name"`, nameCaseInsensitive: `LOWER(t."name")`, priority: `t."priority"`, processDefinitionId: `t."process_definition_id"`,
  taskDefinitionKey: `t."task_definition_key"`, tenantId: `t."tenant_id"`,
};

function where(q: TaskQuery, now: number): Where {
  const w = new Where();
  w.eq(`t."id"`, q.id).in(`t."id"`, q.ids).eq(`t."assignee"`, q.assignee).like(`t."assignee"`, q.assigneeLike).in(`t."assignee"`, q.assigneeIn)
    .eq(`t."owner"`, q.owner).flag(q.unassigned, `t."assignee" IS NULL`).flag(q.assigned, `t."assignee" IS NOT NULL`)
    .eq(`t."process_instance_id"`, q.processInstanceId).in(`t."process_instance_id"`, q.processInstanceIdIn)
    .eq(`t."business_key"`, q.processInstanceBusinessKey).like(`t."business_key"`, q.processInstanceBusinessKeyLike)
    .eq(`t."process_definition_id"`, q.processDefinitionId).eq(`t."process_definition_key"`, q.processDefinitionKey)
    .in(`t."process_definition_key"`, q.processDefinitionKeyIn).eq(`t."execution_id"`, q.executionId)
    .eq(`t."task_definition_key"`, q.taskDefinitionKey).in(`t."task_definition_key"`, q.taskDefinitionKeyIn)
    .eq(`t."name"`, q.name).like(`t."name"`, q.nameLike)
    .time(`t."due_date"`, "<", q.dueBefore).time(`t."due_date"`, ">", q.dueAfter).time(`t."due_date"`, "=", q.dueDate)
    .flag(q.withoutDueDate, `t."due_date" IS NULL`)
    .time(`t."follow_up_date"`, "<", q.followUpBefore).time(`t."follow_up_date"`, ">", q.followUpAfter)
    .time(`t."create_time"`, "<", q.createdBefore).time(`t."create_time"`, ">", q.createdAfter)
    .in(`t."tenant_id"`, q.tenantIdIn).flag(q.withoutTenantId, `t."tenant_id" IS NULL`)
    .flag(q.active, `t."suspended" = 0`).flag(q.suspended, `t."suspended" = 1`).eq(`t."delegation_state"`, q.delegationState);
  // deadlines (超期 / 临期) against the engine clock
  if (q.overdue === true) w.add(`t."due_date" < ?`, now);
  if (q.overdue === false) w.add(`(t."due_date" IS NULL OR t."due_date" >= ?)`, now);
  if (q.dueSoonHours !== undefined) {
    if (!(q.dueSoonHours >= 0)) throw badRequest(`dueSoonHours must be a non-negative number of hours, got ${q.dueSoonHours}`);
    w.add(`t."due_date" >= ? AND t."due_date" <= ?`, now, now + Math.round(q.dueSoonHours * 3_600_000));
  }
  if (q.minPriority !== undefined) w.add(`t."priority" >= ?`, q.minPriority);
  if (q.maxPriority !== undefined) w.add(`t."priority" <= ?`, q.maxPriority);
  // with involvedUser the groups belong to the involvement clause below, not to a separate candidate filter
  const groups = q.involvedUser ? undefined : q.candidateGroups ?? (q.candidateGroup ? [q.candidateGroup] : undefined);
  const assignedClause = q.includeAssignedTasks ? "" : `t."assignee" IS NULL AND `;
  if (q.candidateUser || groups) {
    const linkParts: string[] = [];
    const params: (string)[] = [];
    if (q.candidateUser) { linkParts.push(`l."user_id" = ?`); params.push(q.candidateUser); }
    if (groups?.length) { linkParts.push(`l."group_id" IN (${groups.map(() => "?").join(", ")})`); params.push(...groups); }
    if (linkParts.length === 0) w.add("1 = 0");
    else w.add(`${assignedClause}EXISTS (SELECT 1 FROM "identity_link" l WHERE l."task_id" = t."id" AND (${linkParts.join(" OR ")}))`, ...params);
  }
  if (q.involvedUser) {
    // Jintu's inbox: assigned to the user, or unassigned with the user or one of his groups as candidate
    const g = q.candidateGroups ?? [];
    w.add(`(t."assignee" = ? OR (t."assignee" IS NULL AND EXISTS (SELECT 1 FROM "identity_link" l WHERE l."task_id" = t."id" AND (l."user_id" = ?${g.length ? ` OR l."group_id" IN (${g.map(() => "?").join(", ")})` : ""}))))`, q.involvedUser, q.involvedUser, ...g);
  }
  for (const f of q.processVariables ?? []) w.add(...variableFilterSql(`t."process_instance_id"`, f, "process"));
  for (const f of q.taskVariables ?? []) w.add(...variableFilterSql(`t."id"`, f, "task"));
  return w;
}

export async function queryTasks(db: Queryable, q: TaskQuery = {}, now = Date.now()): Promise<Task[]> {
  const w = where(q, now);
  const order = (q.sorting?.length ? q.sorting : [{ sortBy: "created" as const, sortOrder: "asc" as const }]).map((s) => {
    const col = SORT_COLUMNS[s.sortBy];
    if (!col) throw badRequest(`Cannot set query parameter 'sortBy' to value '${s.sortBy}'`);
    return `${col} ${s.sortOrder === "desc" ? "DESC" : "ASC"}`;
  });
  order.push(`t."id" ASC`);
  const rows = await db.all(`SELECT t.* FROM "task" t${w} ORDER BY ${order.join(", ")}${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params);
  if (rows.length === 0) return [];
  const links = await db.all<{ task_id: string; user_id: string | null; group_id: string | null }>(
    `SELECT "task_id", "user_id", "group_id" FROM "identity_link" WHERE "task_id" IN (${rows.map(() => "?").join(", ")})`, rows.map((r) => r.id));
  return rows.map((r) => toTask(r, links.filter((l) => l.task_id === r.id)));
}

export async function countTasks(db: Queryable, q: TaskQuery = {}, now = Date.now()): Promise<number> {
  const w = where(q, now);
  const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "task" t${w}`, w.params);
  return Number(row?.n ?? 0);
}

export function toTask(r: any, links: { user_id: string | null; group_id: string | null }[]): Task {
  return {
    id: r.id, name: r.name ?? null, description: r.description ?? null, assignee: r.assignee ?? null, owner: r.owner ?? null,
    created: ms(r.create_time)!, lastUpdated: ms(r.last_updated), due: ms(r.due_date), followUp: ms(r.follow_up_date),
    delegationState: r.delegation_state ?? null, priority: Number(r.priority), processDefinitionId: r.process_definition_id,
    processInstanceId: r.process_instance_id, executionId: r.execution_id, taskDefinitionKey: r.task_definition_key,
    formKey: r.form_key ?? null, tenantId: r.tenant_id ?? null, suspended: bool(r.suspended), parentTaskId: r.parent_task_id ?? null,
    candidateUsers: links.filter((l) => l.user_id).map((l) => l.user_id!), candidateGroups: links.filter((l) => l.group_id).map((l) => l.group_id!),
  };
}
