// A county clerk sees and works only his county's cases; objects of another county answer 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalTaskProcess, startRestServer, testPrincipal, userTaskProcess, type RestServer } from "./testSupport";

let srv: RestServer;
const XIHU = "330106"; // 西湖区
const BINJIANG = "330108"; // 滨江区
const ids: Record<string, string> = {};

const principals = {
  admin: testPrincipal("admin", { isAdmin: true, visibleTenants: null }),
  xihuClerk: testPrincipal("xihu-clerk", { groups: [`clerk@${XIHU}`], regions: [XIHU], visibleTenants: [XIHU] }),
  xihuOther: testPrincipal("xihu-other", { groups: [`other@${XIHU}`], regions: [XIHU], visibleTenants: [XIHU] }),
  binjiangClerk: testPrincipal("bj-clerk", { groups: [`clerk@${BINJIANG}`], regions: [BINJIANG], visibleTenants: [BINJIANG] }),
  cityChief: testPrincipal("city-chief", { groups: [], regions: ["330100"], visibleTenants: ["330100", XIHU, BINJIANG] }),
  twoCounties: testPrincipal("two-counties", { groups: [], regions: [XIHU, BINJIANG], visibleTenants: [XIHU, BINJIANG] }),
};

beforeAll(async () => {
  srv = await startRestServer({ principals });
  const admin = srv.as("admin");
  expect((await srv.deploy("county_case", userTaskProcess("county_case"), { user: "admin" })).status).toBe(200);
  expect((await srv.deploy("county_ext", externalTaskProcess("county_ext", "county-topic"), { user: "admin" })).status).toBe(200);
  for (const [county, clerkGroup] of [[XIHU, `clerk@${XIHU}`], [BINJIANG, `clerk@${BINJIANG}`]] as const) {
    const started = await admin.call("POST", "/process-definition/key/county_case/start", {
      businessKey: `CASE-${county}`,
      tenantId: county,
      variables: { assignee: { value: null, type: "Null" }, group: { value: clerkGroup }, due: { value: null }, priority: { value: 50 }, taskName: { value: `审查 ${county}` }, secret: { value: `机密 ${county}` } },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    ids[`pi-${county}`] = started.body.id;
    ids[`task-${county}`] = (await admin.call("GET", `/task?processInstanceId=${started.body.id}`)).body[0].id;
    const ext = await admin.call("POST", "/process-definition/key/county_ext/start", { tenantId: county });
    ids[`ext-pi-${county}`] = ext.body.id;
  }
});
afterAll(async () => srv?.close());

describe("tenant isolation", () => {
  it("requires a principal", async () => {
    const res = await srv.call("GET", "/task");
    expect(res.status).toBe(401);
  });

  it("narrows every list and count to the caller's county", async () => {
    const xihu = srv.as("xihuClerk");
    const tasks = (await xihu.call("GET", "/task")).body;
    expect(tasks.map((t: { tenantId: string }) => t.tenantId)).toEqual([XIHU]);
    expect((await xihu.call("GET", "/task/count")).body).toEqual({ count: 1 });
    expect((await xihu.call("POST", "/task", { tenantIdIn: [BINJIANG] })).body).toEqual([]);
    expect((await xihu.call("GET", `/task?tenantIdIn=${BINJIANG}`)).body).toEqual([]);
    const instances = (await xihu.call("GET", "/process-instance")).body;
    expect(instances.map((p: { tenantId: string }) => p.tenantId).sort()).toEqual([XIHU, XIHU]);
    expect((await xihu.call("GET", "/history/process-instance/count")).body).toEqual({ count: 2 });
    expect((await xihu.call("GET", "/history/variable-instance?variableName=secret")).body.map((v: { value: string }) => v.value)).toEqual([`机密 ${XIHU}`]);
    expect((await xihu.call("GET", "/history/task")).body.every((t: { tenantId: string }) => t.tenantId === XIHU)).toBe(true);
    expect((await xihu.call("GET", "/history/activity-instance")).body.every((a: { tenantId: string }) => a.tenantId === XIHU)).toBe(true);
    expect((await xihu.call("GET", "/external-task")).body.map((t: { processInstanceId: string }) => t.processInstanceId)).toEqual([ids[`ext-pi-${XIHU}`]]);
    // A city chief sees both counties.
    expect((await srv.as("cityChief").call("GET", "/task/count")).body).toEqual({ count: 2 });
  });

  it("answers another county's objects with 404, as if absent", async () => {
    const xihu = srv.as("xihuClerk");
    const foreignTask = ids[`task-${BINJIANG}`];
    const foreignPi = ids[`pi-${BINJIANG}`];
    for (const [method, path, body] of [
      ["GET", `/task/${foreignTask}`, undefined],
      ["GET", `/task/${foreignTask}/variables`, undefined],
      ["POST", `/task/${foreignTask}/claim`, { userId: "xihu-clerk" }],
      ["POST", `/task/${foreignTask}/complete`, {}],
      ["GET", `/process-instance/${foreignPi}`, undefined],
      ["GET", `/process-instance/${foreignPi}/variables/secret`, undefined],
      ["DELETE", `/process-instance/${foreignPi}`, undefined],
      ["GET", `/history/process-instance/${foreignPi}`, undefined],
      ["GET", `/execution/${foreignPi}/localVariables`, undefined],
    ] as const) {
      const res = await xihu.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain("机密");
    }
    // Nothing changed over there.
    const still = await srv.as("binjiangClerk").call("GET", `/task/${foreignTask}`);
    expect(still.status).toBe(200);
    expect(still.body.assignee).toBeNull();
  });

  it("lets workers of one county fetch only that county's external tasks", async () => {
    const got = await srv.as("binjiangClerk").call("POST", "/external-task/fetchAndLock", { workerId: "bj-worker", maxTasks: 10, topics: [{ topicName: "county-topic", lockDuration: 10_000 }] });
    expect(got.body.map((t: { processInstanceId: string }) => t.processInstanceId)).toEqual([ids[`ext-pi-${BINJIANG}`]]);
    const asked = await srv.as("binjiangClerk").call("POST", "/external-task/fetchAndLock", { workerId: "bj-worker", maxTasks: 10, topics: [{ topicName: "county-topic", lockDuration: 10_000, tenantIdIn: [XIHU] }] });
    expect(asked.body).toEqual([]);
  });
});

describe("task work permissions", () => {
  it("refuses work to users who are neither assignee nor candidate", async () => {
    const id = ids[`task-${XIHU}`];
    const other = srv.as("xihuOther");
    const claim = await other.call("POST", `/task/${id}/claim`, { userId: "xihu-other" });
    expect(claim.status).toBe(403);
    expect(claim.body.type).toBe("AuthorizationException");
    expect((await other.call("POST", `/task/${id}/complete`, {})).status).toBe(403);
    // He may still read it (same county).
    expect((await other.call("GET", `/task/${id}`)).status).toBe(200);

    const clerk = srv.as("xihuClerk");
    expect((await clerk.call("POST", `/task/${id}/claim`, { userId: "someone-else" })).status).toBe(403);
    expect((await clerk.call("POST", `/task/${id}/claim`, { userId: "xihu-clerk" })).status).toBe(204);
    expect((await clerk.call("POST", `/task/${id}/complete`, { variables: { ok: { value: true } } })).status).toBe(204);
    expect((await clerk.call("GET", `/history/process-instance/${ids[`pi-${XIHU}`]}`)).body.state).toBe("COMPLETED");
  });
});

describe("definitions and deployments for county users", () => {
  it("shows shared definitions, starts them in the clerk's own county, refuses deployments", async () => {
    const xihu = srv.as("xihuClerk");
    const defs = (await xihu.call("GET", "/process-definition?sortBy=key&sortOrder=asc")).body.map((d: { key: string }) => d.key);
    expect(defs).toEqual(["county_case", "county_ext"]);
    const started = await xihu.call("POST", "/process-definition/key/county_ext/start", {});
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.tenantId).toBe(XIHU);
    const elsewhere = await xihu.call("POST", "/process-definition/key/county_ext/start", { tenantId: BINJIANG });
    expect(elsewhere.status).toBe(403);
    // A city chief's cases belong to his city; a user of two counties must say which one.
    const chief = await srv.as("cityChief").call("POST", "/process-definition/key/county_ext/start", {});
    expect(chief.body.tenantId).toBe("330100");
    const ambiguous = await srv.as("twoCounties").call("POST", "/process-definition/key/county_ext/start", {});
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.message).toContain("tenantId");

    const before = (await srv.as("admin").call("GET", "/deployment/count")).body.count;
    const denied = await srv.deploy("county_own", userTaskProcess("county_own"), { user: "xihuClerk", tenantId: XIHU });
    expect(denied.status).toBe(403);
    expect(denied.body.type).toBe("AuthorizationException");
    expect((await srv.as("admin").call("GET", "/deployment/count")).body.count).toBe(before);
  });
});


describe("case administration", () => {
  it("lets a clerk neither delete nor suspend a case of his county, nor edit its variables directly", async () => {
    const xihu = srv.as("xihuClerk");
    const pi = (await xihu.call("POST", "/process-definition/key/county_ext/start", {})).body.id as string;
    expect((await xihu.call("DELETE", `/process-instance/${pi}`)).status).toBe(403);
    expect((await xihu.call("PUT", `/process-instance/${pi}/suspended`, { suspended: true })).status).toBe(403);
    expect((await xihu.call("PUT", `/process-instance/${pi}/variables/x`, { value: 1, type: "Integer" })).status).toBe(403);
    expect((await xihu.call("GET", `/process-instance/${pi}`)).body).toMatchObject({ id: pi, suspended: false, ended: false });
    expect((await xihu.call("GET", `/process-instance/${pi}/variables/x`)).status).toBe(404);
    expect((await srv.as("admin").call("DELETE", `/process-instance/${pi}`)).status).toBe(204);
  });
});
