// 案件监督 for supervisors: the case list across their region and below (filters: flow, status, region, start
// date range, overdue), one case's tracking data (deployed BPMN, path taken, where tokens wait, who holds each
// open task and for how many working days against its deadline, incidents, the engine's operation log with
// 催办 among it), the map of cases, and incident retry. 催办 (urge) and 挂起/恢复 (suspend/resume) are the
// approval routes' (server/api/approval.ts: /api/tasks/:id/urge, /api/cases/:id/suspend|resume); the tracking
// data says whether the caller may use them, by the same rules.
//
// Who may retry: casbin ("case", "supervise") (supervisors of the region) or ("case", "write") (what
// /engine-rest asks for).
import { z } from "zod";
import { WorkingCalendar, type Queryable, type SqlValue } from "../../engine";
import { NATIONAL, isWithin } from "../authz";
import { badRequest, forbidden, notFound } from "../errors";
import type { Principal } from "../principal";
import { prefixMatch, regionPrefix, tenantScope } from "./portalInbox";
import { mayUrge } from "./approval";
import { isoDate, chinaDayStart, likeContains, partyLabels, placeholders, regionNames, toDate, visibleCase, whereClause, PartyLabels } from "./portalShared";
import { defineRoute, queryBoolean, queryInt, regionCode } from "./route";
import { tenantVisible } from "./scope";
import type { RouteModule } from "./services";

export const calendar = new WorkingCalendar({ fallbackToWeekdays: true });

const CaseStatus = z.enum(["running", "completed", "suspended", "incident"]);

export const CaseFilters = z.object({
  flow: z.string().min(1).max(200).optional(),
  status: CaseStatus.optional(),
  region: regionCode.optional().openapi({ description: "the region and everything below it" }),
  from: isoDate.optional().openapi({ description: "started on or after this day (China time)" }),
  to: isoDate.optional().openapi({ description: "started on or before this day (China time)" }),
  overdue: queryBoolean.optional().openapi({ description: "has an open task past its deadline" }),
  businessKey: z.string().min(1).max(200).optional(),
});
type CaseFilters = z.infer<typeof CaseFilters>;

/** WHERE clauses over hi_process_instance h for the filters, within what the principal may see. */
export async function caseWhere(db: Queryable, principal: Principal, f: CaseFilters, now: number): Promise<[string[], SqlValue[]]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, ...values: SqlValue[]) => { where.push(sql); params.push(...values); };
  const scope = tenantScope(db, principal, `h."tenant_id"`);
  if (scope) add(scope[0], ...scope[1]);
  if (f.region) {
    if (!(await principal.can("case", "read", f.region)) || (principal.visibleTenants !== null && !principal.regions.some((r) => isWithin(f.region!, r)))) {
      throw forbidden(`The user '${principal.userId}' may not read cases in region ${f.region}`);
    }
    if (f.region !== NATIONAL) {
      const [sql, values] = prefixMatch(db, `h."tenant_id"`, regionPrefix(f.region));
      add(sql, ...values);
    }
  }
  if (f.flow) add(`h."process_definition_key" = ?`, f.flow);
  if (f.status === "running") add(`h."end_time" IS NULL`);
  if (f.status === "completed") add(`h."end_time" IS NOT NULL`);
  if (f.status === "suspended") add(`h."state" = 'SUSPENDED'`);
  if (f.status === "incident") add(`EXISTS (SELECT 1 FROM "incident" i WHERE i."process_instance_id" = h."id")`);
  if (f.from) add(`h."start_time" >= ?`, chinaDayStart(f.from).getTime());
  if (f.to) add(`h."start_time" < ?`, chinaDayStart(f.to).getTime() + 86_400_000);
  if (f.overdue) add(`EXISTS (SELECT 1 FROM "task" t WHERE t."process_instance_id" = h."id" AND t."due_date" < ?)`, now);
  if (f.businessKey) add(`h."business_key" LIKE ? ESCAPE '\\'`, likeContains(f.businessKey));
  return [where, params];
}

const CaseRow = z.object({
  id: z.string(), businessKey: z.string().nullable(), processDefinitionKey: z.string(), processDefinitionName: z.string().nullable(),
  state: z.string(), startTime: z.date(), endTime: z.date().nullable(), tenantId: z.string().nullable(), regionName: z.string().nullable(),
  applicantName: z.string().nullable(), incidents: z.number(), overdue: z.boolean(),
  openTasks: z.array(z.object({ id: z.string(), name: z.string().nullable(), assignee: z.string().nullable(), due: z.date().nullable() })),
}).openapi("PortalCase");

interface HiRow { id: string; business_key: string | null; process_definition_key: string; process_definition_name: string | null; state: string; start_time: number; end_time: number | null; tenant_id: string | null }
const HI_ROW_COLUMNS = `h."id", h."business_key", h."process_definition_key", h."process_definition_name", h."state", h."start_time", h."end_time", h."tenant_id"`;

/** casbin ("case", "supervise") — supervisors of the region (authz/roles.ts) — or ("case", "write"). */
async function maySupervise(principal: Principal, tenantId: string | null): Promise<boolean> {
  return (await principal.can("case", "supervise", tenantId ?? NATIONAL)) || principal.can("case", "write", tenantId ?? NATIONAL);
}

export const portalCaseRoutes: RouteModule = (router, registry, services) => {
  const { db, engine, repos, clock } = services;

  defineRoute(router, registry, {
    method: "get", path: "/portal/cases", tags: ["portal"], summary: "案件列表: cases within the caller's regions, with filters and paging",
    query: CaseFilters.extend({ firstResult: queryInt(0, 1_000_000).default(0), maxResults: queryInt(1, 200).default(20) }),
    response: z.object({ items: z.array(CaseRow), total: z.number() }).openapi("PortalCaseList"),
    permission: { object: "case", action: "read" },
    async handler({ query, principal }) {
      const now = clock.now().getTime();
      const [where, params] = await caseWhere(db, principal, query, now);
      const [rows, count] = await Promise.all([
        db.all<HiRow>(`SELECT ${HI_ROW_COLUMNS} FROM "hi_process_instance" h ${whereClause(where)} ORDER BY h."start_time" DESC, h."id" LIMIT ? OFFSET ?`,
          [...params, query.maxResults, query.firstResult]),
        db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "hi_process_instance" h ${whereClause(where)}`, params),
      ]);
      const ids = rows.map((r) => r.id);
      const [tasks, incidents, applicants, regionName] = await Promise.all([
        ids.length ? db.all<{ id: string; name: string | null; assignee: string | null; due_date: number | null; process_instance_id: string }>(
          `SELECT "id", "name", "assignee", "due_date", "process_instance_id" FROM "task" WHERE "process_instance_id" IN (${placeholders(ids)}) ORDER BY "create_time"`, ids) : [],
        ids.length ? db.all<{ process_instance_id: string; n: number }>(
          `SELECT "process_instance_id", COUNT(*) AS n FROM "incident" WHERE "process_instance_id" IN (${placeholders(ids)}) GROUP BY "process_instance_id"`, ids) : [],
        ids.length ? db.all<{ process_instance_id: string; text_value: string | null }>(
          `SELECT "process_instance_id", "text_value" FROM "hi_variable_instance" WHERE "name" = 'applicantName' AND "process_instance_id" IN (${placeholders(ids)})`, ids) : [],
        regionNames(services),
      ]);
      const incidentCount = new Map(incidents.map((i) => [i.process_instance_id, Number(i.n)]));
      const applicant = new Map(applicants.map((a) => [a.process_instance_id, a.text_value]));
      return {
        total: Number(count?.n ?? 0),
        items: rows.map((r) => {
          const open = tasks.filter((t) => t.process_instance_id === r.id);
          return {
            id: r.id, businessKey: r.business_key, processDefinitionKey: r.process_definition_key, processDefinitionName: r.process_definition_name,
            state: r.state, startTime: toDate(r.start_time)!, endTime: toDate(r.end_time), tenantId: r.tenant_id,
            regionName: r.tenant_id ? regionName.get(r.tenant_id) ?? null : null, applicantName: applicant.get(r.id) ?? null,
            incidents: incidentCount.get(r.id) ?? 0, overdue: open.some((t) => t.due_date !== null && Number(t.due_date) < now),
            openTasks: open.map((t) => ({ id: t.id, name: t.name, assignee: t.assignee, due: toDate(t.due_date) })),
          };
        }),
      };
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/portal/cases/:processInstanceId/tracking", tags: ["portal"],
    summary: "案件跟踪: deployed BPMN, path taken, current position, open tasks against their deadlines (working days), incidents, operation log (with 催办)",
    params: z.object({ processInstanceId: z.string().min(1).max(100) }),
    response: z.object({
      processDefinitionId: z.string(), suspended: z.boolean(), ended: z.boolean(), xml: z.string().nullable(),
      activeActivityIds: z.array(z.string()),
      visited: z.array(z.object({ activityId: z.string(), count: z.number(), finished: z.boolean() })),
      openTasks: z.array(z.object({
        id: z.string(), name: z.string().nullable(), taskDefinitionKey: z.string(), assignee: z.string().nullable(),
        candidateGroups: z.array(z.string()), created: z.date(), due: z.date().nullable(), workingDaysOpen: z.number(),
        workingDaysLeft: z.number().nullable(), overdue: z.boolean(),
      })),
      incidents: z.array(z.object({ id: z.string(), type: z.string(), message: z.string().nullable(), activityId: z.string().nullable(),
        time: z.date(), configuration: z.string().nullable() })),
      operations: z.array(z.object({ time: z.date(), userId: z.string().nullable(), operationType: z.string(), entityType: z.string(),
        property: z.string().nullable(), newValue: z.string().nullable(), taskId: z.string().nullable(), annotation: z.string().nullable() })),
      labels: PartyLabels.openapi({ description: "how to show the users and candidate groups of the case (assignees, candidates, operators, urge recipients, opinion authors)" }),
      actions: z.object({ canUrge: z.boolean(), canSuspend: z.boolean(), canRetry: z.boolean() }),
    }).openapi("PortalCaseTracking"),
    permission: { object: "case", action: "read" },
    async handler({ params, principal }) {
      const instance = await visibleCase(services, principal, params.processInstanceId);
      const ended = instance.endTime !== null;
      const now = clock.now();
      const [xml, runtime, activeActivityIds, activities, tasks, incidents, operations] = await Promise.all([
        engine.getProcessDefinitionXml(instance.processDefinitionId),
        ended ? Promise.resolve(null) : engine.getProcessInstance(instance.id),
        ended ? Promise.resolve([]) : engine.getActiveActivityIds(instance.id),
        engine.getHistoricActivityInstances({ processInstanceId: instance.id, sortBy: "startTime", sortOrder: "asc" }),
        ended ? Promise.resolve([]) : engine.getTasks({ processInstanceId: instance.id }),
        engine.getIncidents({ processInstanceId: instance.id }),
        engine.getUserOperationLog({ processInstanceId: instance.id, sortOrder: "asc", maxResults: 500 }),
      ]);
      const visited = new Map<string, { count: number; finished: boolean }>();
      for (const a of activities) {
        const v = visited.get(a.activityId) ?? { count: 0, finished: false };
        v.count++;
        if (a.endTime !== null && !a.canceled) v.finished = true;
        visited.set(a.activityId, v);
      }
      const opinionUsers = (await repos.opinions.forProcessInstance(instance.id)).map((o) => o.userId);
      const labels = await partyLabels(services, [
        ...tasks.flatMap((t) => [t.assignee, ...t.candidateUsers, ...t.candidateGroups]),
        ...operations.flatMap((o) => [o.userId, ...(o.operationType === "Urge" ? (o.newValue ?? "").split(",") : [])]),
        ...activities.map((a) => a.assignee), ...opinionUsers,
      ]);
      return {
        processDefinitionId: instance.processDefinitionId, suspended: runtime?.suspended ?? false, ended, xml, activeActivityIds,
        visited: [...visited].map(([activityId, v]) => ({ activityId, ...v })),
        openTasks: tasks.map((t) => ({
          id: t.id, name: t.name, taskDefinitionKey: t.taskDefinitionKey, assignee: t.assignee,
          candidateGroups: t.candidateGroups, created: t.created, due: t.due,
          workingDaysOpen: calendar.workingDaysBetween(t.created, now),
          workingDaysLeft: t.due ? calendar.workingDaysBetween(now, t.due) : null,
          overdue: t.due !== null && t.due < now,
        })),
        incidents: incidents.map((i) => ({ id: i.id, type: i.incidentType, message: i.incidentMessage, activityId: i.activityId, time: i.incidentTimestamp, configuration: i.configuration })),
        operations: operations.map((o) => ({ time: o.timestamp, userId: o.userId, operationType: o.operationType, entityType: o.entityType,
          property: o.property, newValue: o.newValue, taskId: o.taskId, annotation: o.annotation })),
        labels,
        actions: {
          canUrge: tasks.length > 0 && (await mayUrge(engine, principal, { processInstanceId: instance.id, tenantId: instance.tenantId })),
          canSuspend: !ended && (await principal.can("case", "supervise", instance.tenantId ?? NATIONAL)),
          canRetry: await maySupervise(principal, instance.tenantId),
        },
      };
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/portal/incidents/:incidentId/retry", tags: ["portal"],
    summary: "Retry the failed job or external task behind an incident (sets its retries to 1)",
    params: z.object({ incidentId: z.string().min(1).max(100) }),
    permission: { object: "case", action: "read" },
    async handler({ params, principal, audit }) {
      const [incident] = await engine.getIncidents({ incidentId: params.incidentId });
      if (!incident || !tenantVisible(principal, incident.tenantId)) throw notFound(`No incident '${params.incidentId}'`);
      audit({ region: incident.tenantId, target: incident.processInstanceId });
      if (!(await maySupervise(principal, incident.tenantId))) throw forbidden(`The user '${principal.userId}' may not retry incidents in region ${incident.tenantId ?? NATIONAL}`);
      if (!incident.configuration) throw badRequest("The incident names no job or external task");
      if (incident.incidentType === "failedJob") await engine.setJobRetries(incident.configuration, 1);
      else if (incident.incidentType === "failedExternalTask") await engine.setExternalTaskRetries(incident.configuration, 1);
      else throw badRequest(`Incidents of type '${incident.incidentType}' cannot be retried here`);
      return undefined;
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/portal/case-map", tags: ["portal"],
    summary: "案件地图: the GeoJSON geometries (parcels, points) found in the cases' variables, with each case's status",
    query: CaseFilters.extend({ maxResults: queryInt(1, 2000).default(500) }),
    response: z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()), truncated: z.boolean() }),
    permission: { object: "case", action: "read" },
    async handler({ query, principal }) {
      const now = clock.now().getTime();
      const [where, params] = await caseWhere(db, principal, query, now);
      const rows = await db.all<HiRow>(`SELECT ${HI_ROW_COLUMNS} FROM "hi_process_instance" h ${whereClause(where)} ORDER BY h."start_time" DESC LIMIT ?`,
        [...params, query.maxResults + 1]);
      const truncated = rows.length > query.maxResults;
      const page = rows.slice(0, query.maxResults);
      const ids = page.map((r) => r.id);
      if (!ids.length) return { type: "FeatureCollection" as const, features: [], truncated };
      const [variables, overdue, incidents] = await Promise.all([
        engine.getHistoricVariableInstances({ processInstanceIdIn: ids, maxResults: 100_000 }),
        db.all<{ process_instance_id: string }>(`SELECT DISTINCT "process_instance_id" FROM "task" WHERE "due_date" < ? AND "process_instance_id" IN (${placeholders(ids)})`, [now, ...ids]),
        db.all<{ process_instance_id: string }>(`SELECT DISTINCT "process_instance_id" FROM "incident" WHERE "process_instance_id" IN (${placeholders(ids)})`, ids),
      ]);
      const overdueSet = new Set(overdue.map((o) => o.process_instance_id));
      const incidentSet = new Set(incidents.map((o) => o.process_instance_id));
      const byCase = new Map(page.map((r) => [r.id, r]));
      const features: unknown[] = [];
      for (const v of variables) {
        if (v.state !== "CREATED" || (v.type !== "Json" && v.type !== "Object")) continue;
        const r = byCase.get(v.processInstanceId);
        if (!r) continue;
        for (const geometry of geoJsonGeometries(v.value)) {
          const status = incidentSet.has(r.id) ? "incident" : r.state === "SUSPENDED" ? "suspended" : r.end_time !== null ? "completed" : overdueSet.has(r.id) ? "overdue" : "running";
          features.push({ type: "Feature", geometry, properties: { processInstanceId: r.id, businessKey: r.business_key, flow: r.process_definition_key,
            flowName: r.process_definition_name, status, variable: v.name, tenantId: r.tenant_id } });
        }
      }
      return { type: "FeatureCollection" as const, features, truncated };
    },
  });
};

/** The geometries of a GeoJSON value (FeatureCollection, Feature or bare geometry); nothing for other values. */
export function geoJsonGeometries(value: unknown): unknown[] {
  if (!value || typeof value !== "object") return [];
  const v = value as { type?: unknown; features?: unknown; geometry?: unknown; coordinates?: unknown };
  if (v.type === "FeatureCollection" && Array.isArray(v.features)) return v.features.flatMap((f) => geoJsonGeometries(f));
  if (v.type === "Feature") return geoJsonGeometries(v.geometry);
  if (typeof v.type === "string" && ["Point", "Polygon", "MultiPolygon", "LineString", "MultiPoint", "MultiLineString"].includes(v.type) && Array.isArray(v.coordinates)) return [value];
  return [];
}
