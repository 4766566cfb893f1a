// 统计分析: cases started / completed / running / overdue per flow and region (rolled up to the regions one
// tier below the one asked for), and the average time per step (completed user tasks). Aggregated in SQL
// (GROUP BY over indexed columns), so the cost does not grow with a query per case.
import { z } from "zod";
import { NATIONAL, cityOf, provinceOf, tierOf } from "../authz";
import type { Principal } from "../principal";
import { CaseFilters, caseWhere } from "./portalCases";
import { regionNames, whereClause } from "./portalShared";
import { defineRoute } from "./route";
import type { RouteModule } from "./services";

/** The region one tier below `root` that contains `tenant` (the row a chart shows it in). */
export function rollUp(tenant: string | null, root: string): string {
  if (!tenant) return NATIONAL;
  switch (tierOf(root)) {
    case 0: return provinceOf(tenant) ?? tenant;
    case 1: return cityOf(tenant) ?? tenant; // 直辖 counties without a city stay themselves
    default: return tenant;
  }
}

/** The region a statistics request is about: the one asked for, else the caller's broadest region. */
function defaultRegion(principal: Principal): string {
  if (principal.visibleTenants === null) return NATIONAL;
  return [...principal.regions].sort((a, b) => tierOf(a) - tierOf(b))[0] ?? NATIONAL;
}

export const portalStatisticsRoutes: RouteModule = (router, registry, services) => {
  const { db, clock } = services;
  defineRoute(router, registry, {
    method: "get", path: "/portal/statistics", tags: ["portal"],
    summary: "统计: cases started/completed/running/overdue per flow and region (one tier below `region`), average duration per step",
    query: CaseFilters.pick({ flow: true, region: true, from: true, to: true }),
    response: z.object({
      region: z.string(), regionName: z.string().nullable(),
      rows: z.array(z.object({ flow: z.string(), flowName: z.string().nullable(), region: z.string(), regionName: z.string().nullable(),
        started: z.number(), completed: z.number(), running: z.number(), overdue: z.number(), averageCaseMs: z.number().nullable() })),
      steps: z.array(z.object({ flow: z.string(), activityId: z.string(), name: z.string().nullable(), completed: z.number(),
        averageMs: z.number().nullable(), late: z.number() })),
    }).openapi("PortalStatistics"),
    permission: { object: "case", action: "read" },
    async handler({ query, principal }) {
      const now = clock.now().getTime();
      const region = query.region ?? defaultRegion(principal);
      const [where, params] = await caseWhere(db, principal, { ...query, region }, now);
      const whereSql = whereClause(where);
      const [cases, overdue, steps, regionName] = await Promise.all([
        db.all<{ flow: string; name: string | null; tenant: string | null; started: number; completed: number; avg_ms: number | null }>(
          `SELECT h."process_definition_key" AS flow, MAX(h."process_definition_name") AS name, h."tenant_id" AS tenant, COUNT(*) AS started,
                  SUM(CASE WHEN h."end_time" IS NOT NULL THEN 1 ELSE 0 END) AS completed,
                  AVG(CASE WHEN h."end_time" IS NOT NULL THEN h."end_time" - h."start_time" END) AS avg_ms
           FROM "hi_process_instance" h ${whereSql} GROUP BY h."process_definition_key", h."tenant_id"`, params),
        db.all<{ flow: string; tenant: string | null; n: number }>(
          `SELECT t."process_definition_key" AS flow, t."tenant_id" AS tenant, COUNT(DISTINCT t."process_instance_id") AS n FROM "task" t
           WHERE t."due_date" < ? AND t."process_instance_id" IN (SELECT h."id" FROM "hi_process_instance" h ${whereSql})
           GROUP BY t."process_definition_key", t."tenant_id"`, [now, ...params]),
        db.all<{ flow: string; step: string; name: string | null; n: number; avg_ms: number | null; late: number }>(
          `SELECT ht."process_definition_key" AS flow, ht."task_definition_key" AS step, MAX(ht."name") AS name, COUNT(*) AS n,
                  AVG(ht."duration_ms") AS avg_ms, SUM(CASE WHEN ht."due_date" IS NOT NULL AND ht."end_time" > ht."due_date" THEN 1 ELSE 0 END) AS late
           FROM "hi_task_instance" ht
           WHERE ht."end_time" IS NOT NULL AND ht."delete_reason" = 'completed'
             AND ht."process_instance_id" IN (SELECT h."id" FROM "hi_process_instance" h ${whereSql})
           GROUP BY ht."process_definition_key", ht."task_definition_key"`, params),
        regionNames(services),
      ]);
      const rows = new Map<string, { flow: string; flowName: string | null; region: string; started: number; completed: number; overdue: number; durationSum: number; durationCount: number }>();
      const rowFor = (flow: string, tenant: string | null) => {
        const code = rollUp(tenant, region);
        const key = `${flow}\u0000${code}`;
        let row = rows.get(key);
        if (!row) rows.set(key, row = { flow, flowName: null, region: code, started: 0, completed: 0, overdue: 0, durationSum: 0, durationCount: 0 });
        return row;
      };
      for (const c of cases) {
        const row = rowFor(c.flow, c.tenant);
        row.flowName ??= c.name;
        row.started += Number(c.started);
        row.completed += Number(c.completed);
        if (c.avg_ms !== null) { row.durationSum += Number(c.avg_ms) * Number(c.completed); row.durationCount += Number(c.completed); }
      }
      for (const o of overdue) rowFor(o.flow, o.tenant).overdue += Number(o.n);
      return {
        region, regionName: regionName.get(region) ?? null,
        rows: [...rows.values()].sort((a, b) => a.flow.localeCompare(b.flow) || a.region.localeCompare(b.region)).map((r) => ({
          flow: r.flow, flowName: r.flowName, region: r.region, regionName: regionName.get(r.region) ?? null, started: r.started, completed: r.completed,
          running: r.started - r.completed, overdue: r.overdue, averageCaseMs: r.durationCount ? Math.round(r.durationSum / r.durationCount) : null,
        })),
        steps: steps.map((s) => ({ flow: s.flow, activityId: s.step, name: s.name, completed: Number(s.n), averageMs: s.avg_ms === null ? null : Math.round(Number(s.avg_ms)), late: Number(s.late) }))
          .sort((a, b) => a.flow.localeCompare(b.flow) || (b.averageMs ?? 0) - (a.averageMs ?? 0)),
      };
    },
  });
};
