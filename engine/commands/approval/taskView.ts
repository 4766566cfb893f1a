// Task entities of the unit of work as the public Task shape (commands return the tasks they created).
import type { Task } from "../../api";
import type { TaskEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";

const date = (v: number | null) => (v === null ? null : new Date(v));

export function candidatesOf(ctx: CommandContext, taskId: string): { users: string[]; groups: string[] } {
  const links = ctx.uow.find("identityLink", (l) => l.taskId === taskId && l.type === "candidate");
  return { users: links.flatMap((l) => (l.userId ? [l.userId] : [])), groups: links.flatMap((l) => (l.groupId ? [l.groupId] : [])) };
}

export function toTasks(ctx: CommandContext, tasks: TaskEntity[]): Task[] {
  return tasks.map((t) => {
    const { users, groups } = candidatesOf(ctx, t.id);
    return {
      id: t.id, name: t.name, description: t.description, assignee: t.assignee, owner: t.owner, created: new Date(t.createTime),
      lastUpdated: date(t.lastUpdated), due: date(t.dueDate), followUp: date(t.followUpDate),
      delegationState: (t.delegationState as Task["delegationState"]) ?? null, priority: t.priority,
      processDefinitionId: t.processDefinitionId, processInstanceId: t.processInstanceId, executionId: t.executionId,
      taskDefinitionKey: t.taskDefinitionKey, formKey: t.formKey, tenantId: t.tenantId, suspended: t.suspended,
      parentTaskId: t.parentTaskId, candidateUsers: users, candidateGroups: groups,
    };
  });
}
