// The compact, immutable process graph the runtime executes: plain objects keyed by element id, built
// once per process definition from the BPMN XML and cached. Expressions are compiled here, at deploy
// time, so a broken condition is refused when deploying and never surprises a running case.
import type { CompiledExpression } from "../expressions";
import type { TimerDefinition } from "../calendar";

export type EventKind = "none" | "message" | "timer" | "signal" | "error" | "escalation" | "terminate";

/** The behaviour that runs an element (one module per kind under engine/behaviors/). */
export type BehaviorKind =
  | "startEvent" | "endEvent" | "intermediateCatchEvent" | "intermediateThrowEvent" | "boundaryEvent"
  | "userTask" | "serviceTask" | "receiveTask" | "manualTask" | "task"
  | "exclusiveGateway" | "parallelGateway" | "inclusiveGateway" | "eventBasedGateway"
  | "subProcess" | "eventSubProcess" | "callActivity";

export interface EventDefinition {
  kind: EventKind;
  /** message / signal name (expressions allowed for signals and messages) */
  name?: CompiledExpression;
  /** error / escalation code; undefined = catch all */
  code?: string;
  errorMessage?: string;
  timer?: TimerDefinition & { expression: CompiledExpression };
  /** camunda:errorCodeVariable / errorMessageVariable on error catch events */
  errorCodeVariable?: string;
  errorMessageVariable?: string;
  escalationCodeVariable?: string;
}

export interface Parameter {
  name: string;
  /** the value: an expression, a list, a map, or null */
  value: ParameterValue;
}
export type ParameterValue =
  | { kind: "expression"; expression: CompiledExpression }
  | { kind: "list"; items: ParameterValue[] }
  | { kind: "map"; entries: { key: string; value: ParameterValue }[] }
  | { kind: "null" };

export interface Listener {
  event: string;
  /** registered handler name (delegateExpression `${name}` or class) */
  handler: CompiledExpression | string;
}

export interface MultiInstance {
  sequential: boolean;
  loopCardinality?: CompiledExpression;
  collection?: CompiledExpression;
  elementVariable?: string;
  completionCondition?: CompiledExpression;
}

/** Service-like implementation of a task or message throw event. */
export type Implementation =
  | { kind: "external"; topic: CompiledExpression; priority?: CompiledExpression }
  | { kind: "delegate"; handler: CompiledExpression | string }
  | { kind: "none" };

export interface UserTaskConfig {
  name?: CompiledExpression;
  assignee?: CompiledExpression;
  candidateUsers?: CompiledExpression;
  candidateGroups?: CompiledExpression;
  dueDate?: CompiledExpression;
  followUpDate?: CompiledExpression;
  priority?: CompiledExpression;
  /** Camunda evaluates the form key like the other task attributes (`camunda:formKey="${formOf(kind)}"`) */
  formKey?: CompiledExpression;
  documentation?: string;
}

export interface CallActivityConfig {
  calledElement: CompiledExpression;
  binding: "latest" | "deployment" | "version" | "versionTag";
  version?: CompiledExpression;
  versionTag?: CompiledExpression;
  tenantId?: CompiledExpression;
  businessKey?: CompiledExpression;
  inputs: VariableMapping[];
  outputs: VariableMapping[];
}
export type VariableMapping =
  | { kind: "all"; local: boolean }
  | { kind: "variable"; source?: string; sourceExpression?: CompiledExpression; target: string; local: boolean };

export interface FlowElement {
  id: string;
  name: string | null;
  /** the BPMN type, e.g. bpmn:UserTask */
  type: string;
  behavior: BehaviorKind;
  /** Camunda's history activityType, e.g. userTask, boundaryTimer, multiInstanceBody is added at runtime */
  activityType: string;
  /** the containing process/subprocess id */
  parentId: string;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  event?: EventDefinition;
  /** boundary events: the activity they are attached to and whether they interrupt it */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** activities: the boundary events attached to it */
  boundaryEvents: string[];
  /** containers (subprocesses): their start events, event subprocesses and all children */
  container?: ContainerInfo;
  /** event subprocess start events: interrupting or not */
  isInterrupting?: boolean;
  multiInstance?: MultiInstance;
  asyncBefore: boolean;
  asyncAfter: boolean;
  exclusive: boolean;
  retryTimeCycle?: string;
  inputs: Parameter[];
  outputs: Parameter[];
  listeners: Listener[];
  taskListeners: Listener[];
  userTask?: UserTaskConfig;
  implementation?: Implementation;
  callActivity?: CallActivityConfig;
  /** receive task / message catch: message name */
  formKey?: string;
  /** camunda:initiator on a start event */
  initiator?: string;
  extensionProperties: Record<string, string>;
}

export interface ContainerInfo {
  /** none start event of the container (the one a token enters through) */
  noneStartEvent?: string;
  /** all start events directly inside */
  startEvents: string[];
  eventSubProcesses: string[];
  children: string[];
}

export interface SequenceFlow {
  id: string;
  name: string | null;
  sourceRef: string;
  targetRef: string;
  condition?: CompiledExpression;
}

export interface ProcessGraph {
  /** the BPMN process id = the process definition key */
  id: string;
  name: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
  isExecutable: boolean;
  startableInTasklist: boolean;
  documentation: string | null;
  candidateStarterGroups: string[];
  elements: Record<string, FlowElement>;
  flows: Record<string, SequenceFlow>;
  /** the process itself as a container */
  container: ContainerInfo;
  /** the start form key of the none start event, if any */
  startFormKey: string | null;
  /** for inclusive joins: element id → ids of elements from which a token can reach it */
  reachableFrom: Record<string, string[]>;
}
