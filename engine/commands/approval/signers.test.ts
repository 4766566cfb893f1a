import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../api";
import { bpmn, testEngine } from "../../testing";

const countersign = (id: string, sequential: boolean, extra = "") => bpmn(id, `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sign"/>
  <bpmn:userTask id="sign" name="会签" camunda:assignee="\${signer}">
    <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" camunda:collection="\${signers}" camunda:elementVariable="signer">${extra}</bpmn:multiInstanceLoopCharacteristics>
  </bpmn:userTask><bpmn:sequenceFlow id="f2" sourceRef="sign" targetRef="approve"/>
  <bpmn:userTask id="approve" name="审批" camunda:assignee="leader"/><bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="e"/>
  <bpmn:endEvent id="e"/>`);

const BY_COUNT = bpmn("byCount", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sign"/>
  <bpmn:userTask id="sign" camunda:candidateGroups="leader@330106"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>2</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
  <bpmn:sequenceFlow id="f2" sourceRef="sign" targetRef="e"/><bpmn:endEvent id="e"/>`);

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await engine.deploy({ name: "signers", resources: [
    { name: "par.bpmn", content: countersign("parallelSign", false) },
    { name: "seq.bpmn", content: countersign("sequentialSign", true) },
    { name: "half.bpmn", content: countersign("halfSign", false, `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances * 2 >= nrOfInstances}</bpmn:completionCondition>`) },
    { name: "count.bpmn", content: BY_COUNT },
  ] });
});
afterAll(() => engine.close());

const open = async (pi: string) => (await engine.getTasks({ processInstanceId: pi })).map((t) => `${t.taskDefinitionKey}:${t.assignee ?? "-"}`).sort();
const signTask = async (pi: string, user: string) => (await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "sign", assignee: user }))[0]!;
const sign = async (pi: string, user: string) => engine.completeTask((await signTask(pi, user)).id, { userId: user });
async function counters(pi: string) {
  const body = (await engine.getActivityInstanceTree(pi))!.childActivityInstances.find((c) => c.activityId === "sign#multiInstanceBody")!;
  const v = await engine.getVariables(body.executionIds[0], { local: true });
  return [v.nrOfInstances.value, v.nrOfCompletedInstances.value, v.nrOfActiveInstances.value];
}

describe("加签 / 减签 on a parallel countersign", () => {
  it("adds a signer with his own task; the countersign waits for him too", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallelSign", { variables: { signers: ["a", "b"] } })).id;
    await sign(pi, "a");
    await engine.addSigner({ taskId: (await signTask(pi, "b")).id }, { user: "c", userId: "b" });
    expect(await open(pi)).toEqual(["sign:b", "sign:c"]);
    expect(await counters(pi)).toEqual([3, 1, 2]);
    const c = await signTask(pi, "c");
    expect((await engine.getTaskVariables(c.id)).signer.value).toBe("c");
    await expect(engine.addSigner({ processInstanceId: pi, activityId: "sign" }, { user: "c" })).rejects.toThrow(/already a signer/);
    const log = await engine.getUserOperationLog({ processInstanceId: pi, operationType: "AddSigner" });
    expect(log.map((l) => [l.userId, l.newValue])).toEqual([["b", "c"]]);
    await sign(pi, "b");
    expect(await open(pi)).toEqual(["sign:c"]);
    await sign(pi, "c");
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("removes a signer who has not signed; refuses one who has, a stranger and the last one", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallelSign", { variables: { signers: ["a", "b", "c"] } })).id;
    await sign(pi, "a");
    const target = { processInstanceId: pi, activityId: "sign" };
    await expect(engine.removeSigner(target, { user: "a" })).rejects.toThrow("a has already signed 'sign': a completed countersign vote cannot be removed");
    await expect(engine.removeSigner(target, { user: "zed" })).rejects.toThrow("zed is not a signer of 'sign'");
    const c = await signTask(pi, "c");
    await engine.removeSigner(target, { user: "c", userId: "leader" });
    expect(await open(pi)).toEqual(["sign:b"]);
    expect(await counters(pi)).toEqual([2, 1, 1]);
    expect((await engine.getHistoricTaskInstances({ taskId: c.id }))[0].deleteReason).toBe("signer c removed");
    // removing the only one left to sign completes the countersign
    await engine.removeSigner(target, { user: "b" });
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("the last signer cannot be removed", async () => {
    const pi = (await engine.startProcessInstanceByKey("parallelSign", { variables: { signers: ["a"] } })).id;
    await expect(engine.removeSigner({ taskId: (await signTask(pi, "a")).id }, { user: "a" })).rejects.toThrow(/the last signer cannot be removed/);
  });

  it("removal re-checks the completion condition", async () => {
    // half of the signers suffice: 1 of 3 is not enough, 1 of 2 is
    const pi = (await engine.startProcessInstanceByKey("halfSign", { variables: { signers: ["a", "b", "c"] } })).id;
    await sign(pi, "a");
    expect(await open(pi)).toEqual(["sign:b", "sign:c"]);
    await engine.removeSigner({ processInstanceId: pi, activityId: "sign" }, { user: "c" });
    expect(await open(pi)).toEqual(["approve:leader"]);
  });

  it("refuses countersigns without a collection, and tasks outside any countersign", async () => {
    const pi = (await engine.startProcessInstanceByKey("byCount")).id;
    const t = (await engine.getTasks({ processInstanceId: pi }))[0]!;
    await expect(engine.addSigner({ taskId: t.id }, { user: "x" })).rejects.toThrow(/no collection with an element variable/);
    const pi2 = (await engine.startProcessInstanceByKey("parallelSign", { variables: { signers: ["a"] } })).id;
    await sign(pi2, "a");
    const approve = (await engine.getTasks({ processInstanceId: pi2 }))[0]!;
    await expect(engine.addSigner({ taskId: approve.id }, { user: "x" })).rejects.toThrow(/is not part of a multi-instance countersign/);
    await expect(engine.addSigner({ processInstanceId: pi2, activityId: "sign" }, { user: "x" })).rejects.toThrow(/No running multi-instance 'sign'/);
  });
});

describe("加签 / 减签 on a sequential countersign", () => {
  it("appends the added signer to those still to come, who signs last", async () => {
    const pi = (await engine.startProcessInstanceByKey("sequentialSign", { variables: { signers: ["a", "b"] } })).id;
    expect(await open(pi)).toEqual(["sign:a"]);
    await engine.addSigner({ taskId: (await signTask(pi, "a")).id }, { user: "c" });
    expect(await open(pi)).toEqual(["sign:a"]); // one at a time
    expect(await counters(pi)).toEqual([3, 0, 1]);
    await expect(engine.addSigner({ processInstanceId: pi, activityId: "sign" }, { user: "b" })).rejects.toThrow(/already waiting to sign/);
    await sign(pi, "a");
    expect(await open(pi)).toEqual(["sign:b"]);
    await sign(pi, "b");
    expect(await open(pi)).toEqual(["sign:c"]);
    await sign(pi, "c");
    expect(await open(pi)).toEqual(["approve:leader"]);
    const signed = await engine.getHistoricTaskInstances({ processInstanceId: pi, taskDefinitionKey: "sign", sortBy: "startTime", sortOrder: "asc" });
    expect(signed.map((t) => t.assignee)).toEqual(["a", "b", "c"]);
  });

  it("removes a waiting signer or the current one (the next takes over); refuses one who signed", async () => {
    const pi = (await engine.startProcessInstanceByKey("sequentialSign", { variables: { signers: ["a", "b", "c", "d"] } })).id;
    await sign(pi, "a");
    const target = { processInstanceId: pi, activityId: "sign" };
    await engine.removeSigner(target, { user: "c" });
    expect(await counters(pi)).toEqual([3, 1, 1]);
    await engine.removeSigner(target, { user: "b" }); // the current signer
    expect(await open(pi)).toEqual(["sign:d"]);
    expect(await counters(pi)).toEqual([2, 1, 1]);
    await expect(engine.removeSigner(target, { user: "a" })).rejects.toThrow(/already signed/);
    await sign(pi, "d");
    expect(await open(pi)).toEqual(["approve:leader"]);
  });
});
