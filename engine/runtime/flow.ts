// How tokens move: entering and leaving activities, taking sequence flows, completing and cancelling
// scopes, boundary events, event subprocesses, error/escalation propagation, signals and timers. The
// element-specific parts live in engine/behaviors/ (one module per element kind); this file is the
// shared machinery they all use, the equivalent of Camunda 7's PvmAtomicOperations.
import type { DelegateExecution, DelegateTask } from "../api";
import { scheduleTimer, nextCycle } from "../calendar";
import type { CompiledExpression, ExpressionScope } from "../expressions";
import { EngineError, BpmnError } from "../errors";
import { newId } from "../ids";
import type { FlowElement, ParameterValue, ProcessGraph, SequenceFlow } from "../parse/graph";
import type { ExecutionEntity, JobEntity, TaskEntity } from "../persistence/tables";
import { behaviorFor } from "../behaviors";
import type { CommandContext } from "./context";
import type { DeployedProcess } from "./services";

export interface EnterOptions {
  /** the async-before job is running now: do not create it again */
  skipAsyncBefore?: boolean;
  /** the element is entered because its event already happened (event-based gateway, event subprocess start) */
  triggered?: boolean;
  /** variables that came with the event */
  payload?: Record<string, unknown>;
}

export interface StartInstanceOptions {
  businessKey?: string | null;
  variables?: Record<string, unknown>;
  tenantId?: string | null;
  userId?: string | null;
  /** a message/signal/timer start event; default: the none start event */
  startEventId?: string;
  superExecution?: ExecutionEntity;
  payload?: Record<string, unknown>;
}

export class Flow {
  constructor(readonly ctx: CommandContext) {}

  // ------------------------------------------------------------------------------ graph lookups

  private readonly graphs = new Map<string, ProcessGraph>();

  async preload(definitionId: string): Promise<DeployedProcess> {
    const d = await this.ctx.definition(definitionId);
    this.graphs.set(definitionId, d.graph);
    return d;
  }

  graphOf(token: ExecutionEntity): ProcessGraph {
    const g = this.graphs.get(token.processDefinitionId);
    if (!g) throw new EngineError("ProcessEngine", `process definition ${token.processDefinitionId} not loaded`);
    return g;
  }

  element(token: ExecutionEntity, id: string): FlowElement {
    const el = this.graphOf(token).elements[id];
    if (!el) throw new EngineError("ProcessEngine", `element '${id}' not found in ${token.processDefinitionKey}`);
    return el;
  }

  currentElement(token: ExecutionEntity): FlowElement {
    return this.element(token, token.activityId!);
  }

  // ------------------------------------------------------------------------------- expressions

  scopeFor(token: ExecutionEntity, task?: TaskEntity | null, extra?: Record<string, unknown>): ExpressionScope {
    const ctx = this.ctx;
    const execution = this.delegateExecution(token, null);
    return {
      has: (name) => (extra && name in extra) || (task && !!ctx.taskVariable(task.id, name)) || ctx.hasVariable(token, name) || name === "execution" || (name === "task" && !!task),
      get: (name) => {
        if (extra && name in extra) return extra[name];
        if (task) {
          const tv = ctx.taskVariable(task.id, name);
          if (tv) return ctx.valueOf(tv);
        }
        if (ctx.hasVariable(token, name)) return ctx.getVariable(token, name);
        if (name === "execution") return execution;
        if (name === "task" && task) return { id: task.id, name: task.name, assignee: task.assignee, taskDefinitionKey: task.taskDefinitionKey };
        return undefined;
      },
    };
  }

  /** `elementId`: the element the expression belongs to, when it is evaluated in another scope (input mappings). */
  evaluate(expression: CompiledExpression, token: ExecutionEntity, task?: TaskEntity | null, extra?: Record<string, unknown>, elementId?: string): unknown {
    if (expression.isLiteral) return expression.source;
    try {
      return expression.evaluate(this.scopeFor(token, task, extra), this.ctx.services.expressionFunctions as any);
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError("ProcessEngine", `${(error as Error).message} (in '${elementId ?? token.activityId}' of ${token.processDefinitionKey})`);
    }
  }

  evaluateCondition(flow: SequenceFlow, token: ExecutionEntity): boolean {
    if (!flow.condition) return true;
    const v = this.evaluate(flow.condition, token);
    if (typeof v !== "boolean") throw new EngineError("ProcessEngine", `condition '${flow.condition.source}' of sequence flow '${flow.id}' did not return a boolean (got ${JSON.stringify(v)})`);
    return v;
  }

  // ---------------------------------------------------------------------------- start & enter

  async startInstance(deployed: DeployedProcess, opts: StartInstanceOptions): Promise<ExecutionEntity> {
    const { definition, graph } = deployed;
    this.graphs.set(definition.id, graph);
    const ctx = this.ctx;
    const now = ctx.now();
    const id = newId();
    const tenantId = opts.tenantId ?? definition.tenantId ?? null;
    const superExec = opts.superExecution;
    const root: ExecutionEntity = ctx.uow.insert("execution", {
      id, processInstanceId: id, parentId: null, processDefinitionId: definition.id, processDefinitionKey: definition.key,
      activityId: graph.id, activityInstanceId: id, businessKey: opts.businessKey ?? null, superExecutionId: superExec?.id ?? null,
      rootProcessInstanceId: superExec ? superExec.rootProcessInstanceId : id, isActive: true, isScope: true, isConcurrent: false,
      isEventScope: false, suspended: false, tenantId, startTime: now, startUserId: opts.userId ?? null, data: null, revision: 1,
    });
    ctx.markNewInstance(id);
    const startEventId = opts.startEventId ?? graph.container.noneStartEvent;
    if (!startEventId) throw new EngineError("BadRequest", `process '${definition.key}' has no none start event: start it by message, signal or timer`);
    ctx.uow.insert("hiProcessInstance", {
      id, businessKey: root.businessKey, processDefinitionId: definition.id, processDefinitionKey: definition.key,
      processDefinitionName: definition.name, processDefinitionVersion: definition.version, startTime: now, endTime: null, durationMs: null,
      startUserId: opts.userId ?? null, startActivityId: startEventId, endActivityId: null, superProcessInstanceId: superExec?.processInstanceId ?? null,
      rootProcessInstanceId: root.rootProcessInstanceId, deleteReason: null, state: "ACTIVE", tenantId,
    });
    ctx.setVariables(root, opts.variables as any);
    const startEvent = graph.elements[startEventId];
    if (startEvent.initiator && opts.userId) ctx.setVariableLocal(root, startEvent.initiator, opts.userId);
    this.registerEventSubprocesses(root, graph.container.eventSubProcesses);
    const token = this.newChild(root);
    ctx.schedule(() => this.enter(token, startEvent, { triggered: true, payload: opts.payload }));
    return root;
  }

  newChild(parent: ExecutionEntity, concurrent = false): ExecutionEntity {
    return this.ctx.uow.insert("execution", {
      id: newId(), processInstanceId: parent.processInstanceId, parentId: parent.id, processDefinitionId: parent.processDefinitionId,
      processDefinitionKey: parent.processDefinitionKey, activityId: null, activityInstanceId: null, businessKey: null,
      superExecutionId: null, rootProcessInstanceId: parent.rootProcessInstanceId, isActive: true, isScope: false, isConcurrent: concurrent,
      isEventScope: false, suspended: parent.suspended, tenantId: parent.tenantId, startTime: this.ctx.now(), startUserId: null, data: null, revision: 1,
    });
  }

  /** A token arrives at an element. */
  async enter(token: ExecutionEntity, el: FlowElement, opts: EnterOptions = {}): Promise<void> {
    if (!this.ctx.uow.get("execution", token.id)) return; // cancelled meanwhile (e.g. by a terminate end event)
    token.activityId = el.id;
    token.isActive = true;
    if (el.multiInstance && token.data?.mi !== "inner") {
      await this.enterMultiInstanceBody(token, el);
      return;
    }
    token.activityInstanceId = newId();
    this.startHistoricActivity(token, el, el.activityType);
    if (el.asyncBefore && !opts.skipAsyncBefore) {
      this.createJob(token, el, "async-continuation", "async-before", { activityId: el.id }, this.ctx.now());
      return;
    }
    await this.execute(token, el, opts);
  }

  /** Runs an element after its asynchronous continuation (if any). */
  async execute(token: ExecutionEntity, el: FlowElement, opts: EnterOptions = {}): Promise<void> {
    await this.invokeListeners(token, el, "start");
    this.mapInputs(token, el);
    if (token.data?.mi !== "inner") this.registerBoundaryEvents(token, el);
    await behaviorFor(el).execute(this, token, el, opts);
  }

  // ------------------------------------------------------------------------------- leaving

  /** The activity a token is in has completed normally. */
  async leave(token: ExecutionEntity, el: FlowElement): Promise<void> {
    if (!this.ctx.uow.get("execution", token.id)) return;
    if (token.data?.mi === "body") {
      this.clearActivityArtifacts(token);
      this.endHistoricActivity(token, false);
      this.ctx.removeLocalVariables(token);
      token.data = null;
      token.isScope = false;
      await this.takeOutgoing(token, el);
      return;
    }
    this.mapOutputs(token, el);
    await this.invokeListeners(token, el, "end");
    this.clearActivityArtifacts(token);
    this.endHistoricActivity(token, false);
    if (token.data?.mi === "inner") {
      await this.completeInnerInstance(token, el);
      return;
    }
    this.ctx.removeLocalVariables(token);
    token.isScope = false;
    if (el.asyncAfter) {
      token.isActive = false;
      this.createJob(token, el, "async-continuation", "async-after", { activityId: el.id }, this.ctx.now());
      return;
    }
    await this.takeOutgoing(token, el);
  }

  /** Default flow selection for activities and events: every flow whose condition holds, else the default. */
  async takeOutgoing(token: ExecutionEntity, el: FlowElement): Promise<void> {
    const flows = this.graphOf(token).flows;
    const out = el.outgoing.map((id) => flows[id]);
    const chosen = out.filter((f) => f.id !== el.defaultFlow && this.evaluateCondition(f, token));
    if (chosen.length === 0 && el.defaultFlow) chosen.push(flows[el.defaultFlow]);
    if (out.length > 0 && chosen.length === 0)
      throw new EngineError("ProcessEngine", `ENGINE-02004 No outgoing sequence flow for the element with id '${el.id}' could be selected for continuing the process.`);
    this.takeFlows(token, chosen);
  }

  /** Moves the token along the given flows: the first keeps the token, the others get new concurrent tokens. */
  takeFlows(token: ExecutionEntity, flows: SequenceFlow[]): void {
    if (flows.length === 0) {
      this.ctx.schedule(() => this.endToken(token));
      return;
    }
    const parent = this.ctx.parent(token)!;
    flows.forEach((f, i) => {
      const t = i === 0 ? token : this.newChild(parent, true);
      if (i === 0) {
        token.isConcurrent = flows.length > 1 || token.isConcurrent;
        token.data = null;
      }
      t.activityId = null;
      const target = this.element(token, f.targetRef);
      this.ctx.schedule(async () => {
        await this.enter(t, target);
      });
    });
  }

  // ---------------------------------------------------------------------- ends and scope completion

  /** A token has nowhere else to go: it disappears; its scope completes when it was the last one. */
  async endToken(token: ExecutionEntity): Promise<void> {
    if (!this.ctx.uow.get("execution", token.id)) return;
    const scope = this.ctx.parent(token)!;
    this.ctx.removeLocalVariables(token);
    this.ctx.uow.delete("execution", token);
    await this.afterChildEnded(scope);
  }

  async afterChildEnded(scope: ExecutionEntity): Promise<void> {
    if (!this.ctx.uow.get("execution", scope.id)) return;
    const remaining = this.ctx.children(scope);
    if (remaining.length === 0) {
      await this.completeScope(scope);
      return;
    }
    // a waiting inclusive join may now have nothing left to wait for
    for (const t of remaining) {
      if (t.data?.joining && this.currentElement(t).behavior === "inclusiveGateway") {
        await behaviorFor(this.currentElement(t)).onScopeChanged?.(this, t, this.currentElement(t));
        break;
      }
    }
  }

  /** Every token of a scope has ended: the scope's activity completes (or the process instance ends). */
  async completeScope(scope: ExecutionEntity): Promise<void> {
    this.clearActivityArtifacts(scope);
    if (scope.parentId === null) {
      await this.endProcessInstance(scope, "COMPLETED", null);
      return;
    }
    const el = this.currentElement(scope);
    await this.leave(scope, el);
  }

  async endProcessInstance(root: ExecutionEntity, state: "COMPLETED" | "EXTERNALLY_TERMINATED" | "INTERNALLY_TERMINATED", reason: string | null, endActivityId?: string): Promise<void> {
    const ctx = this.ctx;
    for (const child of ctx.children(root)) this.cancelExecution(child, reason ?? "terminated");
    this.clearActivityArtifacts(root);
    const hi = ctx.uow.get("hiProcessInstance", root.id);
    if (hi) {
      hi.endTime = ctx.now();
      hi.durationMs = hi.endTime - hi.startTime;
      hi.state = state;
      hi.deleteReason = reason;
      if (endActivityId) hi.endActivityId = endActivityId;
    }
    for (const inc of ctx.uow.find("incident", (i) => i.processInstanceId === root.id)) ctx.uow.delete("incident", inc);
    if (root.superExecutionId) root.data = { ...(root.data ?? {}), finalVariables: Object.fromEntries([...ctx.visibleVariables(root)].map(([n, v]) => [n, ctx.valueOf(v)])) };
    ctx.removeLocalVariables(root);
    for (const v of ctx.uow.find("variable", (x) => x.processInstanceId === root.id)) ctx.uow.delete("variable", v);
    ctx.uow.delete("execution", root);
    ctx.emit({ type: "processInstanceEnded", processInstanceId: root.id, id: root.id });
    if (root.superExecutionId && state === "COMPLETED") {
      const superExec = await this.loadExecution(root.superExecutionId);
      if (superExec) {
        const callEl = this.currentElement(superExec);
        await behaviorFor(callEl).onCalledInstanceEnded?.(this, superExec, callEl, root);
      }
    }
  }

  /** Loads the instance holding an execution (used across call activities). */
  async loadExecution(executionId: string): Promise<ExecutionEntity | undefined> {
    let e = this.ctx.uow.get("execution", executionId);
    if (!e) {
      const row = await this.ctx.tx.get<{ process_instance_id: string }>(`SELECT process_instance_id FROM execution WHERE id = ?`, [executionId]);
      if (!row) return undefined;
      await this.loadInstance(row.process_instance_id);
      e = this.ctx.uow.get("execution", executionId);
    }
    return e;
  }

  /** Loads an instance with the instances it called (so cancelling cascades) and their process graphs. */
  async loadInstance(processInstanceId: string): Promise<ExecutionEntity> {
    const root = await this.ctx.loadInstance(processInstanceId);
    const executions = this.ctx.uow.find("execution", (e) => e.processInstanceId === processInstanceId);
    for (const id of new Set(executions.map((e) => e.processDefinitionId))) if (!this.graphs.has(id)) await this.preload(id);
    const subs = await this.ctx.tx.all<{ id: string }>(
      `SELECT s.id FROM execution s JOIN execution c ON s.super_execution_id = c.id WHERE c.process_instance_id = ? AND s.parent_id IS NULL`, [processInstanceId]);
    for (const s of subs) if (!this.ctx.uow.loadedInstances.has(s.id)) await this.loadInstance(s.id);
    return root;
  }

  // ----------------------------------------------------------------------------- cancellation

  /** Cancels an execution and everything below it (tasks, jobs, subscriptions, called instances). */
  cancelExecution(token: ExecutionEntity, reason: string): void {
    const ctx = this.ctx;
    for (const child of ctx.children(token)) this.cancelExecution(child, reason);
    this.cancelActivity(token, reason);
    ctx.removeLocalVariables(token);
    ctx.uow.delete("execution", token);
  }

  /** Removes what the token's current activity created, and marks its history canceled. */
  cancelActivity(token: ExecutionEntity, reason: string): void {
    const ctx = this.ctx;
    for (const task of ctx.uow.find("task", (t) => t.executionId === token.id)) this.deleteTask(task, reason);
    this.cancelCalledInstances(token, reason);
    this.clearActivityArtifacts(token);
    if (token.activityInstanceId) this.endHistoricActivity(token, true);
  }

  private cancelCalledInstances(token: ExecutionEntity, reason: string): void {
    const ctx = this.ctx;
    const sub = ctx.uow.findOne("execution", (e) => e.superExecutionId === token.id && e.parentId === null);
    if (sub) {
      for (const child of ctx.children(sub)) this.cancelExecution(child, reason);
      void this.endProcessInstance(sub, "INTERNALLY_TERMINATED", reason);
    }
  }

  /** Cancels all children of a scope (terminate end event, interrupting event subprocess). */
  cancelChildren(scope: ExecutionEntity, reason: string, except?: ExecutionEntity): void {
    for (const child of this.ctx.children(scope)) if (child !== except) this.cancelExecution(child, reason);
  }

  deleteTask(task: TaskEntity, reason: string): void {
    const ctx = this.ctx;
    for (const link of ctx.uow.find("identityLink", (l) => l.taskId === task.id)) ctx.uow.delete("identityLink", link);
    for (const v of ctx.uow.find("variable", (v) => v.taskId === task.id)) ctx.uow.delete("variable", v);
    ctx.uow.delete("task", task);
    const hi = ctx.uow.get("hiTaskInstance", task.id);
    if (hi) {
      hi.endTime = ctx.now();
      hi.durationMs = hi.endTime - hi.startTime;
      hi.deleteReason = reason;
    }
  }

  /** Jobs, subscriptions and external tasks that belong to the token's current activity. */
  clearActivityArtifacts(token: ExecutionEntity): void {
    const uow = this.ctx.uow;
    for (const j of uow.find("job", (j) => j.executionId === token.id)) uow.delete("job", j);
    for (const s of uow.find("eventSubscription", (s) => s.executionId === token.id)) uow.delete("eventSubscription", s);
    for (const x of uow.find("externalTask", (x) => x.executionId === token.id)) uow.delete("externalTask", x);
    for (const i of uow.find("incident", (i) => i.executionId === token.id)) uow.delete("incident", i);
  }

  // --------------------------------------------------------------------------------- history

  startHistoricActivity(token: ExecutionEntity, el: FlowElement, activityType: string, activityIdSuffix = ""): void {
    const parent = this.ctx.parent(token);
    this.ctx.uow.insert("hiActivityInstance", {
      id: token.activityInstanceId!, parentActivityInstanceId: parent?.activityInstanceId ?? token.processInstanceId,
      activityId: el.id + activityIdSuffix, activityName: el.name, activityType, processDefinitionId: token.processDefinitionId,
      processDefinitionKey: token.processDefinitionKey, processInstanceId: token.processInstanceId, executionId: token.id, taskId: null,
      calledProcessInstanceId: null, assignee: null, startTime: this.ctx.now(), endTime: null, durationMs: null, canceled: false,
      completeScope: false, tenantId: token.tenantId, sequenceCounter: this.ctx.nextSequence(),
    });
  }

  endHistoricActivity(token: ExecutionEntity, canceled: boolean): void {
    const hi = token.activityInstanceId ? this.ctx.uow.get("hiActivityInstance", token.activityInstanceId) : undefined;
    if (!hi || hi.endTime !== null) return;
    hi.endTime = this.ctx.now();
    hi.durationMs = hi.endTime - hi.startTime;
    hi.canceled = canceled;
    const el = this.graphOf(token).elements[hi.activityId];
    hi.completeScope = !canceled && !!el && el.behavior === "endEvent";
  }

  // ------------------------------------------------------------------------------ multi-instance

  private async enterMultiInstanceBody(body: ExecutionEntity, el: FlowElement): Promise<void> {
    const mi = el.multiInstance!;
    body.activityInstanceId = newId();
    body.isScope = true;
    this.startHistoricActivity(body, el, "multiInstanceBody", "#multiInstanceBody");
    this.registerBoundaryEvents(body, el);
    let collection: unknown[] | null = null;
    let n: number;
    if (mi.collection) {
      const c = this.evaluate(mi.collection, body);
      const value = typeof c === "string" && !mi.collection.isLiteral ? c : typeof c === "string" ? this.ctx.getVariable(body, c) : c;
      if (!Array.isArray(value)) throw new EngineError("ProcessEngine", `multi-instance '${el.id}': collection '${mi.collection.source}' is not a list`);
      collection = value;
      n = value.length;
    } else {
      const v = Number(this.evaluate(mi.loopCardinality!, body));
      if (!Number.isInteger(v) || v < 0) throw new EngineError("ProcessEngine", `multi-instance '${el.id}': loopCardinality must be a non-negative integer`);
      n = v;
    }
    body.data = { mi: "body", collection: mi.sequential ? collection ?? undefined : undefined };
    this.ctx.setVariableLocal(body, "nrOfInstances", n);
    this.ctx.setVariableLocal(body, "nrOfCompletedInstances", 0);
    this.ctx.setVariableLocal(body, "nrOfActiveInstances", mi.sequential ? Math.min(1, n) : n);
    if (n === 0) {
      this.ctx.schedule(() => this.leave(body, el));
      return;
    }
    const count = mi.sequential ? 1 : n;
    for (let i = 0; i < count; i++) this.createInnerInstance(body, el, i, collection);
  }

  private createInnerInstance(body: ExecutionEntity, el: FlowElement, index: number, collection: unknown[] | null): void {
    const inner = this.newChild(body, !el.multiInstance!.sequential);
    inner.data = { mi: "inner" };
    inner.isScope = true;
    this.ctx.setVariableLocal(inner, "loopCounter", index);
    if (collection && el.multiInstance!.elementVariable) this.ctx.setVariableLocal(inner, el.multiInstance!.elementVariable, collection[index] as any);
    this.ctx.schedule(() => this.enter(inner, el));
  }

  /** One inner instance is done: count it, check the completion condition, start the next one (sequential). */
  private async completeInnerInstance(inner: ExecutionEntity, el: FlowElement): Promise<void> {
    const ctx = this.ctx;
    const body = ctx.parent(inner)!;
    const mi = el.multiInstance!;
    const completed = Number(ctx.getVariable(body, "nrOfCompletedInstances")) + 1;
    const total = Number(ctx.getVariable(body, "nrOfInstances"));
    ctx.setVariableLocal(body, "nrOfCompletedInstances", completed);
    ctx.setVariableLocal(body, "nrOfActiveInstances", Number(ctx.getVariable(body, "nrOfActiveInstances")) - 1);
    const loopCounter = Number(ctx.getVariable(inner, "loopCounter"));
    let done = completed >= total;
    if (!done && mi.completionCondition) {
      const v = this.evaluate(mi.completionCondition, inner);
      if (typeof v !== "boolean") throw new EngineError("ProcessEngine", `completionCondition of '${el.id}' did not return a boolean`);
      done = v;
    }
    ctx.removeLocalVariables(inner);
    ctx.uow.delete("execution", inner);
    if (done) {
      for (const other of ctx.children(body)) this.cancelExecution(other, "multi-instance completion condition met");
      await this.leave(body, el);
      return;
    }
    if (mi.sequential) {
      ctx.setVariableLocal(body, "nrOfActiveInstances", 1);
      const collection = (body.data?.collection as unknown[] | undefined) ?? null;
      this.createInnerInstance(body, el, loopCounter + 1, collection);
    }
  }

  // ------------------------------------------------------------------------- input/output mapping

  private parameterValue(p: ParameterValue, token: ExecutionEntity, elementId: string): unknown {
    switch (p.kind) {
      case "expression": return this.evaluate(p.expression, token, null, undefined, elementId);
      case "list": return p.items.map((i) => this.parameterValue(i, token, elementId));
      case "map": return Object.fromEntries(p.entries.map((e) => [e.key, this.parameterValue(e.value, token, elementId)]));
      default: return null;
    }
  }

  mapInputs(token: ExecutionEntity, el: FlowElement): void {
    // inputs are evaluated in the enclosing scope and become local variables of the activity
    const parent = this.ctx.parent(token) ?? token;
    const values = el.inputs.map((p) => [p.name, this.parameterValue(p.value, parent, el.id)] as const);
    for (const [name, value] of values) this.ctx.setVariableLocal(token, name, value);
  }

  mapOutputs(token: ExecutionEntity, el: FlowElement): void {
    if (!el.outputs.length) return;
    const parent = this.ctx.parent(token) ?? token;
    const values = el.outputs.map((p) => [p.name, this.parameterValue(p.value, token, el.id)] as const);
    for (const [name, value] of values) this.ctx.setVariable(parent, name, value);
  }

  // ------------------------------------------------------------------------- handlers & listeners

  resolveHandler(ref: CompiledExpression | string, token: ExecutionEntity): { name: string; fn?: (e: any) => unknown; value?: unknown } {
    const handlers = this.ctx.services.handlers;
    if (typeof ref === "string") return { name: ref, fn: handlers[ref] };
    const m = /^\s*[$#]\{\s*([A-Za-z_][\w]*)\s*\}\s*$/.exec(ref.source);
    if (m && handlers[m[1]]) return { name: m[1], fn: handlers[m[1]] };
    const value = this.evaluate(ref, token);
    if (typeof value === "string" && handlers[value]) return { name: value, fn: handlers[value] };
    if (typeof value === "function") return { name: ref.source, fn: value as any };
    return { name: ref.source, value };
  }

  async callHandler(ref: CompiledExpression | string, token: ExecutionEntity, eventName: string | null, task?: TaskEntity, opts: { expressionAllowed?: boolean } = {}): Promise<unknown> {
    const h = this.resolveHandler(ref, token);
    if (!h.fn) {
      if (opts.expressionAllowed && typeof ref !== "string") return h.value;
      throw new EngineError("ProcessEngine", `Unknown handler '${h.name}' (in '${token.activityId}' of ${token.processDefinitionKey}): register it in the engine's handlers`);
    }
    const delegate = task ? this.delegateTask(token, task, eventName) : this.delegateExecution(token, eventName);
    return await h.fn(delegate);
  }

  async invokeListeners(token: ExecutionEntity, el: FlowElement, event: "start" | "end"): Promise<void> {
    for (const l of el.listeners) if (l.event === event) await this.callHandler(l.handler, token, event, undefined, { expressionAllowed: true });
  }

  async invokeTaskListeners(token: ExecutionEntity, el: FlowElement, task: TaskEntity, event: string): Promise<void> {
    for (const l of el.taskListeners) if (l.event === event) await this.callHandler(l.handler, token, event, task, { expressionAllowed: true });
  }

  delegateExecution(token: ExecutionEntity, eventName: string | null): DelegateExecution {
    const ctx = this.ctx;
    const root = ctx.uow.get("execution", token.processInstanceId);
    return {
      id: token.id,
      processInstanceId: token.processInstanceId,
      processDefinitionId: token.processDefinitionId,
      businessKey: root?.businessKey ?? null,
      // Camunda's DelegateExecution property, used as `#{execution.processBusinessKey}` in call activities
      processBusinessKey: root?.businessKey ?? null,
      activityId: token.activityId ?? "",
      tenantId: token.tenantId,
      eventName,
      getVariable: (name) => ctx.getVariable(token, name),
      getVariables: () => Object.fromEntries([...ctx.visibleVariables(token)].map(([n, v]) => [n, ctx.valueOf(v)])),
      hasVariable: (name) => ctx.hasVariable(token, name),
      setVariable: (name, value) => ctx.setVariable(token, name, value),
      setVariableLocal: (name, value) => ctx.setVariableLocal(token, name, value),
      bpmnError: (code, message) => {
        throw new BpmnError(code, message);
      },
    };
  }

  private delegateTask(token: ExecutionEntity, task: TaskEntity, eventName: string | null): DelegateTask {
    const base = this.delegateExecution(token, eventName);
    // defineProperties, not Object.assign: a listener's `task.assignee = …` must reach the task
    return Object.defineProperties(base, {
      taskId: { value: task.id, enumerable: true },
      taskDefinitionKey: { value: task.taskDefinitionKey, enumerable: true },
      assignee: { get: () => task.assignee, set: (v: string | null) => { task.assignee = v; }, enumerable: true },
      addCandidateGroup: { value: (group: string) => this.createIdentityLink(task, null, group) },
      addCandidateUser: { value: (user: string) => this.createIdentityLink(task, user, null) },
    }) as DelegateTask;
  }

  // ------------------------------------------------------------------------------- jobs & events

  createJob(token: ExecutionEntity | null, el: FlowElement, type: JobEntity["type"], handlerType: string, config: Record<string, unknown>, dueDate: number, repeat: string | null = null, definition?: { id: string; key: string; tenantId: string | null }): JobEntity {
    const job = this.ctx.uow.insert("job", {
      id: newId(), type, handlerType, handlerConfig: config, processInstanceId: token?.processInstanceId ?? null, executionId: token?.id ?? null,
      processDefinitionId: token?.processDefinitionId ?? definition?.id ?? null, processDefinitionKey: token?.processDefinitionKey ?? definition?.key ?? null,
      activityId: el.id, dueDate, repeat, retries: 3, retryTimeCycle: el.retryTimeCycle ?? null, exceptionMessage: null, exceptionStacktrace: null,
      lockOwner: null, lockExpiration: null, suspended: token?.suspended ?? false, priority: 0, tenantId: token?.tenantId ?? definition?.tenantId ?? null,
      createTime: this.ctx.now(), revision: 1,
    });
    this.ctx.emit({ type: "jobCreated", processInstanceId: job.processInstanceId ?? "", id: job.id });
    return job;
  }

  /** Schedules a timer event (boundary, catch, event subprocess start, event-based gateway branch). */
  createTimer(token: ExecutionEntity, eventEl: FlowElement, handlerType: string, config: Record<string, unknown> = {}): JobEntity {
    const timer = eventEl.event!.timer!;
    const value = timer.expression && !timer.expression.isLiteral ? this.evaluate(timer.expression, token) : timer.value;
    const text = value instanceof Date ? value.toISOString() : String(value);
    const schedule = scheduleTimer({ type: timer.type, value: text }, new Date(this.ctx.now()), this.ctx.services.calendar);
    return this.createJob(token, eventEl, "timer", handlerType, { activityId: eventEl.id, ...config }, schedule.dueDate.getTime(), timer.type === "cycle" ? text : null);
  }

  /** The next due date of a repeating timer, or null when the cycle is exhausted. */
  nextTimerDue(job: JobEntity): { dueDate: number; repeat: string } | null {
    if (!job.repeat) return null;
    const next = nextCycle(job.repeat, new Date(job.dueDate ?? this.ctx.now()), this.ctx.services.calendar);
    return next ? { dueDate: next.dueDate.getTime(), repeat: next.spec } : null;
  }

  subscribe(token: ExecutionEntity, eventEl: FlowElement, eventType: "message" | "signal", config: Record<string, unknown> = {}): void {
    const name = eventEl.event?.name ? String(this.evaluate(eventEl.event.name, token)) : "";
    this.ctx.uow.insert("eventSubscription", {
      id: newId(), eventType, eventName: name, executionId: token.id, processInstanceId: token.processInstanceId,
      processDefinitionId: token.processDefinitionId, activityId: eventEl.id, tenantId: token.tenantId, createTime: this.ctx.now(), data: config,
    });
  }

  /** Waits for the event of a catch element (message, signal or timer) on behalf of the token. */
  awaitEvent(token: ExecutionEntity, eventEl: FlowElement, kind: string, config: Record<string, unknown> = {}): void {
    const ev = eventEl.event!;
    if (ev.kind === "timer") this.createTimer(token, eventEl, kind, config);
    else if (ev.kind === "message" || ev.kind === "signal") this.subscribe(token, eventEl, ev.kind, { kind, ...config });
  }

  registerBoundaryEvents(token: ExecutionEntity, el: FlowElement): void {
    for (const id of el.boundaryEvents) {
      const b = this.element(token, id);
      if (b.event && ["timer", "message", "signal"].includes(b.event.kind)) this.awaitEvent(token, b, "boundary");
    }
  }

  registerEventSubprocesses(scope: ExecutionEntity, eventSubProcessIds: string[]): void {
    for (const id of eventSubProcessIds) {
      const esp = this.element(scope, id);
      const start = this.element(scope, esp.container!.startEvents[0]);
      if (start.event && ["timer", "message", "signal"].includes(start.event.kind)) this.awaitEvent(scope, start, "eventSubprocess");
    }
  }

  /**
   * An awaited event happened for `token` at element `eventEl` (a boundary event, a catch event, a
   * receive task, an event-based gateway's branch, or an event subprocess start).
   */
  async trigger(token: ExecutionEntity, eventEl: FlowElement, kind: string, payload?: Record<string, unknown>): Promise<void> {
    if (payload) this.ctx.setVariables(token, payload as any);
    switch (kind) {
      case "boundary":
        return this.triggerBoundary(token, eventEl);
      case "eventSubprocess":
        return this.triggerEventSubprocess(token, eventEl);
      case "gateway": {
        // event-based gateway: the first event wins, the other branches are withdrawn
        this.clearActivityArtifacts(token);
        this.endHistoricActivity(token, false);
        await this.enter(token, eventEl, { triggered: true });
        return;
      }
      default:
        // the token waits in this element (intermediate catch event, receive task)
        this.clearActivityArtifacts(token);
        return this.leave(token, eventEl);
    }
  }

  async triggerBoundary(token: ExecutionEntity, boundary: FlowElement): Promise<void> {
    const ctx = this.ctx;
    if (boundary.cancelActivity) {
      for (const child of ctx.children(token)) this.cancelExecution(child, `boundary event ${boundary.id}`);
      this.cancelActivity(token, `boundary event ${boundary.id}`);
      ctx.removeLocalVariables(token);
      token.data = null;
      token.isScope = false;
      await this.enter(token, boundary, { triggered: true });
    } else {
      const parent = ctx.parent(token)!;
      const t = this.newChild(parent, true);
      await this.enter(t, boundary, { triggered: true });
    }
  }

  async triggerEventSubprocess(scope: ExecutionEntity, startEl: FlowElement): Promise<void> {
    const ctx = this.ctx;
    const esp = this.element(scope, startEl.parentId);
    if (startEl.isInterrupting) {
      this.cancelChildren(scope, `event subprocess ${esp.id}`);
      // the scope now runs only the event subprocess: its other event subprocess triggers go away
      for (const s of ctx.uow.find("eventSubscription", (s) => s.executionId === scope.id)) ctx.uow.delete("eventSubscription", s);
      for (const j of ctx.uow.find("job", (j) => j.executionId === scope.id)) ctx.uow.delete("job", j);
    }
    const holder = this.newChild(scope, !startEl.isInterrupting);
    holder.activityId = esp.id;
    holder.activityInstanceId = newId();
    holder.isScope = true;
    this.startHistoricActivity(holder, esp, "eventSubProcess");
    await this.invokeListeners(holder, esp, "start");
    const inner = this.newChild(holder);
    await this.enter(inner, startEl, { triggered: true });
  }

  // ------------------------------------------------------------------------- errors & escalations

  /**
   * Routes a BPMN error from `token` outwards: the token's own boundary events, then each enclosing
   * scope's event subprocesses and boundary events, across call activities. Returns false when nothing
   * catches it.
   */
  async propagateError(token: ExecutionEntity, code: string, message?: string): Promise<boolean> {
    const match = await this.findCatch(token, "error", code);
    if (!match) return false;
    const { holder, catchEl, viaEventSubprocess } = match;
    if (catchEl.event?.errorCodeVariable || catchEl.event?.errorMessageVariable) {
      const target = viaEventSubprocess ? holder : this.ctx.parent(holder) ?? holder;
      if (catchEl.event.errorCodeVariable) this.ctx.setVariable(target, catchEl.event.errorCodeVariable, code);
      if (catchEl.event.errorMessageVariable && message) this.ctx.setVariable(target, catchEl.event.errorMessageVariable, message);
    }
    if (viaEventSubprocess) await this.triggerEventSubprocess(holder, catchEl);
    else await this.triggerBoundary(holder, catchEl);
    return true;
  }

  /** Escalations: caught like errors but may be non-interrupting; uncaught ones are ignored. */
  async propagateEscalation(token: ExecutionEntity, code: string): Promise<{ caught: boolean }> {
    const match = await this.findCatch(token, "escalation", code);
    if (!match) return { caught: false };
    if (match.viaEventSubprocess) await this.triggerEventSubprocess(match.holder, match.catchEl);
    else await this.triggerBoundary(match.holder, match.catchEl);
    return { caught: true };
  }

  private async findCatch(token: ExecutionEntity, kind: "error" | "escalation", code: string): Promise<{ holder: ExecutionEntity; catchEl: FlowElement; viaEventSubprocess: boolean } | null> {
    const matches = (el: FlowElement) => el.event?.kind === kind && (el.event.code === undefined || el.event.code === code);
    // a catch with the exact code wins over a catch-all at the same level
    const best = (els: FlowElement[]) => els.find((e) => e.event!.code !== undefined) ?? els[0];
    let current: ExecutionEntity | undefined = token;
    let first = true;
    while (current) {
      const graph = this.graphOf(current);
      const el = current.parentId === null ? undefined : graph.elements[current.activityId ?? ""];
      // 1. event subprocesses of the scope this execution is a container of (inner scopes first)
      if (!first) {
        const espIds = current.parentId === null ? graph.container.eventSubProcesses
          : el?.container && current.data?.mi !== "body" ? el.container.eventSubProcesses : [];
        const start = best(espIds.map((id) => graph.elements[graph.elements[id].container!.startEvents[0]]).filter(matches));
        if (start) return { holder: current, catchEl: start, viaEventSubprocess: true };
      }
      // 2. boundary events of the activity this execution is in (multi-instance: on the body)
      if (el && current.data?.mi !== "inner") {
        const boundary = best(el.boundaryEvents.map((id) => graph.elements[id]).filter(matches));
        if (boundary) return { holder: current, catchEl: boundary, viaEventSubprocess: false };
      }
      first = false;
      if (current.parentId === null) {
        // across a call activity: continue at the calling token in the parent instance
        current = current.superExecutionId ? await this.loadExecution(current.superExecutionId) : undefined;
        continue;
      }
      current = this.ctx.parent(current);
    }
    return null;
  }

  // --------------------------------------------------------------------------------- signals

  /** Delivers a signal to every subscription (all instances) and starts processes with a signal start event. */
  async throwSignal(name: string, variables?: Record<string, unknown>, tenantId?: string | null): Promise<void> {
    const ctx = this.ctx;
    const rows = await ctx.tx.all(`SELECT * FROM "event_subscription" WHERE "event_type" = 'signal' AND "event_name" = ?`, [name]);
    const subs = ctx.uow.adopt("eventSubscription", rows);
    for (const s of ctx.uow.find("eventSubscription", (x) => x.eventType === "signal" && x.eventName === name)) if (!subs.includes(s)) subs.push(s);
    for (const sub of subs) {
      if (tenantId !== undefined && tenantId !== null && sub.tenantId !== null && sub.tenantId !== tenantId) continue;
      if (!ctx.uow.get("eventSubscription", sub.id)) continue; // consumed by an earlier delivery in this loop
      if (!sub.executionId) {
        const deployed = await this.preload(sub.processDefinitionId!);
        if (deployed.definition.suspended) continue;
        await this.startInstance(deployed, { startEventId: sub.activityId, variables, tenantId: sub.tenantId ?? tenantId ?? null, userId: ctx.userId });
        continue;
      }
      const token = await this.loadExecution(sub.executionId);
      if (!token || token.suspended) continue;
      const el = this.element(token, sub.activityId);
      if (!el.event || !(el.event.kind === "signal")) continue;
      const kind = String(sub.data?.kind ?? "catch");
      // a non-interrupting event keeps listening; everything else is consumed
      const keep = (kind === "boundary" && el.cancelActivity === false) || (kind === "eventSubprocess" && el.isInterrupting === false);
      if (!keep) ctx.uow.delete("eventSubscription", sub);
      ctx.schedule(() => this.trigger(token, el, kind, variables));
    }
  }

  // --------------------------------------------------------------------------------- tasks

  createIdentityLink(task: TaskEntity, userId: string | null, groupId: string | null): void {
    this.ctx.uow.insert("identityLink", { id: newId(), taskId: task.id, processInstanceId: task.processInstanceId, type: "candidate", userId, groupId });
  }
}
