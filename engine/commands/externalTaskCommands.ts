// The Camunda 7 external-task protocol: complete, failure (retries, incident), BPMN error, lock handling.
// fetchAndLock lives in engine/persistence/externalTasks.ts (a single locking query, no instance load).
import type { VariableInput } from "../api";
import { continueAfterImplementation } from "../behaviors/implementation";
import { logOperation, type Command } from "../commandExecutor";
import { EngineError, notFound } from "../errors";
import { newId } from "../ids";
import type { ExternalTaskEntity } from "../persistence/tables";
import type { CommandContext } from "../runtime/context";
import type { Flow } from "../runtime/flow";

async function loadExternalTask(ctx: CommandContext, flow: Flow, id: string): Promise<ExternalTaskEntity> {
  const row = await ctx.tx.get<{ process_instance_id: string }>(`SELECT "process_instance_id" FROM "external_task" WHERE "id" = ?`, [id]);
  if (!row) throw notFound(`External task with id ${id} does not exist`);
  await flow.loadInstance(row.process_instance_id);
  const task = ctx.uow.get("externalTask", id);
  if (!task) throw notFound(`External task with id ${id} does not exist`);
  return task;
}

/** Camunda refuses a worker that does not hold the lock (or whose lock expired and was taken). */
function ensureLockedBy(ctx: CommandContext, task: ExternalTaskEntity, workerId: string, action: string): void {
  if (task.suspended) throw new EngineError("Suspended", `ExternalTask with id '${task.id}' is suspended`);
  if (task.workerId !== workerId)
    throw new EngineError("BadRequest", `External Task ${task.id} cannot be ${action} by worker '${workerId}'. It is locked by worker '${task.workerId}'.`);
  void ctx;
}

export function completeExternalTaskCommand(id: string, workerId: string, variables?: VariableInput, localVariables?: VariableInput): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    ensureLockedBy(ctx, task, workerId, "completed");
    const token = ctx.execution(task.executionId);
    ctx.setVariables(token, variables);
    ctx.setVariables(token, localVariables, true);
    ctx.uow.delete("externalTask", task);
    await continueAfterImplementation(flow, token, flow.element(token, task.activityId));
  };
}

function raiseIncident(ctx: CommandContext, task: ExternalTaskEntity, message: string | null): void {
  const id = newId();
  ctx.uow.insert("incident", {
    id, incidentType: "failedExternalTask", incidentMessage: message, processDefinitionId: task.processDefinitionId,
    processInstanceId: task.processInstanceId, executionId: task.executionId, activityId: task.activityId, failedActivityId: task.activityId,
    causeIncidentId: id, rootCauseIncidentId: id, configuration: task.id, tenantId: task.tenantId, annotation: null, incidentTimestamp: ctx.now(),
  });
  ctx.emit({ type: "incidentCreated", processInstanceId: task.processInstanceId, id });
}

export function handleFailureCommand(id: string, workerId: string, o: { errorMessage?: string | null; errorDetails?: string | null; retries: number; retryTimeout?: number; variables?: VariableInput; localVariables?: VariableInput }): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    ensureLockedBy(ctx, task, workerId, "failed");
    if (!Number.isInteger(o.retries) || o.retries < 0) throw new EngineError("BadRequest", `retries must be a non-negative integer, got ${o.retries}`);
    const token = ctx.execution(task.executionId);
    ctx.setVariables(token, o.variables);
    ctx.setVariables(token, o.localVariables, true);
    task.errorMessage = o.errorMessage?.slice(0, 4000) ?? null;
    task.errorDetails = o.errorDetails ?? null;
    task.retries = o.retries;
    // the task stays with this worker until the retry timeout passes, then any worker may fetch it
    task.lockExpiration = ctx.now() + Math.max(0, o.retryTimeout ?? 0);
    if (o.retries === 0) raiseIncident(ctx, task, task.errorMessage);
  };
}

export function handleBpmnErrorCommand(id: string, workerId: string, o: { errorCode: string; errorMessage?: string | null; variables?: VariableInput }): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    ensureLockedBy(ctx, task, workerId, "reported with a BPMN error");
    if (!o.errorCode) throw new EngineError("BadRequest", "errorCode is required");
    const token = ctx.execution(task.executionId);
    ctx.setVariables(token, o.variables);
    const caught = await flow.propagateError(token, o.errorCode, o.errorMessage ?? undefined);
    if (!caught) {
      // nothing catches it: the case must not silently go on or vanish — an incident shows it to supervisors
      task.retries = 0;
      task.workerId = null;
      task.lockExpiration = null;
      task.errorMessage = `Unhandled BPMN error '${o.errorCode}'${o.errorMessage ? `: ${o.errorMessage}` : ""}`;
      raiseIncident(ctx, task, task.errorMessage);
    }
  };
}

export function extendLockCommand(id: string, workerId: string, newDuration: number): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    if (!Number.isFinite(newDuration) || newDuration <= 0) throw new EngineError("BadRequest", "newDuration must be a positive number of milliseconds");
    if (!task.workerId || task.lockExpiration === null || task.lockExpiration < ctx.now())
      throw new EngineError("BadRequest", `Cannot extend a lock that expired or was never acquired (external task ${id})`);
    ensureLockedBy(ctx, task, workerId, "extended");
    task.lockExpiration = ctx.now() + newDuration;
  };
}

export function lockExternalTaskCommand(id: string, workerId: string, lockDuration: number): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    if (task.workerId && task.lockExpiration !== null && task.lockExpiration > ctx.now() && task.workerId !== workerId)
      throw new EngineError("BadRequest", `External task ${id} is already locked by worker '${task.workerId}'`);
    task.workerId = workerId;
    task.lockExpiration = ctx.now() + lockDuration;
  };
}

export function unlockExternalTaskCommand(id: string): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    task.workerId = null;
    task.lockExpiration = null;
  };
}

export function setExternalTaskRetriesCommand(id: string, retries: number): Command<void> {
  return async (ctx, flow) => {
    const task = await loadExternalTask(ctx, flow, id);
    if (!Number.isInteger(retries) || retries < 0) throw new EngineError("BadRequest", "The number of retries cannot be negative");
    task.retries = retries;
    if (retries > 0) for (const inc of ctx.uow.find("incident", (i) => i.configuration === id)) ctx.uow.delete("incident", inc);
    logOperation(ctx, { operationType: "SetExternalTaskRetries", entityType: "ExternalTask", property: "retries", newValue: retries, processInstanceId: task.processInstanceId });
  };
}
