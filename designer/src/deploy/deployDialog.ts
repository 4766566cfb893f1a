// "部署" dialog: lints once more, shows the forms that will be frozen with the deployment, asks for a
// version note and posts the multipart deployment. Lint errors block; server errors are shown as sent.
import { api, ApiError, type FormRecord } from "../api";
import { t } from "../i18n/messages";
import { button, openDialog } from "../ui/dialog";
import { alertBox, el } from "../ui/dom";
import { countIssues, type IssuesByElement } from "../ui/problemsPanel";
import { boundFormKeys, buildDeploymentForm } from "./buildDeployment";
import type { DesignerContext } from "../context";

/** Lint results keyed by rule (bpmnlint) → counts; run fresh so a deploy never trusts a stale panel. */
async function lintNow(context: DesignerContext): Promise<{ errors: number; warnings: number }> {
  const byRule: Record<string, Array<{ id: string; message: string; category: any }>> = await context.modeler.get("linting").lint();
  const byElement: IssuesByElement = {};
  for (const list of Object.values(byRule)) for (const issue of list) (byElement[issue.id ?? "?"] ??= []).push(issue);
  return countIssues(byElement);
}

export function openDeployDialog(context: DesignerContext): void {
  const info = context.processInfo();
  const dialog = openDialog({ title: t("deployTitle"), size: "lg", testId: "deploy-dialog" });
  const status = el("div", { "data-testid": "deploy-status" });
  const nameInput = el("input", { class: "form-control", id: "deploy-name", "data-testid": "deploy-name", value: info.id });
  const tenantInput = el("input", { class: "form-control", id: "deploy-tenant", "data-testid": "deploy-tenant", placeholder: "330106" });
  const noteInput = el("textarea", { class: "form-control", id: "deploy-note", rows: "3", "data-testid": "deploy-note", placeholder: t("versionNotePlaceholder") });
  const formsList = el("ul", { class: "list-group list-group-flush small", "data-testid": "deploy-forms" }, el("li", { class: "list-group-item text-secondary" }, t("loading")));
  const lintStatus = el("div", { "data-testid": "deploy-lint" });
  dialog.body.append(
    lintStatus,
    el("div", { class: "row g-3" },
      el("div", { class: "col-md-7" }, el("label", { class: "form-label", for: "deploy-name" }, t("deploymentName")), nameInput),
      el("div", { class: "col-md-5" }, el("label", { class: "form-label", for: "deploy-tenant" }, t("tenantId")), tenantInput),
      el("div", { class: "col-12" }, el("label", { class: "form-label", for: "deploy-note" }, t("versionNote")), noteInput),
      el("div", { class: "col-12" }, el("label", { class: "form-label" }, t("boundForms")), formsList),
    ),
    el("div", { class: "mt-3" }, status),
  );

  let forms: FormRecord[] | null = null;
  let lintErrors = 0;
  const deployButton = button(t("deployNow"), "primary", "deploy-submit", () => void deploy());
  deployButton.disabled = true;
  dialog.footer.append(button(t("cancel"), "outline-secondary", "deploy-cancel", () => dialog.close()), deployButton);

  const prepare = async () => {
    const [lint, formResult] = await Promise.all([lintNow(context), loadBoundForms(context)]);
    lintErrors = lint.errors;
    lintStatus.replaceChildren(
      lint.errors ? alertBox("danger", t("deployBlocked", { n: lint.errors }), "deploy-lint-errors") : "",
      !lint.errors && lint.warnings ? alertBox("warning", t("deployWarnings", { n: lint.warnings })) : "",
    );
    formsList.replaceChildren(
      ...(formResult.forms.length || formResult.errors.length ? [] : [el("li", { class: "list-group-item text-secondary" }, t("noBoundForms"))]),
      ...formResult.forms.map((form) => el("li", { class: "list-group-item", "data-form-key": form.key }, `${form.name}（${form.key}，v${form.version}）→ ${form.key}.form.json`)),
      ...formResult.errors.map((message) => el("li", { class: "list-group-item text-danger" }, message)),
    );
    forms = formResult.errors.length ? null : formResult.forms;
    deployButton.disabled = lintErrors > 0 || forms === null;
  };

  const deploy = async () => {
    if (!noteInput.value.trim()) {
      status.replaceChildren(alertBox("warning", t("noteRequired"), "deploy-note-required"));
      noteInput.focus();
      return;
    }
    if (forms === null || lintErrors > 0) return;
    deployButton.disabled = true;
    status.replaceChildren(el("div", { class: "text-secondary" }, t("deploying")));
    try {
      const body = buildDeploymentForm({
        name: nameInput.value.trim() || info.id,
        bpmnXml: await context.saveXml(),
        note: noteInput.value.trim(),
        tenantId: tenantInput.value,
        forms,
      });
      const result = await api.deploy(body);
      const versions = Object.values(result.deployedProcessDefinitions ?? {}).map((definition) => `${definition.key} v${definition.version}`).join(", ") || "—";
      status.replaceChildren(alertBox("success", t("deployed", { name: result.name ?? nameInput.value, versions }), "deploy-success"));
      context.markSaved();
      const showVersions = button(t("versions"), "outline-primary", "deploy-show-versions", () => {
        dialog.close();
        context.openVersions(info.id);
      });
      deployButton.replaceWith(showVersions);
    } catch (error) {
      const message = error instanceof ApiError ? `${error.type ? `${error.type}: ` : ""}${error.message}` : (error as Error).message;
      status.replaceChildren(alertBox("danger", message, "deploy-error"));
      deployButton.disabled = false;
    }
  };

  prepare().catch((error) => status.replaceChildren(alertBox("danger", (error as Error).message, "deploy-error")));
}

async function loadBoundForms(context: DesignerContext): Promise<{ forms: FormRecord[]; errors: string[] }> {
  const keys = boundFormKeys(context.modeler.getDefinitions());
  const forms: FormRecord[] = [];
  const errors: string[] = [];
  await Promise.all(keys.map(async (key) => {
    try {
      forms.push(await api.getForm(key));
    } catch (error) {
      errors.push(error instanceof ApiError && error.status === 404 ? t("formNotFound", { key }) : (error as Error).message);
    }
  }));
  forms.sort((a, b) => a.key.localeCompare(b.key));
  return { forms, errors };
}
