// Deployments with who deployed them and why (部署说明), for the designer's version history.
import { z } from "zod";
import { badRequest, forbidden } from "../errors";
import { mayDeployShared } from "../principal";
import { defineRoute } from "./route";
import type { RouteModule } from "./services";

const DeploymentOut = z.object({
  id: z.string(), name: z.string().nullable(), deploymentTime: z.date(), deployedBy: z.string().nullable(), note: z.string().nullable(),
  processDefinitions: z.array(z.object({ id: z.string(), key: z.string(), version: z.number() })),
}).openapi("Deployment");

export const deploymentRoutes: RouteModule = (router, registry, { engine }) => {
  const shape = (d: Awaited<ReturnType<typeof engine.deploy>>) => ({
    id: d.id, name: d.name, deploymentTime: d.deploymentTime, deployedBy: d.deployedBy, note: d.note,
    processDefinitions: d.processDefinitions.map((p) => ({ id: p.id, key: p.key, version: p.version })),
  });

  defineRoute(router, registry, {
    method: "get", path: "/deployments", tags: ["deployments"], summary: "Deployments, newest first; ?processDefinitionKey= for one flow's history",
    query: z.object({ processDefinitionKey: z.string().min(1).optional() }),
    response: z.array(DeploymentOut), permission: { object: "deployment", action: "read" },
    async handler({ query }) {
      const deployments = await engine.getDeployments({ processDefinitionKey: query.processDefinitionKey, sortBy: "deploymentTime", sortOrder: "desc" });
      return deployments.map(shape);
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/deployments", tags: ["deployments"], status: 201,
    summary: "Deploy BPMN resources with a note; deployedBy is the caller",
    body: z.object({
      name: z.string().trim().min(1).max(200),
      note: z.string().max(2000).optional(),
      tenantId: z.string().regex(/^\d{6}$/).nullable().optional(),
      resources: z.array(z.object({ name: z.string().min(1).max(200).regex(/\.(bpmn|bpmn20\.xml|dmn|form|json)$/, "a .bpmn, .dmn, .form or .json file name"),
        content: z.string().min(1) })).min(1),
    }).openapi("DeploymentCreate"),
    response: DeploymentOut, permission: { object: "deployment", action: "write" },
    async handler({ body, principal, audit, authorize }) {
      // a region's model needs deployment write there; a shared one (no tenant) the shared-deployment right
      if (body.tenantId) await authorize("deployment", "write", body.tenantId);
      else if (!(await mayDeployShared(principal))) throw forbidden(`The user '${principal.userId}' may not deploy shared models (without a tenantId)`);
      const deployment = await engine.deploy({ name: body.name, source: "jintu-designer", note: body.note ?? null, tenantId: body.tenantId ?? null,
        deployedBy: principal.userId, resources: body.resources });
      if (!deployment) throw badRequest("Nothing deployed");
      audit({ target: deployment.id });
      return shape(deployment);
    },
  });
};
