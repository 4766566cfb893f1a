// Task commands: claim, unclaim, assignee, delegate (委派), resolve, complete, task variables.
// Each records who did it in the user operation log.
import type { VariableInput } from "../api";
import { logOperation, type Command } from "../commandExecutor";
import { EngineError, notFound } from "../errors";
import type { TaskEntity } from "../persistence/tables";
import type { CommandContext } from "../runtime/context";
import type { Flow } from "../runtime/flow";
import { syncTaskHistory } from "../behaviors/UserTaskBehavior";

export async function loadTask(ctx: CommandContext, flow: Flow, taskId: string): Promise<TaskEntity> {
  const row = await ctx.tx.get<{ process_instance_id: string }>(`SELECT "process_instance_id" FROM "task" WHERE "id" = ?`, [taskId]);
  if (!row) throw notFound(`Cannot find task with id ${taskId}: task is null`);
  await flow.loadInstance(row.process_instance_id);
  const task = ctx.uow.get("task", taskId);
  if (!task) throw notFound(`Cannot find task with id ${taskId}: task is null`);
  return task;
}

function ensureActive(task: TaskEntity, action: string): void {
  if (task.suspended) throw new EngineError("Suspended", `ENGINE-03063 Cannot ${action} task '${task.id}': task is suspended`);
}

function log(ctx: CommandContext, task: TaskEntity, operationType: string, property: string | null, orgValue: unknown, newValue: unknown): void {
  logOperation(ctx, { operationType, entityType: "Task", property, orgValue, newValue, taskId: task.id, processInstanceId: task.processInstanceId, processDefinitionId: task.processDefinitionId, processDefinitionKey: task.processDefinitionKey, executionId: task.executionId });
}

async function changeAssignee(ctx: CommandContext, flow: Flow, task: TaskEntity, assignee: string | null): Promise<void> {
  task.assignee = assignee;
  task.lastUpdated = ctx.now();
  syncTaskHistory(flow, task);
  if (assignee) {
    const token = ctx.execution(task.executionId);
    await flow.invokeTaskListeners(token, flow.element(token, task.taskDefinitionKey), task, "assignment");
  }
}

export function claimCommand(taskId: string, userId: string): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "claim");
    if (task.assignee && task.assignee !== userId) throw new EngineError("BadRequest", `Task '${taskId}' is already claimed by someone else.`);
    const old = task.assignee;
    await changeAssignee(ctx, flow, task, userId);
    log(ctx, task, "Claim", "assignee", old, userId);
  };
}

export function unclaimCommand(taskId: string): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "unclaim");
    const old = task.assignee;
    await changeAssignee(ctx, flow, task, null);
    log(ctx, task, "Claim", "assignee", old, null);
  };
}

export function setAssigneeCommand(taskId: string, assignee: string | null): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "set the assignee of");
    const old = task.assignee;
    await changeAssignee(ctx, flow, task, assignee);
    log(ctx, task, "SetAssignee", "assignee", old, assignee);
  };
}

/** 委派 delegate: the assignee hands the task to someone who resolves it; it then returns to the owner. */
export function delegateCommand(taskId: string, delegateTo: string): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "delegate");
    if (!task.owner) task.owner = task.assignee ?? ctx.userId;
    task.delegationState = "PENDING";
    const old = task.assignee;
    await changeAssignee(ctx, flow, task, delegateTo);
    log(ctx, task, "Delegate", "delegation", old, delegateTo);
  };
}

export function resolveCommand(taskId: string, variables?: VariableInput): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "resolve");
    if (task.delegationState !== "PENDING") throw new EngineError("BadRequest", `Task '${taskId}' is not delegated: nothing to resolve`);
    ctx.setVariables(ctx.execution(task.executionId), variables);
    task.delegationState = "RESOLVED";
    await changeAssignee(ctx, flow, task, task.owner);
    log(ctx, task, "Resolve", "delegation", null, "RESOLVED");
  };
}

export function completeTaskCommand(taskId: string, variables?: VariableInput, localVariables?: VariableInput): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    ensureActive(task, "complete");
    if (task.delegationState === "PENDING") throw new EngineError("BadRequest", `Task '${taskId}' is delegated and must be resolved before it can be completed.`);
    const token = ctx.execution(task.executionId);
    const el = flow.element(token, task.taskDefinitionKey);
    ctx.setVariables(token, variables);
    if (localVariables) for (const [n, v] of Object.entries(localVariables)) ctx.setTaskVariableLocal(task.id, token, n, v);
    await flow.invokeTaskListeners(token, el, task, "complete");
    log(ctx, task, "Complete", null, null, null);
    flow.deleteTask(task, "completed");
    const hi = ctx.uow.get("hiTaskInstance", task.id);
    if (hi) hi.deleteReason = "completed";
    ctx.emit({ type: "taskCompleted", processInstanceId: task.processInstanceId, id: task.id });
    await flow.leave(token, el);
  };
}

export function setTaskVariablesCommand(taskId: string, variables: VariableInput, local: boolean): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    const token = ctx.execution(task.executionId);
    for (const [n, v] of Object.entries(variables)) {
      if (local) ctx.setTaskVariableLocal(task.id, token, n, v);
      else ctx.setVariable(token, n, v);
    }
    log(ctx, task, "SetVariable", null, null, Object.keys(variables).join(","));
  };
}

export function removeTaskVariableCommand(taskId: string, name: string, local: boolean): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    const token = ctx.execution(task.executionId);
    const v = local ? ctx.taskVariable(task.id, name) : ctx.taskVariable(task.id, name) ?? ctx.findVariable(token, name);
    if (!v) throw notFound(`task variable with name ${name} does not exist`);
    ctx.removeVariable(v);
    log(ctx, task, "RemoveVariable", null, name, null);
  };
}
