import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { FLOWS } from "../processes";
import { workerAccount } from "./flows";
import { startServer, type RunningServer } from "./index";
import { createTestDatabase, type TestDatabase } from "./testing/testDatabase";
import { TestClient } from "./testing/testServer";

const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:demo`).toString("base64")}` });

/** startServer as `npm start` runs it (flows deployed, workers in-process), with its log lines captured. */
async function start(databaseUrl: string, env: Record<string, string | undefined> = {}): Promise<{ server: RunningServer; lines: string[] }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k]; // process.env would store the string "undefined"
    else process.env[k] = v;
  }
  try {
    const server = await startServer({ port: 0, databaseUrl, jobExecutor: false });
    return { server, lines };
  } finally {
    spy.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("npm start: the business flows", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("deploys every flow, stores their forms, runs their workers; a restart deploys and stores nothing new", async () => {
    const first = await start(database.url, { JINTU_WORKERS: undefined, JINTU_WORKER_USER: undefined, JINTU_WORKER_PASSWORD: undefined });
    try {
      expect(first.lines, first.lines.join("\n")).toContain(`[jintu] deployed ${FLOWS.length} flows (${FLOWS.length} new)`);
      const topics = FLOWS.flatMap((f) => f.topics).length;
      expect(first.lines, first.lines.join("\n")).toContain(`[jintu] workers: ${topics} topics in-process (as worker)`);

      const definitions = await first.server.engine.getProcessDefinitions({ latestVersion: true });
      expect(definitions.map((d) => d.key).sort()).toEqual(FLOWS.map((f) => f.key).sort());
      expect(definitions.every((d) => d.tenantId === null && d.version === 1)).toBe(true);

      // the designer's templates open with their forms: every jintu-form key of a template is in /api/forms
      const it = new TestClient(first.server.url);
      expect((await it.post("/api/auth/login", { json: { username: "zhejiang-it", password: "demo" } })).status).toBe(200);
      const forms = (await (await it.get("/api/forms")).json()) as { key: string; name: string; version: number }[];
      const templates = (await (await it.get("/api/templates")).json()) as { key: string; bpmn: string }[];
      expect(templates).toHaveLength(FLOWS.length);
      const referenced = templates.flatMap((t) => [...t.bpmn.matchAll(/formKey="jintu-form:([^"]+)"/g)].map((m) => m[1]!));
      expect(referenced.length).toBeGreaterThan(FLOWS.length);
      for (const key of referenced) expect(forms.map((f) => f.key), key).toContain(key);
      expect(forms.find((f) => f.key === "cla-apply")).toMatchObject({ name: "建设用地申请", version: 1 });

      // the in-process workers serve: 灾情险情分级 (worker geohazard-grade) runs, the officer gets 启动应急响应
      const res = await fetch(`${first.server.url}/engine-rest/process-definition/key/geohazard-emergency/start`, {
        method: "POST", headers: { ...basic("xihu-enforcer"), "content-type": "application/json" },
        body: JSON.stringify({ tenantId: "330106", businessKey: "DZ-TEST-1", variables: {
          countyCode: { value: "330106", type: "String" }, hazardType: { value: "landslide", type: "String" }, eventKind: { value: "disaster", type: "String" },
          deaths: { value: 0, type: "Integer" }, directLossYuan: { value: 0, type: "Integer" }, threatenedPeople: { value: 150, type: "Integer" },
          potentialLossYuan: { value: 0, type: "Integer" }, alertDescription: { value: "样例", type: "String" },
          reportedAt: { value: "2026-07-01T08:00:00+08:00", type: "String" },
        } }),
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      const deadline = Date.now() + 20_000;
      let tasks: { taskDefinitionKey: string }[] = [];
      while (Date.now() < deadline && !tasks.length) {
        tasks = await (await fetch(`${first.server.url}/engine-rest/task?processInstanceId=${id}`, { headers: basic("xihu-enforcer") })).json() as never;
        if (!tasks.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(tasks.map((t) => t.taskDefinitionKey)).toEqual(["Task_Activate"]);
    } finally {
      await first.server.close();
    }

    const again = await start(database.url, { JINTU_WORKERS: "off" });
    try {
      expect(again.lines).toContain(`[jintu] deployed ${FLOWS.length} flows (0 new)`);
      expect(again.lines.find((l) => l.startsWith("[jintu] workers:"))).toMatch(/^\[jintu\] workers: none in-process: JINTU_WORKERS=off/);
      expect(await again.server.engine.getProcessDefinitions({})).toHaveLength(FLOWS.length);
      expect(await again.server.engine.getDeployments({})).toHaveLength(FLOWS.length);
      const versions = await again.server.db.get<{ n: number; v: number }>(`SELECT COUNT(*) AS n, MAX(version) AS v FROM form_definition`);
      expect(Number(versions!.n)).toBe(FLOWS.reduce((n, f) => n + f.forms.length, 0));
      expect(Number(versions!.v)).toBe(1);
    } finally {
      await again.server.close();
    }
  });

  it("a form IT staff changed in the designer is not overwritten by an unchanged flow file", async () => {
    const db = await createTestDatabase();
    try {
      const first = await start(db.url, { JINTU_WORKERS: "off" });
      try {
        const it = new TestClient(first.server.url);
        await it.post("/api/auth/login", { json: { username: "zhejiang-it", password: "demo" } });
        const put = await it.put("/api/forms/cla-apply", { json: { name: "建设用地申请(本省)", definition: { components: [] } } });
        expect(await put.json()).toEqual({ key: "cla-apply", version: 2 });
      } finally {
        await first.server.close();
      }
      const second = await start(db.url, { JINTU_WORKERS: "off" });
      try {
        expect((await second.server.repos.forms.get("cla-apply"))).toMatchObject({ version: 2, name: "建设用地申请(本省)" });
      } finally {
        await second.server.close();
      }
    } finally {
      await db.drop();
    }
  });

  it("the worker account: env, demo, none in production, off", () => {
    expect(workerAccount({ JINTU_WORKER_USER: "robot", JINTU_WORKER_PASSWORD: "s3cret" }, false)).toEqual({ auth: { username: "robot", password: "s3cret" } });
    expect(workerAccount({}, true)).toEqual({ auth: { username: "worker", password: "demo" } });
    expect(workerAccount({}, false)).toMatchObject({ auth: null, reason: expect.stringContaining("JINTU_WORKER_USER") });
    expect(workerAccount({ JINTU_WORKER_USER: "robot" }, true)).toMatchObject({ auth: null, reason: expect.stringContaining("both") });
    expect(workerAccount({ JINTU_WORKERS: "off", JINTU_WORKER_USER: "robot", JINTU_WORKER_PASSWORD: "x" }, true)).toMatchObject({ auth: null });
  });
});
