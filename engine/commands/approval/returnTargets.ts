// The earlier user tasks a task may be returned to (退回目标), for the portal's choice. Read-only: it
// loads the instance into a unit of work that is never flushed, so it neither writes nor conflicts.
import type { ReturnTarget } from "../../api";
import { CommandContext } from "../../runtime/context";
import { Flow } from "../../runtime/flow";
import type { EngineServices } from "../../runtime/services";
import { loadTask } from "../taskCommands";
import { holderIn, reachableFrom } from "./graphPaths";
import { completedUserTaskVisits, enclosingScopes } from "./sendBack";

export async function getReturnTargets(services: EngineServices, taskId: string): Promise<ReturnTarget[]> {
  const ctx = new CommandContext(services.db, services, null);
  const flow = new Flow(ctx);
  const task = await loadTask(ctx, flow, taskId);
  const token = ctx.execution(task.executionId);
  const graph = flow.graphOf(token);
  const targets = new Map<string, ReturnTarget>();
  for (const level of enclosingScopes(flow, token)) {
    const anchor = holderIn(graph, level.containerId, task.taskDefinitionKey);
    if (!anchor) continue;
    const visits = await completedUserTaskVisits(ctx, task.processInstanceId, level.scope.activityInstanceId ?? level.scope.id);
    for (const { activityId } of visits) {
      const el = graph.elements[activityId];
      if (!el || el.behavior !== "userTask" || activityId === task.taskDefinitionKey || targets.has(activityId)) continue;
      if (!reachableFrom(graph, activityId).has(anchor.id)) continue;
      targets.set(activityId, { activityId, name: el.name });
    }
  }
  return [...targets.values()];
}
