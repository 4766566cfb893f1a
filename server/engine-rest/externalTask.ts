// /external-task: the fetch-and-lock protocol of camunda-external-task-client-js (long polling included),
// complete / failure / bpmnError / lock / extendLock / unlock, retries, query, count, get.
import { Router, type Request, type Response } from "express";
import type { ExternalTask, ExternalTaskQuery, FetchTopic, LockedExternalTask } from "../../engine";
import { accessOf, canSeeTenant, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { externalTaskDto } from "./dto";
import { badRequest, engineErrorType, RestError, sendJson, sendNoContent } from "./http";
import { compact, paging, Params } from "./params";
import { parseVariables, toVariableMapDto } from "./variables";
import { withErrorPrefix } from "./wrap";

/** Camunda's upper bound for asyncResponseTimeout (30 minutes). */
const MAX_ASYNC_RESPONSE_TIMEOUT = 1_800_000;

function stringList(value: unknown, field: string): string[] | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw badRequest(`'${field}' must be an array of strings`);
  return value as string[];
}

/** One topic of the request, validated; null when the caller may see none of its tenants. */
function parseTopic(access: Access, raw: unknown, index: number): FetchTopic | null {
  if (typeof raw !== "object" || raw === null) throw badRequest(`topics[${index}] must be an object`);
  const t = raw as Record<string, unknown>;
  if (typeof t.topicName !== "string" || t.topicName === "") throw badRequest(`topics[${index}].topicName is required`);
  const lockDuration = t.lockDuration;
  if (typeof lockDuration !== "number" || !Number.isFinite(lockDuration) || lockDuration <= 0) {
    throw badRequest(`topics[${index}].lockDuration must be a positive number of milliseconds`);
  }
  const requested = stringList(t.tenantIdIn, `topics[${index}].tenantIdIn`) ?? undefined;
  const withoutTenantId = t.withoutTenantId === true;
  let tenantIdIn: string[] | undefined = requested;
  if (access.visibleTenants !== null) {
    if (withoutTenantId) return null;
    const scope = scopedTenants(access, requested);
    if (scope === NOTHING) return null;
    tenantIdIn = scope;
  }
  if (t.processVariables !== undefined && t.processVariables !== null && (typeof t.processVariables !== "object" || Array.isArray(t.processVariables))) {
    throw badRequest(`topics[${index}].processVariables must be an object`);
  }
  return compact({
    topicName: t.topicName,
    lockDuration,
    variables: stringList(t.variables, `topics[${index}].variables`),
    localVariables: t.localVariables === true || undefined,
    businessKey: typeof t.businessKey === "string" ? t.businessKey : undefined,
    processDefinitionId: typeof t.processDefinitionId === "string" ? t.processDefinitionId : undefined,
    processDefinitionIdIn: stringList(t.processDefinitionIdIn, `topics[${index}].processDefinitionIdIn`) ?? undefined,
    processDefinitionKey: typeof t.processDefinitionKey === "string" ? t.processDefinitionKey : undefined,
    processDefinitionKeyIn: stringList(t.processDefinitionKeyIn, `topics[${index}].processDefinitionKeyIn`) ?? undefined,
    tenantIdIn,
    withoutTenantId: withoutTenantId || undefined,
    processVariables: (t.processVariables as Record<string, unknown> | undefined) ?? undefined,
    deserializeValues: t.deserializeValues === true || undefined,
    includeExtensionProperties: t.includeExtensionProperties === true || undefined,
  });
}

function lockedDto(t: LockedExternalTask, deserializeValues: boolean, includeExtensionProperties: boolean) {
  return {
    ...externalTaskDto(t),
    errorDetails: t.errorDetails,
    variables: toVariableMapDto(t.variables ?? {}, deserializeValues),
    extensionProperties: includeExtensionProperties ? t.extensionProperties ?? {} : {},
  };
}

/** Resolves after ms, or at once when the client went away. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

function externalTaskQuery(access: Access, p: Params): ExternalTaskQuery | typeof NOTHING {
  const tenants = scopedTenants(access, p.list("tenantIdIn"));
  if (tenants === NOTHING) return NOTHING;
  return compact({
    externalTaskId: p.str("externalTaskId"),
    topicName: p.str("topicName"),
    workerId: p.str("workerId"),
    locked: p.flag("locked") || undefined,
    notLocked: p.flag("notLocked") || undefined,
    withRetriesLeft: p.flag("withRetriesLeft") || undefined,
    noRetriesLeft: p.flag("noRetriesLeft") || undefined,
    processInstanceId: p.str("processInstanceId"),
    processInstanceIdIn: p.list("processInstanceIdIn"),
    processDefinitionId: p.str("processDefinitionId"),
    activityId: p.str("activityId"),
    tenantIdIn: tenants,
    active: p.flag("active") || undefined,
    suspended: p.flag("suspended") || undefined,
  });
}

export function externalTaskRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  r.post("/external-task/fetchAndLock", async (req: Request, res: Response) => {
    const access = accessOf(res);
    const body = Params.body(req.body);
    const workerId = body.str("workerId");
    if (!workerId) throw badRequest("workerId is null");
    const maxTasks = body.int("maxTasks", { min: 0 }) ?? 10;
    const timeout = body.int("asyncResponseTimeout", { min: 0 });
    if (timeout !== undefined && timeout > MAX_ASYNC_RESPONSE_TIMEOUT) {
      throw badRequest(`The asynchronous response timeout cannot be set to a value greater than ${MAX_ASYNC_RESPONSE_TIMEOUT} milliseconds`);
    }
    const rawTopics = body.json("topics") ?? [];
    if (!Array.isArray(rawTopics)) throw badRequest("'topics' must be an array");
    const topics = rawTopics.map((t, i) => parseTopic(access, t, i));
    const allowed = topics.filter((t): t is FetchTopic => t !== null);
    const deserialize = new Map(allowed.map((t) => [t.topicName, t.deserializeValues === true]));
    const extensions = new Map(allowed.map((t) => [t.topicName, t.includeExtensionProperties === true]));

    // A long poll ends early when the worker disconnects (res 'close' before we answered).
    const abort = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    const request = compact({ workerId, maxTasks, usePriority: body.bool("usePriority"), topics: allowed });
    let tasks: LockedExternalTask[] = [];
    if (maxTasks > 0 && allowed.length > 0) {
      try {
        tasks = timeout ? await engine.fetchAndLockWait(request, timeout, abort.signal) : await engine.fetchAndLock(request);
      } catch (err) {
        // The worker hung up (or the server is shutting down): nobody is left to answer.
        if (abort.signal.aborted) return;
        throw err;
      }
    } else if (timeout && rawTopics.length > 0) {
      // Nothing the caller may fetch: behave like an empty long poll instead of inviting a busy loop.
      await sleep(timeout, abort.signal);
    }
    if (abort.signal.aborted) return;
    sendJson(res, tasks.map((t) => lockedDto(t, deserialize.get(t.topicName) ?? false, extensions.get(t.topicName) ?? false)));
  });

  async function list(req: Request, res: Response, p: Params) {
    const query = externalTaskQuery(accessOf(res), p);
    const page = paging(Params.query(req.query), p.source === "body" ? p : undefined);
    if (query === NOTHING || page.maxResults === 0) return sendJson(res, []);
    sendJson(res, (await engine.getExternalTasks({ ...query, ...page })).map(externalTaskDto));
  }
  async function count(res: Response, p: Params) {
    const query = externalTaskQuery(accessOf(res), p);
    if (query === NOTHING) return sendJson(res, { count: 0 });
    sendJson(res, { count: await engine.countExternalTasks(query) });
  }
  r.get("/external-task", (req, res) => list(req, res, Params.query(req.query)));
  r.post("/external-task", (req, res) => list(req, res, Params.body(req.body)));
  r.get("/external-task/count", (req, res) => count(res, Params.query(req.query)));
  r.post("/external-task/count", (req, res) => count(res, Params.body(req.body)));

  async function visible(res: Response, id: string, type: "InvalidRequestException" | "RestException"): Promise<ExternalTask> {
    const t = await engine.getExternalTask(id);
    if (!t || !canSeeTenant(accessOf(res), t.tenantId)) throw new RestError(404, type, `External task with id ${id} does not exist`);
    return t;
  }

  r.get("/external-task/:id", async (req, res) => sendJson(res, externalTaskDto(await visible(res, req.params.id, "InvalidRequestException"))));

  r.get("/external-task/:id/errorDetails", async (req, res) => {
    const t = await visible(res, req.params.id, "InvalidRequestException");
    res.status(200).setHeader("Content-Type", "text/plain; charset=utf-8");
    res.send(t.errorDetails ?? "");
  });

  // Camunda reports failures of these commands as RestException (404 unknown id, 400 wrong worker …).
  r.use("/external-task/:id/:action", engineErrorType("RestException"));

  const requireWorker = (body: Params, action: string, id: string) => {
    const workerId = body.str("workerId");
    if (!workerId) throw new RestError(400, "RestException", `Cannot ${action} external task ${id}: workerId is required`);
    return workerId;
  };

  r.post("/external-task/:id/complete", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const body = Params.body(req.body);
    const workerId = requireWorker(body, "complete", id);
    const { variables, localVariables } = await withErrorPrefix(`Cannot complete external task ${id}`, () => ({
      variables: parseVariables(body.json("variables")),
      localVariables: parseVariables(body.json("localVariables"), "localVariables"),
    }));
    await engine.completeExternalTask(id, workerId, compact({ variables, localVariables }));
    sendNoContent(res);
  });

  r.post("/external-task/:id/failure", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const body = Params.body(req.body);
    const workerId = requireWorker(body, "report a failure of", id);
    const retries = body.int("retries", { min: 0 }) ?? 0;
    const retryTimeout = body.int("retryTimeout", { min: 0 }) ?? 0;
    const { variables, localVariables } = await withErrorPrefix(`Cannot report a failure of external task ${id}`, () => ({
      variables: parseVariables(body.json("variables")),
      localVariables: parseVariables(body.json("localVariables"), "localVariables"),
    }));
    await engine.handleExternalTaskFailure(id, workerId, compact({
      errorMessage: body.str("errorMessage") ?? null,
      errorDetails: body.str("errorDetails") ?? null,
      retries,
      retryTimeout,
      variables,
      localVariables,
    }));
    sendNoContent(res);
  });

  r.post("/external-task/:id/bpmnError", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const body = Params.body(req.body);
    const workerId = requireWorker(body, "report a BPMN error of", id);
    const errorCode = body.str("errorCode");
    if (!errorCode) throw new RestError(400, "RestException", `Cannot report a BPMN error of external task ${id}: errorCode is required`);
    const variables = await withErrorPrefix(`Cannot report a BPMN error of external task ${id}`, () => parseVariables(body.json("variables")));
    await engine.handleExternalTaskBpmnError(id, workerId, compact({ errorCode, errorMessage: body.str("errorMessage") ?? null, variables }));
    sendNoContent(res);
  });

  r.post("/external-task/:id/lock", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const body = Params.body(req.body);
    const workerId = requireWorker(body, "lock", id);
    const lockDuration = body.int("lockDuration", { min: 1 });
    if (lockDuration === undefined) throw new RestError(400, "RestException", `Cannot lock external task ${id}: lockDuration is required`);
    await engine.lockExternalTask(id, workerId, lockDuration);
    sendNoContent(res);
  });

  r.post("/external-task/:id/extendLock", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const body = Params.body(req.body);
    const workerId = requireWorker(body, "extend the lock of", id);
    const newDuration = body.int("newDuration", { min: 1 });
    if (newDuration === undefined) throw new RestError(400, "RestException", `Cannot extend the lock of external task ${id}: newDuration is required`);
    await engine.extendExternalTaskLock(id, workerId, newDuration);
    sendNoContent(res);
  });

  r.post("/external-task/:id/unlock", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    await engine.unlockExternalTask(id);
    sendNoContent(res);
  });

  r.put("/external-task/:id/retries", async (req, res) => {
    const id = req.params.id;
    await visible(res, id, "RestException");
    const retries = Params.body(req.body).int("retries", { min: 0 });
    if (retries === undefined) throw new RestError(400, "RestException", `Cannot set retries of external task ${id}: retries is required`);
    await engine.setExternalTaskRetries(id, retries);
    sendNoContent(res);
  });

  return r;
}
