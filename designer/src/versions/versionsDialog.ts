// "版本" dialog: the deployed versions of one process key (engine-rest process definitions joined with
// Jintu's deployment records for note and author), XML download, and a diff of two chosen versions.
import { api } from "../api";
import { joinVersions, type VersionRow } from "./joinVersions";
import { t } from "../i18n/messages";
import { button, openDialog } from "../ui/dialog";
import { alertBox, downloadText, el, formatDateTime } from "../ui/dom";
import type { DesignerContext } from "../context";

export function openVersionsDialog(context: DesignerContext, initialKey: string): void {
  const dialog = openDialog({ title: t("versionsTitle"), size: "xl", testId: "versions-dialog" });
  const keyInput = el("input", { class: "form-control form-control-sm", style: "max-width:20rem", value: initialKey, "data-testid": "versions-key", "aria-label": t("processKey") });
  const reload = el("button", { type: "button", class: "btn btn-sm btn-outline-primary" }, "↻");
  const content = el("div", { "data-testid": "versions-content" });
  dialog.body.append(el("div", { class: "d-flex gap-2 align-items-center mb-3" }, el("span", {}, t("processKey")), keyInput, reload), content);
  dialog.footer.append(button(t("close"), "outline-secondary", "versions-close", () => dialog.close()));

  const load = async () => {
    const key = keyInput.value.trim();
    content.replaceChildren(el("div", { class: "text-secondary" }, t("loading")));
    try {
      const [definitions, deployments] = await Promise.all([api.listProcessDefinitions(key), api.listDeployments(key)]);
      render(joinVersions(definitions, deployments));
    } catch (error) {
      content.replaceChildren(alertBox("danger", (error as any).describe?.() ?? String(error), "versions-error"));
    }
  };

  const render = (rows: VersionRow[]) => {
    if (!rows.length) {
      content.replaceChildren(el("div", { class: "text-secondary", "data-testid": "versions-empty" }, t("noVersions")));
      return;
    }
    const selected = new Set<string>();
    const compareButton = button(t("compareSelected"), "primary", "versions-compare", async () => {
      const chosen = rows.filter((row) => selected.has(row.definition.id)).sort((a, b) => a.definition.version - b.definition.version);
      const { showDiff } = await import("./diffView");
      await showDiff(diffArea, chosen[0].definition, chosen[1].definition);
    });
    compareButton.disabled = true;
    const diffArea = el("div", { class: "mt-3", "data-testid": "diff-area" });
    const body = el("tbody");
    for (const row of rows) {
      const checkbox = el("input", { type: "checkbox", class: "form-check-input", "data-testid": `version-select-${row.definition.version}`, "aria-label": `v${row.definition.version}` });
      checkbox.addEventListener("change", () => {
        if (checkbox.checked) selected.add(row.definition.id); else selected.delete(row.definition.id);
        compareButton.disabled = selected.size !== 2;
      });
      const download = button(t("download"), "sm btn-outline-secondary", `version-download-${row.definition.version}`, async () => {
        const { bpmn20Xml } = await api.getProcessXml(row.definition.id);
        downloadText(`${row.definition.key}-v${row.definition.version}.bpmn`, bpmn20Xml);
      });
      body.append(el("tr", { "data-testid": `version-row-${row.definition.version}` },
        el("td", {}, checkbox),
        el("td", { class: "fw-semibold" }, `v${row.definition.version}`),
        el("td", { class: "version-time" }, formatDateTime(row.deployment?.deploymentTime)),
        el("td", { class: "version-by" }, row.deployment?.deployedBy ?? ""),
        el("td", {}, row.deployment?.name ?? ""),
        el("td", { class: "version-note" }, row.deployment?.note ?? ""),
        el("td", {}, download),
      ));
    }
    content.replaceChildren(
      el("table", { class: "table table-sm align-middle", "data-testid": "versions-table" },
        el("thead", {}, el("tr", {}, el("th", {}), el("th", {}, t("version")), el("th", {}, t("deployedAt")), el("th", {}, t("deployedBy")), el("th", {}, t("deploymentName")), el("th", {}, t("note")), el("th", {}))),
        body),
      el("div", { class: "d-flex align-items-center gap-2" }, compareButton, el("span", { class: "small text-secondary" }, t("selectTwo"))),
      diffArea,
    );
  };

  reload.addEventListener("click", () => void load());
  keyInput.addEventListener("keydown", (event) => { if (event.key === "Enter") void load(); });
  void load();
}
