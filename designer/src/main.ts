// Entry point of /designer/: checks the session, builds the modeler and the surrounding tool UI.
import "bootstrap/dist/css/bootstrap.min.css";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import "bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css";
import "@bpmn-io/properties-panel/dist/assets/properties-panel.css";
import "bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css";
import "./styles.css";
import { api, ApiError, type CurrentUser } from "./api";
import { t } from "./i18n/messages";
import { currentLanguage, storeLanguage } from "./i18n/language";
import { blankDiagram, createModeler } from "./modeler/createModeler";
import { mountProblemsPanel } from "./ui/problemsPanel";
import { alertBox, downloadText, el } from "./ui/dom";
import { openNewDiagramDialog } from "./ui/newDiagramDialog";
import { openDeployDialog } from "./deploy/deployDialog";
import { openVersionsDialog } from "./versions/versionsDialog";
import { safeFileName } from "./deploy/buildDeployment";
import type { DesignerContext, ProcessInfo } from "./context";

const DRAFT_KEY = "jintu.designer.draft";

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function showAlert(kind: string, text: string): void {
  const box = alertBox(kind, text, `alert-${kind}`);
  box.classList.add("shadow", "alert-dismissible");
  const close = el("button", { type: "button", class: "btn-close", "aria-label": t("close") });
  close.addEventListener("click", () => box.remove());
  box.append(close);
  byId("app-alerts").append(box);
  if (kind !== "danger") setTimeout(() => box.remove(), 6000);
}

function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? t("networkError", { message: error.message }) : error.describe();
  return (error as Error).message ?? String(error);
}

async function checkSession(): Promise<CurrentUser | null> {
  try {
    return await api.me();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null; // already redirecting to /login
    showAlert("danger", describeError(error));
    return { username: "?" };
  }
}

async function main(): Promise<void> {
  document.documentElement.lang = currentLanguage() === "zh" ? "zh-CN" : "en";
  document.title = t("appTitle");
  byId("app-title").textContent = t("appTitle");
  byId("problems-title").textContent = t("problems");

  const user = await checkSession();
  if (!user) return;
  byId("current-user").textContent = String(user.displayName ?? user.username ?? user.id ?? "");

  const modeler = createModeler(byId("canvas"), byId("properties"));
  const formCatalog = modeler.get("jintuFormCatalog") as any;
  const problems = mountProblemsPanel(byId("problems"), byId("lint-summary"), modeler);
  let dirty = false;

  const processInfo = (): ProcessInfo => {
    const root = modeler.getDefinitions()?.rootElements ?? [];
    const process = root.find((element: any) => element.$type === "bpmn:Process" && element.isExecutable !== false)
      ?? root.find((element: any) => element.$type === "bpmn:Process");
    return { id: process?.id ?? "", name: process?.name ?? "" };
  };
  const updateProcessLabel = () => {
    const info = processInfo();
    byId("process-label").textContent = info.name ? `${info.name}（${info.id}）` : info.id;
  };

  const context: DesignerContext = {
    modeler,
    formCatalog,
    async importXml(xml) {
      const { warnings } = await modeler.importXML(xml);
      if (warnings.length) showAlert("warning", t("importWarnings", { n: warnings.length }));
      modeler.get<any>("canvas").zoom("fit-viewport", "auto");
      dirty = false;
      updateProcessLabel();
    },
    async saveXml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? "";
    },
    processInfo,
    lintIssues: () => problems.issues(),
    isDirty: () => dirty,
    markSaved: () => { dirty = false; },
    showAlert,
    openVersions: (processKey) => openVersionsDialog(context, processKey ?? processInfo().id),
  };

  modeler.on("commandStack.changed", () => {
    dirty = true;
    updateProcessLabel();
    void context.saveXml().then((xml) => sessionStorage.setItem(DRAFT_KEY, xml));
  });

  const confirmDiscard = () => !dirty || window.confirm(t("confirmDiscard"));
  const fileInput = byId<HTMLInputElement>("open-file-input");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    try {
      await context.importXml(await file.text());
    } catch (error) {
      showAlert("danger", t("openFileFailed", { message: (error as Error).message }));
    }
  });

  const toolbarButton = (label: string, testId: string, onClick: () => void, kind = "outline-light") => {
    const result = el("button", { type: "button", class: `btn btn-sm btn-${kind}`, "data-testid": testId }, label);
    result.addEventListener("click", onClick);
    return result;
  };
  byId("toolbar-buttons").replaceChildren(
    el(
      "div",
      { class: "btn-group" },
      toolbarButton(t("new"), "btn-new", () => { if (confirmDiscard()) openNewDiagramDialog(context); }),
      toolbarButton(t("open"), "btn-open", () => { if (confirmDiscard()) fileInput.click(); }),
      toolbarButton(t("save"), "btn-save", async () => {
        const xml = await context.saveXml();
        downloadText(`${safeFileName(processInfo().id || "process")}.bpmn`, xml);
        dirty = false;
      }),
    ),
    el(
      "div",
      { class: "btn-group" },
      toolbarButton(t("forms"), "btn-forms", async () => {
        const { openFormsDialog } = await import("./forms/formsDialog");
        openFormsDialog(context);
      }),
    ),
    el(
      "div",
      { class: "btn-group" },
      toolbarButton(t("deploy"), "btn-deploy", () => openDeployDialog(context), "warning"),
      toolbarButton(t("versions"), "btn-versions", () => context.openVersions()),
    ),
  );

  const languageSwitch = byId("language-switch");
  languageSwitch.textContent = t("language");
  languageSwitch.addEventListener("click", async () => {
    sessionStorage.setItem(DRAFT_KEY, await context.saveXml());
    storeLanguage(currentLanguage() === "zh" ? "en" : "zh");
    window.location.reload();
  });

  const draft = sessionStorage.getItem(DRAFT_KEY);
  try {
    await context.importXml(draft ?? blankDiagram());
  } catch {
    await context.importXml(blankDiagram());
  }
  void formCatalog.refresh().then(() => {
    const error = formCatalog.error();
    if (error) showAlert("danger", describeError(error));
  });
  (window as any).__jintuDesigner = context; // handle for debugging in the browser console
}

void main();
