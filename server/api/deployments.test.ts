// Who may deploy what: a region's model needs deployment write there; a shared (tenant-less) model needs
// the national tier or the model-publisher role (province IT staff), over /engine-rest and /api alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/testServer";

const bpmn = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${key}" isExecutable="true"><bpmn:startEvent id="s"/></bpmn:process>
</bpmn:definitions>`;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

async function deployOverEngineRest(user: string, key: string, tenantId?: string) {
  const form = new FormData();
  form.append("deployment-name", key);
  if (tenantId) form.append("tenant-id", tenantId);
  form.append(`${key}.bpmn`, new Blob([bpmn(key)]), `${key}.bpmn`);
  const res = await fetch(`${server.url}/engine-rest/deployment/create`, {
    method: "POST", body: form, headers: { authorization: `Basic ${Buffer.from(`${user}:demo`).toString("base64")}` } });
  return { status: res.status, body: await res.json() as { message?: string; tenantId?: string | null } };
}

describe("deploying shared and regional models", () => {
  it("province IT staff deploy shared models; county IT staff only their own county's", async () => {
    const shared = await deployOverEngineRest("zhejiang-it", "shared_model");
    expect(shared.status).toBe(200);
    expect(shared.body.tenantId).toBeNull();

    const refused = await deployOverEngineRest("xihu-it", "county_shared");
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain("may not deploy shared models");
    expect((await deployOverEngineRest("xihu-it", "county_own", "330106")).status).toBe(200);
    expect((await deployOverEngineRest("xihu-it", "other_county", "330110")).status).toBe(403);
    // the shared-model right does not widen what the province IT staff see or deploy to
    expect((await deployOverEngineRest("zhejiang-it", "ningxia", "640000")).status).toBe(403);

    const it = await server.login("zhejiang-it");
    const viaApi = await it.post("/api/deployments", { json: { name: "shared_api", resources: [{ name: "shared_api.bpmn", content: bpmn("shared_api") }] } });
    expect(viaApi.status).toBe(201);
    const xihu = await server.login("xihu-it");
    expect((await xihu.post("/api/deployments", { json: { name: "x", resources: [{ name: "x.bpmn", content: bpmn("x") }] } })).status).toBe(403);
    expect((await xihu.post("/api/deployments", { json: { name: "y", tenantId: "330110", resources: [{ name: "y.bpmn", content: bpmn("y") }] } })).status).toBe(403);
    expect((await xihu.post("/api/deployments", { json: { name: "z", tenantId: "330106", resources: [{ name: "z.bpmn", content: bpmn("z") }] } })).status).toBe(201);
    expect((await server.engine.getDeployments({})).map((d) => [d.name, d.tenantId]).sort()).toEqual(
      [["county_own", "330106"], ["shared_api", null], ["shared_model", null], ["z", "330106"]]);
  });
});
