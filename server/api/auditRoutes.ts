// 安全审计: supervisors read the audit log of their regions; the national tier reads everything.
import { z } from "zod";
import { defineRoute, queryInt } from "./route";
import type { RouteModule } from "./services";

export const auditRoutes: RouteModule = (router, registry, { repos }) => {
  defineRoute(router, registry, {
    method: "get", path: "/audit", tags: ["audit"], summary: "Audit log entries, newest first",
    query: z.object({
      userId: z.string().min(1).optional(),
      action: z.string().min(1).optional().openapi({ description: "substring of method + route, e.g. PUT /api/forms" }),
      from: z.coerce.date().optional(), to: z.coerce.date().optional(),
      firstResult: queryInt(0, 10_000_000).default(0), maxResults: queryInt(1, 1000).default(100),
    }),
    response: z.object({
      items: z.array(z.object({ id: z.string(), time: z.date(), userId: z.string().nullable(), region: z.string().nullable(),
        action: z.string(), target: z.string().nullable(), clientAddress: z.string().nullable(), status: z.number() }).openapi("AuditEntry")),
      total: z.number(),
    }),
    permission: { object: "audit", action: "read" },
    async handler({ query, principal }) {
      const filter = { ...query, regions: principal.visibleTenants };
      const [items, total] = await Promise.all([repos.audit.query(filter), repos.audit.count(filter)]);
      return { items, total };
    },
  });
};
