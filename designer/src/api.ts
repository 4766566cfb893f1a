// Every call the designer makes to the Jintu server goes through this module: one place for the
// session cookie, the login redirect on 401, and turning error bodies (Camunda's `{type, message}` on
// /engine-rest, `{error|message}` on /api) into an ApiError whose message can be shown as is.

export const LOGIN_URL = "/login?next=/designer/";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly method: string,
    readonly path: string,
    /** Camunda's exception class name (`type`) when the server sent one. */
    readonly type?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** "POST /engine-rest/deployment/create → 400 ParseException: …" for logs and dialogs. */
  describe(): string {
    return `${this.method} ${this.path} → ${this.status}${this.type ? ` ${this.type}` : ""}: ${this.message}`;
  }
}

export interface CurrentUser { id?: string; username?: string; displayName?: string; [key: string]: unknown }
export interface FormSummary { key: string; name: string; version: number; updatedAt: string }
export interface FormRecord { key: string; name: string; version: number; definition: FormDefinition }
export interface FormDefinition { display?: string; components: unknown[]; [key: string]: unknown }
export interface ProcessTemplate { key: string; name: string; nameEn?: string; bpmn: string }
export interface ProcessDefinition { id: string; key: string; name?: string | null; version: number; deploymentId: string; versionTag?: string | null; tenantId?: string | null }
export interface DeploymentRecord {
  id: string;
  name: string;
  deploymentTime: string;
  deployedBy?: string | null;
  note?: string | null;
  processDefinitions: Array<{ id: string; key: string; version: number }>;
}
/** Camunda's DeploymentWithDefinitionsDto, the fields the designer reads. */
export interface DeploymentResult {
  id: string;
  name: string;
  deploymentTime: string;
  deployedProcessDefinitions?: Record<string, { id: string; key: string; version: number }> | null;
}

type Body = { json: unknown } | { form: FormData } | undefined;

/** Where 401 sends the user; replaceable in tests of this module. */
export let redirectToLogin = (): void => { window.location.assign(LOGIN_URL); };
export function setLoginRedirect(handler: () => void): void { redirectToLogin = handler; }

async function request<T>(method: string, path: string, body?: Body): Promise<T> {
  const init: RequestInit = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body && "json" in body) {
    init.body = JSON.stringify(body.json);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  } else if (body && "form" in body) {
    init.body = body.form; // the browser sets the multipart boundary
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(`network error: ${(error as Error).message}`, 0, method, path);
  }
  if (response.status === 401) {
    redirectToLogin();
    throw new ApiError("not logged in", 401, method, path);
  }
  const text = await response.text();
  let data: any = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(`expected JSON, got: ${text.slice(0, 120)}`, response.status, method, path);
    }
  }
  if (!response.ok) {
    const message = data?.message ?? data?.error ?? (text.slice(0, 300) || response.statusText || "request failed");
    throw new ApiError(String(message), response.status, method, path, data?.type);
  }
  return data as T;
}

const segment = encodeURIComponent;

export const api = {
  me: () => request<CurrentUser>("GET", "/api/auth/me"),

  listForms: () => request<FormSummary[]>("GET", "/api/forms"),
  getForm: (key: string) => request<FormRecord>("GET", `/api/forms/${segment(key)}`),
  saveForm: (key: string, form: { name: string; definition: FormDefinition; note: string }) =>
    request<{ key: string; version: number }>("PUT", `/api/forms/${segment(key)}`, { json: form }),

  listTemplates: () => request<ProcessTemplate[]>("GET", "/api/templates"),

  deploy: (form: FormData) => request<DeploymentResult>("POST", "/engine-rest/deployment/create", { form }),
  listProcessDefinitions: (key: string) =>
    request<ProcessDefinition[]>("GET", `/engine-rest/process-definition?key=${segment(key)}&sortBy=version&sortOrder=desc`),
  listDeployments: (processDefinitionKey: string) =>
    request<DeploymentRecord[]>("GET", `/api/deployments?processDefinitionKey=${segment(processDefinitionKey)}`),
  getProcessXml: (processDefinitionId: string) =>
    request<{ id: string; bpmn20Xml: string }>("GET", `/engine-rest/process-definition/${segment(processDefinitionId)}/xml`),
};
