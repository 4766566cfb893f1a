// 催办 urge: a reminder to whoever holds the task (its assignee, else its candidate users and groups).
// Recorded in the operation log and emitted as `taskUrged`; the server turns it into notifications.
import type { TaskNotice } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import { loadTask } from "../taskCommands";
import { candidatesOf } from "./taskView";

export const MAX_MESSAGE_LENGTH = 2000;

export function urgeTaskCommand(taskId: string, message?: string | null): Command<TaskNotice> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    const text = message?.trim() || null;
    if (text && text.length > MAX_MESSAGE_LENGTH) throw new EngineError("BadRequest", `The urge message is longer than ${MAX_MESSAGE_LENGTH} characters`);
    const { users, groups } = candidatesOf(ctx, task.id);
    const notice: TaskNotice = {
      taskId: task.id, taskName: task.name, processInstanceId: task.processInstanceId, tenantId: task.tenantId,
      recipients: task.assignee ? [task.assignee] : users, candidateGroups: task.assignee ? [] : groups, message: text,
    };
    if (notice.recipients.length === 0 && notice.candidateGroups.length === 0) {
      throw new EngineError("BadRequest", `Task '${taskId}' has no assignee and no candidates: there is nobody to urge`);
    }
    logOperation(ctx, {
      operationType: "Urge", entityType: "Task", property: "recipients", newValue: [...notice.recipients, ...notice.candidateGroups].join(","),
      taskId: task.id, processInstanceId: task.processInstanceId, processDefinitionId: task.processDefinitionId,
      processDefinitionKey: task.processDefinitionKey, executionId: task.executionId, annotation: text,
    });
    ctx.emit({ type: "taskUrged", processInstanceId: task.processInstanceId, id: task.id, notice, userId: ctx.userId });
    return notice;
  };
}
