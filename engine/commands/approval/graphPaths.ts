// Graph questions the approval idioms ask: what lies downstream of an element, which element of a
// container holds a nested one, and in which container an execution's children run.
import type { FlowElement, ProcessGraph } from "../../parse/graph";
import type { ExecutionEntity } from "../../persistence/tables";

/**
 * Elements reachable from `fromId` along sequence flows (also leaving through boundary events of the
 * activities passed). With `intoSubprocesses`, the content of every subprocess reached counts too.
 * `fromId` itself is included only when a loop leads back to it.
 */
export function reachableFrom(graph: ProcessGraph, fromId: string, intoSubprocesses = false): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    queue.push(id);
  };
  const successors = (el: FlowElement): string[] => {
    const out = el.outgoing.map((f) => graph.flows[f].targetRef);
    for (const b of el.boundaryEvents) out.push(b);
    if (intoSubprocesses && el.container) out.push(...el.container.children);
    return out;
  };
  for (const id of successors(graph.elements[fromId])) visit(id);
  while (queue.length) {
    const el = graph.elements[queue.shift()!];
    if (el) for (const id of successors(el)) visit(id);
  }
  return seen;
}

/** The element of container `containerId` that holds `elementId` (itself when it lies directly inside), or null. */
export function holderIn(graph: ProcessGraph, containerId: string, elementId: string): FlowElement | null {
  let el: FlowElement | undefined = graph.elements[elementId];
  while (el) {
    if (el.parentId === containerId) return el;
    el = graph.elements[el.parentId];
  }
  return null;
}

/**
 * The container (process or subprocess id) whose elements this execution's children run in, or null
 * when its children are not inside a container (a multi-instance body's children are instances of the
 * activity itself).
 */
export function containerOf(graph: ProcessGraph, execution: ExecutionEntity): string | null {
  if (execution.parentId === null) return graph.id;
  if (execution.data?.mi === "body") return null;
  return execution.activityId;
}
