// Process-instance commands: delete, suspend/resume (挂起/激活), variables.
import type { VariableInput } from "../api";
import { logOperation, type Command } from "../commandExecutor";
import { notFound } from "../errors";
import type { ExecutionEntity } from "../persistence/tables";
import type { CommandContext } from "../runtime/context";
import type { Flow } from "../runtime/flow";
import { freezeTimers, thawTimers } from "./approval";

function log(ctx: CommandContext, root: ExecutionEntity, operationType: string, property: string | null, newValue: unknown): void {
  logOperation(ctx, { operationType, entityType: "ProcessInstance", property, newValue, processInstanceId: root.id, processDefinitionId: root.processDefinitionId, processDefinitionKey: root.processDefinitionKey });
}

export function deleteProcessInstanceCommand(id: string, reason?: string): Command<void> {
  return async (ctx, flow) => {
    const root = await flow.loadInstance(id);
    await flow.endProcessInstance(root, "EXTERNALLY_TERMINATED", reason ?? "deleted");
    log(ctx, root, "Delete", null, reason ?? null);
  };
}

/** Suspends or resumes an instance and the instances it called: tasks, jobs and external tasks follow. */
export function suspendProcessInstanceCommand(id: string, suspended: boolean): Command<void> {
  return async (ctx, flow) => {
    const root = await flow.loadInstance(id);
    const ids = new Set(ctx.uow.find("execution", () => true).map((e) => e.processInstanceId));
    for (const e of ctx.uow.find("execution", (e) => ids.has(e.processInstanceId))) e.suspended = suspended;
    for (const t of ctx.uow.find("task", (t) => ids.has(t.processInstanceId))) t.suspended = suspended;
    const jobs = ctx.uow.find("job", (j) => ids.has(j.processInstanceId ?? ""));
    // timers keep their remaining time across the suspension (see approval/timerSuspension)
    if (suspended) freezeTimers(ctx, jobs);
    else thawTimers(ctx, jobs);
    for (const j of jobs) j.suspended = suspended;
    for (const x of ctx.uow.find("externalTask", (x) => ids.has(x.processInstanceId))) x.suspended = suspended;
    const hi = ctx.uow.get("hiProcessInstance", id);
    if (hi) hi.state = suspended ? "SUSPENDED" : "ACTIVE";
    log(ctx, root, suspended ? "Suspend" : "Activate", "suspensionState", suspended ? "suspended" : "active");
  };
}

async function loadExecutionOf(ctx: CommandContext, flow: Flow, executionId: string): Promise<ExecutionEntity> {
  const e = await flow.loadExecution(executionId);
  if (!e) throw notFound(`execution ${executionId} doesn't exist`);
  return e;
}

export function setVariablesCommand(executionId: string, variables: VariableInput, local: boolean): Command<void> {
  return async (ctx, flow) => {
    const e = await loadExecutionOf(ctx, flow, executionId);
    ctx.setVariables(e, variables, local);
    log(ctx, ctx.root(e), "SetVariable", null, Object.keys(variables).join(","));
  };
}

export function removeVariableCommand(executionId: string, name: string, local: boolean): Command<void> {
  return async (ctx, flow) => {
    const e = await loadExecutionOf(ctx, flow, executionId);
    const v = local ? ctx.localVariables(e).find((x) => x.name === name) : ctx.findVariable(e, name);
    if (v) ctx.removeVariable(v);
    log(ctx, ctx.root(e), "RemoveVariable", null, name);
  };
}
