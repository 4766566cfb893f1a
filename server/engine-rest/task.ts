// /task: Camunda's task query (GET and POST), count, get, claim/unclaim/complete/resolve/delegate/assignee,
// form, form variables, variables and local variables, identity links.
import { Router, type Request, type Response } from "express";
import type { Task, TaskQuery, TaskSortKey } from "../../engine";
import { accessOf, assertMayActOnTask, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { taskDto } from "./dto";
import { badRequest, engineErrorType, forbidden, sendJson, sendNoContent } from "./http";
import { variablesAfterCommand, visibleTask } from "./lookups";
import { compact, paging, Params } from "./params";
import { parseSorting, sortKeys } from "./sorting";
import { mountVariableRoutes, type VariableScope } from "./variableRoutes";
import { parseVariableFilterList, parseVariableFilterText, parseVariables, toVariableMapDto } from "./variables";
import { withErrorPrefix } from "./wrap";

const SORT = sortKeys<TaskSortKey>(
  "instanceId", "caseInstanceId", "dueDate", "executionId", "caseExecutionId", "assignee", "created", "lastUpdated",
  "followUpDate", "description", "id", "name", "nameCaseInsensitive", "priority", "processInstanceId",
  "processDefinitionId", "taskDefinitionKey", "tenantId",
);

function variableFilters(p: Params, name: string) {
  if (p.source === "query") {
    const text = p.str(name);
    return text === undefined ? undefined : parseVariableFilterText(name, text);
  }
  const list = p.json(name);
  return list === undefined || list === null ? undefined : parseVariableFilterList(name, list);
}

/** Camunda's task query parameters → the engine's TaskQuery, narrowed to the caller's tenants. */
export function taskQuery(access: Access, p: Params): TaskQuery | typeof NOTHING {
  const tenants = scopedTenants(access, p.list("tenantIdIn"));
  if (tenants === NOTHING) return NOTHING;
  const withoutTenantId = p.flag("withoutTenantId");
  if (withoutTenantId && access.visibleTenants !== null) return NOTHING;
  const delegationState = p.str("delegationState");
  if (delegationState !== undefined && delegationState !== "PENDING" && delegationState !== "RESOLVED") {
    throw badRequest(`Valid values for property 'delegationState' are 'PENDING' or 'RESOLVED', but was '${delegationState}'`);
  }
  return compact({
    id: p.str("taskId"),
    ids: p.list("taskIdIn"),
    assignee: p.str("assignee"),
    assigneeLike: p.str("assigneeLike"),
    assigneeIn: p.list("assigneeIn"),
    unassigned: p.flag("unassigned") || undefined,
    assigned: p.flag("assigned") || undefined,
    owner: p.str("owner"),
    candidateUser: p.str("candidateUser"),
    candidateGroup: p.str("candidateGroup"),
    candidateGroups: p.list("candidateGroups"),
    includeAssignedTasks: p.flag("includeAssignedTasks") || undefined,
    involvedUser: p.str("involvedUser"),
    processInstanceId: p.str("processInstanceId"),
    processInstanceIdIn: p.list("processInstanceIdIn"),
    processInstanceBusinessKey: p.str("processInstanceBusinessKey"),
    processInstanceBusinessKeyLike: p.str("processInstanceBusinessKeyLike"),
    processDefinitionId: p.str("processDefinitionId"),
    processDefinitionKey: p.str("processDefinitionKey"),
    processDefinitionKeyIn: p.list("processDefinitionKeyIn"),
    executionId: p.str("executionId"),
    taskDefinitionKey: p.str("taskDefinitionKey"),
    taskDefinitionKeyIn: p.list("taskDefinitionKeyIn"),
    name: p.str("name"),
    nameLike: p.str("nameLike"),
    dueBefore: p.date("dueBefore"),
    dueAfter: p.date("dueAfter"),
    dueDate: p.date("dueDate") ?? p.date("due"),
    withoutDueDate: p.flag("withoutDueDate") || undefined,
    followUpBefore: p.date("followUpBefore"),
    followUpAfter: p.date("followUpAfter"),
    createdBefore: p.date("createdBefore"),
    createdAfter: p.date("createdAfter"),
    tenantIdIn: tenants,
    withoutTenantId: withoutTenantId || undefined,
    active: p.flag("active") || undefined,
    suspended: p.flag("suspended") || undefined,
    minPriority: p.int("minPriority"),
    maxPriority: p.int("maxPriority"),
    delegationState: delegationState as TaskQuery["delegationState"],
    processVariables: variableFilters(p, "processVariables"),
    taskVariables: variableFilters(p, "taskVariables"),
  });
}

export function taskRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  async function list(req: Request, res: Response, p: Params) {
    const query = taskQuery(accessOf(res), p);
    const sorting = parseSorting(p, SORT);
    const page = paging(Params.query(req.query), p.source === "body" ? p : undefined);
    if (query === NOTHING || page.maxResults === 0) return sendJson(res, []);
    const tasks = await engine.getTasks({ ...query, ...(sorting ? { sorting } : {}), ...page });
    sendJson(res, tasks.map(taskDto));
  }
  async function count(res: Response, p: Params) {
    const query = taskQuery(accessOf(res), p);
    if (query === NOTHING) return sendJson(res, { count: 0 });
    sendJson(res, { count: await engine.countTasks(query) });
  }

  r.get("/task", (req, res) => list(req, res, Params.query(req.query)));
  r.post("/task", (req, res) => list(req, res, Params.body(req.body)));
  r.get("/task/count", (req, res) => count(res, Params.query(req.query)));
  r.post("/task/count", (req, res) => count(res, Params.body(req.body)));

  r.get("/task/:id", async (req, res) => sendJson(res, taskDto(await visibleTask(engine, res, req.params.id))));

  r.get("/task/:id/form", async (req, res) => {
    const t = await visibleTask(engine, res, req.params.id, `Cannot get form for task ${req.params.id}`);
    sendJson(res, { key: t.formKey, contextPath: null, camundaFormRef: null });
  });

  r.get("/task/:id/identity-links", async (req, res) => {
    const t = await visibleTask(engine, res, req.params.id);
    const type = Params.query(req.query).str("type");
    const links = [
      ...(t.assignee ? [{ userId: t.assignee, groupId: null, type: "assignee" }] : []),
      ...(t.owner ? [{ userId: t.owner, groupId: null, type: "owner" }] : []),
      ...t.candidateUsers.map((u) => ({ userId: u, groupId: null, type: "candidate" })),
      ...t.candidateGroups.map((g) => ({ userId: null, groupId: g, type: "candidate" })),
    ];
    sendJson(res, type ? links.filter((l) => l.type === type) : links);
  });

  r.get("/task/:id/form-variables", async (req, res) => {
    const id = req.params.id;
    await visibleTask(engine, res, id, `Cannot get form variables for task ${id}: No matching task with id ${id}`);
    const q = Params.query(req.query);
    const names = q.list("variableNames");
    const vars = await engine.getTaskVariables(id, names ? { names } : {});
    sendJson(res, toVariableMapDto(vars, q.bool("deserializeValues") ?? true));
  });

  // Actions: Camunda reports their failures as RestException.
  r.use("/task/:id/:action", engineErrorType("RestException"));

  r.post("/task/:id/claim", async (req, res) => {
    const access = accessOf(res);
    const t = await visibleTask(engine, res, req.params.id);
    const userId = Params.body(req.body).str("userId");
    if (!userId) throw badRequest(`Cannot claim task ${t.id}: 'userId' is required`);
    if (!access.isAdmin && userId !== access.userId) {
      throw forbidden(`The user with id '${access.userId ?? ""}' may claim tasks only for himself, not for '${userId}'.`);
    }
    assertMayActOnTask(access, t, "claim");
    await engine.claim(t.id, userId);
    sendNoContent(res);
  });

  r.post("/task/:id/unclaim", async (req, res) => {
    const access = accessOf(res);
    const t = await visibleTask(engine, res, req.params.id);
    assertMayActOnTask(access, t, "unclaim");
    await engine.unclaim(t.id, { userId: access.userId });
    sendNoContent(res);
  });

  r.post("/task/:id/assignee", async (req, res) => {
    const access = accessOf(res);
    const t = await visibleTask(engine, res, req.params.id);
    assertMayActOnTask(access, t, "work");
    const userId = Params.body(req.body).str("userId") ?? null;
    await engine.setAssignee(t.id, userId, { userId: access.userId });
    sendNoContent(res);
  });

  r.post("/task/:id/delegate", async (req, res) => {
    const access = accessOf(res);
    const t = await visibleTask(engine, res, req.params.id);
    assertMayActOnTask(access, t, "work");
    const userId = Params.body(req.body).str("userId");
    if (!userId) throw badRequest(`Cannot delegate task ${t.id}: 'userId' is required`);
    await engine.delegateTask(t.id, userId, { userId: access.userId });
    sendNoContent(res);
  });

  r.post("/task/:id/resolve", async (req, res) => {
    const access = accessOf(res);
    const t = await visibleTask(engine, res, req.params.id);
    assertMayActOnTask(access, t, "work");
    const variables = await withErrorPrefix(`Cannot resolve task ${t.id}`, () => parseVariables(Params.body(req.body).json("variables")));
    await engine.resolveTask(t.id, compact({ variables, userId: access.userId }));
    sendNoContent(res);
  });

  async function complete(req: Request, res: Response, verb: string) {
    const access = accessOf(res);
    const t: Task = await visibleTask(engine, res, String(req.params.id));
    assertMayActOnTask(access, t, "work");
    const body = Params.body(req.body);
    const variables = await withErrorPrefix(`Cannot ${verb} task ${t.id}`, () => parseVariables(body.json("variables")));
    const problem = await ctx.options.checkTaskSubmission?.(t, variables);
    if (problem) throw badRequest(`Cannot ${verb} task ${t.id}: ${problem}`);
    await engine.completeTask(t.id, compact({ variables, userId: access.userId }));
    if (body.flag("withVariablesInReturn")) {
      return sendJson(res, toVariableMapDto(await variablesAfterCommand(engine, t.processInstanceId)));
    }
    sendNoContent(res);
  }
  r.post("/task/:id/complete", (req, res) => complete(req, res, "complete"));
  r.post("/task/:id/submit-form", (req, res) => complete(req, res, "submit task form"));

  for (const [segment, local] of [["variables", false], ["localVariables", true]] as const) {
    const scope: VariableScope = {
      label: "task",
      check: async (_req, res, id, write) => {
        const t = await visibleTask(engine, res, id, `task ${id} doesn't exist`);
        if (write) assertMayActOnTask(accessOf(res), t, "work");
      },
      get: (id, isLocal) => engine.getTaskVariables(id, { local: isLocal }),
      getOne: async (id, name, isLocal) => (await engine.getTaskVariables(id, { local: isLocal, names: [name] }))[name] ?? null,
      set: (id, vars, isLocal, userId) => engine.setTaskVariables(id, vars, { local: isLocal, userId }),
      remove: (id, name, isLocal, userId) => engine.removeTaskVariable(id, name, { local: isLocal, userId }),
      userId: (res) => accessOf(res).userId,
    };
    mountVariableRoutes(r, "/task", segment, scope, local);
  }

  return r;
}
