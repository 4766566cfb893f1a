import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../api";
import { bpmn, testEngine } from "../../testing";

// 受理 accept → 初审 review → 复审 recheck → end
const LINEAR = bpmn("linear", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:candidateGroups="acceptance-clerk@330106"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review"/>
  <bpmn:userTask id="review" name="初审" camunda:assignee="reviewer"/><bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="recheck"/>
  <bpmn:userTask id="recheck" name="复审" camunda:assignee="leader"/><bpmn:sequenceFlow id="f4" sourceRef="recheck" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

// accept → fork → (land → join) and (plan → join) → approve
const PARALLEL = bpmn("parallel", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="fork"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="land"/><bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="plan"/>
  <bpmn:userTask id="land" name="用地审查" camunda:assignee="landUser"/><bpmn:sequenceFlow id="f5" sourceRef="land" targetRef="join"/>
  <bpmn:userTask id="plan" name="规划审查" camunda:assignee="planUser"/><bpmn:sequenceFlow id="f6" sourceRef="plan" targetRef="join"/>
  <bpmn:parallelGateway id="join"/><bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="approve"/>
  <bpmn:userTask id="approve" name="审批" camunda:assignee="leader"/><bpmn:sequenceFlow id="f8" sourceRef="approve" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

// fork first: (survey → join) and (accept → review → join): a return inside one branch keeps the other
const FORK_FIRST = bpmn("forkFirst", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="survey"/><bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="accept"/>
  <bpmn:userTask id="survey" name="现场勘查" camunda:assignee="surveyor"/><bpmn:sequenceFlow id="f4" sourceRef="survey" targetRef="join"/>
  <bpmn:userTask id="accept" name="受理" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f5" sourceRef="accept" targetRef="review"/>
  <bpmn:userTask id="review" name="初审" camunda:assignee="reviewer"/><bpmn:sequenceFlow id="f6" sourceRef="review" targetRef="join"/>
  <bpmn:parallelGateway id="join"/><bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

// accept → countersign (parallel multi-instance over signers) → approve
const COUNTERSIGN = bpmn("countersign", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="sign"/>
  <bpmn:userTask id="sign" name="会签" camunda:assignee="\${signer}">
    <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/>
  </bpmn:userTask><bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="approve"/>
  <bpmn:userTask id="approve" name="审批" camunda:assignee="leader"/><bpmn:sequenceFlow id="f4" sourceRef="approve" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

// accept → subprocess (check → decide) → end: a return from inside the subprocess to accept leaves it
const NESTED = bpmn("nested", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="accept"/>
  <bpmn:userTask id="accept" name="受理" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="sub"/>
  <bpmn:subProcess id="sub" name="审查">
    <bpmn:startEvent id="ss"/><bpmn:sequenceFlow id="sf1" sourceRef="ss" targetRef="check"/>
    <bpmn:userTask id="check" name="核查" camunda:assignee="checker"/><bpmn:sequenceFlow id="sf2" sourceRef="check" targetRef="decide"/>
    <bpmn:userTask id="decide" name="决定" camunda:assignee="leader"/><bpmn:sequenceFlow id="sf3" sourceRef="decide" targetRef="se"/>
    <bpmn:endEvent id="se"/>
  </bpmn:subProcess><bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await engine.deploy({ name: "approval", resources: [LINEAR, PARALLEL, FORK_FIRST, COUNTERSIGN, NESTED].map((content, i) => ({ name: `p${i}.bpmn`, content })) });
});
afterAll(() => engine.close());

const open = async (pi: string) => (await engine.getTasks({ processInstanceId: pi })).map((t) => `${t.taskDefinitionKey}:${t.assignee ?? "-"}`).sort();
const taskAt = async (pi: string, key: string, assignee?: string) => {
  const t = (await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: key })).find((x) => !assignee || x.assignee === assignee);
  if (!t) throw new Error(`no open task ${key} in ${pi}`);
  return t;
};
const complete = async (pi: string, key: string, assignee?: string) => engine.completeTask((await taskAt(pi, key, assignee)).id, { userId: assignee ?? null });

describe("退回 return", () => {
  it("sends a linear case back to an earlier task, to its previous assignee, with the opinion", async () => {
    const pi = (await engine.startProcessInstanceByKey("linear")).id;
    const accept = await taskAt(pi, "accept");
    await engine.claim(accept.id, "xihu-clerk");
    await engine.completeTask(accept.id, { userId: "xihu-clerk" });
    await complete(pi, "review");
    const recheck = await taskAt(pi, "recheck");
    expect(await engine.getReturnTargets(recheck.id)).toEqual([{ activityId: "accept", name: "受理" }, { activityId: "review", name: "初审" }]);

    const created = await engine.returnTask(recheck.id, { targetActivityId: "accept", opinion: "材料不全，请补正", userId: "leader" });
    expect(created.map((t) => [t.taskDefinitionKey, t.assignee])).toEqual([["accept", "xihu-clerk"]]);
    expect(await open(pi)).toEqual(["accept:xihu-clerk"]);
    const vars = await engine.getTaskVariables(created[0].id, { local: true });
    expect(vars.returnOpinion.value).toBe("材料不全，请补正");
    expect(vars.returnedFrom.value).toBe("recheck");

    const hi = await engine.getHistoricTaskInstances({ taskId: recheck.id });
    expect(hi[0].deleteReason).toBe("returned to accept");
    const log = await engine.getUserOperationLog({ processInstanceId: pi, operationType: "Return" });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ userId: "leader", orgValue: "recheck", newValue: "accept", annotation: "材料不全，请补正", taskId: recheck.id });
    // the case runs on from the target again
    await complete(pi, "accept", "xihu-clerk");
    expect(await open(pi)).toEqual(["review:reviewer"]);
  });

  it("a task completed straight from the candidates' list goes back to whoever completed it", async () => {
    const pi = (await engine.startProcessInstanceByKey("linear")).id;
    await engine.completeTask((await taskAt(pi, "accept")).id, { userId: "yuhang-clerk" });
    const [back] = await engine.returnTask((await taskAt(pi, "review")).id, { targetActivityId: "accept" });
    expect(back.assignee).toBe("yuhang-clerk");
  });

  it("refuses targets that are not earlier completed user tasks, with a clear message", async () => {
    const pi = (await engine.startProcessInstanceByKey("linear")).id;
    await complete(pi, "accept");
    const review = await taskAt(pi, "review");
    await expect(engine.returnTask(review.id, { targetActivityId: "recheck" })).rejects.toThrow(/does not lead to 'review'|not been completed/);
    await expect(engine.returnTask(review.id, { targetActivityId: "review" })).rejects.toThrow(/its own activity/);
    await expect(engine.returnTask(review.id, { targetActivityId: "e" })).rejects.toThrow(/not a user task/);
    await expect(engine.returnTask(review.id, { targetActivityId: "nope" })).rejects.toThrow(/has no activity 'nope'/);
    await expect(engine.returnTask("no-such-task", { targetActivityId: "accept" })).rejects.toThrow(/Cannot find task/);
    expect(await open(pi)).toEqual(["review:reviewer"]);
  });

  it("a return out of a parallel branch cancels the other branches of that fork (also one waiting at the join)", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallel")).id;
    await complete(pi, "accept");
    expect(await open(pi)).toEqual(["land:landUser", "plan:planUser"]);
    await complete(pi, "plan"); // the plan branch now waits at the join
    const land = await taskAt(pi, "land");
    expect(await engine.getReturnTargets(land.id)).toEqual([{ activityId: "accept", name: "受理" }]);

    await engine.returnTask(land.id, { targetActivityId: "accept", opinion: "退回受理" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
    expect(await engine.getActiveActivityIds(pi)).toEqual(["accept"]);
    // the fork runs again and the join needs both branches again
    await complete(pi, "accept");
    await complete(pi, "plan");
    expect(await open(pi)).toEqual(["land:landUser"]);
    await complete(pi, "land");
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("a return within one branch keeps the branch that was forked before the target", async () => {
    const pi = (await engine.startProcessInstanceByKey("forkFirst")).id;
    await complete(pi, "accept");
    expect(await open(pi)).toEqual(["review:reviewer", "survey:surveyor"]);
    const survey = await taskAt(pi, "survey");
    const review = await taskAt(pi, "review");
    expect(await engine.getReturnTargets(survey.id)).toEqual([]);
    await expect(engine.returnTask(survey.id, { targetActivityId: "accept" })).rejects.toThrow(/does not lead to 'survey'/);

    await engine.returnTask(review.id, { targetActivityId: "accept" });
    const after = await taskAt(pi, "survey");
    expect(after.id).toBe(survey.id); // untouched
    expect(await open(pi)).toEqual(["accept:clerk", "survey:surveyor"]);
    await complete(pi, "survey"); // waits at the join for the returned branch
    await complete(pi, "accept");
    await complete(pi, "review");
    expect((await engine.getHistoricProcessInstances({ processInstanceId: pi }))[0].state).toBe("COMPLETED");
  });

  it("a return into a multi-instance countersign recreates every signer's task", async () => {
    const pi = (await engine.startProcessInstanceByKey("countersign", { variables: { signers: ["a", "b", "c"] } })).id;
    await complete(pi, "accept");
    await complete(pi, "sign", "a");
    await complete(pi, "sign", "b");
    await complete(pi, "sign", "c");
    const approve = await taskAt(pi, "approve");
    expect(await engine.getReturnTargets(approve.id)).toEqual([{ activityId: "accept", name: "受理" }, { activityId: "sign", name: "会签" }]);

    const created = await engine.returnTask(approve.id, { targetActivityId: "sign", opinion: "请重新会签" });
    expect(created.map((t) => t.assignee).sort()).toEqual(["a", "b", "c"]);
    expect(await open(pi)).toEqual(["sign:a", "sign:b", "sign:c"]);
    for (const t of created) expect((await engine.getTaskVariables(t.id, { local: true })).returnOpinion.value).toBe("请重新会签");
    const body = (await engine.getActivityInstanceTree(pi))!.childActivityInstances.find((c) => c.activityId === "sign#multiInstanceBody")!;
    const counters = await engine.getVariables(body.executionIds[0], { local: true });
    expect([counters.nrOfInstances.value, counters.nrOfCompletedInstances.value, counters.nrOfActiveInstances.value]).toEqual([3, 0, 3]);
    for (const u of ["a", "b", "c"]) await complete(pi, "sign", u);
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("a return out of a countersign cancels all its signers", async () => {
    const pi = (await engine.startProcessInstanceByKey("countersign", { variables: { signers: ["a", "b"] } })).id;
    await complete(pi, "accept");
    await complete(pi, "sign", "a");
    const b = await taskAt(pi, "sign", "b");
    await engine.returnTask(b.id, { targetActivityId: "accept" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
  });

  it("returns from inside a subprocess to a task of the enclosing process, and within the subprocess", async () => {
    const pi = (await engine.startProcessInstanceByKey("nested")).id;
    await complete(pi, "accept");
    await complete(pi, "check");
    const decide = await taskAt(pi, "decide");
    expect(await engine.getReturnTargets(decide.id)).toEqual([{ activityId: "check", name: "核查" }, { activityId: "accept", name: "受理" }]);
    await engine.returnTask(decide.id, { targetActivityId: "check" });
    expect(await open(pi)).toEqual(["check:checker"]);
    await complete(pi, "check");
    await engine.returnTask((await taskAt(pi, "decide")).id, { targetActivityId: "accept" });
    expect(await open(pi)).toEqual(["accept:clerk"]);
    expect(await engine.getActiveActivityIds(pi)).toEqual(["accept"]);
    // the subprocess starts afresh: check has not been done in this visit
    await complete(pi, "accept");
    expect(await engine.getReturnTargets((await taskAt(pi, "check")).id)).toEqual([{ activityId: "accept", name: "受理" }]);
  });
});
