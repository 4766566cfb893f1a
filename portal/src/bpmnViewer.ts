// bpmn-js NavigatedViewer (loaded on demand) showing a case on its deployed diagram: the path taken in green,
// where tokens wait now in orange (red when the task there is overdue), with a count of open tasks.
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";

export interface DiagramState {
  visited: { activityId: string; finished: boolean }[];
  active: string[];
  overdue: string[];
}

export async function showCaseDiagram(container: HTMLElement, xml: string, state: DiagramState): Promise<{ destroy(): void; viewer: any }> {
  const viewer: any = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get("canvas");
  const registry = viewer.get("elementRegistry");
  const overlays = viewer.get("overlays");
  const visited = new Set(state.visited.map((v) => v.activityId));
  const finished = new Set(state.visited.filter((v) => v.finished).map((v) => v.activityId));
  for (const id of finished) if (registry.get(id)) canvas.addMarker(id, "highlight-done");
  // a sequence flow was taken when its source finished and its target was reached
  for (const element of registry.getAll()) {
    const bo = element.businessObject;
    if (bo?.$type === "bpmn:SequenceFlow" && finished.has(bo.sourceRef?.id) && visited.has(bo.targetRef?.id)) canvas.addMarker(element.id, "highlight-done");
  }
  const counts = new Map<string, number>();
  for (const id of state.active) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const [id, n] of counts) {
    if (!registry.get(id)) continue;
    canvas.removeMarker(id, "highlight-done");
    canvas.addMarker(id, state.overdue.includes(id) ? "highlight-overdue" : "highlight-current");
    overlays.add(id, "token", { position: { top: -10, right: 10 }, html: `<span class="token-count" data-testid="token-${id}">${n}</span>` });
  }
  canvas.zoom("fit-viewport", "auto");
  return { viewer, destroy: () => viewer.destroy() };
}
