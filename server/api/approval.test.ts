// The approval idioms over HTTP against the real server: who may act (holder, supervisor of the region,
// nobody from another county: 404), the engine's effect, notifications, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startTestServer, type TestClient, type TestServer } from "../testing/testServer";

// 受理 → 初审 → 会签 (parallel, over ${signers}) → 审批
const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="defs" targetNamespace="http://jintu.example/test">
  <bpmn:process id="approvalFlow" name="审批惯用操作" isExecutable="true">
    <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="accept"/>
    <bpmn:userTask id="accept" name="受理" camunda:candidateGroups="acceptance-clerk@\${regionCode}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review"/>
    <bpmn:userTask id="review" name="初审" camunda:candidateGroups="land-reviewer@\${regionCode}" camunda:dueDate="\${workdays(5)}"/>
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="sign"/>
    <bpmn:userTask id="sign" name="会签" camunda:assignee="\${signer}">
      <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="sign" targetRef="approve"/>
    <bpmn:userTask id="approve" name="审批" camunda:candidateGroups="leader@\${cityCode}"/>
    <bpmn:sequenceFlow id="f5" sourceRef="approve" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>
</bpmn:definitions>`;

let server: TestServer;
const clients: Record<string, TestClient> = {};
const as = async (user: string) => (clients[user] ??= await server.login(user));

beforeAll(async () => {
  server = await startTestServer();
  await server.engine.deploy({ name: "approval", resources: [{ name: "approval.bpmn", content: BPMN }] });
});
afterAll(async () => {
  await server?.stop();
});

/** A 西湖区 case; `upTo` completes the steps before it (受理 by xihu-clerk). */
async function xihuCase(upTo: "accept" | "review" | "sign" = "review", signers = ["xihu-clerk", "hangzhou-clerk"]) {
  const { engine } = server;
  const pi = (await engine.startProcessInstanceByKey("approvalFlow", { tenantId: "330106", businessKey: `XH-${Math.random()}`,
    variables: { regionCode: "330106", cityCode: "330100", signers } })).id;
  const step = async (key: string, user: string) => {
    const [t] = await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: key });
    await engine.claim(t!.id, user);
    await engine.completeTask(t!.id, { userId: user });
    return t!.id;
  };
  const done: Record<string, string> = {};
  if (upTo !== "accept") done.accept = await step("accept", "xihu-clerk");
  if (upTo === "sign") done.review = await step("review", "xihu-clerk");
  const tasks = await engine.getTasks({ processInstanceId: pi });
  return { pi, done, task: tasks[0]!, tasks };
}

async function json(res: Response, status = 200) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return text ? JSON.parse(text) : undefined;
}

describe("退回 return", () => {
  it("the holder lists the targets and returns with an opinion; the op log and the audit log record it", async () => {
    const { pi, task } = await xihuCase("review");
    const clerk = await as("xihu-clerk");
    expect(await json(await clerk.get(`/api/tasks/${task.id}/return-targets`))).toEqual([{ activityId: "accept", name: "受理" }]);
    const returned = await json(await clerk.post(`/api/tasks/${task.id}/return`, { json: { targetActivityId: "accept", opinion: "材料不全" } }));
    expect(returned.tasks.map((t: { taskDefinitionKey: string; assignee: string }) => [t.taskDefinitionKey, t.assignee])).toEqual([["accept", "xihu-clerk"]]);
    const [log] = await server.engine.getUserOperationLog({ processInstanceId: pi, operationType: "Return" });
    expect(log).toMatchObject({ userId: "xihu-clerk", annotation: "材料不全", newValue: "accept" });
    const audit = await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE action = 'POST /api/tasks/:id/return' AND target = ?`, [task.id]));
    expect(audit).toMatchObject({ user_id: "xihu-clerk", region: "330106", status: 200 });
  });

  it("a clerk of another county gets 404, a colleague who does not hold the task 403, bad targets 400", async () => {
    const { task } = await xihuCase("review");
    const body = { json: { targetActivityId: "accept" } };
    await json(await (await as("yuhang-clerk")).post(`/api/tasks/${task.id}/return`, body), 404);
    await json(await (await as("yuhang-clerk")).get(`/api/tasks/${task.id}/return-targets`), 404);
    await json(await (await as("ningbo-supervisor")).post(`/api/tasks/${task.id}/return`, body), 404);
    await json(await (await as("xihu-enforcer")).post(`/api/tasks/${task.id}/return`, body), 403);
    const bad = await json(await (await as("xihu-clerk")).post(`/api/tasks/${task.id}/return`, { json: { targetActivityId: "approve" } }), 400);
    expect(bad.message).toMatch(/does not lead to 'review'|not been completed/);
    await json(await (await as("xihu-clerk")).post(`/api/tasks/${task.id}/return`, { json: {} }), 400);
    // a supervisor of the region may
    await json(await (await as("xihu-supervisor")).post(`/api/tasks/${task.id}/return`, body), 200);
  });
});

describe("撤回 withdraw", () => {
  it("takes back a step while the next task is unclaimed; refused with a clear message once it is claimed", async () => {
    const { pi, done } = await xihuCase("review");
    const clerk = await as("xihu-clerk");
    await json(await (await as("yuhang-clerk")).post(`/api/tasks/${done.accept}/withdraw`), 404);
    const back = await json(await clerk.post(`/api/tasks/${done.accept}/withdraw`));
    expect(back.tasks.map((t: { taskDefinitionKey: string; assignee: string }) => [t.taskDefinitionKey, t.assignee])).toEqual([["accept", "xihu-clerk"]]);

    await server.engine.completeTask(back.tasks[0].id, { userId: "xihu-clerk" });
    const [review] = await server.engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "review" });
    await server.engine.claim(review!.id, "hangzhou-clerk");
    const refused = await json(await clerk.post(`/api/tasks/${back.tasks[0].id}/withdraw`), 400);
    expect(refused.message).toContain("the next task '初审' has already been claimed by hangzhou-clerk");
    // someone else's completed task
    await json(await (await as("hangzhou-clerk")).post(`/api/tasks/${back.tasks[0].id}/withdraw`), 403);
  });
});

describe("转办 transfer, 委派 delegate", () => {
  it("transfers to a colleague of the region; refuses unknown users and users without a role there", async () => {
    const { task } = await xihuCase("review");
    await server.engine.claim(task.id, "xihu-clerk");
    const clerk = await as("xihu-clerk");
    expect((await json(await clerk.post(`/api/tasks/${task.id}/transfer`, { json: { userId: "nobody" } }), 400)).message).toBe("Unknown user 'nobody'");
    expect((await json(await clerk.post(`/api/tasks/${task.id}/transfer`, { json: { userId: "haishu-clerk" } }), 400)).message).toMatch(/no role in region 330106/);
    await json(await clerk.post(`/api/tasks/${task.id}/transfer`, { json: { userId: "hangzhou-clerk" } }), 204);
    expect((await server.engine.getTask(task.id))!.assignee).toBe("hangzhou-clerk");
    // no longer his: the former holder may not move it again
    await json(await clerk.post(`/api/tasks/${task.id}/transfer`, { json: { userId: "xihu-clerk" } }), 403);
    await json(await (await as("xihu-supervisor")).post(`/api/tasks/${task.id}/transfer`, { json: { userId: "xihu-clerk" } }), 204);
    expect((await server.engine.getUserOperationLog({ taskId: task.id, operationType: "Transfer" })).map((l) => l.userId)).toEqual(["xihu-clerk", "xihu-supervisor"]);
  });

  it("delegates and resolves back to the owner", async () => {
    const { task } = await xihuCase("review");
    await server.engine.claim(task.id, "xihu-clerk");
    await json(await (await as("xihu-clerk")).post(`/api/tasks/${task.id}/delegate`, { json: { userId: "hangzhou-clerk" } }), 204);
    expect(await server.engine.getTask(task.id)).toMatchObject({ assignee: "hangzhou-clerk", owner: "xihu-clerk", delegationState: "PENDING" });
    await json(await (await as("xihu-clerk")).post(`/api/tasks/${task.id}/resolve`, { json: {} }), 403);
    await json(await (await as("hangzhou-clerk")).post(`/api/tasks/${task.id}/resolve`, { json: { variables: { checked: true } } }), 204);
    expect(await server.engine.getTask(task.id)).toMatchObject({ assignee: "xihu-clerk", delegationState: "RESOLVED" });
  });
});

describe("加签 / 减签", () => {
  it("a signer adds and removes colleagues on the countersign; a completed vote cannot be removed", async () => {
    const { pi, tasks } = await xihuCase("sign");
    const mine = tasks.find((t) => t.assignee === "xihu-clerk")!;
    const clerk = await as("xihu-clerk");
    await json(await clerk.post(`/api/tasks/${mine.id}/add-signer`, { json: { userId: "xihu-enforcer" } }), 204);
    const signers = async () => (await server.engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "sign" })).map((t) => t.assignee).sort();
    expect(await signers()).toEqual(["hangzhou-clerk", "xihu-clerk", "xihu-enforcer"]);
    await json(await clerk.post(`/api/tasks/${mine.id}/remove-signer`, { json: { userId: "hangzhou-clerk" } }), 204);
    expect(await signers()).toEqual(["xihu-clerk", "xihu-enforcer"]);
    await server.engine.completeTask(mine.id, { userId: "xihu-clerk" });
    const other = (await server.engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "sign" }))[0]!;
    const refused = await json(await (await as("xihu-supervisor")).post(`/api/tasks/${other.id}/remove-signer`, { json: { userId: "xihu-clerk" } }), 400);
    expect(refused.message).toMatch(/already signed/);
    await json(await (await as("yuhang-clerk")).post(`/api/tasks/${other.id}/add-signer`, { json: { userId: "yuhang-clerk" } }), 404);
  });
});

describe("催办 urge, 抄送 CC, notifications", () => {
  it("a supervisor urges an unclaimed task: its candidate group sees the notice (also at city level), others do not", async () => {
    const { task } = await xihuCase("review");
    await json(await (await as("yuhang-clerk")).post(`/api/tasks/${task.id}/urge`, { json: { message: "x" } }), 404);
    await json(await (await as("xihu-enforcer")).post(`/api/tasks/${task.id}/urge`, { json: { message: "x" } }), 403);
    const urged = await json(await (await as("xihu-supervisor")).post(`/api/tasks/${task.id}/urge`, { json: { message: "已临期，请尽快办理" } }), 201);
    expect(urged.notified).toEqual(["group:land-reviewer@330106"]);

    const mine = async (user: string, query = "") => ((await json(await (await as(user)).get(`/api/notifications${query}`))) as { id: string; kind: string; taskId: string; title: string; body: string; senderId: string; readAt: string | null }[])
      .filter((n) => n.taskId === task.id);
    const [notice] = await mine("xihu-clerk");
    expect(notice).toMatchObject({ kind: "urge", title: "催办：初审", body: "已临期，请尽快办理", senderId: "xihu-supervisor", readAt: null });
    expect(await mine("hangzhou-clerk")).toHaveLength(1);
    expect(await mine("yuhang-clerk")).toHaveLength(0);

    await json(await (await as("yuhang-clerk")).post(`/api/notifications/${notice!.id}/read`), 404);
    await json(await (await as("xihu-clerk")).post(`/api/notifications/${notice!.id}/read`), 204);
    expect((await mine("xihu-clerk"))[0]!.readAt).not.toBeNull();
    expect(await mine("xihu-clerk", "?unread=true")).toHaveLength(0);
  });

  it("an earlier handler may urge the next step; the holder copies a task to colleagues", async () => {
    const { task } = await xihuCase("review");
    await json(await (await as("xihu-clerk")).post(`/api/tasks/${task.id}/urge`, { json: {} }), 201); // he completed 受理
    await server.engine.claim(task.id, "xihu-clerk");
    const clerk = await as("xihu-clerk");
    expect((await json(await clerk.post(`/api/tasks/${task.id}/cc`, { json: { recipients: ["ghost"] } }), 400)).message).toBe("Unknown users: ghost");
    await json(await clerk.post(`/api/tasks/${task.id}/cc`, { json: { recipients: [] } }), 400);
    const cc = await json(await clerk.post(`/api/tasks/${task.id}/cc`, { json: { recipients: ["hangzhou-supervisor"], message: "请知悉" } }), 201);
    expect(cc.notified).toEqual(["hangzhou-supervisor"]);
    const notices = (await json(await (await as("hangzhou-supervisor")).get("/api/notifications"))) as { kind: string; taskId: string; body: string }[];
    expect(notices.filter((n) => n.taskId === task.id)).toEqual([expect.objectContaining({ kind: "cc", body: "请知悉" })]);
    const log = await server.engine.getUserOperationLog({ taskId: task.id });
    expect(log.filter((l) => ["Urge", "CC"].includes(l.operationType)).map((l) => l.operationType)).toEqual(["Urge", "CC"]);
  });
});

describe("挂起 / 激活", () => {
  it("a supervisor of the region suspends and resumes a case; others may not", async () => {
    const { pi } = await xihuCase("review");
    await json(await (await as("ningbo-supervisor")).post(`/api/cases/${pi}/suspend`), 404);
    await json(await (await as("xihu-clerk")).post(`/api/cases/${pi}/suspend`), 403);
    await json(await (await as("hangzhou-supervisor")).post(`/api/cases/${pi}/suspend`), 204);
    expect((await server.engine.getProcessInstance(pi))!.suspended).toBe(true);
    expect((await json(await (await as("xihu-supervisor")).post(`/api/cases/${pi}/suspend`), 400)).message).toMatch(/already suspended/);
    await json(await (await as("xihu-supervisor")).post(`/api/cases/${pi}/resume`), 204);
    expect((await server.engine.getProcessInstance(pi))!.suspended).toBe(false);
    await eventually(() => server.db.get(`SELECT * FROM audit_log WHERE action = 'POST /api/cases/:id/suspend' AND user_id = 'xihu-clerk' AND status = 403`));
  });
});
