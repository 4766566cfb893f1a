// "表单" dialog: list of Jintu forms, a Form.io builder with Jintu's components, save by key (each save
// is a new version on the server), and a preview rendered the way the clerk's task form will be.
import { api, ApiError, type FormDefinition, type FormSummary } from "../api";
import { t } from "../i18n/messages";
import { button, openDialog } from "../ui/dialog";
import { alertBox, el } from "../ui/dom";
import { loadFormio, Formio } from "./formio";
import type { DesignerContext } from "../context";

export const FORM_KEY_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

const EMPTY_FORM: FormDefinition = { display: "form", components: [] };

export function openFormsDialog(context: DesignerContext): void {
  const dialog = openDialog({ title: t("formsTitle"), size: "fullscreen", testId: "forms-dialog" });
  const status = el("div", { "data-testid": "forms-status" });
  const list = el("div", { class: "list-group list-group-flush forms-list", "data-testid": "forms-list" });
  const keyInput = el("input", { class: "form-control form-control-sm", id: "form-key", "data-testid": "form-key", placeholder: "land-application" });
  const nameInput = el("input", { class: "form-control form-control-sm", id: "form-name", "data-testid": "form-name" });
  const noteInput = el("input", { class: "form-control form-control-sm", id: "form-note", "data-testid": "form-note" });
  const builderTab = el("button", { type: "button", class: "nav-link active", "data-testid": "tab-builder" }, t("builder"));
  const previewTab = el("button", { type: "button", class: "nav-link", "data-testid": "tab-preview" }, t("preview"));
  const builderHost = el("div", { "data-testid": "form-builder" });
  const previewHost = el("div", { "data-testid": "form-preview", hidden: true });
  const previewOutput = el("pre", { class: "small bg-light p-2 mt-2", "data-testid": "form-preview-data", hidden: true });
  const saveButton = button(t("saveForm"), "primary btn-sm", "form-save", () => void save());
  const newButton = button(t("newForm"), "outline-primary btn-sm w-100 mb-2", "form-new", () => void edit(null));

  dialog.body.append(
    status,
    el("div", { class: "forms-layout" },
      el("div", {}, newButton, el("div", { class: "small text-secondary mb-1" }, t("formList")), list),
      el("div", {},
        el("div", { class: "row g-2 align-items-end mb-2" },
          el("div", { class: "col-md-3" }, el("label", { class: "form-label small", for: "form-key" }, t("formKey")), keyInput),
          el("div", { class: "col-md-3" }, el("label", { class: "form-label small", for: "form-name" }, t("formName")), nameInput),
          el("div", { class: "col-md-4" }, el("label", { class: "form-label small", for: "form-note" }, t("formNote")), noteInput),
          el("div", { class: "col-md-2" }, saveButton)),
        el("ul", { class: "nav nav-tabs mb-2" }, el("li", { class: "nav-item" }, builderTab), el("li", { class: "nav-item" }, previewTab)),
        builderHost, previewHost, previewOutput)),
  );
  dialog.footer.append(button(t("close"), "outline-secondary", "forms-close", () => dialog.close()));

  let builder: any = null;
  let preview: any = null;
  let loadedKey: string | null = null;

  const renderList = (forms: FormSummary[]) => {
    list.replaceChildren(...forms.map((form) => {
      const item = el("button", { type: "button", class: `list-group-item list-group-item-action${form.key === loadedKey ? " active" : ""}`, "data-form-key": form.key },
        el("div", { class: "fw-semibold" }, form.name), el("div", { class: "small" }, `${form.key} · v${form.version}`));
      item.addEventListener("click", () => void edit(form.key));
      return item;
    }));
  };

  const edit = async (key: string | null) => {
    status.replaceChildren();
    try {
      const record = key ? await api.getForm(key) : null;
      loadedKey = record?.key ?? null;
      keyInput.value = record?.key ?? "";
      keyInput.readOnly = !!record;
      nameInput.value = record?.name ?? "";
      noteInput.value = "";
      await showBuilder(record?.definition ?? EMPTY_FORM);
      renderList(context.formCatalog.list());
    } catch (error) {
      status.replaceChildren(alertBox("danger", describe(error)));
    }
  };

  const showBuilder = async (definition: FormDefinition) => {
    const { customComponents, builderGroup } = await loadFormio();
    builder?.destroy?.();
    builderHost.replaceChildren();
    const builderOptions: Record<string, unknown> = { noDefaultSubmitButton: false, builder: { premium: false } };
    if (customComponents && builderGroup) {
      (builderOptions.builder as any).jintu = builderGroup;
      // Their builderInfo also files them under "advanced"; list them once, in their own group.
      (builderOptions.builder as any).advanced = { components: Object.fromEntries(Object.keys(builderGroup.components).map((type) => [type, false])) };
    } else {
      status.append(alertBox("warning", t("customComponentsMissing"), "forms-components-missing"));
    }
    builder = await Formio.builder(builderHost, structuredClone(definition), builderOptions);
    selectTab("builder");
  };

  const selectTab = async (tab: "builder" | "preview") => {
    builderTab.classList.toggle("active", tab === "builder");
    previewTab.classList.toggle("active", tab === "preview");
    builderHost.hidden = tab !== "builder";
    previewHost.hidden = tab !== "preview";
    previewOutput.hidden = true;
    if (tab !== "preview" || !builder) return;
    preview?.destroy?.();
    previewHost.replaceChildren();
    preview = await Formio.createForm(previewHost, structuredClone(builder.schema), { language: "zh" });
    // Without a Form.io server nothing answers the submit; show the data the task would send instead.
    preview.on("submit", (submission: { data: unknown }) => {
      previewOutput.textContent = JSON.stringify(submission.data, null, 2);
      previewOutput.hidden = false;
      preview.emit("submitDone", submission);
    });
  };
  builderTab.addEventListener("click", () => void selectTab("builder"));
  previewTab.addEventListener("click", () => void selectTab("preview"));

  const save = async () => {
    const key = keyInput.value.trim();
    const name = nameInput.value.trim();
    if (!FORM_KEY_PATTERN.test(key)) return void status.replaceChildren(alertBox("warning", t("formKeyInvalid"), "form-invalid"));
    if (!name) return void status.replaceChildren(alertBox("warning", t("formNameRequired"), "form-invalid"));
    if (!builder) return;
    saveButton.disabled = true;
    try {
      const result = await api.saveForm(key, { name, definition: builder.schema, note: noteInput.value.trim() });
      loadedKey = result.key;
      keyInput.readOnly = true;
      status.replaceChildren(alertBox("success", t("formSaved", { key: result.key, version: result.version }), "form-saved"));
      renderList(await context.formCatalog.refresh());
    } catch (error) {
      status.replaceChildren(alertBox("danger", describe(error), "form-save-error"));
    } finally {
      saveButton.disabled = false;
    }
  };

  void context.formCatalog.refresh().then(renderList);
  void edit(null);
  void dialog.closed.then(() => {
    builder?.destroy?.();
    preview?.destroy?.();
  });
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.describe() : (error as Error).message;
}
