// Through the whole server (startServer: auth middleware, casbin principals, demo users): Modeler's deploy
// with HTTP Basic, a real external-task worker with BasicAuthInterceptor, and county isolation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../index";
import { eventually, externalTaskProcess } from "./testSupport";

const CLIENT_MODULE = "camunda-external-task-client-js";
type Any = any;

let server: RunningServer;
let dir: string;
const basic = (user: string) => `Basic ${Buffer.from(`${user}:demo`).toString("base64")}`;
const call = async (user: string | null, method: string, p: string, body?: unknown) => {
  const headers: Record<string, string> = user ? { authorization: basic(user) } : {};
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}/engine-rest${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "jintu-engine-rest-full-"));
  server = await startServer({ port: 0, databaseUrl: `file:${path.join(dir, "jintu.db")}`, quiet: true, seedDemo: true, deployFlows: false });
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("/engine-rest inside the Jintu server", () => {
  it("deploys with Modeler's request, runs a worker, and keeps counties apart", async () => {
    expect((await call(null, "GET", "/version")).status).toBe(401);
    expect((await call(null, "GET", "/engine")).body).toEqual([{ name: "default" }]);

    const form = new FormData();
    form.append("deployment-name", "parcel-check");
    form.append("deployment-source", "Camunda Modeler");
    form.append("enable-duplicate-filtering", "true");
    form.append("parcel-check.bpmn", new Blob([externalTaskProcess("parcel_check", "parcel-overlap")], { type: "text/xml" }), "parcel-check.bpmn");
    const deployed = await fetch(`${server.url}/engine-rest/deployment/create`, { method: "POST", body: form, headers: { accept: "application/json", authorization: basic("demo") } });
    expect(deployed.status).toBe(200);
    expect(Object.values((await deployed.json()).deployedProcessDefinitions)).toHaveLength(1);

    const started: Record<string, string> = {};
    for (const county of ["330106", "330108"]) {
      const r = await call("demo", "POST", "/process-definition/key/parcel_check/start", { businessKey: `P-${county}`, tenantId: county, variables: { county: { value: county, type: "String" } } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      started[county] = r.body.id;
    }

    const { Client, BasicAuthInterceptor, Variables } = await import(/* @vite-ignore */ CLIENT_MODULE);
    const client: Any = new Client({ baseUrl: `${server.url}/engine-rest`, workerId: "overlay-worker", asyncResponseTimeout: 1000, interval: 20, interceptors: new BasicAuthInterceptor({ username: "worker", password: "demo" }) });
    const handled: string[] = [];
    client.subscribe("parcel-overlap", async ({ task, taskService }: Any) => {
      handled.push(task.variables.get("county"));
      await taskService.complete(task, new Variables().set("overlapMu", 0));
    });
    try {
      await eventually(async () => handled.length === 2, 10_000, "both counties' external tasks");
    } finally {
      client.stop();
      // Let the worker's last long poll (1 s) end before the server closes under it.
      await new Promise((r) => setTimeout(r, 1_200));
    }
    expect(handled.sort()).toEqual(["330106", "330108"]);

    const xihuTasks = await call("xihu-clerk", "GET", "/task");
    expect(xihuTasks.status).toBe(200);
    expect(xihuTasks.body.map((t: { processInstanceId: string }) => t.processInstanceId)).toEqual([started["330106"]]);
    expect((await call("xihu-clerk", "GET", `/process-instance/${started["330108"]}`)).status).toBe(404);
    expect((await call("xihu-clerk", "GET", `/history/process-instance/${started["330108"]}`)).status).toBe(404);
    expect((await call("xihu-clerk", "GET", `/process-instance/${started["330106"]}/variables/overlapMu`)).body).toEqual({ type: "Integer", value: 0, valueInfo: {} });
    // A clerk cannot deploy.
    const clerkForm = new FormData();
    clerkForm.append("x.bpmn", new Blob([externalTaskProcess("x", "x")]), "x.bpmn");
    const refused = await fetch(`${server.url}/engine-rest/deployment/create`, { method: "POST", body: clerkForm, headers: { authorization: basic("xihu-clerk") } });
    expect(refused.status).toBe(403);
  });
});
