// Jintu's own /api: every module declares its routes with defineRoute (validation, authorization,
// OpenAPI, audit pattern). Auth routes and the docs are mounted by server/app.ts.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Router } from "express";
import { adminRoutes } from "./admin";
import { approvalRoutes } from "./approval";
import { auditRoutes } from "./auditRoutes";
import { caseRoutes } from "./cases";
import { deploymentRoutes } from "./deployments";
import { formRoutes } from "./forms";
import { holidayRoutes } from "./holidays";
import { gisRoutes } from "./gis";
import { inboxRoutes } from "./inbox";
import { portalRoutes } from "./portal"; // portal/ (clerks, supervisors, the public)
import type { ApiServices, RouteModule } from "./services";
import { templateRoutes } from "./templates";

export { createRegistry, generateDocument } from "./openapiRegistry";
export { mountDocs } from "./docs";
export { defineRoute, queryBoolean, queryInt, regionCode } from "./route";
export type { RouteContext, RouteSpec, Permission } from "./route";
export type { ApiServices, RouteModule } from "./services";
export { readTemplates } from "./templates";
export { workableGroups, tenantVisible } from "./scope";

const MODULES: RouteModule[] = [adminRoutes, formRoutes, gisRoutes, deploymentRoutes, templateRoutes, inboxRoutes, caseRoutes, auditRoutes, holidayRoutes, portalRoutes, approvalRoutes];

export function mountApiRoutes(router: Router, registry: OpenAPIRegistry, services: ApiServices): void {
  for (const module of MODULES) module(router, registry, services);
}
