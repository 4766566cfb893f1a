// The multipart body of POST /engine-rest/deployment/create, shaped like Camunda Modeler's (so the
// Camunda-compatible server needs nothing special) plus Jintu's two additions: the version note and
// the definitions of the bound forms, frozen into the deployment so a running case keeps the form
// version it started with.
import type { FormRecord } from "../api";

export const DEPLOYMENT_SOURCE = "jintu-designer";
export const FORM_KEY_PREFIX = "jintu-form:";

export interface DeploymentInput {
  name: string;
  bpmnXml: string;
  note: string;
  tenantId?: string;
  forms: FormRecord[];
}

/** A file name that is safe on every OS and in a multipart header, keeping Chinese characters. */
export function safeFileName(name: string): string {
  const cleaned = name.trim().replace(/[\\/:*?"<>|\r\n]+/g, "_");
  return cleaned || "process";
}

export function buildDeploymentForm(input: DeploymentInput): FormData {
  const form = new FormData();
  form.append("deployment-name", input.name);
  form.append("deployment-source", DEPLOYMENT_SOURCE);
  // Duplicate filtering skips a deployment identical to the last one. No `deploy-changed-only`: it would
  // leave an unchanged <key>.form.json out of the new deployment, and the task form is read from the
  // process definition's own deployment (a v2 with only the BPMN fell back to the latest saved form).
  form.append("enable-duplicate-filtering", "true");
  if (input.tenantId?.trim()) form.append("tenant-id", input.tenantId.trim());
  form.append("jintu-version-note", input.note);
  const bpmnFile = `${safeFileName(input.name)}.bpmn`;
  form.append(bpmnFile, new Blob([input.bpmnXml], { type: "application/octet-stream" }), bpmnFile);
  for (const record of input.forms) {
    const formFile = `${record.key}.form.json`;
    // The file is the Form.io definition itself: the server renders a task's form from it as is
    // (server/api/portalShared.ts resolveForm), like the forms processes/ deploys.
    const frozen = JSON.stringify(record.definition, null, 2);
    form.append(formFile, new Blob([frozen], { type: "application/json" }), formFile);
  }
  return form;
}

/** Keys of the Jintu forms bound to user tasks and start events (camunda:formKey="jintu-form:<key>"). */
export function boundFormKeys(definitions: any): string[] {
  const keys = new Set<string>();
  const visit = (element: any): void => {
    if (!element || typeof element !== "object") return;
    const formKey: unknown = element.$attrs?.["camunda:formKey"] ?? (element.$descriptor?.propertiesByName?.["camunda:formKey"] ? element.get("camunda:formKey") : undefined);
    if (typeof formKey === "string" && formKey.startsWith(FORM_KEY_PREFIX)) keys.add(formKey.slice(FORM_KEY_PREFIX.length));
    for (const child of [...(element.rootElements ?? []), ...(element.flowElements ?? [])]) visit(child);
  };
  visit(definitions);
  return [...keys].sort();
}
