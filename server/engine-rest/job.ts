// /job (query, count, get, retries, execute) and /incident (query, count).
import { Router, type Request, type Response } from "express";
import type { Incident, IncidentQuery, Job, JobQuery } from "../../engine";
import { accessOf, canSeeTenant, NOTHING, scopedTenants, type Access } from "./access";
import type { RestContext } from "./context";
import { incidentDto, jobDto } from "./dto";
import { parseDate } from "./dates";
import { badRequest, engineErrorType, notFound, sendJson, sendNoContent } from "./http";
import { compact, paging, Params } from "./params";
import { pageRows, parseSorting, sortRows, sortKeys } from "./sorting";

const JOB_SORT = sortKeys("jobId", "executionId", "processInstanceId", "processDefinitionId", "processDefinitionKey", "jobPriority", "jobRetries", "jobDueDate", "tenantId");
const JOB_FIELDS: Record<string, keyof Job> = {
  jobId: "id", executionId: "executionId", processInstanceId: "processInstanceId", processDefinitionId: "processDefinitionId",
  processDefinitionKey: "processDefinitionKey", jobPriority: "priority", jobRetries: "retries", jobDueDate: "dueDate", tenantId: "tenantId",
};

/** Camunda's `dueDates=lt_2026-01-01T00:00:00.000+0000` (only the upper bound maps onto the engine). */
function dueBefore(p: Params): Date | undefined {
  const text = p.source === "query" ? p.str("dueDates") : undefined;
  const list = p.source === "body" ? (p.json("dueDates") as { operator?: string; value?: string }[] | undefined) : undefined;
  const conditions = text ? text.split(",").map((c) => ({ operator: c.split("_")[0], value: c.slice(c.indexOf("_") + 1) })) : list ?? [];
  let result: Date | undefined;
  for (const c of conditions) {
    if (c.operator !== "lt") throw badRequest(`Invalid dueDates comparator specified: ${String(c.operator)} (only 'lt' is supported)`);
    const d = typeof c.value === "string" ? parseDate(c.value) : null;
    if (!d) throw badRequest(`Cannot set query parameter 'dueDates' to value '${String(c.value)}'`);
    result = d;
  }
  return result;
}

function jobQuery(access: Access, p: Params): JobQuery | typeof NOTHING {
  const tenants = scopedTenants(access, p.list("tenantIdIn"));
  if (tenants === NOTHING) return NOTHING;
  return compact({
    jobId: p.str("jobId"),
    processInstanceId: p.str("processInstanceId"),
    executionId: p.str("executionId"),
    processDefinitionId: p.str("processDefinitionId"),
    processDefinitionKey: p.str("processDefinitionKey"),
    activityId: p.str("activityId"),
    timers: p.flag("timers") || undefined,
    messages: p.flag("messages") || undefined,
    executable: p.flag("executable") || undefined,
    withException: p.flag("withException") || undefined,
    noRetriesLeft: p.flag("noRetriesLeft") || undefined,
    dueBefore: dueBefore(p),
    tenantIdIn: tenants,
  });
}

const INCIDENT_SORT = sortKeys("incidentId", "incidentMessage", "incidentTimestamp", "incidentType", "executionId", "activityId", "causeIncidentId", "rootCauseIncidentId", "configuration", "tenantId", "processInstanceId", "processDefinitionId");
const INCIDENT_FIELDS: Record<string, keyof Incident> = {
  incidentId: "id", incidentMessage: "incidentMessage", incidentTimestamp: "incidentTimestamp", incidentType: "incidentType",
  executionId: "executionId", activityId: "activityId", causeIncidentId: "causeIncidentId", rootCauseIncidentId: "rootCauseIncidentId",
  configuration: "configuration", tenantId: "tenantId", processInstanceId: "processInstanceId", processDefinitionId: "processDefinitionId",
};

function incidentQuery(access: Access, p: Params): IncidentQuery | typeof NOTHING {
  const tenants = scopedTenants(access, p.list("tenantIdIn"));
  if (tenants === NOTHING) return NOTHING;
  return compact({
    incidentId: p.str("incidentId"),
    incidentType: p.str("incidentType"),
    processInstanceId: p.str("processInstanceId"),
    processDefinitionId: p.str("processDefinitionId"),
    activityId: p.str("activityId"),
    configuration: p.str("configuration"),
    tenantIdIn: tenants,
  });
}

export function jobRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  async function listJobs(req: Request, res: Response, p: Params) {
    const query = jobQuery(accessOf(res), p);
    const sorting = parseSorting(p, JOB_SORT);
    const page = paging(Params.query(req.query), p.source === "body" ? p : undefined);
    if (query === NOTHING || page.maxResults === 0) return sendJson(res, []);
    // The engine's job query has no order option: sort here, then page.
    const rows = sorting ? pageRows(sortRows(await engine.getJobs(query), sorting, (j, k) => j[JOB_FIELDS[k]!]), page) : await engine.getJobs({ ...query, ...page });
    sendJson(res, rows.map(jobDto));
  }
  async function countJobs(res: Response, p: Params) {
    const query = jobQuery(accessOf(res), p);
    sendJson(res, { count: query === NOTHING ? 0 : await engine.countJobs(query) });
  }
  r.get("/job", (req, res) => listJobs(req, res, Params.query(req.query)));
  r.post("/job", (req, res) => listJobs(req, res, Params.body(req.body)));
  r.get("/job/count", (req, res) => countJobs(res, Params.query(req.query)));
  r.post("/job/count", (req, res) => countJobs(res, Params.body(req.body)));

  async function visibleJob(res: Response, id: string): Promise<Job> {
    const j = await engine.getJob(id);
    if (!j || !canSeeTenant(accessOf(res), j.tenantId)) throw notFound(`Job with id ${id} does not exist`);
    return j;
  }
  r.get("/job/:id", async (req, res) => sendJson(res, jobDto(await visibleJob(res, req.params.id))));
  r.use("/job/:id/:action", engineErrorType("RestException"));
  r.put("/job/:id/retries", async (req, res) => {
    const j = await visibleJob(res, req.params.id);
    const retries = Params.body(req.body).int("retries", { min: 0 });
    if (retries === undefined) throw badRequest(`Cannot set retries of job ${j.id}: 'retries' is required`);
    await engine.setJobRetries(j.id, retries);
    sendNoContent(res);
  });
  r.post("/job/:id/execute", async (req, res) => {
    const j = await visibleJob(res, req.params.id);
    await engine.executeJob(j.id);
    sendNoContent(res);
  });

  async function listIncidents(req: Request, res: Response) {
    const q = Params.query(req.query);
    const query = incidentQuery(accessOf(res), q);
    const sorting = parseSorting(q, INCIDENT_SORT);
    const page = paging(q);
    if (query === NOTHING || page.maxResults === 0) return sendJson(res, []);
    const rows = sorting ? pageRows(sortRows(await engine.getIncidents(query), sorting, (i, k) => i[INCIDENT_FIELDS[k]!]), page) : await engine.getIncidents({ ...query, ...page });
    sendJson(res, rows.map(incidentDto));
  }
  r.get("/incident", listIncidents);
  r.get("/incident/count", async (req, res) => {
    const query = incidentQuery(accessOf(res), Params.query(req.query));
    sendJson(res, { count: query === NOTHING ? 0 : await engine.countIncidents(query) });
  });
  r.get("/incident/:id", async (req, res) => {
    const id = req.params.id;
    const [i] = await engine.getIncidents({ incidentId: id });
    if (!i || !canSeeTenant(accessOf(res), i.tenantId)) throw notFound(`No matching incident with id ${id}`);
    sendJson(res, incidentDto(i));
  });

  return r;
}
