import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../api";
import { bpmn, testEngine } from "../../testing";

// accept (clerk) → review (offered to a group) → approve
const LINEAR = bpmn("linear", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:candidateUsers="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review"/>
  <bpmn:userTask id="review" name="初审" camunda:candidateGroups="land-reviewer@330106"/><bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="approve"/>
  <bpmn:userTask id="approve" name="审批" camunda:assignee="leader"/><bpmn:sequenceFlow id="f4" sourceRef="approve" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

// accept → fork → (land, plan): withdrawing accept takes back both branches
const PARALLEL = bpmn("parallel", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="fork"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="land"/><bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="plan"/>
  <bpmn:userTask id="land" name="用地审查" camunda:assignee="landUser"/><bpmn:sequenceFlow id="f5" sourceRef="land" targetRef="join"/>
  <bpmn:userTask id="plan" name="规划审查" camunda:assignee="planUser"/><bpmn:sequenceFlow id="f6" sourceRef="plan" targetRef="join"/>
  <bpmn:parallelGateway id="join"/><bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await engine.deploy({ name: "withdraw", resources: [{ name: "l.bpmn", content: LINEAR }, { name: "p.bpmn", content: PARALLEL }] });
});
afterAll(() => engine.close());

const open = async (pi: string) => (await engine.getTasks({ processInstanceId: pi })).map((t) => `${t.taskDefinitionKey}:${t.assignee ?? "-"}`).sort();
const taskAt = async (pi: string, key: string) => (await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: key }))[0]!;

async function acceptedCase(): Promise<{ pi: string; acceptId: string }> {
  const pi = (await engine.startProcessInstanceByKey("linear")).id;
  const accept = await taskAt(pi, "accept");
  await engine.claim(accept.id, "clerk");
  await engine.completeTask(accept.id, { userId: "clerk" });
  return { pi, acceptId: accept.id };
}

describe("撤回 withdraw", () => {
  it("the previous assignee takes back his step while the next task is unclaimed", async () => {
    const { pi, acceptId } = await acceptedCase();
    const review = await taskAt(pi, "review");
    const created = await engine.withdrawTask(acceptId, { userId: "clerk" });
    expect(created.map((t) => [t.taskDefinitionKey, t.assignee])).toEqual([["accept", "clerk"]]);
    expect(await open(pi)).toEqual(["accept:clerk"]);
    expect((await engine.getHistoricTaskInstances({ taskId: review.id }))[0].deleteReason).toBe("withdrawn by clerk");
    const log = await engine.getUserOperationLog({ processInstanceId: pi, operationType: "Withdraw" });
    expect(log.map((l) => [l.userId, l.taskId, l.newValue])).toEqual([["clerk", acceptId, "accept"]]);
    // and may complete it again
    await engine.completeTask(created[0].id, { userId: "clerk" });
    expect(await open(pi)).toEqual(["review:-"]);
  });

  it("is refused with a clear message when the next task has been claimed", async () => {
    const { pi, acceptId } = await acceptedCase();
    await engine.claim((await taskAt(pi, "review")).id, "reviewer");
    await expect(engine.withdrawTask(acceptId, { userId: "clerk" })).rejects.toThrow("the next task '初审' has already been claimed by reviewer");
    expect(await open(pi)).toEqual(["review:reviewer"]);
  });

  it("is refused when the next task was claimed and released again (someone has looked at it)", async () => {
    const { pi, acceptId } = await acceptedCase();
    const review = await taskAt(pi, "review");
    await engine.claim(review.id, "reviewer");
    await engine.unclaim(review.id, { userId: "reviewer" });
    await expect(engine.withdrawTask(acceptId, { userId: "clerk" })).rejects.toThrow(/already been claimed/);
  });

  it("is refused when the next task is already completed", async () => {
    const { pi, acceptId } = await acceptedCase();
    await engine.completeTask((await taskAt(pi, "review")).id, { userId: "reviewer" });
    await expect(engine.withdrawTask(acceptId, { userId: "clerk" })).rejects.toThrow("the next task '初审' has already been completed by");
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("only the assignee who completed the step may withdraw it; open and unknown tasks are refused", async () => {
    const { pi, acceptId } = await acceptedCase();
    await expect(engine.withdrawTask(acceptId, { userId: "someone-else" })).rejects.toMatchObject({ kind: "Forbidden", message: expect.stringMatching(/Only clerk/) });
    await expect(engine.withdrawTask((await taskAt(pi, "review")).id, { userId: "clerk" })).rejects.toThrow(/still open/);
    await expect(engine.withdrawTask("nope", { userId: "clerk" })).rejects.toMatchObject({ kind: "NotFound" });
    // urging the next task is not working on it
    await engine.urgeTask((await taskAt(pi, "review")).id, { message: "请尽快", userId: "clerk" });
    await engine.withdrawTask(acceptId, { userId: "clerk" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
  });

  it("a candidate who completed a task without claiming it may withdraw it", async () => {
    const pi = (await engine.startProcessInstanceByKey("linear")).id;
    const accept = await taskAt(pi, "accept");
    await engine.completeTask(accept.id, { userId: "clerk" });
    await expect(engine.withdrawTask(accept.id, { userId: "other" })).rejects.toThrow(/Only clerk/);
    await engine.withdrawTask(accept.id, { userId: "clerk" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
  });

  it("withdraws a step that forked: both branches go back", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallel")).id;
    const accept = await taskAt(pi, "accept");
    await engine.completeTask(accept.id, { userId: "clerk" });
    expect(await open(pi)).toEqual(["land:landUser", "plan:planUser"]);
    await engine.withdrawTask(accept.id, { userId: "clerk" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
    expect(await engine.getActiveActivityIds(pi)).toEqual(["accept"]);
  });

  it("withdraws a branch step whose token waits at the join, keeping the other branch", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallel")).id;
    await engine.completeTask((await taskAt(pi, "accept")).id, { userId: "clerk" });
    const plan = await taskAt(pi, "plan");
    const land = await taskAt(pi, "land");
    await engine.completeTask(plan.id, { userId: "planUser" });
    await engine.withdrawTask(plan.id, { userId: "planUser" });
    expect(await open(pi)).toEqual(["land:landUser", "plan:planUser"]);
    expect((await taskAt(pi, "land")).id).toBe(land.id);
    await engine.completeTask((await taskAt(pi, "plan")).id, { userId: "planUser" });
    await engine.completeTask(land.id, { userId: "landUser" });
    expect((await engine.getHistoricProcessInstances({ processInstanceId: pi }))[0].state).toBe("COMPLETED");
  });
});

describe("转办 transfer", () => {
  it("hands the task over for good, recorded in history and the operation log", async () => {
    const { pi } = await acceptedCase();
    const review = await taskAt(pi, "review");
    await engine.claim(review.id, "reviewer");
    await engine.transferTask(review.id, "colleague", { userId: "reviewer" });
    const t = (await engine.getTask(review.id))!;
    expect([t.assignee, t.owner, t.delegationState]).toEqual(["colleague", null, null]);
    expect((await engine.getHistoricTaskInstances({ taskId: review.id }))[0].assignee).toBe("colleague");
    const log = await engine.getUserOperationLog({ taskId: review.id, operationType: "Transfer" });
    expect(log.map((l) => [l.userId, l.orgValue, l.newValue])).toEqual([["reviewer", "reviewer", "colleague"]]);
    await expect(engine.transferTask(review.id, "colleague")).rejects.toThrow(/already assigned to colleague/);
    await expect(engine.transferTask(review.id, " ")).rejects.toThrow(/needs the user/);
  });

  it("a delegated task must be resolved first", async () => {
    const { pi } = await acceptedCase();
    const review = await taskAt(pi, "review");
    await engine.claim(review.id, "reviewer");
    await engine.delegateTask(review.id, "helper", { userId: "reviewer" });
    await expect(engine.transferTask(review.id, "colleague")).rejects.toThrow(/resolve the delegation/);
    await engine.resolveTask(review.id, { userId: "helper" });
    await engine.transferTask(review.id, "colleague");
    expect((await engine.getTask(review.id))!.assignee).toBe("colleague");
  });
});
