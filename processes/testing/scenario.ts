// Scenario-test harness for the business flows: the real Jintu server (fresh SQLite, or PostgreSQL when
// JINTU_TEST_DATABASE_URL is set) on a controlled clock with its job executor running, flows deployed over
// /engine-rest/deployment/create, real camunda-external-task-client-js workers (Basic auth as `worker`),
// and one Actor per demo user who logs in through POST /api/auth/login and works with the session cookie.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ControlledClock } from "../../engine";
import { validateSubmission, walkComponents, type FormComponentJson } from "../../forms/index";
import { startTestServer, TestClient, type TestServer } from "../../server/testing/testServer";
import { FORM_KEY_PREFIX, deployFlowOverHttp, readForm, type FlowEntry } from "../shared/flow";
import { startFlowWorkers, type RunningWorkers } from "../workers";

const SAMPLE_LAYERS = path.resolve(import.meta.dirname, "../../gis-components/sample-layers");

export interface CamundaTask {
  id: string;
  name: string;
  assignee: string | null;
  due: string | null;
  created: string;
  taskDefinitionKey: string;
  processInstanceId: string;
  formKey: string | null;
  tenantId: string | null;
}

/** A plain JS value as Camunda's REST `{value, type}` (objects and arrays as Json). */
export function camundaValue(value: unknown): { value: unknown; type: string } {
  if (value === null || value === undefined) return { value: null, type: "Null" };
  if (typeof value === "string") return { value, type: "String" };
  if (typeof value === "boolean") return { value, type: "Boolean" };
  if (typeof value === "number") {
    if (Number.isInteger(value)) return { value, type: Math.abs(value) <= 2 ** 31 - 1 ? "Integer" : "Long" };
    return { value, type: "Double" };
  }
  if (value instanceof Date) return { value: value.toISOString().replace("Z", "+0000"), type: "Date" };
  return { value: JSON.stringify(value), type: "Json" };
}

export function camundaVariables(values: Record<string, unknown>): Record<string, { value: unknown; type: string }> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, camundaValue(v)]));
}

/** Polls until fn returns a truthy value. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** Stands in for the server's layer store: /api/gis/layers/<name>.geojson → the synthetic sample layers
 *  (and a flow's own data/ layers), so form validation sees what the worker sees. */
export function sampleLayerLoader(extraDirs: string[] = []) {
  return async (url: string): Promise<unknown> => {
    const name = /^\/api\/gis\/layers\/([\w-]+)\.geojson$/.exec(url)?.[1];
    if (!name) throw new Error(`no such layer ${url}`);
    for (const dir of [...extraDirs, SAMPLE_LAYERS]) {
      try {
        return JSON.parse(await readFile(path.join(dir, `${name === "330106" ? "xihu-boundary" : name}.geojson`), "utf8"));
      } catch {
        // try the next folder
      }
    }
    throw new Error(`no layer file for ${url}`);
  };
}

export class Actor {
  private client: TestClient;
  /** set when the clock jumped past the session lifetime: log in again before the next request */
  stale = false;

  constructor(readonly user: string, private readonly scenario: Scenario, private readonly password = "demo") {
    this.client = new TestClient(scenario.url);
  }

  async login(): Promise<void> {
    this.client = new TestClient(this.scenario.url);
    const res = await this.client.post("/api/auth/login", { json: { username: this.user, password: this.password } });
    if (res.status !== 200) throw new Error(`login ${this.user} failed: ${res.status} ${await res.text()}`);
  }

  /** A request with the session cookie; logs in again once when the session expired (the clock moves). */
  async request(method: string, url: string, json?: unknown): Promise<Response> {
    if (this.stale) {
      this.stale = false;
      await this.login();
    }
    let res = await this.client.request(method, url, json === undefined ? {} : { json });
    if (res.status === 401) {
      await this.login();
      res = await this.client.request(method, url, json === undefined ? {} : { json });
    }
    return res;
  }

  /** A request that must answer 2xx; returns the parsed JSON (or null for 204). */
  async call<T = any>(method: string, url: string, json?: unknown): Promise<T> {
    const res = await this.request(method, url, json);
    const text = await res.text();
    if (!res.ok) throw new Error(`${this.user}: ${method} ${url} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  startProcess(key: string, options: { tenantId: string; businessKey?: string; variables: Record<string, unknown> }) {
    return this.call<{ id: string; businessKey: string | null; tenantId: string | null }>("POST", `/engine-rest/process-definition/key/${key}/start`, {
      businessKey: options.businessKey, tenantId: options.tenantId, variables: camundaVariables(options.variables),
    });
  }

  tasks(query: Record<string, string>): Promise<CamundaTask[]> {
    return this.call("GET", `/engine-rest/task?${new URLSearchParams(query)}`);
  }

  /** Waits until this user sees the task of `activityId` in the instance (workers and timers run async). */
  waitForTask(processInstanceId: string, activityId: string, timeoutMs?: number): Promise<CamundaTask> {
    return waitFor(`${this.user} to see task ${activityId}`, async () => {
      const tasks = await this.tasks({ processInstanceId, taskDefinitionKey: activityId });
      return tasks[0];
    }, timeoutMs);
  }

  async waitForTasks(processInstanceId: string, activityId: string, count: number): Promise<CamundaTask[]> {
    return waitFor(`${this.user} to see ${count} × ${activityId}`, async () => {
      const tasks = await this.tasks({ processInstanceId, taskDefinitionKey: activityId });
      return tasks.length === count ? tasks : null;
    });
  }

  /**
   * Works a task as a clerk does in the portal: validates the data with the task's Form.io form (the same
   * server-side validation the portal runs), claims it, sets task-local variables, completes it.
   */
  async submit(task: CamundaTask, data: Record<string, unknown>, options: { flow: FlowEntry; local?: Record<string, unknown> }): Promise<void> {
    await this.scenario.validateForm(options.flow, task.formKey, { ...data, ...options.local });
    await this.call("POST", `/engine-rest/task/${task.id}/claim`, { userId: this.user });
    if (options.local) await this.call("POST", `/engine-rest/task/${task.id}/localVariables`, { modifications: camundaVariables(options.local) });
    await this.call("POST", `/engine-rest/task/${task.id}/complete`, { variables: camundaVariables(data) });
  }

  /** POST /engine-rest/message; users of several regions name the case's region as `tenantId`. */
  correlate(messageName: string, options: { businessKey?: string; processInstanceId?: string; tenantId?: string; variables?: Record<string, unknown> }) {
    return this.call("POST", "/engine-rest/message", {
      messageName, businessKey: options.businessKey, processInstanceId: options.processInstanceId, tenantId: options.tenantId,
      processVariables: options.variables ? camundaVariables(options.variables) : undefined, resultEnabled: true,
    });
  }

  /** Activity ids of the instance in the order they started (GET /engine-rest/history/activity-instance). */
  async path(processInstanceId: string): Promise<string[]> {
    const rows = await this.call<{ activityId: string; activityType: string; startTime: string }[]>("GET",
      `/engine-rest/history/activity-instance?processInstanceId=${processInstanceId}&sortBy=occurrence&sortOrder=asc`);
    return rows.map((r) => r.activityId);
  }

  async variable(processInstanceId: string, name: string): Promise<unknown> {
    const rows = await this.call<{ name: string; value: unknown; type: string }[]>("GET",
      `/engine-rest/history/variable-instance?processInstanceId=${processInstanceId}&variableName=${encodeURIComponent(name)}`);
    const row = rows.find((r) => r.name === name);
    if (!row) return undefined;
    return row.type === "Json" && typeof row.value === "string" ? JSON.parse(row.value) : row.value;
  }
}

export class Scenario {
  private actors = new Map<string, Actor>();
  private workers: RunningWorkers[] = [];

  private constructor(readonly server: TestServer, readonly clock: ControlledClock) {}

  get url(): string {
    return this.server.url;
  }

  static async start(options: { now: string }): Promise<Scenario> {
    const clock = new ControlledClock(options.now);
    // the server gives the engine the flows' expression functions (cityOf, provinceOf) itself
    const server = await startTestServer({ clock, jobExecutor: true });
    return new Scenario(server, clock);
  }

  /** The user's actor, logged in (every demo user's password is `demo`; the demo organisation has the officers each flow needs). */
  async as(user: string, password?: string): Promise<Actor> {
    let actor = this.actors.get(user);
    if (!actor) {
      actor = new Actor(user, this, password);
      await actor.login();
      this.actors.set(user, actor);
    }
    return actor;
  }

  /** Deploys the flow as an IT user does from the designer (multipart BPMN + forms). */
  async deploy(flow: FlowEntry, user = "demo"): Promise<string> {
    const actor = await this.as(user);
    const cookie = `jintu_session=${(actor as unknown as { client: TestClient }).client.cookie("jintu_session")}`;
    const deployment = await deployFlowOverHttp(this.url, { cookie }, flow, { note: "scenario test" });
    const definition = Object.values(deployment.deployedProcessDefinitions ?? {}).find((d) => d.key === flow.key);
    if (!definition) throw new Error(`Deployment of ${flow.key} holds no process '${flow.key}'`);
    return definition.id;
  }

  /** Starts the flows' workers in this process against the server, as user `worker` over HTTP Basic. */
  startWorkers(flows: FlowEntry[], settings: Record<string, Record<string, unknown>> = {}): RunningWorkers {
    const running = startFlowWorkers(this.url, { username: "worker", password: "demo" }, {
      flows, settings, asyncResponseTimeout: 500, interval: 30, workerId: `scenario-${this.workers.length + 1}`,
    });
    this.workers.push(running);
    return running;
  }

  /** Moves the clock; the server's job executor fires the timers that fell due. */
  advance(ms: number): void {
    this.clock.advance(ms);
    // sessions slide on the server's clock: after a jump every clerk logs in again, as he would next morning
    for (const actor of this.actors.values()) actor.stale = true;
  }

  async validateForm(flow: FlowEntry, formKey: string | null, data: Record<string, unknown>): Promise<void> {
    if (!formKey) return;
    if (!formKey.startsWith(FORM_KEY_PREFIX)) throw new Error(`Task form key '${formKey}' is not a Jintu form`);
    const form = readForm(flow, formKey.slice(FORM_KEY_PREFIX.length));
    const result = await validateSubmission(form as never, data, { loadGeoJson: sampleLayerLoader([path.join(flow.dir, "data")]) });
    if (!result.valid) throw new Error(`Form ${formKey} rejects the data: ${JSON.stringify(result.errors)}`);
    // What Form.io checks in the browser: required fields filled, and the data has no field the form lacks.
    const keys = new Set<string>();
    walkComponents(form.components as FormComponentJson[], data, ({ component, value, path: dataPath }) => {
      if (component.type === "button") return;
      if (!component.input && component.type !== "parcelMap" && component.type !== "pointPicker" && component.type !== "regionSelect") return;
      keys.add(dataPath.split(/[.[]/)[0]!);
      const required = (component.validate as { required?: boolean } | undefined)?.required;
      if (required && (value === undefined || value === null || value === "")) throw new Error(`Form ${formKey}: required field '${component.key}' is empty`);
    });
    const unknown = Object.keys(data).filter((k) => !keys.has(k));
    if (unknown.length) throw new Error(`Form ${formKey} has no field for ${unknown.join(", ")}`);
  }

  async stop(): Promise<void> {
    for (const w of this.workers) await w.stop();
    await this.server.stop();
  }
}
