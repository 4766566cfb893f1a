// Real camunda-external-task-client-js workers against the router over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDate } from "./dates";
import { eventually, externalTaskProcess, startRestServer, type RestServer } from "./testSupport";

// The client ships without TypeScript types; a computed specifier keeps tsc from asking for them.
const CLIENT_MODULE = "camunda-external-task-client-js";
type Any = any;
let Client: Any, Variables: Any, File: Any, BasicAuthInterceptor: Any;

let srv: RestServer;
const clients: Any[] = [];

function worker(options: Record<string, unknown> = {}): Any {
  const c = new Client({ baseUrl: srv.url, workerId: "worker-1", asyncResponseTimeout: 1000, interval: 20, lockDuration: 20_000, ...options });
  clients.push(c);
  return c;
}

async function startInstance(key: string, variables: Record<string, unknown> = {}, businessKey?: string) {
  const r = await srv.call("POST", `/process-definition/key/${key}/start`, { variables, businessKey });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}

async function activeUserTask(processInstanceId: string) {
  return eventually(async () => {
    const r = await srv.call("GET", `/task?processInstanceId=${processInstanceId}`);
    return r.body.length === 1 ? r.body[0] : null;
  }, 10_000, "a user task");
}

beforeAll(async () => {
  ({ Client, Variables, File, BasicAuthInterceptor } = await import(/* @vite-ignore */ CLIENT_MODULE));
  srv = await startRestServer({ authorize: false });
  for (const [key, topic] of [["et_complete", "t-complete"], ["et_fail", "t-fail"], ["et_error", "t-error"], ["et_lock", "t-lock"], ["et_poll", "t-poll"]]) {
    const d = await srv.deploy(key!, externalTaskProcess(key!, topic!));
    expect(d.status, JSON.stringify(d.body)).toBe(200);
  }
});

afterAll(async () => {
  for (const c of clients) c.stop();
  await srv?.close();
});

describe("camunda-external-task-client-js against /engine-rest", () => {
  it("fetches with variables and completes with typed, file and local variables", async () => {
    const pid = await startInstance("et_complete", { parcelArea: { value: 12.5, type: "Double" }, county: { value: "330106", type: "String" } }, "BK-complete");
    const seen: Record<string, unknown> = {};
    const c = worker({ interceptors: new BasicAuthInterceptor({ username: "worker", password: "secret" }) });
    c.subscribe("t-complete", { variables: ["parcelArea", "county"] }, async ({ task, taskService }: Any) => {
      seen.area = task.variables.get("parcelArea");
      seen.county = task.variables.get("county");
      seen.businessKey = task.businessKey;
      seen.all = Object.keys(task.variables.getAll()).sort();
      const vars = new Variables();
      vars.set("overlapMu", 3);
      vars.set("report", { layers: ["基本农田"], ok: false });
      vars.setTyped("checkedAt", { type: "Date", value: new Date(Date.UTC(2026, 10, 25, 9, 30)) });
      const file = new File({ localPath: import.meta.filename });
      await file.load();
      vars.set("evidence", file);
      const local = new Variables().set("attempt", 1);
      await taskService.complete(task, vars, local);
    });
    const task = await activeUserTask(pid);
    expect(task.taskDefinitionKey).toBe("review");
    expect(seen).toEqual({ area: 12.5, county: "330106", businessKey: "BK-complete", all: ["county", "parcelArea"] });

    const vars = (await srv.call("GET", `/process-instance/${pid}/variables`)).body;
    expect(vars.overlapMu).toEqual({ type: "Integer", value: 3, valueInfo: {} });
    expect(vars.report.type).toBe("Json");
    expect(JSON.parse(vars.report.value)).toEqual({ layers: ["基本农田"], ok: false });
    expect(vars.checkedAt).toEqual({ type: "Date", value: "2026-11-25T09:30:00.000+0000", valueInfo: {} });
    expect(vars.evidence.type).toBe("File");
    expect(vars.evidence.value).toBeNull();
    expect(vars.evidence.valueInfo.filename).toBe("externalTask.test.ts");
    // Local variables stayed on the external task's execution, not on the instance.
    expect(vars.attempt).toBeUndefined();

    // The download path the client itself uses for File variables.
    const data = await fetch(`${srv.url}/execution/${pid}/localVariables/evidence/data`);
    expect(data.status).toBe(200);
    expect(await data.text()).toContain("camunda-external-task-client-js against /engine-rest");
    const viaInstance = await fetch(`${srv.url}/process-instance/${pid}/variables/evidence/data`);
    expect((await viaInstance.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("reports failures with decreasing retries until an incident appears", async () => {
    const pid = await startInstance("et_fail");
    let attempts = 0;
    const c = worker();
    c.subscribe("t-fail", async ({ task, taskService }: Any) => {
      attempts += 1;
      const retries = task.retries === null ? 2 : task.retries - 1;
      await taskService.handleFailure(task, { errorMessage: `图层服务不可用 #${attempts}`, errorDetails: "stack trace here", retries, retryTimeout: 0 });
    });
    const incidents = await eventually(async () => {
      const r = await srv.call("GET", `/incident?processInstanceId=${pid}`);
      return r.body.length > 0 ? r.body : null;
    }, 15_000, "an incident");
    c.stop();
    // Let the worker's last long poll (asyncResponseTimeout 1 s) run out before touching the task again.
    await new Promise((r) => setTimeout(r, 1_300));
    expect(attempts).toBe(3);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].incidentType).toBe("failedExternalTask");
    expect(incidents[0].incidentMessage).toBe("图层服务不可用 #3");
    expect((await srv.call("GET", `/incident/count?processInstanceId=${pid}`)).body).toEqual({ count: 1 });

    const [ext] = (await srv.call("GET", `/external-task?processInstanceId=${pid}`)).body;
    expect(ext.retries).toBe(0);
    expect(ext.errorMessage).toBe("图层服务不可用 #3");
    const details = await srv.call("GET", `/external-task/${ext.id}/errorDetails`);
    expect(details.body).toBe("stack trace here");
    expect((await srv.call("GET", `/external-task/count?noRetriesLeft=true&processInstanceId=${pid}`)).body).toEqual({ count: 1 });

    // An operator gives it retries again: the task becomes fetchable and no incident stays.
    expect((await srv.call("PUT", `/external-task/${ext.id}/retries`, { retries: 1 })).status).toBe(204);
    expect((await srv.call("GET", `/incident/count?processInstanceId=${pid}`)).body).toEqual({ count: 0 });
    const fetched = await srv.call("POST", "/external-task/fetchAndLock", { workerId: "op", maxTasks: 1, topics: [{ topicName: "t-fail", lockDuration: 1000 }] });
    expect(fetched.body.map((t: Any) => t.id)).toEqual([ext.id]);
  });

  it("throws a BPMN error that the boundary event catches", async () => {
    const pid = await startInstance("et_error");
    const c = worker();
    c.subscribe("t-error", async ({ task, taskService }: Any) => {
      await taskService.handleBpmnError(task, "E_PARCEL_OVERLAP", "占用基本农田 2.3 亩", new Variables().set("overlapMu", 2.3));
    });
    const task = await activeUserTask(pid);
    expect(task.taskDefinitionKey).toBe("manualCheck");
    const v = await srv.call("GET", `/process-instance/${pid}/variables/overlapMu`);
    expect(v.body).toEqual({ type: "Double", value: 2.3, valueInfo: {} });
  });

  it("extends a lock", async () => {
    const pid = await startInstance("et_lock");
    let before: number | null = null;
    let after: number | null = null;
    const c = worker({ lockDuration: 5_000 });
    c.subscribe("t-lock", async ({ task, taskService }: Any) => {
      const read = async () => parseDate((await srv.call("GET", `/external-task/${task.id}`)).body.lockExpirationTime)!.getTime();
      before = await read();
      await taskService.extendLock(task, 600_000);
      after = await read();
      await taskService.complete(task);
    });
    await activeUserTask(pid);
    expect(before).not.toBeNull();
    expect(after! - before!).toBeGreaterThan(500_000);
  });

  it("long polling answers as soon as a task appears, and wrong workers are refused", async () => {
    const started = Date.now();
    const poll = srv.call("POST", "/external-task/fetchAndLock", {
      workerId: "long-poller", maxTasks: 1, asyncResponseTimeout: 8_000, topics: [{ topicName: "t-poll", lockDuration: 60_000 }],
    });
    await new Promise((r) => setTimeout(r, 300));
    const pid = await startInstance("et_poll");
    const res = await poll;
    const waited = Date.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toHaveLength(1);
    expect(res.body[0].processInstanceId).toBe(pid);
    expect(res.body[0].workerId).toBe("long-poller");
    expect(res.body[0].lockExpirationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(waited).toBeLessThan(6_000);

    const wrong = await srv.call("POST", `/external-task/${res.body[0].id}/complete`, { workerId: "someone-else" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.type).toBe("RestException");
    const right = await srv.call("POST", `/external-task/${res.body[0].id}/complete`, { workerId: "long-poller" });
    expect(right.status).toBe(204);
  });

  it("an empty long poll waits for its timeout, and a disconnected poll locks nothing", async () => {
    const t0 = Date.now();
    const empty = await srv.call("POST", "/external-task/fetchAndLock", { workerId: "w", maxTasks: 1, asyncResponseTimeout: 700, topics: [{ topicName: "no-such-topic", lockDuration: 1000 }] });
    expect(empty.body).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(600);

    const abort = new AbortController();
    const gone = fetch(`${srv.url}/external-task/fetchAndLock`, {
      method: "POST", signal: abort.signal, headers: { "content-type": "application/json" },
      body: JSON.stringify({ workerId: "vanished", maxTasks: 1, asyncResponseTimeout: 20_000, topics: [{ topicName: "t-poll", lockDuration: 60_000 }] }),
    }).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 200));
    abort.abort();
    expect(await gone).toBe("aborted");
    await new Promise((r) => setTimeout(r, 100));
    const pid = await startInstance("et_poll");
    const got = await srv.call("POST", "/external-task/fetchAndLock", { workerId: "present", maxTasks: 5, topics: [{ topicName: "t-poll", lockDuration: 1000 }] });
    expect(got.body.map((t: Any) => [t.processInstanceId, t.workerId])).toEqual([[pid, "present"]]);

    const tooLong = await srv.call("POST", "/external-task/fetchAndLock", { workerId: "w", maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: [] });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe("The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds");
  });
});
