// 退回 return: send a case from the current user task back to an earlier user task it passed through.
// The target must be a user task this instance completed earlier in the same scope visit or an
// enclosing one, and lead to the current task. Everything that stems from the target's visit is
// cancelled: the current task, the other branches of a fork after the target, a multi-instance body
// (all its signers). Entering the target again recreates a multi-instance target completely.
import type { Task } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import type { ExecutionEntity, TaskEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";
import type { Flow } from "../../runtime/flow";
import { loadTask } from "../taskCommands";
import { holderIn, reachableFrom } from "./graphPaths";
import { enclosingScopes, lastCompletedVisit, reenter, tokensAfterVisit, userTaskElement, type CompletedVisit } from "./sendBack";
import { toTasks } from "./taskView";

export interface ReturnOptions {
  targetActivityId: string;
  opinion?: string | null;
}

/** Where a return from `task` to `targetId` lands: the scope, the target's last visit, and the child holding the task. */
export async function resolveReturn(ctx: CommandContext, flow: Flow, task: TaskEntity, targetId: string): Promise<{ scope: ExecutionEntity; visit: CompletedVisit; holder: ExecutionEntity }> {
  const token = ctx.execution(task.executionId);
  const graph = flow.graphOf(token);
  const target = userTaskElement(graph, targetId);
  if (targetId === task.taskDefinitionKey) throw new EngineError("BadRequest", `Task '${task.id}' cannot be returned to its own activity '${targetId}'`);
  const level = enclosingScopes(flow, token).find((s) => s.containerId === target.parentId);
  if (!level) throw new EngineError("BadRequest", `'${targetId}' is not in the scope of task '${task.id}' (${task.taskDefinitionKey}) or an enclosing one`);
  const anchor = holderIn(graph, target.parentId, task.taskDefinitionKey);
  if (!anchor || !reachableFrom(graph, targetId).has(anchor.id)) {
    throw new EngineError("BadRequest", `'${targetId}' does not lead to '${task.taskDefinitionKey}': a case can only be returned to a step before the current one`);
  }
  const visit = await lastCompletedVisit(ctx, task.processInstanceId, level.scope.activityInstanceId ?? level.scope.id, targetId);
  if (!visit) throw new EngineError("BadRequest", `'${targetId}' has not been completed in this case yet: nothing to return to`);
  return { scope: level.scope, visit, holder: level.child };
}

export function returnTaskCommand(taskId: string, options: ReturnOptions): Command<Task[]> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    if (task.suspended) throw new EngineError("Suspended", `Cannot return task '${taskId}': the case is suspended`);
    if (!options.targetActivityId) throw new EngineError("BadRequest", "targetActivityId is required");
    const { scope, visit, holder } = await resolveReturn(ctx, flow, task, options.targetActivityId);
    const target = flow.element(scope, options.targetActivityId);
    const previousAssignee = visit.isMultiInstance ? null : await lastAssignee(ctx, visit.activityInstanceId);

    const cancel = await tokensAfterVisit(ctx, flow, scope, target, visit);
    if (!cancel.includes(holder)) cancel.push(holder);
    const opinion = options.opinion?.trim() || null;
    logOperation(ctx, {
      operationType: "Return", entityType: "Task", property: "activityId", orgValue: task.taskDefinitionKey, newValue: target.id,
      taskId: task.id, processInstanceId: task.processInstanceId, processDefinitionId: task.processDefinitionId,
      processDefinitionKey: task.processDefinitionKey, executionId: task.executionId, annotation: opinion,
    });
    const created = await reenter(ctx, flow, scope, target, cancel, `returned to ${target.id}`);
    for (const t of created) {
      // the returned step goes back to whoever did it (a countersign's signers come from its collection)
      if (!t.assignee && previousAssignee && t.taskDefinitionKey === target.id) t.assignee = previousAssignee;
      const token = ctx.execution(t.executionId);
      ctx.setTaskVariableLocal(t.id, token, "returnedFrom", task.taskDefinitionKey);
      if (opinion) ctx.setTaskVariableLocal(t.id, token, "returnOpinion", opinion);
    }
    syncAssignees(ctx, created);
    return toTasks(ctx, created);
  };
}

async function lastAssignee(ctx: CommandContext, activityInstanceId: string): Promise<string | null> {
  // its assignee, or whoever completed it straight from the candidates' list
  const row = await ctx.tx.get<{ assignee: string | null }>(
    `SELECT COALESCE(t."assignee", (SELECT MAX(l."user_id") FROM "hi_operation_log" l WHERE l."task_id" = t."id" AND l."operation_type" = 'Complete')) AS "assignee"
       FROM "hi_task_instance" t WHERE t."activity_instance_id" = ?`, [activityInstanceId]);
  return row?.assignee ?? null;
}

/** Keeps task history in step with assignees set after creation. */
export function syncAssignees(ctx: CommandContext, tasks: TaskEntity[]): void {
  for (const t of tasks) {
    const hi = ctx.uow.get("hiTaskInstance", t.id);
    if (hi) hi.assignee = t.assignee;
    const act = ctx.uow.get("hiActivityInstance", t.activityInstanceId);
    if (act) act.assignee = t.assignee;
  }
}
