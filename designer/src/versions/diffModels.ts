// Semantic diff of two BPMN documents with bpmn-js-differ (Node-safe: no DOM needed).
import BpmnModdle from "bpmn-moddle";
import camundaModdle from "camunda-bpmn-moddle/resources/camunda.json";
import { diff } from "bpmn-js-differ";

export interface DiffSummary {
  added: string[];
  removed: string[];
  changed: Array<{ id: string; attrs: Record<string, { oldValue: unknown; newValue: unknown }> }>;
  layoutChanged: string[];
}

export async function diffXml(oldXml: string, newXml: string): Promise<DiffSummary> {
  const moddle = new BpmnModdle({ camunda: camundaModdle });
  const [{ rootElement: oldDefinitions }, { rootElement: newDefinitions }] = await Promise.all([moddle.fromXML(oldXml), moddle.fromXML(newXml)]);
  const changes = diff(oldDefinitions, newDefinitions);
  return {
    added: Object.keys(changes._added),
    removed: Object.keys(changes._removed),
    // bpmn-js-differ 3.2 reports each changed attribute with oldValue / newValue swapped (its
    // ChangeHandler receives them in the opposite order); put them back so "old" means the older model.
    changed: Object.entries(changes._changed).map(([id, change]) => ({
      id,
      attrs: Object.fromEntries(Object.entries(change.attrs ?? {}).map(([name, value]: [string, any]) => [name, { oldValue: value.newValue, newValue: value.oldValue }])),
    })),
    layoutChanged: Object.keys(changes._layoutChanged),
  };
}

