// /history: process-instance, activity-instance, task, variable-instance, user-operation (list + count).
import { Router, type Request, type Response } from "express";
import type { Engine, UserOperationLogEntry } from "../../engine";
import { accessOf, canSeeTenant, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { historicActivityInstanceDto, historicProcessInstanceDto, historicTaskDto, historicVariableDto, userOperationDto } from "./dto";
import { notFound, sendJson } from "./http";
import { compact, paging, Params } from "./params";
import { pageRows, parseSorting, singleSort, sortKeys } from "./sorting";

type HpiQuery = NonNullable<Parameters<Engine["getHistoricProcessInstances"]>[0]>;
type HaiQuery = NonNullable<Parameters<Engine["getHistoricActivityInstances"]>[0]>;
type HtiQuery = NonNullable<Parameters<Engine["getHistoricTaskInstances"]>[0]>;
type HviQuery = NonNullable<Parameters<Engine["getHistoricVariableInstances"]>[0]>;
type UolQuery = NonNullable<Parameters<Engine["getUserOperationLog"]>[0]>;

const HPI_SORT = sortKeys("instanceId", "definitionId", "definitionKey", "definitionName", "definitionVersion", "businessKey", "startTime", "endTime", "duration", "tenantId");
const HAI_SORT = sortKeys("activityInstanceId", "instanceId", "executionId", "activityId", "activityName", "activityType", "startTime", "endTime", "duration", "definitionId", "occurrence", "tenantId");
const HTI_SORT = sortKeys("taskId", "activityInstanceId", "processDefinitionId", "processInstanceId", "executionId", "duration", "endTime", "startTime", "taskName", "taskDescription", "assignee", "owner", "dueDate", "followUpDate", "deleteReason", "taskDefinitionKey", "priority", "tenantId");

function tenants(access: Access, p: Params) {
  return scopedTenants(access, p.list("tenantIdIn"));
}

function hpiQuery(access: Access, p: Params): HpiQuery | typeof NOTHING {
  const t = tenants(access, p);
  if (t === NOTHING) return NOTHING;
  return compact({
    processInstanceId: p.str("processInstanceId"),
    processInstanceIds: p.list("processInstanceIds"),
    businessKey: p.str("processInstanceBusinessKey") ?? p.str("businessKey"),
    processDefinitionKey: p.str("processDefinitionKey"),
    processDefinitionId: p.str("processDefinitionId"),
    finished: p.flag("finished") || undefined,
    unfinished: p.flag("unfinished") || undefined,
    startedBy: p.str("startedBy"),
    superProcessInstanceId: p.str("superProcessInstanceId"),
    startedAfter: p.date("startedAfter"),
    startedBefore: p.date("startedBefore"),
    tenantIdIn: t,
  });
}

function haiQuery(access: Access, p: Params): HaiQuery | typeof NOTHING {
  const t = tenants(access, p);
  if (t === NOTHING) return NOTHING;
  return compact({
    processInstanceId: p.str("processInstanceId"),
    activityId: p.str("activityId"),
    activityType: p.str("activityType"),
    executionId: p.str("executionId"),
    taskAssignee: p.str("taskAssignee"),
    finished: p.flag("finished") || undefined,
    unfinished: p.flag("unfinished") || undefined,
    canceled: p.flag("canceled") || undefined,
    tenantIdIn: t,
  });
}

function htiQuery(access: Access, p: Params): HtiQuery | typeof NOTHING {
  const t = tenants(access, p);
  if (t === NOTHING) return NOTHING;
  return compact({
    taskId: p.str("taskId"),
    processInstanceId: p.str("processInstanceId"),
    processDefinitionKey: p.str("processDefinitionKey"),
    taskAssignee: p.str("taskAssignee"),
    taskDefinitionKey: p.str("taskDefinitionKey"),
    finished: p.flag("finished") || undefined,
    unfinished: p.flag("unfinished") || undefined,
    tenantIdIn: t,
  });
}

function hviQuery(access: Access, p: Params): HviQuery | typeof NOTHING {
  const t = tenants(access, p);
  if (t === NOTHING) return NOTHING;
  return compact({
    processInstanceId: p.str("processInstanceId"),
    processInstanceIdIn: p.list("processInstanceIdIn"),
    variableName: p.str("variableName"),
    variableNameLike: p.str("variableNameLike"),
    taskIdIn: p.list("taskIdIn"),
    executionIdIn: p.list("executionIdIn"),
    tenantIdIn: t,
  });
}

function uolQuery(p: Params): UolQuery {
  return compact({
    processInstanceId: p.str("processInstanceId"),
    taskId: p.str("taskId"),
    userId: p.str("userId"),
    operationType: p.str("operationType"),
    entityType: p.str("entityType"),
    afterTimestamp: p.date("afterTimestamp"),
    beforeTimestamp: p.date("beforeTimestamp"),
  });
}

/** Mounts GET (and POST) list + count for one history resource. */
function mountQuery<Q>(
  r: Router,
  path: string,
  opts: {
    post?: boolean;
    build: (access: Access, p: Params) => Q | typeof NOTHING;
    sort?: Record<string, string>;
    list: (q: Q & Record<string, unknown>) => Promise<unknown[]>;
    count: (q: Q) => Promise<number>;
  },
) {
  const list = async (req: Request, res: Response, p: Params) => {
    const q = opts.build(accessOf(res), p);
    const sorting = opts.sort ? parseSorting(p, opts.sort) : undefined;
    const page = paging(Params.query(req.query), p.source === "body" ? p : undefined);
    if (q === NOTHING || page.maxResults === 0) return sendJson(res, []);
    sendJson(res, await opts.list({ ...(q as Q & Record<string, unknown>), ...singleSort(sorting), ...page }));
  };
  const count = async (res: Response, p: Params) => {
    const q = opts.build(accessOf(res), p);
    sendJson(res, { count: q === NOTHING ? 0 : await opts.count(q) });
  };
  r.get(path, (req, res) => list(req, res, Params.query(req.query)));
  r.get(`${path}/count`, (req, res) => count(res, Params.query(req.query)));
  if (opts.post) {
    r.post(path, (req, res) => list(req, res, Params.body(req.body)));
    r.post(`${path}/count`, (req, res) => count(res, Params.body(req.body)));
  }
}

export function historyRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  mountQuery(r, "/history/process-instance", {
    post: true,
    build: hpiQuery,
    sort: HPI_SORT,
    list: async (q) => (await engine.getHistoricProcessInstances(q)).map(historicProcessInstanceDto),
    count: (q) => engine.countHistoricProcessInstances(q),
  });
  r.get("/history/process-instance/:id", async (req, res) => {
    const id = req.params.id;
    const [h] = await engine.getHistoricProcessInstances({ processInstanceId: id });
    if (!h || !canSeeTenant(accessOf(res), h.tenantId)) throw notFound(`Historic process instance with id ${id} does not exist`);
    sendJson(res, historicProcessInstanceDto(h));
  });

  mountQuery(r, "/history/activity-instance", {
    post: true,
    build: haiQuery,
    sort: HAI_SORT,
    list: async (q) => (await engine.getHistoricActivityInstances(q)).map(historicActivityInstanceDto),
    count: (q) => engine.countHistoricActivityInstances(q),
  });

  mountQuery(r, "/history/task", {
    post: true,
    build: htiQuery,
    sort: HTI_SORT,
    list: async (q) => (await engine.getHistoricTaskInstances(q)).map(historicTaskDto),
    count: (q) => engine.countHistoricTaskInstances(q),
  });

  const deserialize = (req: Request) => Params.query(req.query).bool("deserializeValues") ?? true;
  r.get("/history/variable-instance", async (req, res) => {
    const p = Params.query(req.query);
    const q = hviQuery(accessOf(res), p);
    const page = paging(p);
    if (q === NOTHING || page.maxResults === 0) return sendJson(res, []);
    sendJson(res, (await engine.getHistoricVariableInstances({ ...q, ...page })).map((h) => historicVariableDto(h, deserialize(req))));
  });
  r.post("/history/variable-instance", async (req, res) => {
    const p = Params.body(req.body);
    const q = hviQuery(accessOf(res), p);
    const page = paging(Params.query(req.query), p);
    if (q === NOTHING || page.maxResults === 0) return sendJson(res, []);
    sendJson(res, (await engine.getHistoricVariableInstances({ ...q, ...page })).map((h) => historicVariableDto(h, deserialize(req))));
  });
  const countVariables = async (res: Response, p: Params) => {
    const q = hviQuery(accessOf(res), p);
    sendJson(res, { count: q === NOTHING ? 0 : await engine.countHistoricVariableInstances(q) });
  };
  r.get("/history/variable-instance/count", (req, res) => countVariables(res, Params.query(req.query)));
  r.post("/history/variable-instance/count", (req, res) => countVariables(res, Params.body(req.body)));
  r.get("/history/variable-instance/:id", async (req) => {
    // The engine has no id filter on historic variables; Camunda clients rarely use this endpoint.
    throw notFound(`Historic variable instance with Id '${req.params.id}' does not exist`);
  });

  // The operation log has no tenant column: a restricted caller sees the entries of the process instances
  // it may see (looked up in history), filtered here rather than in SQL.
  async function visibleOperations(access: Access, q: UolQuery, sortOrder: "asc" | "desc" | undefined): Promise<UserOperationLogEntry[]> {
    const all = await engine.getUserOperationLog({ ...q, ...(sortOrder ? { sortOrder } : {}) });
    if (access.visibleTenants === null) return all;
    const tenantOf = new Map<string, string | null>();
    const out: UserOperationLogEntry[] = [];
    for (const e of all) {
      if (!e.processInstanceId) continue;
      if (!tenantOf.has(e.processInstanceId)) {
        const [h] = await engine.getHistoricProcessInstances({ processInstanceId: e.processInstanceId });
        tenantOf.set(e.processInstanceId, h ? h.tenantId : null);
      }
      if (canSeeTenant(access, tenantOf.get(e.processInstanceId))) out.push(e);
    }
    return out;
  }
  r.get("/history/user-operation", async (req, res) => {
    const access = accessOf(res);
    const p = Params.query(req.query);
    const q = uolQuery(p);
    const sorting = parseSorting(p, sortKeys("timestamp"));
    const page = paging(p);
    if (page.maxResults === 0) return sendJson(res, []);
    const sortOrder = sorting?.[0]?.sortOrder;
    const rows = access.visibleTenants === null
      ? await engine.getUserOperationLog({ ...q, ...(sortOrder ? { sortOrder } : {}), ...page })
      : pageRows(await visibleOperations(access, q, sortOrder), page);
    sendJson(res, rows.map(userOperationDto));
  });
  r.get("/history/user-operation/count", async (req, res) => {
    const access = accessOf(res);
    const q = uolQuery(Params.query(req.query));
    const count = access.visibleTenants === null ? await engine.countUserOperationLog(q) : (await visibleOperations(access, q, undefined)).length;
    sendJson(res, { count });
  });

  return r;
}
