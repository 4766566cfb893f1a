// 用户任务 user task: creates the task with its assignee, candidates, due date and form; the token waits
// until the task is completed (engine/commands/completeTask).
import { addDuration, parseDuration } from "../calendar";
import { EngineError } from "../errors";
import { newId } from "../ids";
import { splitList } from "../parse/parser";
import type { CompiledExpression } from "../expressions";
import type { ExecutionEntity, TaskEntity } from "../persistence/tables";
import type { Flow } from "../runtime/flow";
import type { Behavior } from "./Behavior";

export const UserTaskBehavior: Behavior = {
  async execute(flow, token, el) {
    const ctx = flow.ctx;
    const cfg = el.userTask!;
    const text = (e?: CompiledExpression) => (e ? flow.evaluate(e, token) : undefined);
    const root = ctx.root(token);
    const list = (e?: CompiledExpression) => {
      const v = text(e);
      return Array.isArray(v) ? v.map(String) : splitList(v == null ? null : String(v));
    };
    const now = ctx.now();
    const priority = cfg.priority ? Number(text(cfg.priority)) : 50;
    const task: TaskEntity = ctx.uow.insert("task", {
      id: newId(), name: cfg.name ? String(text(cfg.name) ?? "") || null : el.name, description: cfg.documentation ?? null,
      taskDefinitionKey: el.id, processInstanceId: token.processInstanceId, executionId: token.id,
      processDefinitionId: token.processDefinitionId, processDefinitionKey: token.processDefinitionKey, businessKey: root.businessKey,
      activityInstanceId: token.activityInstanceId!, assignee: null, owner: null, delegationState: null,
      priority: Number.isFinite(priority) ? priority : 50, dueDate: dateOf(flow, token, text(cfg.dueDate), "dueDate", el.id),
      followUpDate: dateOf(flow, token, text(cfg.followUpDate), "followUpDate", el.id), createTime: now, lastUpdated: null,
      formKey: cfg.formKey ? String(text(cfg.formKey) ?? "") || null : null, tenantId: token.tenantId, suspended: token.suspended, parentTaskId: null, revision: 1,
    });
    const assignee = text(cfg.assignee);
    if (assignee != null && assignee !== "") task.assignee = String(assignee);
    for (const u of list(cfg.candidateUsers)) flow.createIdentityLink(task, u, null);
    for (const g of list(cfg.candidateGroups)) flow.createIdentityLink(task, null, g);
    ctx.uow.insert("hiTaskInstance", {
      id: task.id, taskDefinitionKey: el.id, processDefinitionId: task.processDefinitionId, processDefinitionKey: task.processDefinitionKey,
      processInstanceId: task.processInstanceId, executionId: token.id, activityInstanceId: task.activityInstanceId, name: task.name,
      description: task.description, owner: null, assignee: task.assignee, priority: task.priority, dueDate: task.dueDate,
      followUpDate: task.followUpDate, startTime: now, endTime: null, durationMs: null, deleteReason: null, tenantId: task.tenantId,
    });
    const hiAct = ctx.uow.get("hiActivityInstance", token.activityInstanceId!);
    if (hiAct) {
      hiAct.taskId = task.id;
      hiAct.assignee = task.assignee;
    }
    await flow.invokeTaskListeners(token, el, task, "create");
    if (task.assignee) await flow.invokeTaskListeners(token, el, task, "assignment");
    syncTaskHistory(flow, task);
    ctx.emit({ type: "taskCreated", processInstanceId: task.processInstanceId, id: task.id });
  },
};

/** Due and follow-up dates: a Date, an ISO date-time, or a duration from now (also working days: P20WD). */
function dateOf(flow: Flow, _token: ExecutionEntity, v: unknown, what: string, elementId: string): number | null {
  if (v == null || v === "") return null;
  if (v instanceof Date) return v.getTime();
  const s = String(v).trim();
  if (/^P/i.test(s)) {
    const now = new Date(flow.ctx.now());
    return addDuration(now, parseDuration(s), flow.ctx.services.calendar).getTime();
  }
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new EngineError("ProcessEngine", `${what} of '${elementId}' is neither a date nor a duration: '${s}'`);
  return d.getTime();
}

export function syncTaskHistory(flow: Flow, task: TaskEntity): void {
  const hi = flow.ctx.uow.get("hiTaskInstance", task.id);
  if (hi) Object.assign(hi, { assignee: task.assignee, owner: task.owner, name: task.name, priority: task.priority, dueDate: task.dueDate, followUpDate: task.followUpDate });
  const act = flow.ctx.uow.get("hiActivityInstance", task.activityInstanceId);
  if (act) act.assignee = task.assignee;
}
