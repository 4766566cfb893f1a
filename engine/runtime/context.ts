// The state of one running command: its unit of work, its agenda of pending steps, the instances it
// loaded, and the variable and history helpers behaviours use. Created and flushed by the command executor.
import type { EngineEvent, VariableInput } from "../api";
import { newId } from "../ids";
import { EngineError, notFound } from "../errors";
import { UnitOfWork } from "../persistence/unitOfWork";
import type { Queryable } from "../persistence/db";
import { Tables, type ExecutionEntity, type TableName, type VariableEntity } from "../persistence/tables";
import type { EngineServices, DeployedProcess } from "./services";
import { fromColumns, normalizeValue, toColumns, type NormalizedValue } from "./typedValues";

let lastSequence = 0;

/** The runtime rows (and open history rows) that make up a loaded process instance; executions first. */
const INSTANCE_ROWS: [TableName, string][] = [
  ["execution", `"process_instance_id" = ?`],
  ["task", `"process_instance_id" = ?`],
  ["identityLink", `"process_instance_id" = ?`],
  ["variable", `"process_instance_id" = ?`],
  ["job", `"process_instance_id" = ?`],
  ["externalTask", `"process_instance_id" = ?`],
  ["eventSubscription", `"process_instance_id" = ?`],
  ["incident", `"process_instance_id" = ?`],
  ["hiProcessInstance", `"id" = ?`],
  ["hiActivityInstance", `"process_instance_id" = ? AND "end_time" IS NULL`],
  ["hiTaskInstance", `"process_instance_id" = ? AND "end_time" IS NULL`],
  ["hiVariableInstance", `"process_instance_id" = ? AND "state" = 'CREATED'`],
];
const LOAD_INSTANCE_SQL = "SELECT " + INSTANCE_ROWS.map(([table, where]) => `(SELECT json_agg(x) FROM "${Tables[table].table}" x WHERE ${where}) AS "${table}"`).join(", ");

export class CommandContext {
  readonly uow: UnitOfWork;
  readonly operationId = newId();
  private readonly agenda: (() => Promise<void> | void)[] = [];
  private readonly events: EngineEvent[] = [];
  readonly nowMs: number;
  private sequence = 0;

  constructor(readonly tx: Queryable, readonly services: EngineServices, readonly userId: string | null = null) {
    this.uow = new UnitOfWork(tx);
    this.nowMs = services.clock.now().getTime();
  }

  now(): number {
    return this.nowMs;
  }

  /** Monotonic counter within the command for history ordering (activity instances end/start order). */
  nextSequence(): number {
    // monotonic in this process even when two commands run in the same millisecond (or a test clock
    // stands still): otherwise a later command's first activity would sort before an earlier command's
    lastSequence = Math.max(lastSequence + 1, this.nowMs * 1000 + this.sequence++);
    return lastSequence;
  }

  schedule(step: () => Promise<void> | void): void {
    this.agenda.push(step);
  }

  /** Runs scheduled steps in order until every token waits. Steps may schedule more steps. */
  async runAgenda(): Promise<void> {
    let guard = 0;
    while (this.agenda.length) {
      if (++guard > 100_000) throw new EngineError("ProcessEngine", "the process did not reach a wait state after 100,000 steps (an endless loop without a wait state?)");
      await this.agenda.shift()!();
    }
  }

  emit(event: EngineEvent): void {
    this.events.push(event);
  }

  takeEvents(): EngineEvent[] {
    return this.events.splice(0);
  }

  // --------------------------------------------------------------------------------- loading

  async definition(id: string): Promise<DeployedProcess> {
    return this.services.definitions.byId(this.tx, id);
  }

  /** Loads a whole process instance (all its runtime rows) into the unit of work; returns its root. */
  async loadInstance(processInstanceId: string): Promise<ExecutionEntity> {
    if (this.isNewInstance(processInstanceId) || this.uow.loadedInstances.has(processInstanceId)) {
      const root = this.uow.get("execution", processInstanceId);
      if (!root) throw notFound(`Process instance ${processInstanceId} has ended`);
      return root;
    }
    if (this.tx.dialect === "postgres") return this.loadInstanceInOneQuery(processInstanceId);
    const p = [processInstanceId];
    const executions = await this.uow.load("execution", `"process_instance_id" = ?`, p);
    const root = executions.find((e) => e.id === processInstanceId);
    if (!root) throw notFound(`Process instance with id ${processInstanceId} does not exist`);
    this.uow.loadedInstances.set(processInstanceId, root.revision);
    await Promise.all(INSTANCE_ROWS.slice(1).map(([table, where]) => this.uow.load(table, where, p)));
    return root;
  }

  /** PostgreSQL: every statement is a network round trip, so the instance's rows of all its tables come
   *  back from one statement as JSON arrays (12 round trips → 1 for each command that loads an instance). */
  private async loadInstanceInOneQuery(processInstanceId: string): Promise<ExecutionEntity> {
    const row = await this.tx.get<Record<string, Record<string, unknown>[] | null>>(LOAD_INSTANCE_SQL, INSTANCE_ROWS.map(() => processInstanceId));
    const executions = this.uow.adopt("execution", row?.execution ?? []);
    const root = executions.find((e) => e.id === processInstanceId);
    if (!root) throw notFound(`Process instance with id ${processInstanceId} does not exist`);
    this.uow.loadedInstances.set(processInstanceId, root.revision);
    for (const [table] of INSTANCE_ROWS.slice(1)) this.uow.adopt(table, row?.[table] ?? []);
    return root;
  }

  private readonly newInstances = new Set<string>();
  markNewInstance(id: string): void {
    this.newInstances.add(id);
  }
  isNewInstance(id: string): boolean {
    return this.newInstances.has(id);
  }

  execution(id: string): ExecutionEntity {
    const e = this.uow.get("execution", id);
    if (!e) throw notFound(`Execution ${id} does not exist`);
    return e;
  }

  children(execution: ExecutionEntity): ExecutionEntity[] {
    return this.uow.find("execution", (e) => e.parentId === execution.id);
  }

  parent(execution: ExecutionEntity): ExecutionEntity | undefined {
    return execution.parentId ? this.uow.get("execution", execution.parentId) : undefined;
  }

  root(execution: ExecutionEntity): ExecutionEntity {
    return this.execution(execution.processInstanceId);
  }

  // ------------------------------------------------------------------------------- variables

  private variableAt(executionId: string, name: string): VariableEntity | undefined {
    return this.uow.findOne("variable", (v) => v.executionId === executionId && v.name === name && v.taskId === null);
  }

  taskVariable(taskId: string, name: string): VariableEntity | undefined {
    return this.uow.findOne("variable", (v) => v.taskId === taskId && v.name === name);
  }

  /** Finds a variable visible from an execution: its own, then each enclosing scope up to the root. */
  findVariable(execution: ExecutionEntity, name: string): VariableEntity | undefined {
    for (let e: ExecutionEntity | undefined = execution; e; e = this.parent(e)) {
      const v = this.variableAt(e.id, name);
      if (v) return v;
    }
    return undefined;
  }

  valueOf(v: VariableEntity): unknown {
    const bytes = v.blobId ? this.uow.get("blob", v.blobId)?.content ?? null : null;
    return fromColumns(v.type, v, bytes);
  }

  getVariable(execution: ExecutionEntity, name: string): unknown {
    const v = this.findVariable(execution, name);
    return v ? this.valueOf(v) : undefined;
  }

  hasVariable(execution: ExecutionEntity, name: string): boolean {
    return !!this.findVariable(execution, name);
  }

  /** All variables visible from an execution, inner scopes shadowing outer ones. */
  visibleVariables(execution: ExecutionEntity): Map<string, VariableEntity> {
    const chain: ExecutionEntity[] = [];
    for (let e: ExecutionEntity | undefined = execution; e; e = this.parent(e)) chain.unshift(e);
    const out = new Map<string, VariableEntity>();
    for (const e of chain) for (const v of this.uow.find("variable", (x) => x.executionId === e.id && x.taskId === null)) out.set(v.name, v);
    return out;
  }

  localVariables(execution: ExecutionEntity): VariableEntity[] {
    return this.uow.find("variable", (v) => v.executionId === execution.id && v.taskId === null);
  }

  /** Camunda's setVariable: update where the variable already is, else create it on the process instance. */
  setVariable(execution: ExecutionEntity, name: string, value: unknown): void {
    const existing = this.findVariable(execution, name);
    const owner = existing ? this.execution(existing.executionId) : this.root(execution);
    this.writeVariable(owner, null, name, normalizeValue(name, value), existing);
  }

  setVariableLocal(execution: ExecutionEntity, name: string, value: unknown): void {
    this.writeVariable(execution, null, name, normalizeValue(name, value), this.variableAt(execution.id, name));
  }

  setVariables(execution: ExecutionEntity, variables: VariableInput | undefined, local = false): void {
    if (!variables) return;
    for (const [name, value] of Object.entries(variables)) {
      if (local) this.setVariableLocal(execution, name, value);
      else this.setVariable(execution, name, value);
    }
  }

  setTaskVariableLocal(taskId: string, execution: ExecutionEntity, name: string, value: unknown): void {
    this.writeVariable(execution, taskId, name, normalizeValue(name, value), this.taskVariable(taskId, name));
  }

  writeVariable(execution: ExecutionEntity, taskId: string | null, name: string, value: NormalizedValue, existing?: VariableEntity): VariableEntity {
    const cols = toColumns(value);
    const now = this.now();
    let blobId: string | null = null;
    if (cols.bytes) {
      blobId = newId();
      this.uow.insert("blob", { id: blobId, processInstanceId: execution.processInstanceId, content: cols.bytes });
    }
    let v: VariableEntity;
    if (existing) {
      Object.assign(existing, { type: value.type, textValue: cols.textValue, longValue: cols.longValue, doubleValue: cols.doubleValue, blobId, valueInfo: value.valueInfo });
      v = existing;
      const hi = this.uow.get("hiVariableInstance", v.id);
      if (hi) Object.assign(hi, { type: v.type, textValue: v.textValue, longValue: v.longValue, doubleValue: v.doubleValue, blobId: v.blobId, valueInfo: v.valueInfo });
    } else {
      v = this.uow.insert("variable", {
        id: newId(), name, type: value.type, processInstanceId: execution.processInstanceId, executionId: execution.id, taskId,
        activityInstanceId: execution.activityInstanceId, textValue: cols.textValue, longValue: cols.longValue,
        doubleValue: cols.doubleValue, blobId, valueInfo: value.valueInfo, tenantId: execution.tenantId, revision: 1,
      });
      this.uow.insert("hiVariableInstance", {
        id: v.id, name, type: v.type, processInstanceId: v.processInstanceId, executionId: v.executionId, taskId,
        activityInstanceId: v.activityInstanceId, textValue: v.textValue, longValue: v.longValue, doubleValue: v.doubleValue,
        blobId, valueInfo: v.valueInfo, createTime: now, removalTime: null, state: "CREATED", tenantId: v.tenantId,
      });
    }
    // every change is kept (append-only history of variable values)
    this.uow.insert("hiVariableUpdate", {
      id: newId(), variableInstanceId: v.id, name, type: v.type, processInstanceId: v.processInstanceId, executionId: v.executionId,
      taskId, activityInstanceId: v.activityInstanceId, textValue: v.textValue, longValue: v.longValue, doubleValue: v.doubleValue,
      blobId, valueInfo: v.valueInfo, time: now, revision: existing ? existing.revision + 1 : 1, userId: this.userId, tenantId: v.tenantId,
    });
    return v;
  }

  removeVariable(v: VariableEntity): void {
    // the blob stays: history rows still point at it
    this.uow.delete("variable", v);
    const hi = this.uow.get("hiVariableInstance", v.id);
    if (hi) hi.state = "DELETED";
  }

  /** Variables die with their scope (history keeps them). */
  removeLocalVariables(execution: ExecutionEntity): void {
    for (const v of this.localVariables(execution)) this.uow.delete("variable", v);
  }
}
