// Shared by 加签 and 减签: finding the running multi-instance (会签) body, its counters and signers.
import type { SignerTarget } from "../../api";
import { EngineError } from "../../errors";
import type { FlowElement } from "../../parse/graph";
import type { ExecutionEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";
import type { Flow } from "../../runtime/flow";
import { loadTask } from "../taskCommands";

export interface Countersign {
  body: ExecutionEntity;
  el: FlowElement;
  elementVariable: string;
  sequential: boolean;
  taskId: string | null;
}

/** The multi-instance body named by a task (its nearest one) or by an activity id of an instance. */
export async function findCountersign(ctx: CommandContext, flow: Flow, target: SignerTarget): Promise<Countersign> {
  let body: ExecutionEntity | undefined;
  let taskId: string | null = null;
  if ("taskId" in target) {
    const task = await loadTask(ctx, flow, target.taskId);
    taskId = task.id;
    for (let e: ExecutionEntity | undefined = ctx.execution(task.executionId); e && !body; e = ctx.parent(e)) if (e.data?.mi === "body") body = e;
    if (!body) throw new EngineError("BadRequest", `Task '${task.id}' (${task.taskDefinitionKey}) is not part of a multi-instance countersign (会签)`);
  } else {
    await flow.loadInstance(target.processInstanceId);
    const bodies = ctx.uow.find("execution", (e) => e.processInstanceId === target.processInstanceId && e.activityId === target.activityId && e.data?.mi === "body");
    if (bodies.length === 0) throw new EngineError("BadRequest", `No running multi-instance '${target.activityId}' in process instance ${target.processInstanceId}`);
    if (bodies.length > 1) throw new EngineError("BadRequest", `Multi-instance '${target.activityId}' runs ${bodies.length} times in process instance ${target.processInstanceId}: name it by one of its tasks`);
    body = bodies[0];
  }
  if (body.suspended) throw new EngineError("Suspended", `Cannot change the signers of '${body.activityId}': the case is suspended`);
  const el = flow.element(body, body.activityId!);
  const mi = el.multiInstance!;
  if (!mi.collection || !mi.elementVariable) {
    throw new EngineError("BadRequest", `Multi-instance '${el.id}' has no collection with an element variable (camunda:collection / camunda:elementVariable): signers cannot be added or removed`);
  }
  return { body, el, elementVariable: mi.elementVariable, sequential: mi.sequential, taskId };
}

export function counter(ctx: CommandContext, body: ExecutionEntity, name: "nrOfInstances" | "nrOfCompletedInstances" | "nrOfActiveInstances"): number {
  return Number(ctx.getVariable(body, name) ?? 0);
}

/** The active inner instances with the signer each one is for. */
export function activeSigners(ctx: CommandContext, cs: Countersign): { inner: ExecutionEntity; user: unknown; loopCounter: number }[] {
  return ctx.children(cs.body).filter((c) => c.data?.mi === "inner").map((inner) => ({
    inner, user: ctx.localVariables(inner).find((v) => v.name === cs.elementVariable) ? ctx.getVariable(inner, cs.elementVariable) : undefined,
    loopCounter: Number(ctx.getVariable(inner, "loopCounter")),
  }));
}

/** A new inner instance for `user` (what Flow does for each element of the collection). */
export async function startInner(ctx: CommandContext, flow: Flow, cs: Countersign, loopCounter: number, user: unknown): Promise<void> {
  const inner = flow.newChild(cs.body, !cs.sequential);
  inner.data = { mi: "inner" };
  inner.isScope = true;
  ctx.setVariableLocal(inner, "loopCounter", loopCounter);
  ctx.setVariableLocal(inner, cs.elementVariable, user);
  await flow.enter(inner, cs.el);
}

/** Has this user already signed (an inner instance for him completed)? Judged from variable history. */
export async function hasSigned(ctx: CommandContext, cs: Countersign, user: string): Promise<boolean> {
  const row = await ctx.tx.get(
    `SELECT v."id" FROM "hi_variable_instance" v WHERE v."process_instance_id" = ? AND v."name" = ? AND v."text_value" = ?
       AND EXISTS (SELECT 1 FROM "hi_task_instance" t WHERE t."execution_id" = v."execution_id" AND t."task_definition_key" = ? AND t."delete_reason" = 'completed')`,
    [cs.body.processInstanceId, cs.elementVariable, user, cs.el.id]);
  return !!row;
}
