// Parsed process graphs cached per process-definition id: definitions are immutable once deployed,
// so every node may cache them forever (evicted only when a deployment is deleted).
import type { ProcessDefinition } from "../api";
import { notFound } from "../errors";
import type { Queryable } from "../persistence/db";
import { parseBpmn } from "../parse/parser";
import type { DefinitionCache, DeployedProcess } from "../runtime/services";

export function toProcessDefinition(r: any): ProcessDefinition {
  return {
    id: r.id, key: r.key, name: r.name ?? null, version: Number(r.version), versionTag: r.version_tag ?? null, deploymentId: r.deployment_id,
    resourceName: r.resource_name, tenantId: r.tenant_id ?? null, suspended: !!Number(r.suspended), startableInTasklist: !!Number(r.startable_in_tasklist),
    historyTimeToLive: r.history_ttl == null ? null : Number(r.history_ttl), description: r.description ?? null, startFormKey: r.start_form_key ?? null,
  };
}

export function createDefinitionCache(): DefinitionCache {
  const graphs = new Map<string, DeployedProcess["graph"]>();
  const byId = async (q: Queryable, id: string): Promise<DeployedProcess> => {
    const row = await q.get(`SELECT * FROM "process_definition" WHERE "id" = ?`, [id]);
    if (!row) throw notFound(`No matching process definition with id ${id}`);
    const definition = toProcessDefinition(row);
    let graph = graphs.get(id);
    if (!graph) {
      const res = await q.get<{ content: Buffer }>(`SELECT "content" FROM "resource" WHERE "deployment_id" = ? AND "name" = ?`, [definition.deploymentId, definition.resourceName]);
      if (!res) throw notFound(`resource ${definition.resourceName} of process definition ${id} is missing`);
      const parsed = await parseBpmn(Buffer.from(res.content).toString("utf8"), definition.resourceName);
      graph = parsed.find((g) => g.id === definition.key);
      if (!graph) throw notFound(`process '${definition.key}' not found in ${definition.resourceName}`);
      graphs.set(id, graph);
    }
    return { definition, graph };
  };
  return {
    byId,
    async latest(q, key, tenantId) {
      // the tenant's own definition first, then a shared one (no tenant), as Camunda resolves them
      const row = tenantId
        ? await q.get<{ id: string }>(`SELECT "id" FROM "process_definition" WHERE "key" = ? AND ("tenant_id" = ? OR "tenant_id" IS NULL) ORDER BY CASE WHEN "tenant_id" IS NULL THEN 1 ELSE 0 END, "version" DESC LIMIT 1`, [key, tenantId])
        : await q.get<{ id: string }>(`SELECT "id" FROM "process_definition" WHERE "key" = ? AND "tenant_id" IS NULL ORDER BY "version" DESC LIMIT 1`, [key]);
      return row ? byId(q, row.id) : null;
    },
    evict(id) {
      graphs.delete(id);
    },
  };
}
