// Read queries over the history tables (supervisors' tracking and the audit trail read these).
import type { Engine, HistoricActivityInstance, HistoricProcessInstance, HistoricTaskInstance, HistoricVariableInstance, HistoricVariableUpdate, UserOperationLogEntry } from "../api";
import type { Queryable } from "../persistence/db";
import { toVariableInstances } from "./runtimeQueries";
import { bool, ms, pageFor, Where } from "./sql";

type Q<K extends keyof Engine> = NonNullable<Parameters<Extract<Engine[K], (...a: any[]) => any>>[0]>;
const dir = (o?: string) => (o === "desc" ? "DESC" : "ASC");
const num = (v: unknown) => (v == null ? null : Number(v));

function procWhere(q: Q<"getHistoricProcessInstances">): Where {
  return new Where().eq(`"id"`, q.processInstanceId).in(`"id"`, q.processInstanceIds).eq(`"business_key"`, q.businessKey)
    .eq(`"process_definition_key"`, q.processDefinitionKey).eq(`"process_definition_id"`, q.processDefinitionId)
    .flag(q.finished, `"end_time" IS NOT NULL`).flag(q.unfinished, `"end_time" IS NULL`).eq(`"start_user_id"`, q.startedBy)
    .eq(`"super_process_instance_id"`, q.superProcessInstanceId).in(`"tenant_id"`, q.tenantIdIn)
    .time(`"start_time"`, ">", q.startedAfter).time(`"start_time"`, "<", q.startedBefore);
}
const PROC_SORT: Record<string, string> = { instanceId: "id", definitionId: "process_definition_id", definitionKey: "process_definition_key", businessKey: "business_key", startTime: "start_time", endTime: "end_time", duration: "duration_ms", tenantId: "tenant_id" };

export async function historicProcessInstances(db: Queryable, q: Q<"getHistoricProcessInstances"> = {}): Promise<HistoricProcessInstance[]> {
  const w = procWhere(q);
  const order = `"${PROC_SORT[q.sortBy ?? "startTime"] ?? "start_time"}" ${dir(q.sortOrder)}, "id"`;
  return (await db.all(`SELECT * FROM "hi_process_instance"${w} ORDER BY ${order}${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map((r) => ({
    id: r.id, businessKey: r.business_key ?? null, processDefinitionId: r.process_definition_id, processDefinitionKey: r.process_definition_key,
    processDefinitionName: r.process_definition_name ?? null, processDefinitionVersion: Number(r.process_definition_version), startTime: ms(r.start_time)!,
    endTime: ms(r.end_time), durationInMillis: num(r.duration_ms), startUserId: r.start_user_id ?? null, startActivityId: r.start_activity_id ?? null,
    deleteReason: r.delete_reason ?? null, rootProcessInstanceId: r.root_process_instance_id, superProcessInstanceId: r.super_process_instance_id ?? null,
    tenantId: r.tenant_id ?? null, state: r.state,
  }));
}
export async function countHistoricProcessInstances(db: Queryable, q: Q<"getHistoricProcessInstances"> = {}): Promise<number> {
  const w = procWhere(q);
  return Number((await db.get(`SELECT COUNT(*) AS n FROM "hi_process_instance"${w}`, w.params))?.n ?? 0);
}

function actWhere(q: Q<"getHistoricActivityInstances">): Where {
  return new Where().eq(`"process_instance_id"`, q.processInstanceId).eq(`"activity_id"`, q.activityId).eq(`"activity_type"`, q.activityType)
    .eq(`"execution_id"`, q.executionId).eq(`"assignee"`, q.taskAssignee).flag(q.finished, `"end_time" IS NOT NULL`)
    .flag(q.unfinished, `"end_time" IS NULL`).flag(q.canceled, `"canceled" = 1`).in(`"tenant_id"`, q.tenantIdIn);
}
const ACT_SORT: Record<string, string> = { activityInstanceId: "id", instanceId: "process_instance_id", executionId: "execution_id", activityId: "activity_id", activityName: "activity_name", activityType: "activity_type", startTime: "start_time", endTime: "end_time", duration: "duration_ms", definitionId: "process_definition_id", occurrence: "sequence_counter", tenantId: "tenant_id" };

export async function historicActivityInstances(db: Queryable, q: Q<"getHistoricActivityInstances"> = {}): Promise<HistoricActivityInstance[]> {
  const w = actWhere(q);
  const order = `"${ACT_SORT[q.sortBy ?? "occurrence"] ?? "sequence_counter"}" ${dir(q.sortOrder)}, "sequence_counter"`;
  return (await db.all(`SELECT * FROM "hi_activity_instance"${w} ORDER BY ${order}${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map((r) => ({
    id: r.id, parentActivityInstanceId: r.parent_activity_instance_id ?? null, activityId: r.activity_id, activityName: r.activity_name ?? null,
    activityType: r.activity_type, processDefinitionKey: r.process_definition_key, processDefinitionId: r.process_definition_id,
    processInstanceId: r.process_instance_id, executionId: r.execution_id, taskId: r.task_id ?? null, calledProcessInstanceId: r.called_process_instance_id ?? null,
    assignee: r.assignee ?? null, startTime: ms(r.start_time)!, endTime: ms(r.end_time), durationInMillis: num(r.duration_ms), canceled: bool(r.canceled),
    completeScope: bool(r.complete_scope), tenantId: r.tenant_id ?? null, sequenceCounter: Number(r.sequence_counter),
  }));
}
export async function countHistoricActivityInstances(db: Queryable, q: Q<"getHistoricActivityInstances"> = {}): Promise<number> {
  const w = actWhere(q);
  return Number((await db.get(`SELECT COUNT(*) AS n FROM "hi_activity_instance"${w}`, w.params))?.n ?? 0);
}

function taskWhere(q: Q<"getHistoricTaskInstances">): Where {
  return new Where().eq(`"id"`, q.taskId).eq(`"process_instance_id"`, q.processInstanceId).eq(`"process_definition_key"`, q.processDefinitionKey)
    .eq(`"assignee"`, q.taskAssignee).eq(`"task_definition_key"`, q.taskDefinitionKey).flag(q.finished, `"end_time" IS NOT NULL`)
    .flag(q.unfinished, `"end_time" IS NULL`).in(`"tenant_id"`, q.tenantIdIn);
}
const TASK_SORT: Record<string, string> = { taskId: "id", activityInstanceId: "activity_instance_id", processInstanceId: "process_instance_id", taskName: "name", assignee: "assignee", startTime: "start_time", endTime: "end_time", duration: "duration_ms", priority: "priority", dueDate: "due_date", taskDefinitionKey: "task_definition_key", tenantId: "tenant_id" };

export async function historicTaskInstances(db: Queryable, q: Q<"getHistoricTaskInstances"> = {}): Promise<HistoricTaskInstance[]> {
  const w = taskWhere(q);
  const order = `"${TASK_SORT[q.sortBy ?? "startTime"] ?? "start_time"}" ${dir(q.sortOrder)}, "id"`;
  return (await db.all(`SELECT * FROM "hi_task_instance"${w} ORDER BY ${order}${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map((r) => ({
    id: r.id, processDefinitionKey: r.process_definition_key, processDefinitionId: r.process_definition_id, processInstanceId: r.process_instance_id,
    executionId: r.execution_id, activityInstanceId: r.activity_instance_id, name: r.name ?? null, description: r.description ?? null,
    deleteReason: r.delete_reason ?? null, owner: r.owner ?? null, assignee: r.assignee ?? null, startTime: ms(r.start_time)!, endTime: ms(r.end_time),
    duration: num(r.duration_ms), taskDefinitionKey: r.task_definition_key, priority: Number(r.priority), due: ms(r.due_date), followUp: ms(r.follow_up_date),
    tenantId: r.tenant_id ?? null,
  }));
}
export async function countHistoricTaskInstances(db: Queryable, q: Q<"getHistoricTaskInstances"> = {}): Promise<number> {
  const w = taskWhere(q);
  return Number((await db.get(`SELECT COUNT(*) AS n FROM "hi_task_instance"${w}`, w.params))?.n ?? 0);
}

function varWhere(q: Q<"getHistoricVariableInstances">): Where {
  return new Where().eq(`"process_instance_id"`, q.processInstanceId).in(`"process_instance_id"`, q.processInstanceIdIn).eq(`"name"`, q.variableName)
    .like(`"name"`, q.variableNameLike).in(`"task_id"`, q.taskIdIn).in(`"execution_id"`, q.executionIdIn).in(`"tenant_id"`, q.tenantIdIn);
}
export async function historicVariableInstances(db: Queryable, q: Q<"getHistoricVariableInstances"> = {}): Promise<HistoricVariableInstance[]> {
  const w = varWhere(q);
  const rows = await db.all(`SELECT * FROM "hi_variable_instance"${w} ORDER BY "create_time", "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params);
  const values = await toVariableInstances(db, rows);
  return rows.map((r, i) => ({ ...values[i], createTime: ms(r.create_time)!, removalTime: ms(r.removal_time), state: r.state }));
}
export async function countHistoricVariableInstances(db: Queryable, q: Q<"getHistoricVariableInstances"> = {}): Promise<number> {
  const w = varWhere(q);
  return Number((await db.get(`SELECT COUNT(*) AS n FROM "hi_variable_instance"${w}`, w.params))?.n ?? 0);
}

export async function historicVariableUpdates(db: Queryable, q: Q<"getHistoricVariableUpdates"> = {}): Promise<HistoricVariableUpdate[]> {
  const w = new Where().eq(`"process_instance_id"`, q.processInstanceId).eq(`"name"`, q.variableName).eq(`"variable_instance_id"`, q.variableInstanceId);
  const rows = await db.all(`SELECT * FROM "hi_variable_update"${w} ORDER BY "time", "revision", "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params);
  const values = await toVariableInstances(db, rows);
  return rows.map((r, i) => ({ ...values[i], id: r.id, variableInstanceId: r.variable_instance_id, time: ms(r.time)!, revision: Number(r.revision), userId: r.user_id ?? null }));
}

function logWhere(q: Q<"getUserOperationLog">): Where {
  return new Where().eq(`"process_instance_id"`, q.processInstanceId).eq(`"task_id"`, q.taskId).eq(`"user_id"`, q.userId)
    .eq(`"operation_type"`, q.operationType).eq(`"entity_type"`, q.entityType).time(`"timestamp"`, ">", q.afterTimestamp).time(`"timestamp"`, "<", q.beforeTimestamp);
}
export async function userOperationLog(db: Queryable, q: Q<"getUserOperationLog"> = {}): Promise<UserOperationLogEntry[]> {
  const w = logWhere(q);
  return (await db.all(`SELECT * FROM "hi_operation_log"${w} ORDER BY "timestamp" ${dir(q.sortOrder)}, "id"${pageFor(db.dialect, q.firstResult, q.maxResults)}`, w.params)).map((r) => ({
    id: r.id, operationId: r.operation_id, operationType: r.operation_type, entityType: r.entity_type, property: r.property ?? null, orgValue: r.org_value ?? null,
    newValue: r.new_value ?? null, userId: r.user_id ?? null, timestamp: ms(r.timestamp)!, processDefinitionId: r.process_definition_id ?? null,
    processDefinitionKey: r.process_definition_key ?? null, processInstanceId: r.process_instance_id ?? null, executionId: r.execution_id ?? null,
    taskId: r.task_id ?? null, jobId: r.job_id ?? null, deploymentId: r.deployment_id ?? null, annotation: r.annotation ?? null, category: r.category,
  }));
}
export async function countUserOperationLog(db: Queryable, q: Q<"getUserOperationLog"> = {}): Promise<number> {
  const w = logWhere(q);
  return Number((await db.get(`SELECT COUNT(*) AS n FROM "hi_operation_log"${w}`, w.params))?.n ?? 0);
}
