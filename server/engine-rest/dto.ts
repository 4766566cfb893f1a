// Engine objects → Camunda 7 REST JSON (field names and order as Camunda's DTOs, dates in Camunda's format).
import type {
  ActivityInstanceTree, Deployment, ExternalTask, HistoricActivityInstance, HistoricProcessInstance,
  HistoricTaskInstance, HistoricVariableInstance, Incident, Job, ProcessDefinition, ProcessInstance, Task,
  UserOperationLogEntry,
} from "../../engine";
import type { Request } from "express";
import { formatDate } from "./dates";
import { toVariableDto } from "./variables";

export interface Link {
  method: string;
  href: string;
  rel: string;
}

/** The absolute URL of a resource under this router (Camunda's `links[].href`). */
export function selfLink(req: Request, path: string): Link {
  return { method: "GET", href: `${req.protocol}://${req.get("host") ?? "localhost"}${req.baseUrl}${path}`, rel: "self" };
}

export function deploymentDto(d: Deployment, links: Link[] = []) {
  return { links, id: d.id, name: d.name, source: d.source, deploymentTime: formatDate(d.deploymentTime), tenantId: d.tenantId };
}

export function processDefinitionDto(p: ProcessDefinition) {
  return {
    id: p.id,
    key: p.key,
    category: "http://bpmn.io/schema/bpmn",
    description: p.description,
    name: p.name,
    version: p.version,
    resource: p.resourceName,
    deploymentId: p.deploymentId,
    diagram: null,
    suspended: p.suspended,
    tenantId: p.tenantId,
    versionTag: p.versionTag,
    historyTimeToLive: p.historyTimeToLive,
    startableInTasklist: p.startableInTasklist,
  };
}

export function processInstanceDto(p: ProcessInstance, links: Link[] = []) {
  return {
    links,
    id: p.id,
    definitionId: p.processDefinitionId,
    definitionKey: p.processDefinitionKey,
    businessKey: p.businessKey,
    caseInstanceId: null,
    ended: p.ended,
    suspended: p.suspended,
    tenantId: p.tenantId,
  };
}

export function taskDto(t: Task) {
  return {
    id: t.id,
    name: t.name,
    assignee: t.assignee,
    created: formatDate(t.created),
    due: formatDate(t.due),
    followUp: formatDate(t.followUp),
    lastUpdated: formatDate(t.lastUpdated),
    delegationState: t.delegationState,
    description: t.description,
    executionId: t.executionId,
    owner: t.owner,
    parentTaskId: t.parentTaskId,
    priority: t.priority,
    processDefinitionId: t.processDefinitionId,
    processInstanceId: t.processInstanceId,
    taskDefinitionKey: t.taskDefinitionKey,
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: t.suspended,
    formKey: t.formKey,
    camundaFormRef: null,
    tenantId: t.tenantId,
  };
}

export function externalTaskDto(t: ExternalTask) {
  return {
    activityId: t.activityId,
    activityInstanceId: t.activityInstanceId,
    errorMessage: t.errorMessage,
    executionId: t.executionId,
    id: t.id,
    lockExpirationTime: formatDate(t.lockExpirationTime),
    createTime: formatDate(t.createTime),
    processDefinitionId: t.processDefinitionId,
    processDefinitionKey: t.processDefinitionKey,
    processDefinitionVersionTag: t.processDefinitionVersionTag,
    processInstanceId: t.processInstanceId,
    retries: t.retries,
    suspended: t.suspended,
    workerId: t.workerId,
    topicName: t.topicName,
    tenantId: t.tenantId,
    priority: t.priority,
    businessKey: t.businessKey,
  };
}

export function jobDto(j: Job) {
  return {
    id: j.id,
    jobDefinitionId: j.jobDefinitionId,
    processInstanceId: j.processInstanceId,
    processDefinitionId: j.processDefinitionId,
    processDefinitionKey: j.processDefinitionKey,
    executionId: j.executionId,
    exceptionMessage: j.exceptionMessage,
    failedActivityId: j.failedActivityId,
    retries: j.retries,
    dueDate: formatDate(j.dueDate),
    suspended: j.suspended,
    priority: j.priority,
    tenantId: j.tenantId,
    createTime: formatDate(j.createTime),
    batchId: null,
  };
}

export function incidentDto(i: Incident) {
  return {
    id: i.id,
    processDefinitionId: i.processDefinitionId,
    processInstanceId: i.processInstanceId,
    executionId: i.executionId,
    incidentTimestamp: formatDate(i.incidentTimestamp),
    incidentType: i.incidentType,
    activityId: i.activityId,
    failedActivityId: i.failedActivityId,
    causeIncidentId: i.causeIncidentId,
    rootCauseIncidentId: i.rootCauseIncidentId,
    configuration: i.configuration,
    tenantId: i.tenantId,
    incidentMessage: i.incidentMessage,
    jobDefinitionId: i.jobDefinitionId,
    annotation: i.annotation,
  };
}

export interface ActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceDto[];
  childTransitionInstances: unknown[];
  executionIds: string[];
  activityName: string | null;
  incidentIds: string[];
  incidents: { id: string; activityId: string }[];
  name: string | null;
}

export function activityInstanceDto(a: ActivityInstanceTree): ActivityInstanceDto {
  return {
    id: a.id,
    parentActivityInstanceId: a.parentActivityInstanceId,
    activityId: a.activityId,
    activityType: a.activityType,
    processInstanceId: a.processInstanceId,
    processDefinitionId: a.processDefinitionId,
    childActivityInstances: a.childActivityInstances.map(activityInstanceDto),
    childTransitionInstances: a.childTransitionInstances,
    executionIds: a.executionIds,
    activityName: a.activityName,
    incidentIds: a.incidentIds,
    incidents: a.incidentIds.map((id) => ({ id, activityId: a.activityId })),
    name: a.activityName,
  };
}

export function historicProcessInstanceDto(h: HistoricProcessInstance) {
  return {
    id: h.id,
    businessKey: h.businessKey,
    processDefinitionId: h.processDefinitionId,
    processDefinitionKey: h.processDefinitionKey,
    processDefinitionName: h.processDefinitionName,
    processDefinitionVersion: h.processDefinitionVersion,
    startTime: formatDate(h.startTime),
    endTime: formatDate(h.endTime),
    removalTime: null,
    durationInMillis: h.durationInMillis,
    startUserId: h.startUserId,
    startActivityId: h.startActivityId,
    deleteReason: h.deleteReason,
    rootProcessInstanceId: h.rootProcessInstanceId,
    superProcessInstanceId: h.superProcessInstanceId,
    superCaseInstanceId: null,
    caseInstanceId: null,
    tenantId: h.tenantId,
    state: h.state,
    restartedProcessInstanceId: null,
  };
}

export function historicActivityInstanceDto(h: HistoricActivityInstance) {
  return {
    id: h.id,
    parentActivityInstanceId: h.parentActivityInstanceId,
    activityId: h.activityId,
    activityName: h.activityName,
    activityType: h.activityType,
    processDefinitionKey: h.processDefinitionKey,
    processDefinitionId: h.processDefinitionId,
    processInstanceId: h.processInstanceId,
    executionId: h.executionId,
    taskId: h.taskId,
    calledProcessInstanceId: h.calledProcessInstanceId,
    calledCaseInstanceId: null,
    assignee: h.assignee,
    startTime: formatDate(h.startTime),
    endTime: formatDate(h.endTime),
    durationInMillis: h.durationInMillis,
    canceled: h.canceled,
    completeScope: h.completeScope,
    tenantId: h.tenantId,
    removalTime: null,
    rootProcessInstanceId: null,
  };
}

export function historicTaskDto(h: HistoricTaskInstance) {
  return {
    id: h.id,
    processDefinitionKey: h.processDefinitionKey,
    processDefinitionId: h.processDefinitionId,
    processInstanceId: h.processInstanceId,
    executionId: h.executionId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    activityInstanceId: h.activityInstanceId,
    name: h.name,
    description: h.description,
    deleteReason: h.deleteReason,
    owner: h.owner,
    assignee: h.assignee,
    startTime: formatDate(h.startTime),
    endTime: formatDate(h.endTime),
    duration: h.duration,
    taskDefinitionKey: h.taskDefinitionKey,
    priority: h.priority,
    due: formatDate(h.due),
    parentTaskId: null,
    followUp: formatDate(h.followUp),
    tenantId: h.tenantId,
    removalTime: null,
    rootProcessInstanceId: null,
  };
}

export function historicVariableDto(h: HistoricVariableInstance, deserializeValues = true) {
  const v = toVariableDto(h, deserializeValues);
  return {
    id: h.id,
    name: h.name,
    type: v.type,
    value: v.value,
    valueInfo: v.valueInfo,
    processDefinitionKey: null,
    processDefinitionId: null,
    processInstanceId: h.processInstanceId,
    executionId: h.executionId,
    activityInstanceId: h.activityInstanceId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: h.taskId,
    tenantId: h.tenantId,
    errorMessage: null,
    state: h.state,
    createTime: formatDate(h.createTime),
    removalTime: formatDate(h.removalTime),
    rootProcessInstanceId: null,
  };
}

export function userOperationDto(u: UserOperationLogEntry) {
  return {
    id: u.id,
    deploymentId: u.deploymentId,
    processDefinitionId: u.processDefinitionId,
    processDefinitionKey: u.processDefinitionKey,
    processInstanceId: u.processInstanceId,
    executionId: u.executionId,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: u.taskId,
    jobId: u.jobId,
    jobDefinitionId: null,
    batchId: null,
    userId: u.userId,
    timestamp: formatDate(u.timestamp),
    operationId: u.operationId,
    externalTaskId: null,
    operationType: u.operationType,
    entityType: u.entityType,
    property: u.property,
    orgValue: u.orgValue,
    newValue: u.newValue,
    removalTime: null,
    rootProcessInstanceId: null,
    category: u.category,
    annotation: u.annotation,
  };
}
