// /process-instance (query GET/POST, count, get, delete, variables, suspension, activity tree) and the
// /execution variable endpoints camunda-external-task-client-js downloads files from.
import { Router, type Request, type Response } from "express";
import type { ProcessInstanceQuery } from "../../engine";
import { accessOf, assertMay, canSeeTenant, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { activityInstanceDto, processInstanceDto } from "./dto";
import { badRequest, notFound, sendJson, sendNoContent } from "./http";
import { visibleInstance } from "./lookups";
import { compact, paging, Params } from "./params";
import { parseSorting, sortKeys } from "./sorting";
import { mountVariableRoutes, type VariableScope } from "./variableRoutes";
import { parseVariableFilterList, parseVariableFilterText } from "./variables";

const SORT = sortKeys("instanceId", "definitionKey", "definitionId", "tenantId", "businessKey");

function instanceQuery(access: Access, p: Params): ProcessInstanceQuery | typeof NOTHING {
  const tenants = scopedTenants(access, p.list("tenantIdIn"));
  if (tenants === NOTHING) return NOTHING;
  if (p.flag("withoutTenantId") && access.visibleTenants !== null) return NOTHING;
  const variablesParam = p.source === "query" ? p.str("variables") : p.json("variables");
  const variables =
    variablesParam === undefined || variablesParam === null
      ? undefined
      : p.source === "query"
        ? parseVariableFilterText("variables", variablesParam as string)
        : parseVariableFilterList("variables", variablesParam);
  return compact({
    processInstanceIds: p.list("processInstanceIds"),
    businessKey: p.str("businessKey"),
    businessKeyLike: p.str("businessKeyLike"),
    processDefinitionId: p.str("processDefinitionId"),
    processDefinitionKey: p.str("processDefinitionKey"),
    processDefinitionKeyIn: p.list("processDefinitionKeyIn"),
    superProcessInstance: p.str("superProcessInstance"),
    active: p.flag("active") || undefined,
    suspended: p.flag("suspended") || undefined,
    withIncident: p.flag("withIncident") || undefined,
    tenantIdIn: tenants,
    variables,
  });
}

export function processInstanceRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  async function list(req: Request, res: Response, p: Params) {
    const access = accessOf(res);
    const query = instanceQuery(access, p);
    const sorting = parseSorting(p, SORT);
    const page = paging(Params.query(req.query), p.source === "body" ? p : undefined);
    if (query === NOTHING || page.maxResults === 0) return sendJson(res, []);
    const rows = await engine.getProcessInstances({ ...query, ...(sorting ? { sorting } : {}), ...page });
    sendJson(res, rows.map((x) => processInstanceDto(x)));
  }
  async function count(res: Response, p: Params) {
    const query = instanceQuery(accessOf(res), p);
    if (query === NOTHING) return sendJson(res, { count: 0 });
    sendJson(res, { count: await engine.countProcessInstances(query) });
  }

  r.get("/process-instance", (req, res) => list(req, res, Params.query(req.query)));
  r.post("/process-instance", (req, res) => list(req, res, Params.body(req.body)));
  r.get("/process-instance/count", (req, res) => count(res, Params.query(req.query)));
  r.post("/process-instance/count", (req, res) => count(res, Params.body(req.body)));

  r.get("/process-instance/:id", async (req, res) => {
    sendJson(res, processInstanceDto(await visibleInstance(engine, res, req.params.id)));
  });

  r.delete("/process-instance/:id", async (req, res) => {
    const access = accessOf(res);
    const q = Params.query(req.query);
    const id = req.params.id;
    const p = await engine.getProcessInstance(id);
    if (!p || !canSeeTenant(access, p.tenantId)) {
      if (q.bool("failIfNotExists") === false) return sendNoContent(res);
      throw notFound(`Process instance with id ${id} does not exist`);
    }
    await assertMay(access, "case", "write", p.tenantId);
    await engine.deleteProcessInstance(id, compact({ reason: q.str("deleteReason"), skipCustomListeners: q.flag("skipCustomListeners"), userId: access.userId }));
    sendNoContent(res);
  });

  r.put("/process-instance/:id/suspended", async (req, res) => {
    const access = accessOf(res);
    const p = await visibleInstance(engine, res, req.params.id);
    await assertMay(access, "case", "write", p.tenantId);
    const suspended = Params.body(req.body).bool("suspended");
    if (suspended === undefined) throw badRequest("Cannot set suspension state: 'suspended' (true or false) is required");
    await engine.suspendProcessInstance(req.params.id, suspended, { userId: access.userId });
    sendNoContent(res);
  });

  r.get("/process-instance/:id/activity-instances", async (req, res) => {
    const id = req.params.id;
    await visibleInstance(engine, res, id, `Process instance with id ${id} does not exist`);
    const tree = await engine.getActivityInstanceTree(id);
    if (!tree) throw notFound(`Process instance with id ${id} does not exist`);
    sendJson(res, activityInstanceDto(tree));
  });

  const instanceScope: VariableScope = {
    label: "process instance",
    check: async (_req, res, id, write) => {
      const p = await visibleInstance(engine, res, id, `process instance with id ${id} does not exist`);
      if (write) await assertMay(accessOf(res), "case", "write", p.tenantId);
    },
    get: (id) => engine.getVariables(id),
    getOne: (id, name) => engine.getVariable(id, name),
    set: (id, vars, _local, userId) => engine.setVariables(id, vars, { userId }),
    remove: (id, name, _local, userId) => engine.removeVariable(id, name, { userId }),
    userId: (res) => accessOf(res).userId,
  };
  mountVariableRoutes(r, "/process-instance", "variables", instanceScope, false);

  // Executions have no query endpoint here; their variables are visible when their tenant is.
  const executionScope: VariableScope = {
    label: "execution",
    check: async (_req, res, id, write) => {
      const access = accessOf(res);
      if (access.isAdmin) return;
      const first = Object.values(await engine.getVariables(id, { local: true }))[0];
      const tenantId = first ? first.tenantId : ((await engine.getProcessInstance(id))?.tenantId ?? null);
      if (!canSeeTenant(access, tenantId)) throw notFound(`execution ${id} doesn't exist`);
      if (write) await assertMay(access, "case", "write", tenantId);
    },
    get: (id) => engine.getVariables(id, { local: true }),
    getOne: (id, name) => engine.getVariable(id, name, { local: true }),
    set: (id, vars, _local, userId) => engine.setVariables(id, vars, { local: true, userId }),
    remove: (id, name, _local, userId) => engine.removeVariable(id, name, { local: true, userId }),
    userId: (res) => accessOf(res).userId,
  };
  mountVariableRoutes(r, "/execution", "localVariables", executionScope, true);

  return r;
}

