// The portal's routes through the real server: online application and tracking, the clerks' inbox and task
// page, attachments, supervision (case list, tracking, urge, suspend), statistics, notices — and that a user
// of one county or city never reaches another's tasks, files, cases or figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ControlledClock } from "../../engine";
import { eventually, startTestServer, type TestClient, type TestServer } from "../testing/testServer";
import { TEST_FLOW_KEY, TEST_PARCEL, testFlowDeployment } from "./portalTestFlow";

const DAY = 86_400_000;
const clock = new ControlledClock("2026-11-25T02:00:00Z"); // a Wednesday, 10:00 in China
let server: TestServer;
let applicant: TestClient;
let receipt: { receiptNo: string; queryCode: string; processInstanceId: string };

const json = async <T = any>(res: Response, status = 200): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
};
const applicationData = (overrides: Record<string, unknown> = {}) => ({
  projectName: "西湖区双浦镇污水处理厂", applicantName: "杭州市西湖水务有限公司", contactPhone: "13800000000", countyCode: "330106", parcel: TEST_PARCEL, ...overrides,
});
const openTask = async (client: TestClient, processInstanceId: string) => {
  const inbox = await json(await client.get(`/api/portal/inbox?businessKey=${encodeURIComponent(receipt.receiptNo)}`));
  return inbox.items.find((t: { processInstanceId: string }) => t.processInstanceId === processInstanceId);
};
const complete = (client: TestClient, taskId: string, variables: Record<string, unknown>) =>
  client.post(`/engine-rest/task/${taskId}/complete`, { json: { variables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, { value: v, type: "String" }])) } });

beforeAll(async () => {
  server = await startTestServer({ clock });
  const it = await server.login("zhejiang-it"); // a shared model (no tenant): province IT staff publish it
  await json(await it.post("/api/deployments", { json: testFlowDeployment() }), 201);
  applicant = await server.login("applicant");
});
afterAll(async () => { await server?.stop(); });

describe("online application (网上申报)", () => {
  it("lists the flows open to the public and their start form without a login", async () => {
    const anonymous = server.client();
    expect(await json(await anonymous.get("/api/portal/public/session"))).toEqual({ user: null });
    expect((await json(await applicant.get("/api/portal/public/session"))).user).toMatchObject({ id: "applicant", groups: ["applicant@330106"] });
    const flows = await json(await anonymous.get("/api/portal/public/flows"));
    expect(flows.map((f: { key: string }) => f.key)).toEqual([TEST_FLOW_KEY]);
    const form = await json(await anonymous.get(`/api/portal/public/flows/${TEST_FLOW_KEY}/form`));
    expect(form.form.components.map((c: { key: string }) => c.key)).toContain("parcel");
    await json(await anonymous.get("/api/portal/public/flows/no-such-flow/form"), 404);
  });

  it("refuses anonymous applications and reports invalid fields by name", async () => {
    await json(await server.client().post("/api/portal/applications", { json: { flow: TEST_FLOW_KEY, data: applicationData() } }), 401);
    const check = await json(await applicant.post("/api/portal/applications/validate", { json: { flow: TEST_FLOW_KEY, data: applicationData({ projectName: "", contactPhone: "12", parcel: null }) } }));
    expect(check.valid).toBe(false);
    expect(Object.keys(check.errors).sort()).toEqual(["contactPhone", "parcel", "projectName"]);
    const refused = await json(await applicant.post("/api/portal/applications", { json: { flow: TEST_FLOW_KEY, data: applicationData({ projectName: "" }) } }), 400);
    expect(refused.message).toMatch(/projectName/);
    // the demo applicant is registered in 西湖区 and may not apply in 宁波海曙区
    await json(await applicant.post("/api/portal/applications", { json: { flow: TEST_FLOW_KEY, data: applicationData({ countyCode: "330203" }) } }), 403);
  });

  it("starts the case and hands out a readable receipt number and a query code", async () => {
    receipt = await json(await applicant.post("/api/portal/applications", { json: { flow: TEST_FLOW_KEY, data: applicationData() } }), 201);
    expect(receipt.receiptNo).toBe("330106-20261125-0001");
    expect(receipt.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    clock.advance(60_000);
    const second = await json(await applicant.post("/api/portal/applications", { json: { flow: TEST_FLOW_KEY, data: applicationData({ projectName: "第二个项目" }) } }), 201);
    expect(second.receiptNo).toBe("330106-20261125-0002");
    const vars = await server.engine.getVariables(receipt.processInstanceId);
    expect(vars.parcel!.type).toBe("Json");
    expect(vars.cityCode!.value).toBe("330100");
    const mine = await json(await applicant.get("/api/portal/applications"));
    expect(mine.map((a: { receiptNo: string }) => a.receiptNo)).toEqual([second.receiptNo, receipt.receiptNo]);
  });

  it("tracks by receipt number and query code only, showing public steps and no internal data", async () => {
    const anonymous = server.client();
    await json(await anonymous.get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}&queryCode=WRONGCOD`), 404);
    await json(await anonymous.get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}`), 404);
    await json(await anonymous.get(`/api/portal/public/track?receiptNo=nonsense`), 400);
    const tracking = await json(await anonymous.get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode.toLowerCase()}`));
    expect(tracking).toMatchObject({ status: "in-progress", currentSteps: ["县级审查"], regionName: "西湖区" });
    expect(tracking.steps.map((s: { name: string }) => s.name)).toEqual(["提交用地申请", "县级审查"]);
    expect(JSON.stringify(tracking)).not.toMatch(/assignee|opinion|candidate|land-reviewer/i);
    // the applicant himself needs no code
    await json(await applicant.get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}`));
  });
});

describe("clerks: inbox, task page, attachments", () => {
  it("offers the case to the county's reviewers only, with filters and counts", async () => {
    const xihu = await server.login("xihu-clerk");
    const inbox = await json(await xihu.get("/api/portal/inbox"));
    expect(inbox.total).toBe(2);
    expect(inbox.counts).toEqual([{ flow: TEST_FLOW_KEY, name: "建设用地审批（门户测试）", count: 2 }]);
    expect(inbox.items[0]).toMatchObject({ name: "县级审查", applicantName: "杭州市西湖水务有限公司", tenantId: "330106", overdue: false });
    expect((await json(await xihu.get("/api/portal/inbox?applicant=" + encodeURIComponent("西湖水务")))).total).toBe(2);
    expect((await json(await xihu.get("/api/portal/inbox?applicant=" + encodeURIComponent("别家公司")))).total).toBe(0);
    expect((await json(await xihu.get(`/api/portal/inbox?businessKey=${receipt.receiptNo}`))).total).toBe(1);
    expect((await json(await xihu.get("/api/portal/inbox?overdue=true"))).total).toBe(0);
    const paged = await json(await xihu.get("/api/portal/inbox?maxResults=1&firstResult=1&sortBy=created&sortOrder=asc"));
    expect(paged.items.map((t: { businessKey: string }) => t.businessKey)).toEqual(["330106-20261125-0002"]);
    // the city's reviewer covers the county; another county's and another city's do not
    expect((await json(await (await server.login("hangzhou-clerk")).get("/api/portal/inbox"))).total).toBe(2);
    expect((await json(await (await server.login("yuhang-clerk")).get("/api/portal/inbox"))).total).toBe(0);
    expect((await json(await (await server.login("ningbo-clerk")).get("/api/portal/inbox"))).total).toBe(0);
    // applicants have no inbox
    await json(await applicant.get("/api/portal/inbox"), 403);
  });

  it("gives the task page with the form frozen in the deployment, and hides it from other counties", async () => {
    const xihu = await server.login("xihu-clerk");
    const task = await openTask(xihu, receipt.processInstanceId);
    const page = await json(await xihu.get(`/api/portal/tasks/${task.id}`));
    expect(page.form).toMatchObject({ key: "portal-county-review", source: "deployment" });
    expect(page.variables.projectName).toBe("西湖区双浦镇污水处理厂");
    expect(page.actions).toEqual({ canWork: false, canClaim: true, canUnclaim: false });
    await json(await (await server.login("yuhang-clerk")).get(`/api/portal/tasks/${task.id}`), 404);
    await json(await (await server.login("haishu-clerk")).post(`/api/portal/tasks/${task.id}/validate`, { json: { data: {} } }), 404);
  });

  it("validates a submission with the same form on the server", async () => {
    const xihu = await server.login("xihu-clerk");
    const task = await openTask(xihu, receipt.processInstanceId);
    const bad = await json(await xihu.post(`/api/portal/tasks/${task.id}/validate`, { json: { data: { countyDecision: "approve" } } }));
    expect(bad).toMatchObject({ valid: false });
    expect(Object.keys(bad.errors)).toEqual(["countyOpinion"]);
    const good = await json(await xihu.post(`/api/portal/tasks/${task.id}/validate`, { json: { data: { countyDecision: "approve", countyOpinion: "材料齐全" } } }));
    expect(good.valid).toBe(true);
  });

  it("stores attachments with type and size checks, and keeps them inside the case's region", async () => {
    const xihu = await server.login("xihu-clerk");
    const task = await openTask(xihu, receipt.processInstanceId);
    const upload = (client: TestClient, name: string, content: Buffer, type = "application/octet-stream") => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(content)], { type }), name);
      form.append("taskId", task.id);
      return fetch(`${server.url}/api/portal/cases/${receipt.processInstanceId}/attachments`, { method: "POST", body: form, headers: { cookie: `jintu_session=${client.cookie("jintu_session")}` } });
    };
    const pdf = Buffer.from("%PDF-1.4\n% 踏勘记录\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    // before claiming, the clerk is a candidate of the open task: he may add files
    const stored = await json(await upload(xihu, "现场踏勘记录.pdf", pdf, "application/pdf"), 201);
    expect(stored).toMatchObject({ name: "现场踏勘记录.pdf", contentType: "application/pdf", size: pdf.length, createdBy: "xihu-clerk" });
    expect((await json(await upload(xihu, "tool.exe", Buffer.from("MZ...")), 400)).message).toMatch(/not allowed/);
    expect((await json(await upload(xihu, "fake.pdf", Buffer.from("<html>")), 400)).message).toMatch(/not a \.pdf/);
    expect((await json(await upload(xihu, "photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]), "application/pdf"), 400)).message).toMatch(/expected image\/png/);
    await json(await upload(await server.login("yuhang-clerk"), "x.pdf", pdf), 404);
    await json(await upload(await server.login("hangzhou-supervisor"), "x.pdf", pdf), 403);

    const download = await xihu.get(`/api/portal/attachments/${stored.id}/content`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("现场踏勘记录.pdf")}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await json(await applicant.get(`/api/portal/cases/${receipt.processInstanceId}/attachments`))).length).toBe(1);
    await json(await (await server.login("yuhang-clerk")).get(`/api/portal/attachments/${stored.id}/content`), 404);
    await json(await (await server.login("ningbo-supervisor")).get(`/api/portal/cases/${receipt.processInstanceId}/attachments`), 404);
    await json(await (await server.login("hangzhou-clerk")).delete(`/api/portal/attachments/${stored.id}`), 403);
  });

  it("moves the case to the city after the county approves through /engine-rest", async () => {
    const xihu = await server.login("xihu-clerk");
    const task = await openTask(xihu, receipt.processInstanceId);
    await json(await xihu.post(`/engine-rest/task/${task.id}/claim`, { json: { userId: "xihu-clerk" } }), 204);
    expect((await json(await xihu.get(`/api/portal/tasks/${task.id}`))).actions).toEqual({ canWork: true, canClaim: false, canUnclaim: true });
    await json(await complete(xihu, task.id, { countyDecision: "approve", countyOpinion: "材料齐全，同意上报" }), 204);
    // the opinion follows the completion: only the user who completed the task may record it, once
    await json(await (await server.login("hangzhou-clerk")).post(`/api/portal/tasks/${task.id}/opinion`, { json: { decision: "approve", message: "冒名意见" } }), 403);
    await json(await (await server.login("yuhang-clerk")).post(`/api/portal/tasks/${task.id}/opinion`, { json: { decision: "approve", message: "冒名意见" } }), 404);
    await json(await xihu.post(`/api/portal/tasks/${task.id}/opinion`, { json: { decision: "approve", message: "材料齐全，同意上报" } }), 201);
    await json(await xihu.post(`/api/portal/tasks/${task.id}/opinion`, { json: { decision: "approve", message: "材料齐全，同意上报" } }), 409);
    const hangzhou = await server.login("hangzhou-clerk");
    const cityTask = await openTask(hangzhou, receipt.processInstanceId);
    expect(cityTask.name).toBe("市级审核");
    const page = await json(await hangzhou.get(`/api/portal/tasks/${cityTask.id}`));
    expect(page.opinions.map((o: { userName: string; message: string }) => [o.userName, o.message])).toEqual([["西湖分局经办 张华", "材料齐全，同意上报"]]);
    expect((await json(await xihu.get("/api/portal/inbox"))).total).toBe(1);
  });
});

describe("supervisors: cases, tracking, urge, suspend, statistics, map", () => {
  it("lists cases of the supervisor's region and below, with filters", async () => {
    const hangzhou = await server.login("hangzhou-supervisor");
    const all = await json(await hangzhou.get("/api/portal/cases"));
    expect(all.total).toBe(2);
    expect((await json(await hangzhou.get("/api/portal/cases?region=330106&status=running&from=2026-11-25&to=2026-11-25"))).total).toBe(2);
    expect((await json(await hangzhou.get("/api/portal/cases?region=330110"))).total).toBe(0);
    expect((await json(await hangzhou.get("/api/portal/cases?status=completed"))).total).toBe(0);
    expect((await json(await hangzhou.get("/api/portal/cases?from=2026-11-26"))).total).toBe(0);
    expect((await json(await (await server.login("ningbo-supervisor")).get("/api/portal/cases"))).total).toBe(0);
    await json(await (await server.login("ningbo-supervisor")).get("/api/portal/cases?region=330106"), 403);
    await json(await (await server.login("yuhang-clerk")).get(`/api/portal/cases/${receipt.processInstanceId}/tracking`), 404);
  });

  it("shows where the case stands and flags the overdue task in working days", async () => {
    clock.advance(20 * DAY); // far beyond the city's 10 working days
    const hangzhou = await server.login("hangzhou-supervisor");
    const tracking = await json(await hangzhou.get(`/api/portal/cases/${receipt.processInstanceId}/tracking`));
    expect(tracking.activeActivityIds).toEqual(["Task_CityReview"]);
    expect(tracking.visited.map((v: { activityId: string }) => v.activityId)).toEqual(["Start_Apply", "Task_CountyReview", "Gateway_County", "Task_CityReview"]);
    expect(tracking.xml).toContain("Task_CityReview");
    expect(tracking.openTasks[0]).toMatchObject({ name: "市级审核", overdue: true, assignee: null });
    expect(tracking.openTasks[0].workingDaysOpen).toBeGreaterThanOrEqual(13);
    expect(tracking.openTasks[0].workingDaysLeft).toBeLessThan(0);
    expect(tracking.operations.some((o: { operationType: string; userId: string }) => o.operationType === "Claim" && o.userId === "xihu-clerk")).toBe(true);
    // the second application still waits at the county (5 working days), overdue as well
    expect((await json(await hangzhou.get("/api/portal/cases?overdue=true"))).total).toBe(2);
  });

  it("urges through the approval route: once in the op log, the notifications and the audit log, shown by name", async () => {
    const pi = receipt.processInstanceId;
    const hangzhou = await server.login("hangzhou-supervisor");
    const before = await json(await hangzhou.get(`/api/portal/cases/${pi}/tracking`));
    expect(before.actions).toEqual({ canUrge: true, canSuspend: true, canRetry: true });
    expect(before.labels["land-reviewer@330100"]).toEqual({ zh: "用地审查（杭州市）", en: expect.stringMatching(/^Land reviewer \(/) });
    expect(before.labels["xihu-clerk"].zh).toBe("西湖分局经办 张华");
    const [task] = before.openTasks;
    const urged = await json(await hangzhou.post(`/api/tasks/${task.id}/urge`, { json: { message: "请尽快办理" } }), 201);
    expect(urged.notified).toEqual(["group:land-reviewer@330100"]);

    const after = await json(await hangzhou.get(`/api/portal/cases/${pi}/tracking`));
    expect(after.operations.filter((o: { operationType: string }) => o.operationType === "Urge")).toEqual([
      expect.objectContaining({ userId: "hangzhou-supervisor", taskId: task.id, newValue: "land-reviewer@330100", annotation: "请尽快办理" }),
    ]);
    expect(after.labels["hangzhou-supervisor"].zh).not.toBe("hangzhou-supervisor");
    expect(await server.db.all(`SELECT "recipient", "sender_id" FROM "notification" WHERE "process_instance_id" = ? AND "kind" = 'urge'`, [pi]))
      .toEqual([{ recipient: "group:land-reviewer@330100", sender_id: "hangzhou-supervisor" }]);
    await eventually(() => server.db.get(`SELECT 1 AS found FROM audit_log WHERE action = 'POST /api/tasks/:id/urge' AND target = ?`, [task.id]));
    expect(await server.db.all(`SELECT "user_id", "region", "status" FROM audit_log WHERE action LIKE '%urge%'`))
      .toEqual([{ user_id: "hangzhou-supervisor", region: "330106", status: 201 }]);
    const notices = await json(await (await server.login("hangzhou-clerk")).get("/api/notifications?unread=true"));
    expect(notices).toEqual([expect.objectContaining({ kind: "urge", senderId: "hangzhou-supervisor", taskId: task.id, body: "请尽快办理" })]);

    // the city clerk holds the task but handled nothing of the case: no button, and the route refuses him
    const cityClerk = await server.login("hangzhou-clerk");
    expect((await json(await cityClerk.get(`/api/portal/cases/${pi}/tracking`))).actions).toEqual({ canUrge: false, canSuspend: false, canRetry: false });
    await json(await cityClerk.post(`/api/tasks/${task.id}/urge`, { json: {} }), 403);
    // the county clerk completed the county step, so he may urge the city (the approval route's rule)
    expect((await json(await (await server.login("xihu-clerk")).get(`/api/portal/cases/${pi}/tracking`))).actions.canUrge).toBe(true);
    await json(await server.login("yuhang-clerk").then((c) => c.post(`/api/tasks/${task.id}/urge`, { json: {} })), 404);
    await json(await hangzhou.post(`/api/portal/cases/${pi}/urge`, { json: {} }), 404); // the portal's own urge is gone
  });

  it("suspends and resumes through the approval routes; the public tracking shows it", async () => {
    const pi = receipt.processInstanceId;
    await json(await (await server.login("xihu-supervisor")).post(`/api/cases/${pi}/suspend`), 204);
    expect((await json(await server.client().get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode}`))).status).toBe("suspended");
    const hangzhou = await server.login("hangzhou-supervisor");
    expect((await json(await hangzhou.get(`/api/portal/cases/${pi}/tracking`))).suspended).toBe(true);
    expect((await json(await hangzhou.get(`/api/portal/cases?status=suspended`))).total).toBe(1);
    await json(await (await server.login("hangzhou-clerk")).post(`/api/cases/${pi}/resume`), 403);
    await json(await (await server.login("ningbo-supervisor")).post(`/api/cases/${pi}/resume`), 404);
    await json(await hangzhou.put(`/api/portal/cases/${pi}/suspended`, { json: { suspended: false } }), 404); // the portal's own route is gone
    await json(await hangzhou.post(`/api/cases/${pi}/resume`), 204);
    expect((await json(await hangzhou.get(`/api/portal/cases/${pi}/tracking`))).suspended).toBe(false);
  });

  it("counts per flow and region, and refuses another region's statistics", async () => {
    const hangzhou = await server.login("hangzhou-supervisor");
    const stats = await json(await hangzhou.get("/api/portal/statistics"));
    expect(stats.region).toBe("330100");
    expect(stats.rows).toEqual([{ flow: TEST_FLOW_KEY, flowName: "建设用地审批（门户测试）", region: "330106", regionName: "西湖区", started: 2, completed: 0, running: 2, overdue: 2, averageCaseMs: null }]);
    expect(stats.steps).toEqual([expect.objectContaining({ flow: TEST_FLOW_KEY, activityId: "Task_CountyReview", completed: 1, late: 0 })]);
    await json(await (await server.login("yuhang-clerk")).get("/api/portal/statistics?region=330106"), 403);
    await json(await (await server.login("ningbo-supervisor")).get("/api/portal/statistics?region=330100"), 403);
    expect((await json(await (await server.login("ningbo-supervisor")).get("/api/portal/statistics"))).rows).toEqual([]);
  });

  it("puts the cases' parcels on the map with their status", async () => {
    const map = await json(await (await server.login("hangzhou-supervisor")).get("/api/portal/case-map"));
    expect(map.features).toHaveLength(2);
    expect(map.features.map((f: { properties: { status: string } }) => f.properties.status).sort()).toEqual(["overdue", "overdue"]);
    expect(map.features[0].geometry.type).toBe("Polygon");
    expect((await json(await (await server.login("ningbo-supervisor")).get("/api/portal/case-map"))).features).toEqual([]);
  });
});

describe("notices (公示) and the end of the case", () => {
  it("publishes a notice from a task and shows it publicly; the tracking page shows the result", async () => {
    const hangzhou = await server.login("hangzhou-clerk");
    const task = await openTask(hangzhou, receipt.processInstanceId);
    await json(await hangzhou.post(`/api/portal/tasks/${task.id}/notice`, { json: { title: "用地审核结果公示", body: "拟同意……", days: 10 } }), 403); // not claimed yet
    await json(await hangzhou.post(`/engine-rest/task/${task.id}/claim`, { json: { userId: "hangzhou-clerk" } }), 204);
    await json(await hangzhou.post(`/api/portal/tasks/${task.id}/notice`, { json: { title: "用地审核结果公示", body: "拟同意……", days: 10 } }), 201);
    const notices = await json(await server.client().get("/api/portal/public/notices"));
    expect(notices).toEqual([expect.objectContaining({ title: "用地审核结果公示", receiptNo: receipt.receiptNo, regionName: "西湖区" })]);
    expect(await json(await server.client().get("/api/portal/public/notices?region=330200"))).toEqual([]);
    await json(await complete(hangzhou, task.id, { cityDecision: "approve", cityOpinion: "同意" }), 204);
    const tracking = await json(await server.client().get(`/api/portal/public/track?receiptNo=${receipt.receiptNo}&queryCode=${receipt.queryCode}`));
    expect(tracking).toMatchObject({ status: "completed", result: "审核通过", currentSteps: [] });
    expect(tracking.notice.title).toBe("用地审核结果公示");
    clock.advance(11 * DAY);
    expect(await json(await server.client().get("/api/portal/public/notices"))).toEqual([]);
  });
});
