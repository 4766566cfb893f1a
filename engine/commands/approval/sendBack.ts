// The token surgery behind 退回 (return) and 撤回 (withdraw): within one scope execution, cancel every
// token that stems from the earlier visit of a user task, then enter that user task again.
//
// Which tokens stem from the visit of target B (ended at time T)? A child token of the scope is
// bypassed when the activity it sits at (for a token waiting at a join: the activity it came from) is
// B itself or reachable from B, and that activity instance started at or after T. The time condition
// keeps branches that were forked before B ran, even when a loop makes them reachable from B.
import { EngineError } from "../../errors";
import type { FlowElement, ProcessGraph } from "../../parse/graph";
import type { ExecutionEntity, HiActivityInstanceEntity, TaskEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";
import type { Flow } from "../../runtime/flow";
import { containerOf, reachableFrom } from "./graphPaths";

/** The last completed visit of a user task (or its multi-instance body) within one scope visit. */
export interface CompletedVisit {
  activityId: string;
  /** the history row's id (= activity instance id) */
  activityInstanceId: string;
  endTime: number;
  isMultiInstance: boolean;
}

interface HiRow { id: string; activity_id: string; activity_type: string; start_time: number; end_time: number | null; execution_id: string; task_id: string | null; assignee: string | null }

/** The last completed (not canceled) visit of `activityId` directly inside the scope visit `scopeActivityInstanceId`. */
export async function lastCompletedVisit(ctx: CommandContext, processInstanceId: string, scopeActivityInstanceId: string, activityId: string): Promise<CompletedVisit | null> {
  const row = await ctx.tx.get<HiRow>(
    `SELECT "id", "activity_id", "activity_type", "start_time", "end_time" FROM "hi_activity_instance"
      WHERE "process_instance_id" = ? AND "parent_activity_instance_id" = ? AND "activity_id" IN (?, ?) AND "end_time" IS NOT NULL AND "canceled" = 0
      ORDER BY "end_time" DESC, "sequence_counter" DESC`,
    [processInstanceId, scopeActivityInstanceId, activityId, `${activityId}#multiInstanceBody`]);
  if (!row) return null;
  return { activityId, activityInstanceId: row.id, endTime: Number(row.end_time), isMultiInstance: row.activity_type === "multiInstanceBody" };
}

/** Completed user-task visits directly inside a scope visit, oldest first (for the return-target list). */
export async function completedUserTaskVisits(ctx: CommandContext, processInstanceId: string, scopeActivityInstanceId: string): Promise<{ activityId: string; startTime: number }[]> {
  const rows = await ctx.tx.all<HiRow>(
    `SELECT "activity_id", "start_time" FROM "hi_activity_instance"
      WHERE "process_instance_id" = ? AND "parent_activity_instance_id" = ? AND "activity_type" IN ('userTask', 'multiInstanceBody')
        AND "end_time" IS NOT NULL AND "canceled" = 0 ORDER BY "start_time", "sequence_counter"`,
    [processInstanceId, scopeActivityInstanceId]);
  return rows.map((r) => ({ activityId: r.activity_id.replace(/#multiInstanceBody$/, ""), startTime: Number(r.start_time) }));
}

/** The scope executions enclosing `token`, innermost first, each with the container its children run in. */
export function enclosingScopes(flow: Flow, token: ExecutionEntity): { scope: ExecutionEntity; containerId: string; child: ExecutionEntity }[] {
  const graph = flow.graphOf(token);
  const out: { scope: ExecutionEntity; containerId: string; child: ExecutionEntity }[] = [];
  let child = token;
  for (let p = flow.ctx.parent(token); p; child = p, p = flow.ctx.parent(p)) {
    const containerId = containerOf(graph, p);
    if (containerId) out.push({ scope: p, containerId, child });
  }
  return out;
}

/** The user task element `targetId`, or a clear error. */
export function userTaskElement(graph: ProcessGraph, targetId: string): FlowElement {
  const target = graph.elements[targetId];
  if (!target) throw new EngineError("BadRequest", `The process '${graph.id}' has no activity '${targetId}'`);
  if (target.behavior !== "userTask") throw new EngineError("BadRequest", `'${targetId}' is a ${target.activityType}, not a user task: a case can only be sent back to a user task`);
  return target;
}

/** Child tokens of `scope` that stem from the visit of `target` (see the file comment). */
export async function tokensAfterVisit(ctx: CommandContext, flow: Flow, scope: ExecutionEntity, target: FlowElement, visit: CompletedVisit): Promise<ExecutionEntity[]> {
  const graph = flow.graphOf(scope);
  const downstream = reachableFrom(graph, target.id);
  const out: ExecutionEntity[] = [];
  for (const child of ctx.children(scope)) {
    if (!child.activityId) continue;
    let position: HiActivityInstanceEntity | { id: string; activityId: string; startTime: number } | undefined;
    if (child.data?.joining) {
      // a token waiting at a join: judge it by the activity it arrived from
      const row = await ctx.tx.get<HiRow>(
        `SELECT "id", "activity_id", "start_time" FROM "hi_activity_instance" WHERE "execution_id" = ? AND "end_time" IS NOT NULL
          ORDER BY "end_time" DESC, "sequence_counter" DESC`, [child.id]);
      if (row && row.id === visit.activityInstanceId) {
        out.push(child);
        continue;
      }
      position = row ? { id: row.id, activityId: row.activity_id.replace(/#multiInstanceBody$/, ""), startTime: Number(row.start_time) } : undefined;
    } else if (child.activityInstanceId) {
      position = ctx.uow.get("hiActivityInstance", child.activityInstanceId);
    }
    if (!position) continue;
    const activityId = position.activityId.replace(/#multiInstanceBody$/, "");
    if ((activityId === target.id || downstream.has(activityId)) && position.startTime >= visit.endTime) out.push(child);
  }
  return out;
}

/**
 * Cancels `cancel` (tokens of `scope`) and enters `target` with a new token of `scope`; runs the
 * process until it waits again and returns the tasks that were created.
 */
export async function reenter(ctx: CommandContext, flow: Flow, scope: ExecutionEntity, target: FlowElement, cancel: ExecutionEntity[], reason: string): Promise<TaskEntity[]> {
  const before = new Set(ctx.uow.find("task", (t) => t.processInstanceId === scope.processInstanceId).map((t) => t.id));
  for (const token of cancel) flow.cancelExecution(token, reason);
  const token = flow.newChild(scope, ctx.children(scope).length > 0);
  await flow.enter(token, target);
  await ctx.runAgenda();
  return ctx.uow.find("task", (t) => t.processInstanceId === scope.processInstanceId && !before.has(t.id));
}
