// The engine's public types: what engine/index.ts exports and what server/ and processes/ program against.
// Shapes follow Camunda 7's Java/REST API so the /engine-rest layer is a thin mapping.
import type { WorkingCalendar, YearCalendar } from "./calendar";

/** A controllable clock: tests move time without sleeping. */
export interface Clock {
  now(): Date;
}

/** Camunda 7 value types. Type names are compared case-insensitively on input. */
export type ValueType =
  | "String" | "Boolean" | "Integer" | "Short" | "Long" | "Double" | "Date"
  | "Json" | "Object" | "File" | "Bytes" | "Null";

/** A variable value as the REST API carries it (`{value, type, valueInfo}`). */
export interface TypedValue {
  value: unknown;
  type: ValueType;
  valueInfo?: Record<string, unknown>;
}

/** Input variables: either plain JS values (type inferred) or explicit TypedValues. */
export type VariableInput = Record<string, unknown | TypedValue>;

/** A typed variable as stored and returned. `value` is the plain JS value
 *  (Date for Date, object for Json/Object, Buffer for File/Bytes). */
export interface VariableInstance {
  id: string;
  name: string;
  type: ValueType;
  value: unknown;
  valueInfo: Record<string, unknown>;
  processInstanceId: string;
  executionId: string;
  taskId: string | null;
  activityInstanceId: string | null;
  tenantId: string | null;
}

export interface Deployment {
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: Date;
  tenantId: string | null;
  deployedBy: string | null;
  note: string | null;
  processDefinitions: ProcessDefinition[];
  resources: { id: string; name: string }[];
}

export interface DeployResource {
  name: string;
  content: string | Buffer;
}

export interface DeployOptions {
  name?: string;
  source?: string;
  tenantId?: string | null;
  resources: DeployResource[];
  /** Camunda: skip the deployment when no resource changed since the last deployment of this name. */
  enableDuplicateFiltering?: boolean;
  /** Camunda: with duplicate filtering, deploy only the resources that changed. */
  deployChangedOnly?: boolean;
  deployedBy?: string | null;
  note?: string | null;
}

export interface ProcessDefinition {
  id: string;
  key: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  deploymentId: string;
  resourceName: string;
  tenantId: string | null;
  suspended: boolean;
  startableInTasklist: boolean;
  historyTimeToLive: number | null;
  description: string | null;
  startFormKey: string | null;
}

export interface StartOptions {
  businessKey?: string | null;
  variables?: VariableInput;
  tenantId?: string | null;
  /** who started it (recorded in history as startUserId) */
  userId?: string | null;
}

export interface ProcessInstance {
  id: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  businessKey: string | null;
  tenantId: string | null;
  ended: boolean;
  suspended: boolean;
  startTime: Date;
  /** Camunda: the instance's root (for call-activity sub instances, the top caller). */
  rootProcessInstanceId: string;
  superProcessInstanceId: string | null;
}

export interface Task {
  id: string;
  name: string | null;
  description: string | null;
  assignee: string | null;
  owner: string | null;
  created: Date;
  lastUpdated: Date | null;
  due: Date | null;
  followUp: Date | null;
  delegationState: "PENDING" | "RESOLVED" | null;
  priority: number;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string;
  taskDefinitionKey: string;
  formKey: string | null;
  tenantId: string | null;
  suspended: boolean;
  parentTaskId: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
}

export type SortOrder = "asc" | "desc";

export interface TaskQuery {
  id?: string;
  ids?: string[];
  assignee?: string;
  assigneeLike?: string;
  assigneeIn?: string[];
  unassigned?: boolean;
  assigned?: boolean;
  owner?: string;
  candidateUser?: string;
  candidateGroup?: string;
  candidateGroups?: string[];
  /** with candidateUser/candidateGroup(s): also tasks assigned to someone */
  includeAssignedTasks?: boolean;
  /** tasks the user may work: assigned to him, or candidate via user or one of `withCandidateGroups` */
  involvedUser?: string;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processInstanceBusinessKey?: string;
  processInstanceBusinessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  executionId?: string;
  taskDefinitionKey?: string;
  taskDefinitionKeyIn?: string[];
  name?: string;
  nameLike?: string;
  dueBefore?: Date;
  dueAfter?: Date;
  dueDate?: Date;
  withoutDueDate?: boolean;
  followUpBefore?: Date;
  followUpAfter?: Date;
  createdBefore?: Date;
  createdAfter?: Date;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  active?: boolean;
  suspended?: boolean;
  minPriority?: number;
  maxPriority?: number;
  delegationState?: "PENDING" | "RESOLVED";
  /** due date passed (true) / not passed or none (false), by the engine clock */
  overdue?: boolean;
  /** due within this many hours from now (not yet overdue) */
  dueSoonHours?: number;
  /** equality/comparison filters on process variables (Camunda's processVariables). */
  processVariables?: VariableFilter[];
  taskVariables?: VariableFilter[];
  sorting?: { sortBy: TaskSortKey; sortOrder: SortOrder }[];
  firstResult?: number;
  maxResults?: number;
}

export type TaskSortKey =
  | "instanceId" | "caseInstanceId" | "dueDate" | "executionId" | "caseExecutionId" | "assignee"
  | "created" | "lastUpdated" | "followUpDate" | "description" | "id" | "name" | "nameCaseInsensitive"
  | "priority" | "processInstanceId" | "processDefinitionId" | "taskDefinitionKey" | "tenantId";

export interface VariableFilter {
  name: string;
  operator: "eq" | "neq" | "gt" | "gteq" | "lt" | "lteq" | "like";
  value: unknown;
}

export interface ProcessInstanceQuery {
  processInstanceIds?: string[];
  businessKey?: string;
  businessKeyLike?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  processDefinitionKeyIn?: string[];
  superProcessInstance?: string;
  active?: boolean;
  suspended?: boolean;
  withIncident?: boolean;
  tenantIdIn?: string[];
  variables?: VariableFilter[];
  sorting?: { sortBy: "instanceId" | "definitionKey" | "definitionId" | "tenantId" | "businessKey"; sortOrder: SortOrder }[];
  firstResult?: number;
  maxResults?: number;
}

export interface MessageCorrelation {
  messageName: string;
  businessKey?: string | null;
  processInstanceId?: string | null;
  tenantId?: string | null;
  withoutTenantId?: boolean;
  /** process variables that must equal these values (Camunda correlationKeys) */
  correlationKeys?: VariableInput;
  localCorrelationKeys?: VariableInput;
  processVariables?: VariableInput;
  processVariablesLocal?: VariableInput;
  /** correlate with every match instead of exactly one */
  all?: boolean;
  userId?: string | null;
}

export interface MessageCorrelationResult {
  resultType: "Execution" | "ProcessDefinition";
  processInstance?: ProcessInstance;
  executionId?: string;
}

export interface SignalOptions {
  name: string;
  variables?: VariableInput;
  executionId?: string | null;
  tenantId?: string | null;
  withoutTenantId?: boolean;
}

export interface FetchTopic {
  topicName: string;
  lockDuration: number;
  variables?: string[] | null;
  localVariables?: boolean;
  businessKey?: string | null;
  processDefinitionId?: string | null;
  processDefinitionIdIn?: string[] | null;
  processDefinitionKey?: string | null;
  processDefinitionKeyIn?: string[] | null;
  tenantIdIn?: string[] | null;
  withoutTenantId?: boolean;
  processVariables?: Record<string, unknown> | null;
  deserializeValues?: boolean;
  includeExtensionProperties?: boolean;
}

export interface FetchAndLockRequest {
  workerId: string;
  maxTasks: number;
  usePriority?: boolean;
  topics: FetchTopic[];
}

export interface ExternalTask {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: Date | null;
  retries: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  suspended: boolean;
  processInstanceId: string;
  executionId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: string | null;
  activityId: string;
  activityInstanceId: string;
  businessKey: string | null;
  priority: number;
  tenantId: string | null;
  createTime: Date;
  extensionProperties: Record<string, string>;
}

export interface LockedExternalTask extends ExternalTask {
  variables: Record<string, VariableInstance>;
}

export interface ExternalTaskQuery {
  externalTaskId?: string;
  topicName?: string;
  workerId?: string;
  locked?: boolean;
  notLocked?: boolean;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionId?: string;
  activityId?: string;
  tenantIdIn?: string[];
  active?: boolean;
  suspended?: boolean;
  firstResult?: number;
  maxResults?: number;
}

export interface Job {
  id: string;
  jobDefinitionId: string | null;
  type: "timer" | "async-continuation" | "message";
  processInstanceId: string | null;
  executionId: string | null;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  activityId: string | null;
  dueDate: Date | null;
  retries: number;
  exceptionMessage: string | null;
  failedActivityId: string | null;
  suspended: boolean;
  priority: number;
  tenantId: string | null;
  createTime: Date;
}

export interface JobQuery {
  jobId?: string;
  processInstanceId?: string;
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  activityId?: string;
  timers?: boolean;
  messages?: boolean;
  executable?: boolean;
  withException?: boolean;
  noRetriesLeft?: boolean;
  dueBefore?: Date;
  tenantIdIn?: string[];
  firstResult?: number;
  maxResults?: number;
}

export interface Incident {
  id: string;
  processDefinitionId: string | null;
  processInstanceId: string | null;
  executionId: string | null;
  incidentTimestamp: Date;
  incidentType: "failedJob" | "failedExternalTask" | string;
  activityId: string | null;
  failedActivityId: string | null;
  causeIncidentId: string;
  rootCauseIncidentId: string;
  configuration: string | null;
  incidentMessage: string | null;
  tenantId: string | null;
  jobDefinitionId: string | null;
  annotation: string | null;
}

export interface IncidentQuery {
  incidentId?: string;
  incidentType?: string;
  processInstanceId?: string;
  processDefinitionId?: string;
  activityId?: string;
  configuration?: string;
  tenantIdIn?: string[];
  firstResult?: number;
  maxResults?: number;
}

/** Camunda's activity-instance tree (GET /process-instance/{id}/activity-instances). */
export interface ActivityInstanceTree {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceTree[];
  childTransitionInstances: unknown[];
  executionIds: string[];
  incidentIds: string[];
}

export interface HistoricProcessInstance {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  startTime: Date;
  endTime: Date | null;
  durationInMillis: number | null;
  startUserId: string | null;
  startActivityId: string | null;
  deleteReason: string | null;
  rootProcessInstanceId: string;
  superProcessInstanceId: string | null;
  tenantId: string | null;
  state: "ACTIVE" | "SUSPENDED" | "COMPLETED" | "EXTERNALLY_TERMINATED" | "INTERNALLY_TERMINATED";
}

export interface HistoricActivityInstance {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string;
  taskId: string | null;
  calledProcessInstanceId: string | null;
  assignee: string | null;
  startTime: Date;
  endTime: Date | null;
  durationInMillis: number | null;
  canceled: boolean;
  completeScope: boolean;
  tenantId: string | null;
  sequenceCounter: number;
}

export interface HistoricTaskInstance {
  id: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string;
  activityInstanceId: string;
  name: string | null;
  description: string | null;
  deleteReason: string | null;
  owner: string | null;
  assignee: string | null;
  startTime: Date;
  endTime: Date | null;
  duration: number | null;
  taskDefinitionKey: string;
  priority: number;
  due: Date | null;
  followUp: Date | null;
  tenantId: string | null;
}

/** One change of a variable (append-only history): the value as it was written, with who and when. */
export interface HistoricVariableUpdate extends Omit<VariableInstance, "tenantId"> {
  variableInstanceId: string;
  time: Date;
  revision: number;
  userId: string | null;
}

/** A variable's history record: its last value, also after its scope ended. */
export interface HistoricVariableInstance extends VariableInstance {
  createTime: Date;
  removalTime: Date | null;
  state: "CREATED" | "DELETED";
}

export interface UserOperationLogEntry {
  id: string;
  operationId: string;
  operationType: string;
  entityType: string;
  property: string | null;
  orgValue: string | null;
  newValue: string | null;
  userId: string | null;
  timestamp: Date;
  processDefinitionId: string | null;
  processDefinitionKey: string | null;
  processInstanceId: string | null;
  executionId: string | null;
  taskId: string | null;
  jobId: string | null;
  deploymentId: string | null;
  annotation: string | null;
  category: string;
}

/** A TypeScript handler bound by `camunda:delegateExpression="${name}"` or `camunda:class="name"`,
 *  and by execution/task listeners. It runs inside the command's transaction. */
export interface DelegateExecution {
  readonly id: string;
  readonly processInstanceId: string;
  readonly processDefinitionId: string;
  readonly businessKey: string | null;
  readonly processBusinessKey: string | null;
  readonly activityId: string;
  readonly tenantId: string | null;
  readonly eventName: string | null;
  getVariable(name: string): unknown;
  getVariables(): Record<string, unknown>;
  hasVariable(name: string): boolean;
  setVariable(name: string, value: unknown): void;
  setVariableLocal(name: string, value: unknown): void;
  /** Throw to route through an error boundary event (like Camunda's BpmnError). */
  bpmnError(errorCode: string, message?: string): never;
}

export type DelegateHandler = (execution: DelegateExecution) => void | Promise<void>;

export interface DelegateTask extends DelegateExecution {
  readonly taskId: string;
  readonly taskDefinitionKey: string;
  assignee: string | null;
  addCandidateGroup(group: string): void;
  addCandidateUser(user: string): void;
}

/** Application-defined functions callable in expressions (`${cityOf(countyCode)}`). */
export type ExpressionFunction = (...args: unknown[]) => unknown;

export interface EngineOptions {
  /** `file:./data/jintu.db`, `:memory:`, or `postgresql://…`. */
  databaseUrl: string;
  clock?: Clock;
  /** Handlers for delegateExpression/class service tasks and listeners, by name. */
  handlers?: Record<string, DelegateHandler>;
  /** Extra expression functions (the server adds cityOf/provinceOf). */
  expressionFunctions?: Record<string, ExpressionFunction>;
  /** Identifies this node's job executor and lock owner. */
  nodeId?: string;
  /** Job executor tuning. */
  jobExecutor?: { maxJobsPerAcquisition?: number; lockTimeMs?: number; idleWaitMs?: number };
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  /** Treat calendar years without holiday data as plain weekdays (and report them) instead of failing. */
  calendarFallbackToWeekdays?: boolean;
}

/** 退回 target: an earlier user task of the instance the current task may be sent back to. */
export interface ReturnTarget {
  activityId: string;
  name: string | null;
}

/** 加签/减签: the running multi-instance (会签), named by one of its tasks or by its activity in an instance. */
export type SignerTarget = { taskId: string } | { processInstanceId: string; activityId: string };

/** Who was urged (催办) or copied (抄送), as the engine event and the command result carry it. */
export interface TaskNotice {
  taskId: string;
  taskName: string | null;
  processInstanceId: string;
  tenantId: string | null;
  /** user ids to notify */
  recipients: string[];
  /** candidate groups to notify when the task is not assigned (urge only) */
  candidateGroups: string[];
  message: string | null;
}

/** Due dates computed in calendar years without holiday data (工作日历未覆盖的年份). */
export interface CalendarWarnings {
  /** uncovered years this engine already answered with plain weekdays */
  fallbackYears: number[];
  /** open tasks and timers whose due date lies in an uncovered year */
  dueDates: { kind: "task" | "timer"; id: string; processInstanceId: string | null; name: string | null; due: Date; year: number }[];
}

/** The engine's public methods. Every state-changing method is one database transaction. */
export interface Engine {
  readonly nodeId: string;
  readonly clock: Clock;
  readonly dialect: "sqlite" | "postgres";

  // repository
  deploy(options: DeployOptions): Promise<Deployment>;
  getDeployments(filter?: { id?: string; name?: string; nameLike?: string; source?: string; tenantIdIn?: string[]; processDefinitionKey?: string; sortBy?: "id" | "name" | "deploymentTime" | "tenantId"; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<Deployment[]>;
  countDeployments(filter?: { id?: string; name?: string; nameLike?: string; source?: string; tenantIdIn?: string[] }): Promise<number>;
  getDeployment(id: string): Promise<Deployment | null>;
  getDeploymentResource(deploymentId: string, resourceIdOrName: string): Promise<{ id: string; name: string; content: Buffer } | null>;
  deleteDeployment(id: string, options?: { cascade?: boolean; userId?: string | null }): Promise<void>;
  getProcessDefinitions(filter?: { id?: string; key?: string; keyIn?: string[]; keyLike?: string; name?: string; nameLike?: string; deploymentId?: string; version?: number; latestVersion?: boolean; tenantIdIn?: string[]; withoutTenantId?: boolean; includeProcessDefinitionsWithoutTenantId?: boolean; suspended?: boolean; active?: boolean; sortBy?: "key" | "name" | "version" | "id" | "deploymentId" | "tenantId"; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<ProcessDefinition[]>;
  countProcessDefinitions(filter?: Parameters<Engine["getProcessDefinitions"]>[0]): Promise<number>;
  getProcessDefinition(id: string): Promise<ProcessDefinition | null>;
  getLatestProcessDefinition(key: string, tenantId?: string | null): Promise<ProcessDefinition | null>;
  getProcessDefinitionXml(id: string): Promise<string | null>;
  suspendProcessDefinition(id: string, suspended: boolean, options?: { includeInstances?: boolean; userId?: string | null }): Promise<void>;

  // runtime
  startProcessInstanceByKey(key: string, options?: StartOptions): Promise<ProcessInstance>;
  startProcessInstanceById(processDefinitionId: string, options?: StartOptions): Promise<ProcessInstance>;
  getProcessInstance(id: string): Promise<ProcessInstance | null>;
  getProcessInstances(query?: ProcessInstanceQuery): Promise<ProcessInstance[]>;
  countProcessInstances(query?: ProcessInstanceQuery): Promise<number>;
  deleteProcessInstance(id: string, options?: { reason?: string; skipCustomListeners?: boolean; userId?: string | null }): Promise<void>;
  suspendProcessInstance(id: string, suspended: boolean, options?: { userId?: string | null }): Promise<void>;
  getActivityInstanceTree(processInstanceId: string): Promise<ActivityInstanceTree | null>;
  /** ids of the activities where tokens wait now (for tests and the case diagram) */
  getActiveActivityIds(processInstanceId: string): Promise<string[]>;

  // variables (scope = an execution id or process instance id)
  getVariables(executionId: string, options?: { local?: boolean; names?: string[] }): Promise<Record<string, VariableInstance>>;
  getVariable(executionId: string, name: string, options?: { local?: boolean }): Promise<VariableInstance | null>;
  setVariables(executionId: string, variables: VariableInput, options?: { local?: boolean; userId?: string | null }): Promise<void>;
  removeVariable(executionId: string, name: string, options?: { local?: boolean; userId?: string | null }): Promise<void>;
  getTaskVariables(taskId: string, options?: { local?: boolean; names?: string[] }): Promise<Record<string, VariableInstance>>;
  setTaskVariables(taskId: string, variables: VariableInput, options?: { local?: boolean; userId?: string | null }): Promise<void>;
  removeTaskVariable(taskId: string, name: string, options?: { local?: boolean; userId?: string | null }): Promise<void>;

  // events
  correlateMessage(correlation: MessageCorrelation): Promise<MessageCorrelationResult[]>;
  signal(options: SignalOptions): Promise<void>;

  // tasks
  getTasks(query?: TaskQuery): Promise<Task[]>;
  countTasks(query?: TaskQuery): Promise<number>;
  getTask(id: string): Promise<Task | null>;
  claim(taskId: string, userId: string): Promise<void>;
  unclaim(taskId: string, options?: { userId?: string | null }): Promise<void>;
  setAssignee(taskId: string, assignee: string | null, options?: { userId?: string | null }): Promise<void>;
  delegateTask(taskId: string, delegateTo: string, options?: { userId?: string | null }): Promise<void>;
  resolveTask(taskId: string, options?: { variables?: VariableInput; userId?: string | null }): Promise<void>;
  completeTask(taskId: string, options?: { variables?: VariableInput; localVariables?: VariableInput; userId?: string | null }): Promise<void>;

  // approval idioms (engine/commands/approval): each one transaction, recorded in the operation log
  /** 退回: send the case back to an earlier user task; returns the new task(s). */
  returnTask(taskId: string, options: { targetActivityId: string; opinion?: string | null; userId?: string | null }): Promise<Task[]>;
  getReturnTargets(taskId: string): Promise<ReturnTarget[]>;
  /** 撤回: the assignee of a completed task takes it back while the next task is untouched; returns the new task. */
  withdrawTask(completedTaskId: string, options: { userId: string }): Promise<Task[]>;
  /** 转办: hand the task over to another user for good. */
  transferTask(taskId: string, toUserId: string, options?: { userId?: string | null }): Promise<void>;
  /** 加签 / 减签 on a running multi-instance countersign (会签). */
  addSigner(target: SignerTarget, options: { user: string; userId?: string | null }): Promise<void>;
  removeSigner(target: SignerTarget, options: { user: string; userId?: string | null }): Promise<void>;
  /** 催办 and 抄送: recorded and emitted as `taskUrged` / `taskCopied`. */
  urgeTask(taskId: string, options: { message?: string | null; userId?: string | null }): Promise<TaskNotice>;
  ccTask(taskId: string, options: { recipients: string[]; message?: string | null; userId?: string | null }): Promise<TaskNotice>;

  // working-day calendar (工作日历)
  readonly calendar: WorkingCalendar;
  /** Loads an administrator-maintained year (国务院办公厅放假通知); replaces what was loaded for it. */
  setCalendarYear(year: YearCalendar): void;
  getCalendarWarnings(): Promise<CalendarWarnings>;

  // external tasks
  fetchAndLock(request: FetchAndLockRequest): Promise<LockedExternalTask[]>;
  /** Long polling: wait up to `timeoutMs` for tasks (woken when tasks are created in this process). */
  fetchAndLockWait(request: FetchAndLockRequest, timeoutMs: number, signal?: AbortSignal): Promise<LockedExternalTask[]>;
  completeExternalTask(id: string, workerId: string, options?: { variables?: VariableInput; localVariables?: VariableInput }): Promise<void>;
  handleExternalTaskFailure(id: string, workerId: string, options: { errorMessage?: string | null; errorDetails?: string | null; retries: number; retryTimeout?: number; variables?: VariableInput; localVariables?: VariableInput }): Promise<void>;
  handleExternalTaskBpmnError(id: string, workerId: string, options: { errorCode: string; errorMessage?: string | null; variables?: VariableInput }): Promise<void>;
  extendExternalTaskLock(id: string, workerId: string, newDuration: number): Promise<void>;
  lockExternalTask(id: string, workerId: string, lockDuration: number): Promise<void>;
  unlockExternalTask(id: string): Promise<void>;
  setExternalTaskRetries(id: string, retries: number): Promise<void>;
  getExternalTasks(query?: ExternalTaskQuery): Promise<ExternalTask[]>;
  countExternalTasks(query?: ExternalTaskQuery): Promise<number>;
  getExternalTask(id: string): Promise<ExternalTask | null>;

  // jobs and incidents
  getJobs(query?: JobQuery): Promise<Job[]>;
  countJobs(query?: JobQuery): Promise<number>;
  getJob(id: string): Promise<Job | null>;
  setJobRetries(id: string, retries: number): Promise<void>;
  /** Run one job now, whatever its due date (REST POST /job/{id}/execute). Throws what the job threw. */
  executeJob(id: string): Promise<void>;
  /** Acquire and run every job due now (by the engine clock); returns how many ran. */
  runDueJobs(options?: { maxJobs?: number }): Promise<number>;
  startJobExecutor(): void;
  stopJobExecutor(): Promise<void>;
  getIncidents(query?: IncidentQuery): Promise<Incident[]>;
  countIncidents(query?: IncidentQuery): Promise<number>;

  // history
  getHistoricProcessInstances(query?: { processInstanceId?: string; processInstanceIds?: string[]; businessKey?: string; processDefinitionKey?: string; processDefinitionId?: string; finished?: boolean; unfinished?: boolean; startedBy?: string; superProcessInstanceId?: string; tenantIdIn?: string[]; startedAfter?: Date; startedBefore?: Date; sortBy?: string; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<HistoricProcessInstance[]>;
  countHistoricProcessInstances(query?: Parameters<Engine["getHistoricProcessInstances"]>[0]): Promise<number>;
  getHistoricActivityInstances(query?: { processInstanceId?: string; activityId?: string; activityType?: string; executionId?: string; taskAssignee?: string; finished?: boolean; unfinished?: boolean; canceled?: boolean; tenantIdIn?: string[]; sortBy?: string; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<HistoricActivityInstance[]>;
  countHistoricActivityInstances(query?: Parameters<Engine["getHistoricActivityInstances"]>[0]): Promise<number>;
  getHistoricTaskInstances(query?: { taskId?: string; processInstanceId?: string; processDefinitionKey?: string; taskAssignee?: string; taskDefinitionKey?: string; finished?: boolean; unfinished?: boolean; tenantIdIn?: string[]; sortBy?: string; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<HistoricTaskInstance[]>;
  countHistoricTaskInstances(query?: Parameters<Engine["getHistoricTaskInstances"]>[0]): Promise<number>;
  getHistoricVariableInstances(query?: { processInstanceId?: string; processInstanceIdIn?: string[]; variableName?: string; variableNameLike?: string; taskIdIn?: string[]; executionIdIn?: string[]; tenantIdIn?: string[]; firstResult?: number; maxResults?: number }): Promise<HistoricVariableInstance[]>;
  countHistoricVariableInstances(query?: Parameters<Engine["getHistoricVariableInstances"]>[0]): Promise<number>;
  getHistoricVariableUpdates(query?: { processInstanceId?: string; variableName?: string; variableInstanceId?: string; firstResult?: number; maxResults?: number }): Promise<HistoricVariableUpdate[]>;
  getUserOperationLog(query?: { processInstanceId?: string; taskId?: string; userId?: string; operationType?: string; entityType?: string; afterTimestamp?: Date; beforeTimestamp?: Date; sortOrder?: SortOrder; firstResult?: number; maxResults?: number }): Promise<UserOperationLogEntry[]>;
  countUserOperationLog(query?: Parameters<Engine["getUserOperationLog"]>[0]): Promise<number>;

  /** Subscribe to engine events (task created, external task created, instance ended …). */
  on(event: EngineEventName, listener: (payload: EngineEvent) => void): () => void;

  close(): Promise<void>;
}

export type EngineEventName = "taskCreated" | "taskCompleted" | "externalTaskCreated" | "processInstanceEnded" | "incidentCreated" | "jobCreated" | "taskUrged" | "taskCopied";
export interface EngineEvent {
  type: EngineEventName;
  processInstanceId: string;
  id: string;
  topicName?: string;
  /** taskUrged / taskCopied: what to notify, and who sent it */
  notice?: TaskNotice;
  userId?: string | null;
}

/** Errors the engine throws; the REST layer maps `kind` to HTTP status + Camunda `type`. */
export type EngineErrorKind =
  | "NotFound"            // 404 InvalidRequestException / RestException
  | "BadRequest"          // 400 InvalidRequestException
  | "ParseError"          // 400 ParseException (deployment)
  | "Conflict"            // 409 OptimisticLockingException after the retries ran out
  | "Suspended"           // 400/500 SuspendedEntityInteractionException
  | "Forbidden"           // 403 AuthorizationException
  | "ProcessEngine";      // 500 ProcessEngineException
