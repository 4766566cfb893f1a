// What the registry (processes/index.ts) knows about one business flow, and how a flow is deployed:
// the BPMN plus one `<formKey>.form.json` part per Form.io form, as the designer deploys them.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Client } from "camunda-external-task-client-js";
import type { WorkerAuth } from "./workers";

export interface FlowForm {
  /** the key user tasks reference as `camunda:formKey="jintu-form:<key>"` */
  key: string;
  /** absolute path of the Form.io JSON */
  file: string;
}

/** Where the workers' client connects, for workers that also read history over /engine-rest. */
export interface WorkerConnection {
  engineRestUrl: string;
  auth: WorkerAuth;
}

export interface FlowWorkerOptions {
  /** Settings a deployer may change (thresholds, delegated provinces, layer files …), per flow. */
  settings?: Record<string, unknown>;
}

export interface FlowEntry {
  key: string;
  name: string;
  nameEn: string;
  /** absolute path of the flow's folder */
  dir: string;
  /** absolute path of `<flow>.bpmn` */
  bpmn: string;
  forms: FlowForm[];
  /** the external-task topics its workers serve */
  topics: string[];
  /** Subscribes the flow's workers on a client (the client polls once started). */
  subscribeWorkers(client: Client, connection: WorkerConnection, options?: FlowWorkerOptions): void;
}

export const FORM_KEY_PREFIX = "jintu-form:";

export function flowForms(dir: string, keys: string[]): FlowForm[] {
  return keys.map((key) => ({ key, file: path.join(dir, "forms", `${key}.json`) }));
}

/** The deployment resources of a flow: `<key>.bpmn` and `<formKey>.form.json` for each form. */
export function deploymentResources(flow: FlowEntry): { name: string; content: Buffer }[] {
  return [
    { name: path.basename(flow.bpmn), content: readFileSync(flow.bpmn) },
    ...flow.forms.map((f) => ({ name: `${f.key}.form.json`, content: readFileSync(f.file) })),
  ];
}

export function readForm(flow: FlowEntry, key: string): { components: unknown[] } & Record<string, unknown> {
  const form = flow.forms.find((f) => f.key === key);
  if (!form) throw new Error(`Flow ${flow.key} has no form '${key}' (forms: ${flow.forms.map((f) => f.key).join(", ")})`);
  return JSON.parse(readFileSync(form.file, "utf8"));
}

/**
 * Deploys a flow through Camunda's POST /engine-rest/deployment/create (multipart), as the designer and
 * Camunda Modeler do. `headers` carries the credentials (Basic or the session cookie).
 */
export async function deployFlowOverHttp(baseUrl: string, headers: Record<string, string>, flow: FlowEntry,
  options: { note?: string; tenantId?: string } = {}): Promise<{ id: string; deployedProcessDefinitions: Record<string, { id: string; key: string; version: number }> }> {
  const body = new FormData();
  body.append("deployment-name", flow.key);
  body.append("deployment-source", "jintu-processes");
  body.append("enable-duplicate-filtering", "true");
  if (options.note) body.append("jintu-version-note", options.note);
  if (options.tenantId) body.append("tenant-id", options.tenantId);
  for (const resource of deploymentResources(flow)) {
    body.append(resource.name, new Blob([new Uint8Array(resource.content)]), resource.name);
  }
  const res = await fetch(`${baseUrl.replace(/\/$/, "")}/engine-rest/deployment/create`, { method: "POST", headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`Deploying ${flow.key} failed: ${res.status} ${text}`);
  return JSON.parse(text);
}

export function basicAuthHeader(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}` };
}
