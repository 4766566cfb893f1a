// 抄送 CC: a read-only copy of a task for other users (they are informed, they do not act). Recorded in
// the operation log and emitted as `taskCopied`; the server puts it in the recipients' inbox.
import type { TaskNotice } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import { loadTask } from "../taskCommands";
import { MAX_MESSAGE_LENGTH } from "./urgeTask";

const MAX_RECIPIENTS = 100;

export function ccTaskCommand(taskId: string, recipients: string[], message?: string | null): Command<TaskNotice> {
  return async (ctx, flow) => {
    const task = await loadTask(ctx, flow, taskId);
    if (!Array.isArray(recipients)) throw new EngineError("BadRequest", "recipients must be a list of user ids");
    const users = [...new Set(recipients.map((r) => String(r ?? "").trim()).filter((r) => r))];
    if (users.length === 0) throw new EngineError("BadRequest", "CC needs at least one recipient");
    if (users.length > MAX_RECIPIENTS) throw new EngineError("BadRequest", `CC to at most ${MAX_RECIPIENTS} recipients at once`);
    const text = message?.trim() || null;
    if (text && text.length > MAX_MESSAGE_LENGTH) throw new EngineError("BadRequest", `The CC message is longer than ${MAX_MESSAGE_LENGTH} characters`);
    const notice: TaskNotice = {
      taskId: task.id, taskName: task.name, processInstanceId: task.processInstanceId, tenantId: task.tenantId,
      recipients: users, candidateGroups: [], message: text,
    };
    logOperation(ctx, {
      operationType: "CC", entityType: "Task", property: "recipients", newValue: users.join(","), taskId: task.id,
      processInstanceId: task.processInstanceId, processDefinitionId: task.processDefinitionId, processDefinitionKey: task.processDefinitionKey,
      executionId: task.executionId, annotation: text,
    });
    ctx.emit({ type: "taskCopied", processInstanceId: task.processInstanceId, id: task.id, notice, userId: ctx.userId });
    return notice;
  };
}
