// 撤回 withdraw: the assignee who completed a task takes the step back, as long as nothing that step
// started has been worked on: the next task(s) must be unclaimed and nothing after it completed. The
// tokens the completion created are cancelled and the task is created again, assigned to him.
import type { Task } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError, notFound } from "../../errors";
import type { ExecutionEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";
import type { Flow } from "../../runtime/flow";
import { reachableFrom } from "./graphPaths";
import { syncAssignees } from "./returnTask";
import { reenter, tokensAfterVisit, userTaskElement } from "./sendBack";
import { toTasks } from "./taskView";

/** Operations that mean someone has taken up a task (urging or copying it does not). */
const WORK_OPERATIONS = ["Claim", "SetAssignee", "Delegate", "Resolve", "Transfer", "Complete", "SetVariable", "RemoveVariable"];

interface HiTaskRow {
  id: string; name: string | null; task_definition_key: string; process_instance_id: string; activity_instance_id: string;
  assignee: string | null; end_time: number | null; delete_reason: string | null;
}

export function withdrawTaskCommand(completedTaskId: string, userId: string): Command<Task[]> {
  return async (ctx, flow) => {
    if (!userId) throw new EngineError("BadRequest", "withdraw needs the user who completed the task");
    const done = await ctx.tx.get<HiTaskRow>(`SELECT * FROM "hi_task_instance" WHERE "id" = ?`, [completedTaskId]);
    if (!done) throw notFound(`Cannot find task with id ${completedTaskId}`);
    const label = `'${done.name ?? done.task_definition_key}'`;
    if (done.end_time === null) throw new EngineError("BadRequest", `Task ${label} is still open: there is nothing to withdraw`);
    if (done.delete_reason !== "completed") throw new EngineError("BadRequest", `Task ${label} was not completed (${done.delete_reason}): only a completed step can be withdrawn`);
    // who completed it: its assignee, or (completed straight from the candidates' list) the op log's user
    const completer = done.assignee ?? (await ctx.tx.get<{ user_id: string | null }>(
      `SELECT "user_id" FROM "hi_operation_log" WHERE "task_id" = ? AND "operation_type" = 'Complete'`, [done.id]))?.user_id ?? null;
    if (completer !== userId) throw new EngineError("Forbidden", `Only ${completer ?? "the user who completed it"}, who completed task ${label}, may withdraw it`);
    const running = await ctx.tx.get(`SELECT "id" FROM "execution" WHERE "id" = ?`, [done.process_instance_id]);
    if (!running) throw new EngineError("BadRequest", `The case of task ${label} has ended: it cannot be withdrawn`);
    await flow.loadInstance(done.process_instance_id);
    const root = ctx.execution(done.process_instance_id);
    if (root.suspended) throw new EngineError("Suspended", `Cannot withdraw task ${label}: the case is suspended`);

    const act = await ctx.tx.get<{ parent_activity_instance_id: string; end_time: number }>(
      `SELECT "parent_activity_instance_id", "end_time" FROM "hi_activity_instance" WHERE "id" = ?`, [done.activity_instance_id]);
    if (!act) throw new EngineError("ProcessEngine", `history of task ${label} is missing`);
    const parentAct = await ctx.tx.get<{ activity_type: string }>(`SELECT "activity_type" FROM "hi_activity_instance" WHERE "id" = ?`, [act.parent_activity_instance_id]);
    if (parentAct?.activity_type === "multiInstanceBody") {
      throw new EngineError("BadRequest", `Task ${label} is one vote of a countersign (会签): a single vote cannot be withdrawn; ask for a return instead`);
    }
    const scope = act.parent_activity_instance_id === root.id ? root
      : ctx.uow.findOne("execution", (e) => e.processInstanceId === root.id && e.activityInstanceId === act.parent_activity_instance_id && e.isScope);
    if (!scope) throw new EngineError("BadRequest", `The case has left the part of the process where task ${label} was done: it cannot be withdrawn`);

    const target = userTaskElement(flow.graphOf(root), done.task_definition_key);
    const visit = { activityId: target.id, activityInstanceId: done.activity_instance_id, endTime: Number(done.end_time), isMultiInstance: false };
    await refuseWhenWorkedOn(ctx, flow, root, target.id, visit.endTime, label);
    const cancel = await tokensAfterVisit(ctx, flow, scope, target, visit);
    if (cancel.length === 0) throw new EngineError("BadRequest", `Task ${label} cannot be withdrawn: the case has already moved on past the steps it started`);
    await refuseWhenTaken(ctx, cancel, label);

    logOperation(ctx, {
      operationType: "Withdraw", entityType: "Task", property: "activityId", newValue: target.id, taskId: done.id,
      processInstanceId: root.id, processDefinitionId: root.processDefinitionId, processDefinitionKey: root.processDefinitionKey,
    });
    const created = await reenter(ctx, flow, scope, target, cancel, `withdrawn by ${userId}`);
    for (const t of created) {
      t.assignee = userId;
      ctx.setTaskVariableLocal(t.id, ctx.execution(t.executionId), "withdrawnFrom", done.id);
    }
    syncAssignees(ctx, created);
    return toTasks(ctx, created);
  };
}

/** A later step downstream of the task already completed: too late. */
async function refuseWhenWorkedOn(ctx: CommandContext, flow: Flow, root: ExecutionEntity, activityId: string, since: number, label: string): Promise<void> {
  const downstream = reachableFrom(flow.graphOf(root), activityId, true);
  const later = await ctx.tx.all<{ id: string; name: string | null; task_definition_key: string; assignee: string | null }>(
    `SELECT t."id", t."name", t."task_definition_key",
        COALESCE(t."assignee", (SELECT MAX(l."user_id") FROM "hi_operation_log" l WHERE l."task_id" = t."id" AND l."operation_type" = 'Complete')) AS "assignee"
       FROM "hi_task_instance" t
      WHERE t."process_instance_id" = ? AND t."start_time" >= ? AND t."end_time" IS NOT NULL AND t."delete_reason" = 'completed' ORDER BY t."end_time"`,
    [root.id, since]);
  const next = later.find((t) => downstream.has(t.task_definition_key));
  if (next) {
    throw new EngineError("BadRequest", `Task ${label} cannot be withdrawn: the next task '${next.name ?? next.task_definition_key}' has already been completed${next.assignee ? ` by ${next.assignee}` : ""}`);
  }
}

/** The next task was claimed, reassigned or otherwise taken up, or an automatic step is running: too late. */
async function refuseWhenTaken(ctx: CommandContext, tokens: ExecutionEntity[], label: string): Promise<void> {
  const ids = new Set<string>();
  const collect = (e: ExecutionEntity) => {
    ids.add(e.id);
    for (const c of ctx.children(e)) collect(c);
  };
  tokens.forEach(collect);
  for (const task of ctx.uow.find("task", (t) => ids.has(t.executionId))) {
    const taken = await ctx.tx.get<{ operation_type: string; user_id: string | null }>(
      `SELECT "operation_type", "user_id" FROM "hi_operation_log" WHERE "task_id" = ? AND "operation_type" IN (${WORK_OPERATIONS.map(() => "?").join(", ")})
        ORDER BY "timestamp" DESC`, [task.id, ...WORK_OPERATIONS]);
    if (taken) {
      const who = task.assignee ?? taken.user_id;
      throw new EngineError("BadRequest", `Task ${label} cannot be withdrawn: the next task '${task.name ?? task.taskDefinitionKey}' has already been ${taken.operation_type === "Claim" ? "claimed" : "taken up"}${who ? ` by ${who}` : ""}`);
    }
  }
  const running = ctx.uow.find("externalTask", (x) => ids.has(x.executionId) && x.workerId !== null && (x.lockExpiration ?? 0) > ctx.now());
  if (running.length) throw new EngineError("BadRequest", `Task ${label} cannot be withdrawn: the automatic step '${running[0].activityId}' is already running`);
}
