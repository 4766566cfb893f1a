// "新建" dialog: a blank diagram or one of the business-flow templates served by GET /api/templates.
import { api } from "../api";
import { t } from "../i18n/messages";
import { currentLanguage } from "../i18n/language";
import { blankDiagram } from "../modeler/createModeler";
import { openDialog } from "./dialog";
import { alertBox, el } from "./dom";
import type { DesignerContext } from "../context";

export function openNewDiagramDialog(context: DesignerContext): void {
  const dialog = openDialog({ title: t("newDiagramTitle"), size: "lg", testId: "new-dialog" });
  const choose = async (xml: string) => {
    try {
      await context.importXml(xml);
      dialog.close();
    } catch (error) {
      dialog.body.prepend(alertBox("danger", t("openFileFailed", { message: (error as Error).message })));
    }
  };
  const card = (title: string, hint: string, testId: string, onClick: () => void) => {
    const result = el("div", { class: "card template-card h-100", "data-testid": testId, role: "button" },
      el("div", { class: "card-body" }, el("h6", { class: "card-title mb-1" }, title), el("p", { class: "card-text small text-secondary mb-0" }, hint)));
    result.addEventListener("click", onClick);
    return el("div", { class: "col-md-4 mb-3" }, result);
  };
  const templates = el("div", { class: "row" }, el("div", { class: "text-secondary" }, t("loading")));
  dialog.body.append(
    el("div", { class: "row" }, card(t("blankDiagram"), t("blankDiagramHint"), "template-blank", () => choose(blankDiagram()))),
    el("h6", { class: "mt-2" }, t("templates")),
    templates,
  );
  api.listTemplates().then(
    (list) => {
      if (!list.length) {
        templates.replaceChildren(el("div", { class: "text-secondary" }, t("noTemplates")));
        return;
      }
      templates.replaceChildren(...list.map((template) => {
        const title = currentLanguage() === "en" && template.nameEn ? template.nameEn : template.name;
        return card(title, template.key, `template-${template.key}`, () => choose(template.bpmn));
      }));
    },
    (error) => templates.replaceChildren(alertBox("danger", error.describe?.() ?? String(error))),
  );
}
