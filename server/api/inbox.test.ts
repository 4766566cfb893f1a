import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestClient, type TestServer } from "../testing/testServer";

// A two-step review flow whose first task is offered to the land reviewers of the case's county.
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://jintu.example/test">
  <bpmn:process id="landReview" name="用地审查" isExecutable="true">
    <bpmn:startEvent id="start" name="受理"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
    <bpmn:userTask id="review" name="初审" camunda:candidateGroups="land-reviewer@\${regionCode}" camunda:dueDate="\${due}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="approve"/>
    <bpmn:userTask id="approve" name="审批" camunda:candidateGroups="leader@\${cityCode}"/>
    <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="end"/>
    <bpmn:endEvent id="end" name="办结"/>
  </bpmn:process>
</bpmn:definitions>`;

const DAY = 86_400_000;
let server: TestServer;
let processesDir: string;
const cases: Record<string, string> = {};

beforeAll(async () => {
  processesDir = mkdtempSync(path.join(tmpdir(), "jintu-processes-"));
  mkdirSync(path.join(processesDir, "land-review"));
  writeFileSync(path.join(processesDir, "land-review", "land-review.bpmn"), BPMN);
  writeFileSync(path.join(processesDir, "land-review", "README.md"), "# 用地审查 (Land review)\n\nA test flow.\n");
  server = await startTestServer({ config: { processesDir } });

  // a shared model (no tenant): province IT staff publish it for every region
  const it_staff = await server.login("zhejiang-it");
  const deployed = await it_staff.post("/api/deployments", { json: { name: "land-review", note: "首次发布", resources: [{ name: "land-review.bpmn", content: BPMN }] } });
  expect(deployed.status).toBe(201);

  const now = server.engine.clock.now().getTime();
  const start = async (region: string, city: string, businessKey: string, due: Date) =>
    (await server.engine.startProcessInstanceByKey("landReview", { businessKey, tenantId: region, userId: "applicant",
      variables: { regionCode: region, cityCode: city, due } })).id;
  cases.xihu = await start("330106", "330100", "XH-2026-001", new Date(now - DAY));        // overdue
  cases.yuhang = await start("330110", "330100", "YH-2026-001", new Date(now + 2 * DAY));  // due soon
  cases.haishu = await start("330203", "330200", "HS-2026-001", new Date(now + 30 * DAY));
});
afterAll(async () => {
  await server?.stop();
  rmSync(processesDir, { recursive: true, force: true });
});

const inbox = async (client: TestClient, query = "") => {
  const res = await client.get(`/api/inbox${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<{ items: { businessKey: string; name: string; overdue: boolean; dueSoon: boolean; tenantId: string }[]; total: number; counts: { flow: string; count: number }[] }>;
};
const keys = (r: { items: { businessKey: string }[] }) => r.items.map((t) => t.businessKey).sort();

describe("inbox", () => {
  it("a county clerk sees his county's tasks only", async () => {
    const xihu = await inbox(await server.login("xihu-clerk"));
    expect(keys(xihu)).toEqual(["XH-2026-001"]);
    expect(xihu.total).toBe(1);
    expect(xihu.counts).toEqual([{ flow: "landReview", name: "用地审查", count: 1 }]);
    expect(xihu.items[0]).toMatchObject({ name: "初审", tenantId: "330106", overdue: true, dueSoon: false });
    expect(keys(await inbox(await server.login("yuhang-clerk")))).toEqual(["YH-2026-001"]);
  });

  it("a city role covers its counties, not the other city's", async () => {
    const hangzhou = await server.login("hangzhou-clerk");
    expect(keys(await inbox(hangzhou))).toEqual(["XH-2026-001", "YH-2026-001"]);
    expect(keys(await inbox(await server.login("ningbo-clerk")))).toEqual(["HS-2026-001"]);
    // a different role at the province does not make one a land reviewer
    expect((await inbox(await server.login("zhejiang-clerk"))).total).toBe(0);
  });

  it("filters, sorts and pages", async () => {
    const hangzhou = await server.login("hangzhou-clerk");
    expect(keys(await inbox(hangzhou, "?overdue=true"))).toEqual(["XH-2026-001"]);
    const soon = await inbox(hangzhou, "?dueSoon=true");
    expect(keys(soon)).toEqual(["YH-2026-001"]);
    expect(soon.items[0]!.dueSoon).toBe(true);
    expect(keys(await inbox(hangzhou, "?businessKey=YH"))).toEqual(["YH-2026-001"]);
    expect((await inbox(hangzhou, "?text=%E5%88%9D%E5%AE%A1")).total).toBe(2); // 初审
    expect((await inbox(hangzhou, "?text=nothing-like-this")).total).toBe(0);
    expect((await inbox(hangzhou, "?flow=otherFlow")).total).toBe(0);
    const asc = await inbox(hangzhou, "?sortBy=due&sortOrder=asc");
    expect(asc.items.map((t) => t.businessKey)).toEqual(["XH-2026-001", "YH-2026-001"]);
    const desc = await inbox(hangzhou, "?sortBy=due&sortOrder=desc&maxResults=1");
    expect(desc.items.map((t) => t.businessKey)).toEqual(["YH-2026-001"]);
    expect(desc.total).toBe(2);
    const page2 = await inbox(hangzhou, "?sortBy=due&sortOrder=desc&maxResults=1&firstResult=1");
    expect(page2.items.map((t) => t.businessKey)).toEqual(["XH-2026-001"]);
  });

  it("rejects bad filters with 400", async () => {
    const client = await server.login("hangzhou-clerk");
    for (const q of ["?sortBy=color", "?maxResults=0", "?maxResults=9999", "?overdue=maybe"]) {
      const res = await client.get(`/api/inbox${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).type).toBe("InvalidRequestException");
    }
  });

  it("a claimed task stays in the assignee's inbox and leaves the others'", async () => {
    const [task] = await server.engine.getTasks({ processInstanceId: cases.yuhang });
    await server.engine.claim(task!.id, "yuhang-clerk");
    try {
      const yuhang = await server.login("yuhang-clerk");
      expect(keys(await inbox(yuhang))).toEqual(["YH-2026-001"]);
      expect(keys(await inbox(yuhang, "?assignedToMe=true"))).toEqual(["YH-2026-001"]);
      expect((await inbox(await server.login("xihu-clerk"), "?assignedToMe=true")).total).toBe(0);
      const hangzhou = await server.login("hangzhou-clerk");
      expect(keys(await inbox(hangzhou))).toEqual(["XH-2026-001"]);

      // assigned to a city clerk outside any of his candidate groups: still his, merged in order with the rest
      await server.engine.setAssignee(task!.id, "hangzhou-clerk");
      const byDue = await inbox(hangzhou, "?sortBy=due&sortOrder=desc");
      expect(byDue.items.map((t) => t.businessKey)).toEqual(["YH-2026-001", "XH-2026-001"]);
      expect(byDue.total).toBe(2);
      expect(byDue.counts).toEqual([{ flow: "landReview", name: "用地审查", count: 2 }]);
      const second = await inbox(hangzhou, "?sortBy=due&sortOrder=asc&firstResult=1&maxResults=1");
      expect(second.items.map((t) => t.businessKey)).toEqual(["YH-2026-001"]);
      expect((await inbox(yuhang)).total).toBe(0);
    } finally {
      await server.engine.setAssignee(task!.id, null);
    }
  });
});

describe("case detail and opinions", () => {
  it("shows summary, position, history and opinions within the region; 404 outside", async () => {
    const xihu = await server.login("xihu-clerk");
    const posted = await xihu.post(`/api/cases/${cases.xihu}/opinions`, { json: { decision: "approve", message: "材料齐全，同意上报。" } });
    expect(posted.status).toBe(201);
    const res = await xihu.get(`/api/cases/${cases.xihu}`);
    expect(res.status).toBe(200);
    const detail = await res.json();
    expect(detail.summary).toMatchObject({ id: cases.xihu, businessKey: "XH-2026-001", processDefinitionKey: "landReview", tenantId: "330106",
      regionName: "西湖区", state: "ACTIVE", startUserId: "applicant" });
    expect(detail.current.activityIds).toEqual(["review"]);
    expect(detail.current.tasks[0]).toMatchObject({ name: "初审", candidateGroups: ["land-reviewer@330106"] });
    expect(detail.history.map((a: { activityId: string }) => a.activityId)).toEqual(["start", "review"]);
    expect(detail.opinions).toEqual([expect.objectContaining({ userId: "xihu-clerk", decision: "approve", message: "材料齐全，同意上报。" })]);

    const yuhang = await server.login("yuhang-clerk");
    const hidden = await yuhang.get(`/api/cases/${cases.xihu}`);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ type: "NotFoundException" });
    expect((await yuhang.post(`/api/cases/${cases.xihu}/opinions`, { json: { message: "x" } })).status).toBe(404);
    expect((await xihu.get(`/api/cases/no-such-case`)).status).toBe(404);

    const supervisor = await server.login("hangzhou-supervisor");
    expect((await supervisor.get(`/api/cases/${cases.yuhang}`)).status).toBe(200);
    expect((await supervisor.get(`/api/cases/${cases.haishu}`)).status).toBe(404);
    // supervisors read but do not write opinions
    expect((await supervisor.post(`/api/cases/${cases.yuhang}/opinions`, { json: { message: "x" } })).status).toBe(403);
  });

  it("rejects an empty opinion and one on a task of another case", async () => {
    const xihu = await server.login("xihu-clerk");
    expect((await xihu.post(`/api/cases/${cases.xihu}/opinions`, { json: { message: "  " } })).status).toBe(400);
    const [other] = await server.engine.getTasks({ processInstanceId: cases.yuhang });
    const res = await xihu.post(`/api/cases/${cases.xihu}/opinions`, { json: { taskId: other!.id, message: "x" } });
    expect(res.status).toBe(400);
  });
});

describe("deployments and templates", () => {
  it("lists deployments of a flow with deployer and note", async () => {
    const list = await (await (await server.login("xihu-clerk")).get("/api/deployments?processDefinitionKey=landReview")).json();
    expect(list).toEqual([expect.objectContaining({ name: "land-review", deployedBy: "zhejiang-it", note: "首次发布",
      processDefinitions: [expect.objectContaining({ key: "landReview", version: 1 })] })]);
    expect(await (await (await server.login("xihu-clerk")).get("/api/deployments?processDefinitionKey=nothing")).json()).toEqual([]);
    const denied = await (await server.login("xihu-clerk")).post("/api/deployments", { json: { name: "x", resources: [{ name: "x.bpmn", content: BPMN }] } });
    expect(denied.status).toBe(403);
  });

  it("reads flow templates from processes/*/", async () => {
    const templates = await (await (await server.login("hangzhou-it")).get("/api/templates")).json();
    expect(templates).toEqual([{ key: "landReview", name: "用地审查", nameEn: "Land review", bpmn: BPMN }]);
  });
});
