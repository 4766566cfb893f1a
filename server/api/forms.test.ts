import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestClient, type TestServer } from "../testing/testServer";

let server: TestServer;
let it_staff: TestClient;

beforeAll(async () => {
  server = await startTestServer();
  it_staff = await server.login("hangzhou-it");
});
afterAll(async () => server?.stop());

const definition = (label: string) => ({ display: "form", components: [{ type: "textfield", key: "applicant", label }] });
const countForms = async () => Number((await server.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM form_definition`))!.n);

describe("forms", () => {
  it("saves versions and reads the latest or a given version", async () => {
    const first = await it_staff.put("/api/forms/land-application", { json: { name: "建设用地申请", definition: definition("申请人"), note: "first" } });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ key: "land-application", version: 1 });
    const second = await it_staff.put("/api/forms/land-application", { json: { name: "建设用地申请表", definition: definition("申请单位") } });
    expect(await second.json()).toEqual({ key: "land-application", version: 2 });

    const latest = await (await it_staff.get("/api/forms/land-application")).json();
    expect(latest).toMatchObject({ key: "land-application", name: "建设用地申请表", version: 2, createdBy: "hangzhou-it" });
    expect(latest.definition.components[0].label).toBe("申请单位");

    const v1 = await (await it_staff.get("/api/forms/land-application?version=1")).json();
    expect(v1).toMatchObject({ version: 1, name: "建设用地申请", note: "first" });
    expect(v1.definition.components[0].label).toBe("申请人");

    const list = await (await it_staff.get("/api/forms")).json();
    expect(list).toEqual([{ key: "land-application", name: "建设用地申请表", version: 2, updatedAt: expect.any(String) }]);

    const versions = await (await it_staff.get("/api/forms/land-application/versions")).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("answers 404 for a missing form or version", async () => {
    const res = await it_staff.get("/api/forms/no-such-form");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ type: "NotFoundException", message: "No form 'no-such-form'" });
    expect((await it_staff.get("/api/forms/land-application?version=99")).status).toBe(404);
  });

  it("rejects invalid bodies with 400 {type, message} and writes nothing", async () => {
    const before = await countForms();
    const cases: [string, unknown, RegExp][] = [
      ["/api/forms/ok-key", { definition: definition("x") }, /name/],
      ["/api/forms/ok-key", { name: "x", definition: "not an object" }, /definition/],
      ["/api/forms/ok-key", { name: "x", definition: { components: "nope" } }, /definition\.components/],
      ["/api/forms/ok-key", { name: "", definition: definition("x") }, /name/],
      ["/api/forms/9bad%20key", { name: "x", definition: definition("x") }, /key/],
    ];
    for (const [path, body, message] of cases) {
      const res = await it_staff.put(path, { json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = await res.json();
      expect(error.type).toBe("InvalidRequestException");
      expect(error.message).toMatch(message);
    }
    const malformed = await it_staff.put("/api/forms/ok-key", { headers: { "content-type": "application/json" }, json: undefined });
    expect(malformed.status).toBe(400);
    const broken = await fetch(server.url + "/api/forms/ok-key", { method: "PUT", headers: { "content-type": "application/json", cookie: `jintu_session=${it_staff.cookie("jintu_session")}` }, body: "{oops" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: "InvalidRequestException" });
    expect(await countForms()).toBe(before);
  });

  it("lets clerks read but not save (403), and anonymous callers nothing (401)", async () => {
    const clerk = await server.login("xihu-clerk");
    expect((await clerk.get("/api/forms/land-application")).status).toBe(200);
    const denied = await clerk.put("/api/forms/land-application", { json: { name: "x", definition: definition("x") } });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ type: "AuthorizationException" });
    expect((await server.client().get("/api/forms")).status).toBe(401);
    expect((await server.client().put("/api/forms/x", { json: { name: "x", definition: definition("x") } })).status).toBe(401);
  });
});

describe("audit log", () => {
  it("writes one row per state-changing request, after the response, and supervisors read it", async () => {
    await it_staff.put("/api/forms/audited-form", { json: { name: "审计", definition: definition("x") } });
    const row = await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE target = 'audited-form'`));
    expect(row).toMatchObject({ user_id: "hangzhou-it", region: "330100", action: "PUT /api/forms/:key", status: 200 });
    expect(row.client_address).toMatch(/127\.0\.0\.1/);
    expect(Number(row.time)).toBeGreaterThan(Date.now() - 60_000);

    // denied and failed requests are audited too; reads are not
    const clerk = await server.login("xihu-clerk");
    await clerk.put("/api/forms/audited-form", { json: { name: "x", definition: definition("x") } });
    await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE user_id = 'xihu-clerk' AND status = 403`));
    await server.client().post("/api/auth/login", { json: { username: "xihu-clerk", password: "wrong" } });
    await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE user_id = 'xihu-clerk' AND action = 'POST /api/auth/login' AND status = 401`));
    expect(await server.db.get(`SELECT * FROM audit_log WHERE action LIKE 'GET %'`)).toBeUndefined();

    // /engine-rest writes are audited as well (here: an unknown resource, answered 404 after authentication)
    await server.client().post("/engine-rest/no-such/thing", { headers: { authorization: "Basic " + Buffer.from("demo:demo").toString("base64") }, json: {} });
    await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE user_id = 'demo' AND action LIKE 'POST /engine-rest%' AND status = 404`));

    const supervisor = await server.login("hangzhou-supervisor");
    const log = await (await supervisor.get("/api/audit?action=PUT%20/api/forms")).json();
    expect(log.total).toBeGreaterThanOrEqual(1);
    expect(log.items.every((e: { region: string }) => e.region.startsWith("3301"))).toBe(true);
    expect((await clerk.get("/api/audit")).status).toBe(403);

    // the national-tier supervisor sees rows of every region
    const national = await server.login("national-supervisor");
    const all = await (await national.get("/api/audit?maxResults=1000")).json();
    expect(all.items.some((e: { region: string | null }) => e.region === "330106")).toBe(true);
  });
});
