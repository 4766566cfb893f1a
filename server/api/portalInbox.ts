// 待办 inbox for the portal: the tasks the user may work, with the filters a clerk needs (flow, overdue, due
// soon, business key 案件编号, applicant 申请人, task name), sorting, paging and counts per flow.
//
// Built to stay fast with 100,000 open tasks (bench/): a fixed number of statements per request, whatever
// the page size — one for the page, one for the counts per flow, one each for the page's candidate groups,
// applicant names and flow names (no query per task or per flow). Every predicate is on an indexed column:
// the user's tasks come from task(assignee, create_time) and identity_link(group_id, task_id); a role held at
// a region matches the candidate groups of every region below it through a *prefix range* on group_id
// (`land-reviewer@3301…`) instead of an IN list of every county, so a province-level role stays one range.
import { z } from "zod";
import type { Queryable, SqlValue } from "../../engine";
import { NATIONAL, tierOf } from "../authz";
import type { Principal } from "../principal";
import { escapeLike, likeContains, placeholders, toDate } from "./portalShared";
import { defineRoute, queryBoolean, queryInt } from "./route";
import type { RouteModule } from "./services";

/** The code prefix shared by every region within `code` (330000 → "33", 330100 → "3301", 000000 → ""). */
export function regionPrefix(code: string): string {
  return code.slice(0, [0, 2, 4, 6][tierOf(code)]);
}

/**
 * `column` starts with `prefix`. SQLite compares text bytewise (BINARY), so a range uses the index; on
 * PostgreSQL a range would follow the database's collation, so LIKE (always exact) is used there.
 */
export function prefixMatch(db: Queryable, column: string, prefix: string): [string, SqlValue[]] {
  if (db.dialect === "postgres") return [`${column} LIKE ?`, [escapeLike(prefix) + "%"]];
  const upper = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return [`(${column} >= ? AND ${column} < ?)`, [prefix, upper]];
}

/** SQL for "the principal may see tasks/cases of this tenant" on `column`, or null when he sees all. */
export function tenantScope(db: Queryable, principal: Principal, column: string): [string, SqlValue[]] | null {
  if (principal.visibleTenants === null || principal.regions.includes(NATIONAL)) return null;
  if (principal.regions.length === 0) return ["1 = 0", []];
  const parts = principal.regions.map((r) => prefixMatch(db, column, regionPrefix(r)));
  return [`(${parts.map((p) => p[0]).join(" OR ")})`, parts.flatMap((p) => p[1])];
}

const SORT_SQL: Record<string, string> = {
  created: `t."create_time"`,
  // tasks without a deadline last in both directions and on both databases
  due: `CASE WHEN t."due_date" IS NULL THEN 1 ELSE 0 END, t."due_date"`,
  priority: `t."priority"`,
  name: `t."name"`,
};

export const PortalInboxQuery = z.object({
  flow: z.string().min(1).max(200).optional().openapi({ description: "process definition key" }),
  overdue: queryBoolean.optional().openapi({ description: "超期: the deadline has passed" }),
  dueSoon: queryBoolean.optional().openapi({ description: "临期: the deadline falls within dueSoonDays" }),
  dueSoonDays: queryInt(1, 90).default(3),
  businessKey: z.string().min(1).max(200).optional().openapi({ description: "substring of the business key (案件编号 / 受理编号)" }),
  applicant: z.string().min(1).max(200).optional().openapi({ description: "substring of the case variable applicantName (申请人)" }),
  text: z.string().min(1).max(200).optional().openapi({ description: "substring of the task name" }),
  assignedToMe: queryBoolean.optional(),
  sortBy: z.enum(["created", "due", "priority", "name"]).default("created"),
  sortOrder: z.enum(["asc", "desc"]).default("desc"),
  firstResult: queryInt(0, 1_000_000).default(0),
  maxResults: queryInt(1, 200).default(20),
});

const PortalInboxTask = z.object({
  id: z.string(), name: z.string().nullable(), taskDefinitionKey: z.string(), processInstanceId: z.string(),
  processDefinitionId: z.string(), processDefinitionKey: z.string(), processDefinitionName: z.string().nullable(),
  businessKey: z.string().nullable(), applicantName: z.string().nullable(), assignee: z.string().nullable(),
  candidateGroups: z.array(z.string()), created: z.date(), due: z.date().nullable(), priority: z.number(),
  tenantId: z.string().nullable(), formKey: z.string().nullable(), suspended: z.boolean(), overdue: z.boolean(), dueSoon: z.boolean(),
}).openapi("PortalInboxTask");

interface TaskRow {
  id: string; name: string | null; task_definition_key: string; process_instance_id: string; process_definition_id: string;
  process_definition_key: string; business_key: string | null; assignee: string | null; create_time: number; due_date: number | null;
  priority: number; tenant_id: string | null; form_key: string | null; suspended: number;
}

export const portalInboxRoutes: RouteModule = (router, registry, { db, clock }) => {
  defineRoute(router, registry, {
    method: "get", path: "/portal/inbox", tags: ["portal"],
    summary: "待办: tasks the user may work, with filters (flow, overdue, due soon, business key, applicant), sorting, paging and counts per flow",
    query: PortalInboxQuery,
    response: z.object({
      items: z.array(PortalInboxTask), total: z.number(),
      counts: z.array(z.object({ flow: z.string(), name: z.string().nullable(), count: z.number() })),
      overdueCount: z.number(), dueSoonCount: z.number(),
    }).openapi("PortalInbox"),
    permission: { object: "task", action: "read" },
    async handler({ query, principal }) {
      const now = clock.now().getTime();
      const soon = now + query.dueSoonDays * 86_400_000;

      // The user's tasks: assigned to him, or unassigned and offered to him or to a group he works as.
      const mine: string[] = [`SELECT "id" FROM "task" WHERE "assignee" = ?`];
      const mineParams: SqlValue[] = [principal.userId];
      if (!query.assignedToMe) {
        const linkParts = [`l."user_id" = ?`];
        const linkParams: SqlValue[] = [principal.userId];
        for (const group of principal.groups) {
          const at = group.lastIndexOf("@");
          const [sql, params] = prefixMatch(db, `l."group_id"`, `${group.slice(0, at)}@${regionPrefix(group.slice(at + 1))}`);
          linkParts.push(sql);
          linkParams.push(...params);
        }
        mine.push(`SELECT l."task_id" FROM "identity_link" l WHERE l."type" = 'candidate' AND (${linkParts.join(" OR ")})`);
        mineParams.push(...linkParams);
      }
      const base: string[] = [`t."id" IN (${mine.join(" UNION ")})`, `(t."assignee" = ? OR t."assignee" IS NULL)`];
      const baseParams: SqlValue[] = [...mineParams, principal.userId];
      const scope = tenantScope(db, principal, `t."tenant_id"`);
      if (scope) { base.push(scope[0]); baseParams.push(...scope[1]); }
      if (query.businessKey) { base.push(`t."business_key" LIKE ? ESCAPE '\\'`); baseParams.push(likeContains(query.businessKey)); }
      if (query.text) { base.push(`t."name" LIKE ? ESCAPE '\\'`); baseParams.push(likeContains(query.text)); }
      if (query.applicant) {
        base.push(`EXISTS (SELECT 1 FROM "variable" v WHERE v."process_instance_id" = t."process_instance_id" AND v."name" = 'applicantName' AND v."text_value" LIKE ? ESCAPE '\\')`);
        baseParams.push(likeContains(query.applicant));
      }
      // deadline filters narrow the list; the counts per flow and the overdue / due-soon badges ignore them
      const deadline: string[] = [];
      const deadlineParams: SqlValue[] = [];
      if (query.overdue) { deadline.push(`t."due_date" < ?`); deadlineParams.push(now); }
      if (query.dueSoon) { deadline.push(`t."due_date" >= ? AND t."due_date" <= ?`); deadlineParams.push(now, soon); }

      const filtered = [...base, ...deadline];
      const filteredParams = [...baseParams, ...deadlineParams];
      const pageWhere = query.flow ? [...filtered, `t."process_definition_key" = ?`] : filtered;
      const pageParams = query.flow ? [...filteredParams, query.flow] : filteredParams;
      const direction = query.sortOrder === "desc" ? "DESC" : "ASC";
      const order = SORT_SQL[query.sortBy]!.split(", ").map((c) => (c.startsWith("CASE") ? c : `${c} ${direction}`)).join(", ");

      const [rows, perFlow, badges] = await Promise.all([
        db.all<TaskRow>(
          `SELECT t."id", t."name", t."task_definition_key", t."process_instance_id", t."process_definition_id", t."process_definition_key",
                  t."business_key", t."assignee", t."create_time", t."due_date", t."priority", t."tenant_id", t."form_key", t."suspended"
           FROM "task" t WHERE ${pageWhere.join(" AND ")} ORDER BY ${order}, t."id" ${direction} LIMIT ? OFFSET ?`,
          [...pageParams, query.maxResults, query.firstResult]),
        db.all<{ flow: string; n: number }>(
          `SELECT t."process_definition_key" AS flow, COUNT(*) AS n FROM "task" t WHERE ${filtered.join(" AND ")} GROUP BY t."process_definition_key"`,
          filteredParams),
        db.get<{ overdue: number | null; soon: number | null }>(
          `SELECT SUM(CASE WHEN t."due_date" < ? THEN 1 ELSE 0 END) AS overdue,
                  SUM(CASE WHEN t."due_date" >= ? AND t."due_date" <= ? THEN 1 ELSE 0 END) AS soon
           FROM "task" t WHERE ${[...base, ...(query.flow ? [`t."process_definition_key" = ?`] : [])].join(" AND ")}`,
          [now, now, soon, ...baseParams, ...(query.flow ? [query.flow] : [])]),
      ]);

      const taskIds = rows.map((r) => r.id);
      const instanceIds = [...new Set(rows.map((r) => r.process_instance_id))];
      const flowKeys = [...new Set([...perFlow.map((f) => f.flow), ...rows.map((r) => r.process_definition_key)])];
      const [links, applicants, definitions] = await Promise.all([
        taskIds.length
          ? db.all<{ task_id: string; group_id: string }>(`SELECT "task_id", "group_id" FROM "identity_link" WHERE "task_id" IN (${placeholders(taskIds)}) AND "group_id" IS NOT NULL`, taskIds)
          : [],
        instanceIds.length
          ? db.all<{ process_instance_id: string; text_value: string | null }>(
            `SELECT "process_instance_id", "text_value" FROM "variable" WHERE "name" = 'applicantName' AND "process_instance_id" IN (${placeholders(instanceIds)})`, instanceIds)
          : [],
        flowKeys.length
          ? db.all<{ key: string; name: string | null; version: number }>(`SELECT "key", "name", "version" FROM "process_definition" WHERE "key" IN (${placeholders(flowKeys)})`, flowKeys)
          : [],
      ]);
      const flowName = new Map<string, { name: string | null; version: number }>();
      for (const d of definitions) {
        const known = flowName.get(d.key);
        if (!known || Number(d.version) > known.version) flowName.set(d.key, { name: d.name, version: Number(d.version) });
      }
      const groupsOf = new Map<string, string[]>();
      for (const l of links) groupsOf.set(l.task_id, [...(groupsOf.get(l.task_id) ?? []), l.group_id]);
      const applicantOf = new Map(applicants.map((a) => [a.process_instance_id, a.text_value]));

      const counts = perFlow.map((f) => ({ flow: f.flow, name: flowName.get(f.flow)?.name ?? null, count: Number(f.n) }))
        .sort((a, b) => b.count - a.count || a.flow.localeCompare(b.flow));
      const total = query.flow ? (counts.find((c) => c.flow === query.flow)?.count ?? 0) : counts.reduce((s, c) => s + c.count, 0);
      return {
        items: rows.map((r) => {
          const due = toDate(r.due_date);
          return {
            id: r.id, name: r.name, taskDefinitionKey: r.task_definition_key, processInstanceId: r.process_instance_id,
            processDefinitionId: r.process_definition_id, processDefinitionKey: r.process_definition_key,
            processDefinitionName: flowName.get(r.process_definition_key)?.name ?? null, businessKey: r.business_key,
            applicantName: applicantOf.get(r.process_instance_id) ?? null, assignee: r.assignee,
            candidateGroups: (groupsOf.get(r.id) ?? []).sort(), created: toDate(r.create_time)!, due, priority: Number(r.priority),
            tenantId: r.tenant_id, formKey: r.form_key, suspended: Number(r.suspended) === 1,
            overdue: due !== null && due.getTime() < now, dueSoon: due !== null && due.getTime() >= now && due.getTime() <= soon,
          };
        }),
        total, counts, overdueCount: Number(badges?.overdue ?? 0), dueSoonCount: Number(badges?.soon ?? 0),
      };
    },
  });
};
