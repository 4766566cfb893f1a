// Read queries over runtime tables: process instances, variables, external tasks, jobs, incidents.
import type {
  ExternalTask, ExternalTaskQuery, Incident, IncidentQuery, Job, JobQuery, ProcessInstance, ProcessInstanceQuery, VariableInstance,
} from "../api";
import type { Queryable } from "../persistence/db";
import { fromColumns } from "../runtime/typedValues";
import { bool, ms, pageFor, Where } from "./sql";
import { variableFilterSql } from "./variableFilter";

function instanceWhere(q: ProcessInstanceQuery): Where {
  const w = new Where().add(`e."parent_id" IS NULL`);
  w.in(`e."id"`, q.processInstanceIds).eq(`e."business_key"`, q.businessKey).like(`e."business_key"`, q.businessKeyLike)
    .eq(`e."process_definition_id"`, q.processDefinitionId).eq(`e."process_definition_key"`, q.processDefinitionKey)
    .in(`e."process_definition_key"`, q.processDefinitionKeyIn).in(`e."tenant_id"`, q.tenantIdIn)
    .flag(q.active, `e."suspended" = 0`).flag(q.suspended, `e."suspended" = 1`)
    .flag(q.withIncident, `EXISTS (SELECT 1 FROM "incident" i WHERE i."process_instance_id" = e."id")`);
  if (q.superProcessInstance) w.add(`e."super_execution_id" IN (SELECT "id" FROM "execution" WHERE "process_instance_id" = ?)`, q.superProcessInstance);
  for (const f of q.variables ?? []) w.add(...variableFilterSql(`e."id"`, f, "process"));
  return w;
}

const INSTANCE_SORT: Record<string, string> = { instanceId: `e."id"`, definitionKey: `e."process_definition_key"`, definitionId: `e."process_definition_id"`, tenantId: `e."tenant_id"`, businessKey: `e."business_key"` };

export async function queryProcessInstances(db: Queryable, q: ProcessInstanceQuery = {}): Promise<ProcessInstance[]> {
  const w = instanceWhere(q);
  const order = (q.sorting ?? []).map((s) => `${INSTANCE_SORT[s.sortBy] ?? `e."id"`} ${s.sortOrder === "desc" ? "DESC" : "ASC"}`);
  order.push(`e."start_time" ASC`, `e."id" ASC`);
  const rows = await db.all(`SELECT e.*, s."process_instance_id" AS super_pi FROM "execution" e LEFT JOIN "execution" s ON s."id" = e."super_execution_id"${w} ORDER BY ${order.join(", ")}${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params);
  return rows.map(toInstance);
}

export async function countProcessInstances(db: Queryable, q: ProcessInstanceQuery = {}): Promise<number> {
  const w = instanceWhere(q);
  return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "execution" e${w}`, w.params))?.n ?? 0);
}

export function toInstance(r: any): ProcessInstance {
  return {
    id: r.id, processDefinitionId: r.process_definition_id, processDefinitionKey: r.process_definition_key, businessKey: r.business_key ?? null,
    tenantId: r.tenant_id ?? null, ended: false, suspended: bool(r.suspended), startTime: ms(r.start_time)!,
    rootProcessInstanceId: r.root_process_instance_id, superProcessInstanceId: r.super_pi ?? null,
  };
}

export async function toVariableInstances(db: Queryable, rows: any[]): Promise<VariableInstance[]> {
  const blobIds = rows.filter((r) => r.blob_id).map((r) => r.blob_id);
  const blobs = new Map<string, Buffer>();
  if (blobIds.length) for (const b of await db.all(`SELECT "id", "content" FROM "blob" WHERE "id" IN (${blobIds.map(() => "?").join(",")})`, blobIds)) blobs.set(b.id, Buffer.from(b.content));
  return rows.map((r) => ({
    id: r.id, name: r.name, type: r.type,
    value: fromColumns(r.type, { textValue: r.text_value ?? null, longValue: r.long_value == null ? null : Number(r.long_value), doubleValue: r.double_value == null ? null : Number(r.double_value) }, r.blob_id ? blobs.get(r.blob_id) : null),
    valueInfo: r.value_info ? JSON.parse(r.value_info) : {}, processInstanceId: r.process_instance_id, executionId: r.execution_id,
    taskId: r.task_id ?? null, activityInstanceId: r.activity_instance_id ?? null, tenantId: r.tenant_id ?? null,
  }));
}

/** Variables visible from an execution (inner scopes shadow outer), or only its own with `local`. */
export async function variablesOf(db: Queryable, executionId: string, local: boolean, names?: string[]): Promise<Record<string, VariableInstance> | null> {
  const exec = await db.get<{ process_instance_id: string }>(`SELECT "process_instance_id" FROM "execution" WHERE "id" = ?`, [executionId]);
  if (!exec) return null;
  const executions = await db.all<{ id: string; parent_id: string | null }>(`SELECT "id", "parent_id" FROM "execution" WHERE "process_instance_id" = ?`, [exec.process_instance_id]);
  const parentOf = new Map(executions.map((e) => [e.id, e.parent_id]));
  const chain: string[] = [];
  for (let id: string | null | undefined = executionId; id; id = local ? null : parentOf.get(id)) chain.unshift(id);
  const rows = await db.all(`SELECT * FROM "variable" WHERE "execution_id" IN (${chain.map(() => "?").join(",")}) AND "task_id" IS NULL`, chain);
  rows.sort((a, b) => chain.indexOf(a.execution_id) - chain.indexOf(b.execution_id));
  const out: Record<string, VariableInstance> = {};
  for (const v of await toVariableInstances(db, rows)) if (!names || names.includes(v.name)) out[v.name] = v;
  return out;
}

function externalWhere(q: ExternalTaskQuery, now: number): Where {
  const w = new Where();
  w.eq(`"id"`, q.externalTaskId).eq(`"topic_name"`, q.topicName).eq(`"worker_id"`, q.workerId)
    .eq(`"process_instance_id"`, q.processInstanceId).in(`"process_instance_id"`, q.processInstanceIdIn)
    .eq(`"process_definition_id"`, q.processDefinitionId).eq(`"activity_id"`, q.activityId).in(`"tenant_id"`, q.tenantIdIn)
    .flag(q.active, `"suspended" = 0`).flag(q.suspended, `"suspended" = 1`)
    .flag(q.withRetriesLeft, `("retries" IS NULL OR "retries" > 0)`).flag(q.noRetriesLeft, `"retries" = 0`);
  if (q.locked) w.add(`"lock_expiration" > ?`, now);
  if (q.notLocked) w.add(`("lock_expiration" IS NULL OR "lock_expiration" <= ?)`, now);
  return w;
}

export async function queryExternalTasks(db: Queryable, q: ExternalTaskQuery, now: number): Promise<ExternalTask[]> {
  const w = externalWhere(q, now);
  return (await db.all(`SELECT * FROM "external_task"${w} ORDER BY "create_time", "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map(toExternalTask);
}

export async function countExternalTasks(db: Queryable, q: ExternalTaskQuery, now: number): Promise<number> {
  const w = externalWhere(q, now);
  return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "external_task"${w}`, w.params))?.n ?? 0);
}

export function toExternalTask(r: any): ExternalTask {
  return {
    id: r.id, topicName: r.topic_name, workerId: r.worker_id ?? null, lockExpirationTime: ms(r.lock_expiration), retries: r.retries == null ? null : Number(r.retries),
    errorMessage: r.error_message ?? null, errorDetails: r.error_details ?? null, suspended: bool(r.suspended), processInstanceId: r.process_instance_id,
    executionId: r.execution_id, processDefinitionId: r.process_definition_id, processDefinitionKey: r.process_definition_key,
    processDefinitionVersionTag: r.version_tag ?? null, activityId: r.activity_id, activityInstanceId: r.activity_instance_id,
    businessKey: r.business_key ?? null, priority: Number(r.priority), tenantId: r.tenant_id ?? null, createTime: ms(r.create_time)!,
    extensionProperties: r.extension_properties ? JSON.parse(r.extension_properties) : {},
  };
}

function jobWhere(q: JobQuery, now: number): Where {
  const w = new Where();
  w.eq(`"id"`, q.jobId).eq(`"process_instance_id"`, q.processInstanceId).eq(`"execution_id"`, q.executionId)
    .eq(`"process_definition_id"`, q.processDefinitionId).eq(`"process_definition_key"`, q.processDefinitionKey).eq(`"activity_id"`, q.activityId)
    .flag(q.timers, `"type" = 'timer'`).flag(q.messages, `"type" <> 'timer'`).flag(q.withException, `"exception_message" IS NOT NULL`)
    .flag(q.noRetriesLeft, `"retries" = 0`).time(`"due_date"`, "<", q.dueBefore).in(`"tenant_id"`, q.tenantIdIn);
  if (q.executable) w.add(`"retries" > 0 AND ("due_date" IS NULL OR "due_date" <= ?)`, now);
  return w;
}

export async function queryJobs(db: Queryable, q: JobQuery, now: number): Promise<Job[]> {
  const w = jobWhere(q, now);
  return (await db.all(`SELECT * FROM "job"${w} ORDER BY "due_date", "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map(toJob);
}

export async function countJobs(db: Queryable, q: JobQuery, now: number): Promise<number> {
  const w = jobWhere(q, now);
  return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "job"${w}`, w.params))?.n ?? 0);
}

export function toJob(r: any): Job {
  return {
    id: r.id, jobDefinitionId: null, type: r.type === "timer" ? "timer" : "async-continuation", processInstanceId: r.process_instance_id ?? null,
    executionId: r.execution_id ?? null, processDefinitionId: r.process_definition_id ?? null, processDefinitionKey: r.process_definition_key ?? null,
    activityId: r.activity_id ?? null, dueDate: ms(r.due_date), retries: Number(r.retries), exceptionMessage: r.exception_message ?? null,
    failedActivityId: r.exception_message ? r.activity_id : null, suspended: bool(r.suspended), priority: Number(r.priority), tenantId: r.tenant_id ?? null,
    createTime: ms(r.create_time)!,
  };
}

function incidentWhere(q: IncidentQuery): Where {
  return new Where().eq(`"id"`, q.incidentId).eq(`"incident_type"`, q.incidentType).eq(`"process_instance_id"`, q.processInstanceId)
    .eq(`"process_definition_id"`, q.processDefinitionId).eq(`"activity_id"`, q.activityId).eq(`"configuration"`, q.configuration).in(`"tenant_id"`, q.tenantIdIn);
}

export async function queryIncidents(db: Queryable, q: IncidentQuery): Promise<Incident[]> {
  const w = incidentWhere(q);
  return (await db.all(`SELECT * FROM "incident"${w} ORDER BY "incident_timestamp", "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map((r) => ({
    id: r.id, processDefinitionId: r.process_definition_id ?? null, processInstanceId: r.process_instance_id ?? null, executionId: r.execution_id ?? null,
    incidentTimestamp: ms(r.incident_timestamp)!, incidentType: r.incident_type, activityId: r.activity_id ?? null, failedActivityId: r.failed_activity_id ?? null,
    causeIncidentId: r.cause_incident_id, rootCauseIncidentId: r.root_cause_incident_id, configuration: r.configuration ?? null,
    incidentMessage: r.incident_message ?? null, tenantId: r.tenant_id ?? null, jobDefinitionId: null, annotation: r.annotation ?? null,
  }));
}

export async function countIncidents(db: Queryable, q: IncidentQuery): Promise<number> {
  const w = incidentWhere(q);
  return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "incident"${w}`, w.params))?.n ?? 0);
}
