// 转办 transfer: the task changes hands for good (unlike 委派 delegate, where it comes back to the owner).
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import { syncTaskHistory } from "../../behaviors/UserTaskBehavior";
import { loadTask } from "../taskCommands";

export function transferTaskCommand(taskId: string, toUserId: string): Command<void> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    if (task.suspended) throw new EngineError("Suspended", `Cannot transfer task '${taskId}': the case is suspended`);
    const to = toUserId?.trim();
    if (!to) throw new EngineError("BadRequest", "transfer needs the user to hand the task to");
    if (task.delegationState === "PENDING") throw new EngineError("BadRequest", `Task '${taskId}' is delegated to ${task.assignee}: resolve the delegation before transferring it`);
    if (task.assignee === to) throw new EngineError("BadRequest", `Task '${taskId}' is already assigned to ${to}`);
    const previous = task.assignee;
    task.assignee = to;
    task.lastUpdated = ctx.now();
    syncTaskHistory(flow, task);
    const token = ctx.execution(task.executionId);
    await flow.invokeTaskListeners(token, flow.element(token, task.taskDefinitionKey), task, "assignment");
    logOperation(ctx, {
      operationType: "Transfer", entityType: "Task", property: "assignee", orgValue: previous, newValue: to, taskId: task.id,
      processInstanceId: task.processInstanceId, processDefinitionId: task.processDefinitionId, processDefinitionKey: task.processDefinitionKey,
      executionId: task.executionId,
    });
  };
}
