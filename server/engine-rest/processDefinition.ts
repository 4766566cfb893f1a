// /process-definition: list, count, by id / key / key+tenant, xml, start, form variables, suspension.
import { Router, type Request, type Response } from "express";
import type { Engine, ProcessDefinition } from "../../engine";
import { accessOf, assertMay, canSeeShared, canSeeTenant, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { processDefinitionDto, processInstanceDto, selfLink } from "./dto";
import { badRequest, forbidden, notFound, RestError, sendJson, sendNoContent } from "./http";
import { variablesAfterCommand } from "./lookups";
import { compact, paging, Params } from "./params";
import { parseSorting, singleSort, sortKeys } from "./sorting";
import { parseVariables, toVariableMapDto } from "./variables";
import { withErrorPrefix } from "./wrap";

type DefinitionFilter = NonNullable<Parameters<Engine["getProcessDefinitions"]>[0]>;

/** The request's filters, narrowed to what the caller may see (shared definitions are visible to all). */
function definitionFilter(access: Access, q: Params): DefinitionFilter | typeof NOTHING {
  const withoutTenantId = q.flag("withoutTenantId");
  const requested = q.list("tenantIdIn");
  let includeWithout = q.flag("includeProcessDefinitionsWithoutTenantId");
  let tenantIdIn: string[] | undefined;
  if (!withoutTenantId) {
    const scope = scopedTenants(access, requested);
    if (scope === NOTHING) {
      if (!includeWithout) return NOTHING;
      return filterFields(q, { withoutTenantId: true });
    }
    tenantIdIn = scope;
    // A restricted caller always sees the shared (tenant-less) definitions beside its own.
    if (access.visibleTenants !== null && !requested) includeWithout = true;
  }
  return filterFields(q, compact({
    withoutTenantId: withoutTenantId || undefined,
    tenantIdIn,
    includeProcessDefinitionsWithoutTenantId: tenantIdIn && includeWithout ? true : undefined,
  }));
}

function filterFields(q: Params, tenantPart: DefinitionFilter): DefinitionFilter {
  const keysIn = q.list("keysIn") ?? q.list("keyIn");
  return compact({
    id: q.str("processDefinitionId"),
    key: q.str("key"),
    keyIn: keysIn,
    keyLike: q.str("keyLike"),
    name: q.str("name"),
    nameLike: q.str("nameLike"),
    deploymentId: q.str("deploymentId"),
    version: q.int("version"),
    latestVersion: q.flag("latestVersion") || q.flag("latest") || undefined,
    suspended: q.flag("suspended") || undefined,
    active: q.flag("active") || undefined,
    ...tenantPart,
  });
}

const SORT = sortKeys("key", "name", "version", "id", "deploymentId", "tenantId");

async function byId(engine: Engine, res: Response, id: string): Promise<ProcessDefinition> {
  const d = await engine.getProcessDefinition(id);
  if (!d || !canSeeShared(accessOf(res), d.tenantId)) throw notFound(`No matching definition with id ${id}`);
  return d;
}

async function byKey(engine: Engine, res: Response, key: string, tenantId: string | null): Promise<ProcessDefinition> {
  const d = await engine.getLatestProcessDefinition(key, tenantId);
  if (!d || !canSeeShared(accessOf(res), d.tenantId)) {
    const tenantText = tenantId === null ? "and no tenant-id" : `and tenant-id: ${tenantId}`;
    throw new RestError(404, "RestException", `No matching process definition with key: ${key} ${tenantText}`);
  }
  return d;
}

/**
 * The tenant (region) of a new instance: the definition's own tenant; for a shared definition the body's
 * Jintu extension `tenantId`, or the caller's only region. An instance must land where its starter can see it.
 */
function instanceTenant(access: Access, def: ProcessDefinition, requested: unknown): string | null {
  if (requested !== undefined && requested !== null && typeof requested !== "string") throw badRequest("'tenantId' must be a string");
  if (def.tenantId) {
    if (requested && requested !== def.tenantId) {
      throw badRequest(`Process definition ${def.id} belongs to tenant '${def.tenantId}', not '${requested}'`);
    }
    return def.tenantId;
  }
  if (requested) {
    if (!canSeeTenant(access, requested)) throw forbidden(`The user with id '${access.userId ?? ""}' may not start instances in tenant '${requested}'.`);
    return requested;
  }
  if (access.visibleTenants === null) return null;
  if (access.principal && access.principal.regions.length === 1) return access.principal.regions[0]!;
  throw badRequest(`Process definition ${def.id} is shared by all regions: give the region of the case as 'tenantId'`);
}

async function start(engine: Engine, req: Request, res: Response, def: ProcessDefinition) {
  const access = accessOf(res);
  const body = Params.body(req.body);
  if (def.suspended) {
    throw new RestError(500, "SuspendedEntityInteractionException", `Cannot instantiate process definition ${def.id}: Process definition ${def.id} is suspended`);
  }
  const { variables, businessKey, tenantId } = await withErrorPrefix(`Cannot instantiate process definition ${def.id}`, () => ({
    variables: parseVariables(body.json("variables")),
    businessKey: body.str("businessKey") ?? null,
    tenantId: instanceTenant(access, def, body.json("tenantId")),
  }));
  const instance = await engine.startProcessInstanceById(def.id, compact({ variables, businessKey, tenantId, userId: access.userId }));
  const dto: Record<string, unknown> = processInstanceDto(instance, [selfLink(req, `/process-instance/${instance.id}`)]);
  if (body.flag("withVariablesInReturn")) {
    dto.variables = toVariableMapDto(await variablesAfterCommand(engine, instance.id));
  }
  sendJson(res, dto);
}

async function suspend(engine: Engine, req: Request, res: Response, def: ProcessDefinition) {
  const access = accessOf(res);
  const body = Params.body(req.body);
  const suspended = body.bool("suspended");
  if (suspended === undefined) throw badRequest("Cannot set suspension state: 'suspended' (true or false) is required");
  await assertMay(access, "deployment", "write", def.tenantId);
  await engine.suspendProcessDefinition(def.id, suspended, { includeInstances: body.flag("includeProcessInstances"), userId: access.userId });
  sendNoContent(res);
}

export function processDefinitionRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  r.get("/process-definition", async (req, res) => {
    const q = Params.query(req.query);
    const filter = definitionFilter(accessOf(res), q);
    const sorting = parseSorting(q, SORT);
    const page = paging(q);
    if (filter === NOTHING || page.maxResults === 0) return sendJson(res, []);
    const list = await engine.getProcessDefinitions({ ...filter, ...singleSort(sorting), ...page });
    sendJson(res, list.map(processDefinitionDto));
  });

  r.get("/process-definition/count", async (req, res) => {
    const filter = definitionFilter(accessOf(res), Params.query(req.query));
    if (filter === NOTHING) return sendJson(res, { count: 0 });
    sendJson(res, { count: await engine.countProcessDefinitions(filter) });
  });

  // key routes first: "/process-definition/key" would otherwise be read as an id.
  r.get("/process-definition/key/:key", async (req, res) => sendJson(res, processDefinitionDto(await byKey(engine, res, req.params.key, null))));
  r.get("/process-definition/key/:key/tenant-id/:tenantId", async (req, res) =>
    sendJson(res, processDefinitionDto(await byKey(engine, res, req.params.key, req.params.tenantId))));
  r.get("/process-definition/key/:key/xml", async (req, res) => sendXml(engine, res, await byKey(engine, res, req.params.key, null)));
  r.get("/process-definition/key/:key/tenant-id/:tenantId/xml", async (req, res) =>
    sendXml(engine, res, await byKey(engine, res, req.params.key, req.params.tenantId)));
  r.post("/process-definition/key/:key/start", async (req, res) => start(engine, req, res, await byKey(engine, res, req.params.key, null)));
  r.post("/process-definition/key/:key/tenant-id/:tenantId/start", async (req, res) =>
    start(engine, req, res, await byKey(engine, res, req.params.key, req.params.tenantId)));
  r.get("/process-definition/key/:key/form-variables", async (req, res) => {
    await byKey(engine, res, req.params.key, null);
    sendJson(res, {});
  });
  r.put("/process-definition/key/:key/suspended", async (req, res) => suspend(engine, req, res, await byKey(engine, res, req.params.key, null)));

  r.get("/process-definition/:id", async (req, res) => sendJson(res, processDefinitionDto(await byId(engine, res, req.params.id))));
  r.get("/process-definition/:id/xml", async (req, res) => sendXml(engine, res, await byId(engine, res, req.params.id)));
  r.post("/process-definition/:id/start", async (req, res) => start(engine, req, res, await byId(engine, res, req.params.id)));
  // Jintu forms are Form.io documents, not Camunda form fields: there are no declared start form variables.
  r.get("/process-definition/:id/form-variables", async (req, res) => {
    await byId(engine, res, req.params.id);
    sendJson(res, {});
  });
  r.get("/process-definition/:id/startForm", async (req, res) => {
    const d = await byId(engine, res, req.params.id);
    sendJson(res, { key: d.startFormKey, contextPath: null, camundaFormRef: null });
  });
  r.put("/process-definition/:id/suspended", async (req, res) => suspend(engine, req, res, await byId(engine, res, req.params.id)));

  return r;
}

async function sendXml(engine: Engine, res: Response, def: ProcessDefinition) {
  const xml = await engine.getProcessDefinitionXml(def.id);
  if (xml === null) throw notFound(`No matching definition with id ${def.id}`);
  sendJson(res, { id: def.id, bpmn20Xml: xml });
}
