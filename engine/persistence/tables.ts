// Row <-> entity mapping for the engine's runtime and history tables. An entity is a plain object whose
// fields are the camelCase of the columns; times are epoch ms, flags booleans, `data` parsed JSON.
// The SQL for insert/update/delete is generated once per table from these specs.

type ColumnKind = "str" | "int" | "bool" | "time" | "json" | "bytes" | "float";
export interface TableSpec {
  table: string;
  columns: { field: string; column: string; kind: ColumnKind }[];
  /** optimistic locking: UPDATE/DELETE check and bump `revision` */
  versioned: boolean;
}

function spec(table: string, fields: Record<string, ColumnKind>): TableSpec {
  const columns = Object.entries(fields).map(([field, kind]) => ({ field, column: field.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()), kind }));
  return { table, columns, versioned: "revision" in fields };
}

export const Tables = {
  execution: spec("execution", {
    id: "str", processInstanceId: "str", parentId: "str", processDefinitionId: "str", processDefinitionKey: "str",
    activityId: "str", activityInstanceId: "str", businessKey: "str", superExecutionId: "str", rootProcessInstanceId: "str",
    isActive: "bool", isScope: "bool", isConcurrent: "bool", isEventScope: "bool", suspended: "bool", tenantId: "str",
    startTime: "time", startUserId: "str", data: "json", revision: "int",
  }),
  task: spec("task", {
    id: "str", name: "str", description: "str", taskDefinitionKey: "str", processInstanceId: "str", executionId: "str",
    processDefinitionId: "str", processDefinitionKey: "str", businessKey: "str", activityInstanceId: "str", assignee: "str",
    owner: "str", delegationState: "str", priority: "int", dueDate: "time", followUpDate: "time", createTime: "time",
    lastUpdated: "time", formKey: "str", tenantId: "str", suspended: "bool", parentTaskId: "str", revision: "int",
  }),
  identityLink: spec("identity_link", { id: "str", taskId: "str", processInstanceId: "str", type: "str", userId: "str", groupId: "str" }),
  variable: spec("variable", {
    id: "str", name: "str", type: "str", processInstanceId: "str", executionId: "str", taskId: "str", activityInstanceId: "str",
    textValue: "str", longValue: "int", doubleValue: "float", blobId: "str", valueInfo: "json", tenantId: "str", revision: "int",
  }),
  blob: spec("blob", { id: "str", processInstanceId: "str", content: "bytes" }),
  job: spec("job", {
    id: "str", type: "str", handlerType: "str", handlerConfig: "json", processInstanceId: "str", executionId: "str",
    processDefinitionId: "str", processDefinitionKey: "str", activityId: "str", dueDate: "time", repeat: "str", retries: "int",
    retryTimeCycle: "str", exceptionMessage: "str", exceptionStacktrace: "str", lockOwner: "str", lockExpiration: "time",
    suspended: "bool", priority: "int", tenantId: "str", createTime: "time", revision: "int",
  }),
  externalTask: spec("external_task", {
    id: "str", topicName: "str", workerId: "str", lockExpiration: "time", retries: "int", errorMessage: "str", errorDetails: "str",
    processInstanceId: "str", executionId: "str", processDefinitionId: "str", processDefinitionKey: "str", versionTag: "str",
    activityId: "str", activityInstanceId: "str", businessKey: "str", priority: "int", suspended: "bool", tenantId: "str",
    createTime: "time", extensionProperties: "json", revision: "int",
  }),
  eventSubscription: spec("event_subscription", {
    id: "str", eventType: "str", eventName: "str", executionId: "str", processInstanceId: "str", processDefinitionId: "str",
    activityId: "str", tenantId: "str", createTime: "time", data: "json",
  }),
  incident: spec("incident", {
    id: "str", incidentType: "str", incidentMessage: "str", processDefinitionId: "str", processInstanceId: "str", executionId: "str",
    activityId: "str", failedActivityId: "str", causeIncidentId: "str", rootCauseIncidentId: "str", configuration: "str",
    tenantId: "str", annotation: "str", incidentTimestamp: "time",
  }),
  hiProcessInstance: spec("hi_process_instance", {
    id: "str", businessKey: "str", processDefinitionId: "str", processDefinitionKey: "str", processDefinitionName: "str",
    processDefinitionVersion: "int", startTime: "time", endTime: "time", durationMs: "int", startUserId: "str", startActivityId: "str",
    endActivityId: "str", superProcessInstanceId: "str", rootProcessInstanceId: "str", deleteReason: "str", state: "str", tenantId: "str",
  }),
  hiActivityInstance: spec("hi_activity_instance", {
    id: "str", parentActivityInstanceId: "str", activityId: "str", activityName: "str", activityType: "str", processDefinitionId: "str",
    processDefinitionKey: "str", processInstanceId: "str", executionId: "str", taskId: "str", calledProcessInstanceId: "str",
    assignee: "str", startTime: "time", endTime: "time", durationMs: "int", canceled: "bool", completeScope: "bool", tenantId: "str",
    sequenceCounter: "int",
  }),
  hiTaskInstance: spec("hi_task_instance", {
    id: "str", taskDefinitionKey: "str", processDefinitionId: "str", processDefinitionKey: "str", processInstanceId: "str",
    executionId: "str", activityInstanceId: "str", name: "str", description: "str", owner: "str", assignee: "str", priority: "int",
    dueDate: "time", followUpDate: "time", startTime: "time", endTime: "time", durationMs: "int", deleteReason: "str", tenantId: "str",
  }),
  hiVariableInstance: spec("hi_variable_instance", {
    id: "str", name: "str", type: "str", processInstanceId: "str", executionId: "str", taskId: "str", activityInstanceId: "str",
    textValue: "str", longValue: "int", doubleValue: "float", blobId: "str", valueInfo: "json", createTime: "time", removalTime: "time",
    state: "str", tenantId: "str",
  }),
  hiVariableUpdate: spec("hi_variable_update", {
    id: "str", variableInstanceId: "str", name: "str", type: "str", processInstanceId: "str", executionId: "str", taskId: "str",
    activityInstanceId: "str", textValue: "str", longValue: "int", doubleValue: "float", blobId: "str", valueInfo: "json", time: "time",
    revision: "int", userId: "str", tenantId: "str",
  }),
  hiOperationLog: spec("hi_operation_log", {
    id: "str", operationId: "str", operationType: "str", entityType: "str", property: "str", orgValue: "str", newValue: "str",
    userId: "str", timestamp: "time", processDefinitionId: "str", processDefinitionKey: "str", processInstanceId: "str",
    executionId: "str", taskId: "str", jobId: "str", deploymentId: "str", annotation: "str", category: "str",
  }),
} as const;

export type TableName = keyof typeof Tables;

export interface ExecutionEntity {
  id: string; processInstanceId: string; parentId: string | null; processDefinitionId: string; processDefinitionKey: string;
  activityId: string | null; activityInstanceId: string | null; businessKey: string | null; superExecutionId: string | null;
  rootProcessInstanceId: string; isActive: boolean; isScope: boolean; isConcurrent: boolean; isEventScope: boolean;
  suspended: boolean; tenantId: string | null; startTime: number; startUserId: string | null; data: ExecutionData | null; revision: number;
}
/** Behaviour state kept on an execution. */
export interface ExecutionData {
  /** multi-instance: this execution is the body (counters) or one inner instance */
  mi?: "body" | "inner";
  nrOfInstances?: number;
  nrOfCompletedInstances?: number;
  /** sequential multi-instance: the collection to iterate */
  collection?: unknown[];
  /** waiting at a join gateway */
  joining?: boolean;
  /** activity instance id of the scope this execution is a container of */
  scopeActivityInstanceId?: string;
  /** the event subprocess / boundary this token came from, for history parents */
  [key: string]: unknown;
}
export interface TaskEntity {
  id: string; name: string | null; description: string | null; taskDefinitionKey: string; processInstanceId: string;
  executionId: string; processDefinitionId: string; processDefinitionKey: string; businessKey: string | null;
  activityInstanceId: string; assignee: string | null; owner: string | null; delegationState: string | null; priority: number;
  dueDate: number | null; followUpDate: number | null; createTime: number; lastUpdated: number | null; formKey: string | null;
  tenantId: string | null; suspended: boolean; parentTaskId: string | null; revision: number;
}
export interface IdentityLinkEntity { id: string; taskId: string; processInstanceId: string; type: string; userId: string | null; groupId: string | null }
export interface VariableEntity {
  id: string; name: string; type: string; processInstanceId: string; executionId: string; taskId: string | null;
  activityInstanceId: string | null; textValue: string | null; longValue: number | null; doubleValue: number | null;
  blobId: string | null; valueInfo: Record<string, unknown> | null; tenantId: string | null; revision: number;
}
export interface BlobEntity { id: string; processInstanceId: string | null; content: Buffer }
export interface JobEntity {
  id: string; type: string; handlerType: string; handlerConfig: Record<string, unknown> | null; processInstanceId: string | null;
  executionId: string | null; processDefinitionId: string | null; processDefinitionKey: string | null; activityId: string | null;
  dueDate: number | null; repeat: string | null; retries: number; retryTimeCycle: string | null; exceptionMessage: string | null;
  exceptionStacktrace: string | null; lockOwner: string | null; lockExpiration: number | null; suspended: boolean; priority: number;
  tenantId: string | null; createTime: number; revision: number;
}
export interface ExternalTaskEntity {
  id: string; topicName: string; workerId: string | null; lockExpiration: number | null; retries: number | null;
  errorMessage: string | null; errorDetails: string | null; processInstanceId: string; executionId: string;
  processDefinitionId: string; processDefinitionKey: string; versionTag: string | null; activityId: string;
  activityInstanceId: string; businessKey: string | null; priority: number; suspended: boolean; tenantId: string | null;
  createTime: number; extensionProperties: Record<string, string> | null; revision: number;
}
export interface EventSubscriptionEntity {
  id: string; eventType: "message" | "signal" | "timer-start" | string; eventName: string; executionId: string | null;
  processInstanceId: string | null; processDefinitionId: string | null; activityId: string; tenantId: string | null;
  createTime: number; data: Record<string, unknown> | null;
}
export interface IncidentEntity {
  id: string; incidentType: string; incidentMessage: string | null; processDefinitionId: string | null;
  processInstanceId: string | null; executionId: string | null; activityId: string | null; failedActivityId: string | null;
  causeIncidentId: string; rootCauseIncidentId: string; configuration: string | null; tenantId: string | null;
  annotation: string | null; incidentTimestamp: number;
}
export interface HiProcessInstanceEntity {
  id: string; businessKey: string | null; processDefinitionId: string; processDefinitionKey: string;
  processDefinitionName: string | null; processDefinitionVersion: number; startTime: number; endTime: number | null;
  durationMs: number | null; startUserId: string | null; startActivityId: string | null; endActivityId: string | null;
  superProcessInstanceId: string | null; rootProcessInstanceId: string; deleteReason: string | null; state: string; tenantId: string | null;
}
export interface HiActivityInstanceEntity {
  id: string; parentActivityInstanceId: string | null; activityId: string; activityName: string | null; activityType: string;
  processDefinitionId: string; processDefinitionKey: string; processInstanceId: string; executionId: string; taskId: string | null;
  calledProcessInstanceId: string | null; assignee: string | null; startTime: number; endTime: number | null;
  durationMs: number | null; canceled: boolean; completeScope: boolean; tenantId: string | null; sequenceCounter: number;
}
export interface HiTaskInstanceEntity {
  id: string; taskDefinitionKey: string; processDefinitionId: string; processDefinitionKey: string; processInstanceId: string;
  executionId: string; activityInstanceId: string; name: string | null; description: string | null; owner: string | null;
  assignee: string | null; priority: number; dueDate: number | null; followUpDate: number | null; startTime: number;
  endTime: number | null; durationMs: number | null; deleteReason: string | null; tenantId: string | null;
}
export interface HiVariableInstanceEntity {
  id: string; name: string; type: string; processInstanceId: string; executionId: string; taskId: string | null;
  activityInstanceId: string | null; textValue: string | null; longValue: number | null; doubleValue: number | null;
  blobId: string | null; valueInfo: Record<string, unknown> | null; createTime: number; removalTime: number | null;
  state: string; tenantId: string | null;
}
export interface HiVariableUpdateEntity {
  id: string; variableInstanceId: string; name: string; type: string; processInstanceId: string; executionId: string;
  taskId: string | null; activityInstanceId: string | null; textValue: string | null; longValue: number | null;
  doubleValue: number | null; blobId: string | null; valueInfo: Record<string, unknown> | null; time: number; revision: number;
  userId: string | null; tenantId: string | null;
}
export interface HiOperationLogEntity {
  id: string; operationId: string; operationType: string; entityType: string; property: string | null; orgValue: string | null;
  newValue: string | null; userId: string | null; timestamp: number; processDefinitionId: string | null;
  processDefinitionKey: string | null; processInstanceId: string | null; executionId: string | null; taskId: string | null;
  jobId: string | null; deploymentId: string | null; annotation: string | null; category: string;
}

export interface EntityTypes {
  execution: ExecutionEntity; task: TaskEntity; identityLink: IdentityLinkEntity; variable: VariableEntity; blob: BlobEntity;
  job: JobEntity; externalTask: ExternalTaskEntity; eventSubscription: EventSubscriptionEntity; incident: IncidentEntity;
  hiProcessInstance: HiProcessInstanceEntity; hiActivityInstance: HiActivityInstanceEntity; hiTaskInstance: HiTaskInstanceEntity;
  hiVariableInstance: HiVariableInstanceEntity; hiVariableUpdate: HiVariableUpdateEntity; hiOperationLog: HiOperationLogEntity;
}

export function fromRow<T>(spec: TableSpec, row: Record<string, any>): T {
  const out: Record<string, unknown> = {};
  for (const c of spec.columns) {
    const v = row[c.column];
    switch (c.kind) {
      case "bool": out[c.field] = v == null ? false : v === true || v === 1 || v === "1" || v === "t"; break;
      case "time": case "int": out[c.field] = v == null ? null : Number(v); break;
      case "float": out[c.field] = v == null ? null : Number(v); break;
      case "json": out[c.field] = v == null ? null : JSON.parse(v); break;
      case "bytes": out[c.field] = v == null ? null : Buffer.from(v); break;
      default: out[c.field] = v ?? null;
    }
  }
  return out as T;
}

export function toParams(spec: TableSpec, entity: Record<string, any>): (string | number | Buffer | null)[] {
  return spec.columns.map((c) => {
    const v = entity[c.field];
    if (v == null) return c.kind === "bool" ? 0 : null;
    switch (c.kind) {
      case "bool": return v ? 1 : 0;
      case "json": return JSON.stringify(v);
      case "time": return typeof v === "number" ? v : new Date(v).getTime();
      default: return v;
    }
  });
}

const sqlCache = new Map<string, { insert: string; update: string; del: string; select: string }>();
export function sqlFor(spec: TableSpec, dialect: "sqlite" | "postgres") {
  const key = spec.table + dialect;
  let s = sqlCache.get(key);
  if (!s) {
    const cols = spec.columns.map((c) => `"${c.column}"`);
    const setCols = spec.columns.filter((c) => c.field !== "id" && c.field !== "revision").map((c) => `"${c.column}" = ?`);
    s = {
      insert: `INSERT INTO "${spec.table}" (${cols.join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      update: spec.versioned
        ? `UPDATE "${spec.table}" SET ${setCols.join(", ")}, "revision" = "revision" + 1 WHERE "id" = ? AND "revision" = ?`
        : `UPDATE "${spec.table}" SET ${setCols.join(", ")} WHERE "id" = ?`,
      del: spec.versioned ? `DELETE FROM "${spec.table}" WHERE "id" = ? AND "revision" = ?` : `DELETE FROM "${spec.table}" WHERE "id" = ?`,
      select: `SELECT * FROM "${spec.table}"`,
    };
    sqlCache.set(key, s);
  }
  return s;
}

export function updateParams(spec: TableSpec, entity: Record<string, any>): (string | number | Buffer | null)[] {
  const all = toParams(spec, entity);
  const params = spec.columns.map((c, i) => [c, all[i]] as const).filter(([c]) => c.field !== "id" && c.field !== "revision").map(([, v]) => v);
  params.push(entity.id);
  if (spec.versioned) params.push(entity.revision);
  return params;
}
