// Visual diff of two deployed versions: bpmn-js-differ compares the semantic models; two read-only
// viewers show the old and the new diagram with markers (removed = red on the old one, added = green on
// the new one, changed = orange on both, layout-only = blue dashed), and a list names every change.
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import camundaModdle from "camunda-bpmn-moddle/resources/camunda.json";
import { diffXml } from "./diffModels";
import { api, type ProcessDefinition } from "../api";
import { t } from "../i18n/messages";
import { translateModule } from "../i18n/translate";
import { alertBox, el } from "../ui/dom";

async function viewer(container: HTMLElement, xml: string, title: string): Promise<any> {
  container.append(el("div", { class: "diff-viewer-title" }, title));
  const instance = new NavigatedViewer({ container, additionalModules: [translateModule], moddleExtensions: { camunda: camundaModdle } } as any);
  await instance.importXML(xml);
  (instance.get("canvas") as any).zoom("fit-viewport");
  return instance;
}

function mark(instance: any, ids: string[], marker: string): void {
  const registry = instance.get("elementRegistry");
  const canvas = instance.get("canvas");
  for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
}

export async function showDiff(area: HTMLElement, older: ProcessDefinition, newer: ProcessDefinition): Promise<void> {
  area.replaceChildren(el("div", { class: "text-secondary" }, t("loading")));
  try {
    const [{ bpmn20Xml: oldXml }, { bpmn20Xml: newXml }] = await Promise.all([api.getProcessXml(older.id), api.getProcessXml(newer.id)]);
    const summary = await diffXml(oldXml, newXml);
    const oldBox = el("div", { class: "diff-viewer", "data-testid": "diff-old" });
    const newBox = el("div", { class: "diff-viewer", "data-testid": "diff-new" });
    const swatch = (color: string, label: string) => el("span", { class: "me-3 small" }, el("span", { class: "legend-swatch", style: `border-color:${color}` }), label);
    const list = el("ul", { class: "small mt-2", "data-testid": "diff-list" });
    const item = (kind: string, id: string, detail = "") => list.append(el("li", { "data-change": kind, "data-element-id": id }, `${kind}: ${id}${detail}`));
    for (const id of summary.added) item(t("added"), id);
    for (const id of summary.removed) item(t("removed"), id);
    for (const change of summary.changed) {
      const detail = Object.entries(change.attrs).map(([name, value]) => `${name}: ${JSON.stringify(value.oldValue)} → ${JSON.stringify(value.newValue)}`).join("; ");
      item(t("changed"), change.id, detail ? ` (${detail})` : "");
    }
    for (const id of summary.layoutChanged) item(t("layoutChanged"), id);
    const total = summary.added.length + summary.removed.length + summary.changed.length + summary.layoutChanged.length;
    area.replaceChildren(
      el("h6", {}, t("diffTitle", { a: older.version, b: newer.version })),
      el("div", { class: "mb-2" }, swatch("#198754", t("added")), swatch("#dc3545", t("removed")), swatch("#fd7e14", t("changed")), swatch("#0d6efd", t("layoutChanged"))),
      el("div", { class: "diff-viewers" }, oldBox, newBox),
      total ? list : el("div", { class: "text-secondary mt-2", "data-testid": "diff-none" }, t("noDifferences")),
    );
    const [oldViewer, newViewer] = await Promise.all([viewer(oldBox, oldXml, `v${older.version}`), viewer(newBox, newXml, `v${newer.version}`)]);
    const changedIds = summary.changed.map((change) => change.id);
    mark(oldViewer, summary.removed, "diff-removed");
    mark(oldViewer, changedIds, "diff-changed");
    mark(newViewer, summary.added, "diff-added");
    mark(newViewer, changedIds, "diff-changed");
    mark(newViewer, summary.layoutChanged, "diff-layout-changed");
  } catch (error) {
    area.replaceChildren(alertBox("danger", (error as any).describe?.() ?? String(error), "diff-error"));
  }
}
