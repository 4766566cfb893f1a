import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine, EngineEvent } from "../../api";
import { bpmn, testEngine } from "../../testing";

const FLOW = bpmn("notices", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
  <bpmn:userTask id="review" name="初审" camunda:candidateUsers="u1,u2" camunda:candidateGroups="land-reviewer@330106"/>
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/><bpmn:endEvent id="e"/>`);

let engine: Engine;
const events: EngineEvent[] = [];
beforeAll(async () => {
  engine = await testEngine();
  await engine.deploy({ name: "notices", resources: [{ name: "n.bpmn", content: FLOW }] });
  engine.on("taskUrged", (e) => events.push(e));
  engine.on("taskCopied", (e) => events.push(e));
});
afterAll(() => engine.close());

const start = async () => {
  const pi = (await engine.startProcessInstanceByKey("notices", { tenantId: "330106" })).id;
  return { pi, task: (await engine.getTasks({ processInstanceId: pi }))[0]! };
};

describe("催办 urge", () => {
  it("reaches the candidates of an unclaimed task, then only the assignee; recorded and emitted", async () => {
    const { pi, task } = await start();
    events.length = 0;
    const notice = await engine.urgeTask(task.id, { message: " 已超期，请尽快办理 ", userId: "supervisor" });
    expect(notice).toMatchObject({ taskId: task.id, taskName: "初审", processInstanceId: pi, tenantId: "330106",
      recipients: ["u1", "u2"], candidateGroups: ["land-reviewer@330106"], message: "已超期，请尽快办理" });
    expect(events).toEqual([{ type: "taskUrged", processInstanceId: pi, id: task.id, notice, userId: "supervisor" }]);

    await engine.claim(task.id, "u2");
    expect(await engine.urgeTask(task.id, { userId: "supervisor" })).toMatchObject({ recipients: ["u2"], candidateGroups: [], message: null });
    const log = await engine.getUserOperationLog({ taskId: task.id, operationType: "Urge" });
    expect(log.map((l) => [l.userId, l.newValue, l.annotation])).toEqual([
      ["supervisor", "u1,u2,land-reviewer@330106", "已超期，请尽快办理"], ["supervisor", "u2", null]]);
  });

  it("refuses an unknown task and an over-long message", async () => {
    const { task } = await start();
    await expect(engine.urgeTask("nope", { message: "x" })).rejects.toMatchObject({ kind: "NotFound" });
    await expect(engine.urgeTask(task.id, { message: "催".repeat(2001) })).rejects.toThrow(/longer than 2000/);
  });
});

describe("抄送 CC", () => {
  it("copies the task to the recipients (deduplicated), recorded and emitted", async () => {
    const { pi, task } = await start();
    events.length = 0;
    const notice = await engine.ccTask(task.id, { recipients: ["leader", " leader ", "archivist"], message: "请知悉", userId: "u1" });
    expect(notice.recipients).toEqual(["leader", "archivist"]);
    expect(events.map((e) => [e.type, e.id, e.notice?.recipients, e.userId])).toEqual([["taskCopied", task.id, ["leader", "archivist"], "u1"]]);
    const log = await engine.getUserOperationLog({ processInstanceId: pi, operationType: "CC" });
    expect(log.map((l) => [l.userId, l.taskId, l.newValue, l.annotation])).toEqual([["u1", task.id, "leader,archivist", "请知悉"]]);
    // a copy changes nothing about the task
    expect((await engine.getTask(task.id))!.assignee).toBeNull();
  });

  it("needs at least one recipient", async () => {
    const { task } = await start();
    await expect(engine.ccTask(task.id, { recipients: [" "] })).rejects.toThrow("CC needs at least one recipient");
  });
});
