// BPMN XML → ProcessGraph. Everything a running case could trip over is checked here, at deploy time:
// unsupported elements (named by id and type), dangling flows, duplicate ids, expressions that do not
// parse, timers that do not parse. Errors are collected so the IT staff see all problems at once.
import { compileExpression, type CompiledExpression } from "../expressions";
import { validateTimer } from "../calendar";
import { EngineError } from "../errors";
import { readDefinitions } from "./moddle";
import type {
  BehaviorKind, CallActivityConfig, ContainerInfo, EventDefinition, FlowElement, Implementation, Listener,
  MultiInstance, Parameter, ParameterValue, ProcessGraph, SequenceFlow, VariableMapping,
} from "./graph";

export class BpmnParseError extends EngineError {
  constructor(readonly problems: { message: string; elementId?: string }[], resourceName?: string) {
    super("ParseError",
      `ENGINE-09005 Could not parse BPMN process. Errors: ${problems.map((p) => `* ${p.message}`).join(" ")}`
        + (resourceName ? ` | resource ${resourceName}` : ""),
      problems);
  }
}

const NOT_SUPPORTED: Record<string, string> = {
  "bpmn:ScriptTask": "script tasks are not supported (Jintu runs no scripts: use an external task or a registered handler)",
  "bpmn:ComplexGateway": "complex gateways are not supported",
  "bpmn:Transaction": "transaction subprocesses are not supported",
  "bpmn:AdHocSubProcess": "ad-hoc subprocesses are not supported",
  "bpmn:IntermediateThrowEvent:link": "link events are not supported",
  "bpmn:IntermediateCatchEvent:link": "link events are not supported",
};

const ACTIVITY_TYPES = new Set([
  "bpmn:UserTask", "bpmn:ServiceTask", "bpmn:SendTask", "bpmn:BusinessRuleTask", "bpmn:ReceiveTask",
  "bpmn:ManualTask", "bpmn:Task", "bpmn:SubProcess", "bpmn:CallActivity",
]);

export async function parseBpmn(xml: string, resourceName?: string): Promise<ProcessGraph[]> {
  let definitions: any;
  let warnings: string[];
  try {
    ({ definitions, warnings } = await readDefinitions(xml));
  } catch (error) {
    throw new BpmnParseError([{ message: `not a BPMN 2.0 XML document: ${(error as Error).message.split("\n")[0]}` }], resourceName);
  }
  const problems: { message: string; elementId?: string }[] = warnings.map((w) => ({ message: w }));
  if (!definitions || definitions.$type !== "bpmn:Definitions") {
    throw new BpmnParseError([{ message: "the root element is not <bpmn:definitions> in the BPMN 2.0 namespace (http://www.omg.org/spec/BPMN/20100524/MODEL)" }], resourceName);
  }
  const processes = (definitions.rootElements ?? []).filter((e: any) => e.$type === "bpmn:Process");
  const executable = processes.filter((p: any) => p.isExecutable !== false);
  if (executable.length === 0) problems.push({ message: "the file contains no executable process (<bpmn:process isExecutable=\"true\">)" });
  const errorsById = new Map<string, any>();
  for (const e of definitions.rootElements ?? []) if (e.$type === "bpmn:Error" || e.$type === "bpmn:Escalation") errorsById.set(e.id, e);
  const graphs = executable.map((p: any) => new GraphBuilder(p, problems).build());
  if (problems.length) throw new BpmnParseError(problems, resourceName);
  return graphs;
}

class GraphBuilder {
  private readonly elements: Record<string, FlowElement> = {};
  private readonly flows: Record<string, SequenceFlow> = {};

  constructor(private readonly process: any, private readonly problems: { message: string; elementId?: string }[]) {}

  build(): ProcessGraph {
    const p = this.process;
    if (!p.id) this.fail("a process has no id");
    const container = this.readContainer(p, p.id);
    this.checkFlows();
    for (const el of Object.values(this.elements)) {
      if (el.behavior === "boundaryEvent" && el.attachedTo) {
        const host = this.elements[el.attachedTo];
        if (!host) this.fail(`boundary event '${el.id}' is attached to unknown activity '${el.attachedTo}'`, el.id);
        else host.boundaryEvents.push(el.id);
      }
    }
    const noneStart = container.noneStartEvent ? this.elements[container.noneStartEvent] : undefined;
    if (container.startEvents.length === 0) this.fail(`process '${p.id}' has no start event`, p.id);
    return {
      id: p.id,
      name: p.name ?? null,
      versionTag: p.versionTag ?? null,
      historyTimeToLive: p.historyTimeToLive != null ? Number(p.historyTimeToLive) : null,
      isExecutable: p.isExecutable !== false,
      startableInTasklist: p.isStartableInTasklist !== false,
      documentation: docOf(p),
      candidateStarterGroups: splitList(p.candidateStarterGroups),
      elements: this.elements,
      flows: this.flows,
      container,
      startFormKey: noneStart?.formKey ?? null,
      reachableFrom: this.reachability(),
    };
  }

  private fail(message: string, elementId?: string): void {
    this.problems.push({ message, elementId });
  }

  private expr(source: string | undefined | null, where: string, elementId: string): CompiledExpression | undefined {
    if (source == null || source === "") return undefined;
    try {
      return compileExpression(String(source).trim());
    } catch (error) {
      this.fail(`${where} of '${elementId}' does not parse: ${(error as Error).message}`, elementId);
      return undefined;
    }
  }

  private readContainer(node: any, containerId: string): ContainerInfo {
    const info: ContainerInfo = { startEvents: [], eventSubProcesses: [], children: [] };
    for (const child of node.flowElements ?? []) {
      if (child.$type === "bpmn:SequenceFlow") {
        this.readFlow(child);
        continue;
      }
      if (["bpmn:DataObject", "bpmn:DataObjectReference", "bpmn:DataStoreReference"].includes(child.$type)) continue;
      if (!child.id) {
        this.fail(`an element of type ${child.$type} has no id`);
        continue;
      }
      if (this.elements[child.id] || this.flows[child.id]) this.fail(`duplicate id '${child.id}'`, child.id);
      const el = this.readElement(child, containerId);
      if (!el) continue;
      this.elements[el.id] = el;
      info.children.push(el.id);
      if (el.behavior === "startEvent") {
        info.startEvents.push(el.id);
        if (el.event?.kind === "none") {
          if (info.noneStartEvent) this.fail(`'${containerId}' has more than one none start event`, el.id);
          info.noneStartEvent = el.id;
        }
      }
      if (el.behavior === "eventSubProcess") info.eventSubProcesses.push(el.id);
    }
    return info;
  }

  private readFlow(f: any): void {
    if (this.flows[f.id] || this.elements[f.id]) this.fail(`duplicate id '${f.id}'`, f.id);
    const sourceRef = f.sourceRef?.id;
    const targetRef = f.targetRef?.id;
    if (!sourceRef || !targetRef) {
      this.fail(`sequence flow '${f.id}' has no ${!sourceRef ? "source" : "target"} (dangling sequence flow)`, f.id);
      return;
    }
    const body = f.conditionExpression?.body;
    const language = f.conditionExpression?.language;
    if (language && !/^(juel|feel|)$/i.test(language)) this.fail(`condition of '${f.id}' uses language '${language}': only expressions are supported`, f.id);
    this.flows[f.id] = {
      id: f.id, name: f.name ?? null, sourceRef, targetRef,
      condition: body != null && String(body).trim() !== "" ? this.expr(language?.toLowerCase() === "feel" && !String(body).trim().startsWith("=") ? "=" + String(body).trim() : body, "the condition", f.id) : undefined,
    };
  }

  private checkFlows(): void {
    for (const f of Object.values(this.flows)) {
      const s = this.elements[f.sourceRef];
      const t = this.elements[f.targetRef];
      if (!s) this.fail(`sequence flow '${f.id}' starts at unknown element '${f.sourceRef}'`, f.id);
      if (!t) this.fail(`sequence flow '${f.id}' ends at unknown element '${f.targetRef}'`, f.id);
      if (!s || !t) continue;
      if (s.parentId !== t.parentId) this.fail(`sequence flow '${f.id}' crosses a subprocess boundary`, f.id);
      if (!s.outgoing.includes(f.id)) s.outgoing.push(f.id);
      if (!t.incoming.includes(f.id)) t.incoming.push(f.id);
    }
    for (const el of Object.values(this.elements)) {
      if (el.defaultFlow && !this.flows[el.defaultFlow]) this.fail(`default flow '${el.defaultFlow}' of '${el.id}' does not exist`, el.id);
      if (el.behavior === "startEvent" && el.incoming.length) this.fail(`start event '${el.id}' has incoming sequence flows`, el.id);
      if (el.behavior === "boundaryEvent" && el.incoming.length) this.fail(`boundary event '${el.id}' has incoming sequence flows`, el.id);
      if (el.behavior === "eventBasedGateway") {
        for (const fid of el.outgoing) {
          const target = this.elements[this.flows[fid].targetRef];
          if (target && !(target.behavior === "intermediateCatchEvent" || target.behavior === "receiveTask"))
            this.fail(`event-based gateway '${el.id}' must be followed by intermediate catch events or receive tasks, not '${target.id}'`, el.id);
        }
      }
    }
  }

  private readElement(node: any, parentId: string): FlowElement | undefined {
    const type: string = node.$type;
    const eventDefs: any[] = node.eventDefinitions ?? [];
    if (eventDefs.length > 1) {
      this.fail(`'${node.id}' (${type}) has several event definitions: multiple events are not supported`, node.id);
      return undefined;
    }
    const eventDef = eventDefs[0];
    const eventType = eventDef?.$type as string | undefined;
    if (eventType === "bpmn:LinkEventDefinition") { this.fail(`'${node.id}' (${type}): ${NOT_SUPPORTED[type + ":link"] ?? "link events are not supported"}`, node.id); return undefined; }
    if (eventType === "bpmn:CompensateEventDefinition" || eventType === "bpmn:ConditionalEventDefinition" || eventType === "bpmn:CancelEventDefinition") {
      this.fail(`'${node.id}' (${type}, ${eventType.replace("bpmn:", "")}) is not supported by Jintu's engine`, node.id);
      return undefined;
    }
    if (NOT_SUPPORTED[type]) { this.fail(`'${node.id}' (${type}): ${NOT_SUPPORTED[type]}`, node.id); return undefined; }
    if (node.isForCompensation) { this.fail(`'${node.id}' (${type}) is a compensation handler: compensation is not supported`, node.id); return undefined; }
    const behavior = behaviorOf(type, node);
    if (!behavior) { this.fail(`'${node.id}' (${type}) is not supported by Jintu's engine`, node.id); return undefined; }

    const el: FlowElement = {
      id: node.id, name: node.name ?? null, type, behavior, activityType: "", parentId,
      incoming: [], outgoing: [], boundaryEvents: [],
      asyncBefore: !!(node.asyncBefore || node.async), asyncAfter: !!node.asyncAfter, exclusive: node.exclusive !== false,
      inputs: [], outputs: [], listeners: [], taskListeners: [], extensionProperties: {},
    };
    if (node.default) el.defaultFlow = node.default.id;
    this.readExtensions(node, el);
    if (eventDef) el.event = this.readEvent(eventDef, el);
    else if (["startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent"].includes(behavior)) el.event = { kind: "none" };
    if (behavior === "intermediateCatchEvent" && el.event?.kind === "none") this.fail(`intermediate catch event '${el.id}' has no event definition`, el.id);
    if (behavior === "boundaryEvent") {
      el.attachedTo = node.attachedToRef?.id;
      el.cancelActivity = node.cancelActivity !== false;
      if (!el.event || el.event.kind === "none") this.fail(`boundary event '${el.id}' has no event definition`, el.id);
      if (el.event?.kind === "error" && !el.cancelActivity) this.fail(`error boundary event '${el.id}' must interrupt`, el.id);
    }
    if (behavior === "startEvent") {
      el.isInterrupting = node.isInterrupting !== false;
      el.formKey = node.formKey ?? undefined;
      el.initiator = node.initiator ?? undefined;
    }
    if (behavior === "endEvent" && el.event && !["none", "terminate", "error", "message", "signal", "escalation"].includes(el.event.kind))
      this.fail(`end event '${el.id}' with a ${el.event.kind} definition is not supported`, el.id);
    if (behavior === "intermediateThrowEvent" && el.event && !["none", "message", "signal", "escalation"].includes(el.event.kind))
      this.fail(`intermediate throw event '${el.id}' with a ${el.event.kind} definition is not supported`, el.id);
    if (behavior === "intermediateCatchEvent" && el.event && !["message", "timer", "signal"].includes(el.event.kind))
      this.fail(`intermediate catch event '${el.id}' with a ${el.event.kind} definition is not supported`, el.id);

    if (behavior === "userTask") {
      el.userTask = {
        name: this.expr(node.name, "the name", el.id),
        assignee: this.expr(node.assignee, "camunda:assignee", el.id),
        candidateUsers: this.expr(node.candidateUsers, "camunda:candidateUsers", el.id),
        candidateGroups: this.expr(node.candidateGroups, "camunda:candidateGroups", el.id),
        dueDate: this.expr(node.dueDate, "camunda:dueDate", el.id),
        followUpDate: this.expr(node.followUpDate, "camunda:followUpDate", el.id),
        priority: this.expr(node.priority, "camunda:priority", el.id),
        formKey: this.expr(node.formKey, "camunda:formKey", el.id),
        documentation: docOf(node) ?? undefined,
      };
      el.formKey = node.formKey ?? undefined;
    }
    if (behavior === "serviceTask" || (el.event?.kind === "message" && (behavior === "intermediateThrowEvent" || behavior === "endEvent"))) {
      // Camunda keeps a message throw/end event's implementation (camunda:type/topic/class…) on its messageEventDefinition
      const implNode = behavior === "serviceTask" ? node : eventDefs.find((d) => d.$type === "bpmn:MessageEventDefinition") ?? node;
      el.implementation = this.readImplementation(implNode, el, behavior === "serviceTask" && type !== "bpmn:SendTask");
    }
    if (behavior === "receiveTask") {
      const msg = node.messageRef;
      el.event = { kind: "message", name: msg ? this.expr(msg.name ?? msg.id, "the message name", el.id) : undefined };
      if (!msg) this.fail(`receive task '${el.id}' has no message reference`, el.id);
    }
    if (behavior === "callActivity") el.callActivity = this.readCallActivity(node, el);
    if (node.loopCharacteristics) el.multiInstance = this.readMultiInstance(node.loopCharacteristics, el);
    if (behavior === "subProcess" || behavior === "eventSubProcess") {
      el.container = this.readContainer(node, el.id);
      if (behavior === "subProcess" && !el.container.noneStartEvent) this.fail(`subprocess '${el.id}' has no none start event`, el.id);
      if (behavior === "eventSubProcess") {
        const starts = el.container.startEvents;
        if (starts.length !== 1) this.fail(`event subprocess '${el.id}' must have exactly one start event`, el.id);
        else {
          const s = this.elements[starts[0]];
          if (!s.event || s.event.kind === "none") this.fail(`the start event of event subprocess '${el.id}' needs an event definition`, s.id);
        }
      }
    }
    el.activityType = activityTypeOf(el);
    return el;
  }

  private readEvent(def: any, el: FlowElement): EventDefinition {
    switch (def.$type) {
      case "bpmn:MessageEventDefinition": {
        const msg = def.messageRef;
        if (!msg && el.behavior !== "endEvent" && el.behavior !== "intermediateThrowEvent") this.fail(`message event '${el.id}' has no message reference`, el.id);
        return { kind: "message", name: msg ? this.expr(msg.name ?? msg.id, "the message name", el.id) : undefined };
      }
      case "bpmn:SignalEventDefinition": {
        const sig = def.signalRef;
        if (!sig) this.fail(`signal event '${el.id}' has no signal reference`, el.id);
        return { kind: "signal", name: sig ? this.expr(sig.name ?? sig.id, "the signal name", el.id) : undefined };
      }
      case "bpmn:ErrorEventDefinition": {
        const err = def.errorRef;
        return {
          kind: "error", code: err ? err.errorCode ?? err.id : undefined, errorMessage: err?.errorMessage ?? undefined,
          errorCodeVariable: def.errorCodeVariable ?? undefined, errorMessageVariable: def.errorMessageVariable ?? undefined,
        };
      }
      case "bpmn:EscalationEventDefinition": {
        const esc = def.escalationRef;
        return { kind: "escalation", code: esc ? esc.escalationCode ?? esc.id : undefined, escalationCodeVariable: def.escalationCodeVariable ?? undefined };
      }
      case "bpmn:TerminateEventDefinition":
        return { kind: "terminate" };
      case "bpmn:TimerEventDefinition": {
        const which = def.timeDate ? "date" : def.timeDuration ? "duration" : def.timeCycle ? "cycle" : undefined;
        const body = (def.timeDate ?? def.timeDuration ?? def.timeCycle)?.body;
        if (!which || !body) {
          this.fail(`timer '${el.id}' has no timeDate, timeDuration or timeCycle`, el.id);
          return { kind: "timer" };
        }
        const value = String(body).trim();
        const expression = this.expr(value, "the timer", el.id);
        if (expression && expression.isLiteral) {
          try {
            validateTimer({ type: which, value });
          } catch (error) {
            this.fail(`timer '${el.id}': ${(error as Error).message}`, el.id);
          }
        }
        return { kind: "timer", timer: { type: which, value, expression: expression! } };
      }
      default:
        this.fail(`'${el.id}' has an unsupported event definition ${def.$type}`, el.id);
        return { kind: "none" };
    }
  }

  private readImplementation(node: any, el: FlowElement, required: boolean): Implementation {
    if (node.type === "external") {
      if (!node.topic) this.fail(`external task '${el.id}' has no camunda:topic`, el.id);
      return { kind: "external", topic: this.expr(node.topic ?? "", "camunda:topic", el.id)!, priority: this.expr(node.taskPriority, "camunda:taskPriority", el.id) };
    }
    if (node.type) this.fail(`'${el.id}' has camunda:type="${node.type}": only "external" is supported`, el.id);
    if (node.delegateExpression) return { kind: "delegate", handler: this.expr(node.delegateExpression, "camunda:delegateExpression", el.id)! };
    if (node.class) return { kind: "delegate", handler: String(node.class) };
    if (node.expression) return { kind: "delegate", handler: this.expr(node.expression, "camunda:expression", el.id)! };
    if (required) this.fail(`service task '${el.id}': one of the attributes 'class', 'delegateExpression', 'type', or 'expression' is mandatory`, el.id);
    return { kind: "none" };
  }

  private readCallActivity(node: any, el: FlowElement): CallActivityConfig | undefined {
    if (!node.calledElement) {
      this.fail(`call activity '${el.id}' has no calledElement`, el.id);
      return undefined;
    }
    const binding = node.calledElementBinding ?? "latest";
    if (!["latest", "deployment", "version", "versionTag"].includes(binding)) this.fail(`call activity '${el.id}': unknown calledElementBinding '${binding}'`, el.id);
    const inputs: VariableMapping[] = [];
    const outputs: VariableMapping[] = [];
    let businessKey: CompiledExpression | undefined;
    for (const ext of node.extensionElements?.values ?? []) {
      if (ext.$type !== "camunda:In" && ext.$type !== "camunda:Out") continue;
      const list = ext.$type === "camunda:In" ? inputs : outputs;
      if (ext.businessKey) { businessKey = this.expr(ext.businessKey, "camunda:in businessKey", el.id); continue; }
      if (ext.variables === "all") { list.push({ kind: "all", local: !!ext.local }); continue; }
      if (!ext.target) { this.fail(`call activity '${el.id}': a camunda:${ext.$type === "camunda:In" ? "in" : "out"} mapping has no target`, el.id); continue; }
      list.push({ kind: "variable", source: ext.source ?? undefined, sourceExpression: this.expr(ext.sourceExpression, "camunda:in sourceExpression", el.id), target: ext.target, local: !!ext.local });
    }
    return {
      calledElement: this.expr(node.calledElement, "calledElement", el.id)!,
      binding, version: this.expr(node.calledElementVersion, "calledElementVersion", el.id),
      versionTag: this.expr(node.calledElementVersionTag, "calledElementVersionTag", el.id),
      tenantId: this.expr(node.calledElementTenantId, "calledElementTenantId", el.id),
      businessKey, inputs, outputs,
    };
  }

  private readMultiInstance(loop: any, el: FlowElement): MultiInstance | undefined {
    if (loop.$type === "bpmn:StandardLoopCharacteristics") {
      this.fail(`'${el.id}' uses a standard loop: only multi-instance is supported`, el.id);
      return undefined;
    }
    const mi: MultiInstance = {
      sequential: !!loop.isSequential,
      loopCardinality: this.expr(loop.loopCardinality?.body, "loopCardinality", el.id),
      collection: this.expr(loop.collection, "camunda:collection", el.id),
      elementVariable: loop.elementVariable ?? undefined,
      completionCondition: this.expr(loop.completionCondition?.body, "completionCondition", el.id),
    };
    if (!mi.loopCardinality && !mi.collection) this.fail(`multi-instance '${el.id}' needs loopCardinality or camunda:collection`, el.id);
    for (const ext of loop.extensionElements?.values ?? []) if (ext.$type === "camunda:FailedJobRetryTimeCycle") el.retryTimeCycle = ext.body;
    if (loop.asyncBefore || loop.asyncAfter) this.fail(`multi-instance '${el.id}': asynchronous continuations on the multi-instance body are not supported`, el.id);
    return mi;
  }

  private readExtensions(node: any, el: FlowElement): void {
    for (const ext of node.extensionElements?.values ?? []) {
      switch (ext.$type) {
        case "camunda:FailedJobRetryTimeCycle":
          el.retryTimeCycle = String(ext.body ?? "").trim();
          break;
        case "camunda:InputOutput":
          for (const p of ext.inputParameters ?? []) el.inputs.push(this.readParameter(p, el));
          for (const p of ext.outputParameters ?? []) el.outputs.push(this.readParameter(p, el));
          break;
        case "camunda:ExecutionListener":
        case "camunda:TaskListener": {
          const listener = this.readListener(ext, el);
          if (listener) (ext.$type === "camunda:TaskListener" ? el.taskListeners : el.listeners).push(listener);
          break;
        }
        case "camunda:Properties":
          for (const prop of ext.values ?? []) if (prop.name) el.extensionProperties[prop.name] = String(prop.value ?? "");
          break;
        case "camunda:FormData":
          break; // generated forms are not used: Jintu binds Form.io forms through formKey
        default:
          break;
      }
    }
  }

  private readListener(ext: any, el: FlowElement): Listener | undefined {
    if (ext.script) {
      this.fail(`'${el.id}' has a script listener: scripts are not supported`, el.id);
      return undefined;
    }
    const handler = ext.delegateExpression ? this.expr(ext.delegateExpression, "listener delegateExpression", el.id) : ext.class ? String(ext.class) : ext.expression ? this.expr(ext.expression, "listener expression", el.id) : undefined;
    if (!handler) {
      this.fail(`a listener on '${el.id}' has no delegateExpression or class`, el.id);
      return undefined;
    }
    if (ext.event === "timeout") {
      this.fail(`'${el.id}': timeout task listeners are not supported`, el.id);
      return undefined;
    }
    return { event: ext.event ?? "start", handler };
  }

  private readParameter(p: any, el: FlowElement): Parameter {
    return { name: p.name, value: this.readParameterValue(p.definition, p.value, el) };
  }

  private readParameterValue(definition: any, value: any, el: FlowElement): ParameterValue {
    if (definition) {
      switch (definition.$type) {
        case "camunda:List":
          return { kind: "list", items: (definition.items ?? []).map((i: any) => this.readParameterValue(i.$type === "camunda:Value" ? undefined : i, i.value ?? i.body, el)) };
        case "camunda:Map":
          return { kind: "map", entries: (definition.entries ?? []).map((e: any) => ({ key: e.key, value: this.readParameterValue(e.definition, e.value, el) })) };
        case "camunda:Script":
          this.fail(`'${el.id}' uses a script in an input/output mapping: scripts are not supported`, el.id);
          return { kind: "null" };
        default:
          return { kind: "null" };
      }
    }
    if (value == null) return { kind: "null" };
    const expression = this.expr(String(value), "an input/output parameter", el.id);
    return expression ? { kind: "expression", expression } : { kind: "null" };
  }

  /** For inclusive joins: which elements can reach each inclusive gateway (within one container), walking
   *  flows backwards; a boundary event's predecessor is its host activity. */
  private reachability(): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    const predecessors = (id: string): string[] => {
      const el = this.elements[id];
      const preds = el.incoming.map((f) => this.flows[f]?.sourceRef).filter(Boolean) as string[];
      // a token waiting in an activity can leave it through its boundary events too
      if (el.behavior === "boundaryEvent" && el.attachedTo) preds.push(el.attachedTo);
      return preds;
    };
    for (const el of Object.values(this.elements)) {
      if (el.behavior !== "inclusiveGateway" || el.incoming.length < 2) continue;
      const seen = new Set<string>();
      const stack = [el.id];
      while (stack.length) {
        const id = stack.pop()!;
        for (const p of predecessors(id)) {
          if (seen.has(p)) continue;
          seen.add(p);
          stack.push(p);
        }
      }
      result[el.id] = [...seen];
    }
    return result;
  }
}

function behaviorOf(type: string, node: any): BehaviorKind | undefined {
  switch (type) {
    case "bpmn:StartEvent": return "startEvent";
    case "bpmn:EndEvent": return "endEvent";
    case "bpmn:IntermediateCatchEvent": return "intermediateCatchEvent";
    case "bpmn:IntermediateThrowEvent": return "intermediateThrowEvent";
    case "bpmn:BoundaryEvent": return "boundaryEvent";
    case "bpmn:UserTask": return "userTask";
    case "bpmn:ServiceTask": case "bpmn:SendTask": case "bpmn:BusinessRuleTask": return "serviceTask";
    case "bpmn:ReceiveTask": return "receiveTask";
    case "bpmn:ManualTask": return "manualTask";
    case "bpmn:Task": return "task";
    case "bpmn:ExclusiveGateway": return "exclusiveGateway";
    case "bpmn:ParallelGateway": return "parallelGateway";
    case "bpmn:InclusiveGateway": return "inclusiveGateway";
    case "bpmn:EventBasedGateway": return "eventBasedGateway";
    case "bpmn:SubProcess": return node.triggeredByEvent ? "eventSubProcess" : "subProcess";
    case "bpmn:CallActivity": return "callActivity";
    default: return undefined;
  }
}

/** Camunda 7's history activityType names. */
function activityTypeOf(el: FlowElement): string {
  const k = el.event?.kind;
  const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
  switch (el.behavior) {
    case "startEvent": return k && k !== "none" ? `${k}StartEvent` : "startEvent";
    case "endEvent": return k && k !== "none" ? `${k}EndEvent` : "noneEndEvent";
    case "boundaryEvent": return `boundary${cap(k ?? "")}`;
    case "intermediateCatchEvent": return k === "timer" ? "intermediateTimer" : k === "message" ? "intermediateMessageCatch" : "intermediateSignalCatch";
    case "intermediateThrowEvent": return k === "signal" ? "intermediateSignalThrow" : k === "message" ? "intermediateMessageThrowEvent" : k === "escalation" ? "intermediateEscalationThrowEvent" : "intermediateNoneThrowEvent";
    case "serviceTask": return el.type === "bpmn:SendTask" ? "sendTask" : el.type === "bpmn:BusinessRuleTask" ? "businessRuleTask" : "serviceTask";
    default: return el.behavior;
  }
}

function docOf(node: any): string | null {
  const d = node.documentation?.[0]?.text;
  return d ? String(d) : null;
}

export function splitList(value: string | undefined | null): string[] {
  return value ? String(value).split(",").map((s) => s.trim()).filter(Boolean) : [];
}

export { ACTIVITY_TYPES };
