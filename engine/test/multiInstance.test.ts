// Multi-instance (会签): parallel and sequential, on user tasks and subprocesses; loopCardinality,
// collection + elementVariable, completionCondition, and the nrOf…/loopCounter variables.
import { describe, expect, test } from "vitest";
import type { Engine, Task } from "../api";
import { activityIds, chain, engineWith, state, tokens, vars } from "./helpers";

const miTask = (loop: string, attrs = "") => `
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="sign" ${attrs}>${loop}</bpmn:userTask>
  <bpmn:userTask id="after"/>
  ${chain("start", "sign", "after")}`;

async function miVars(engine: Engine, task: Task) {
  const v = await vars(engine, task.executionId);
  return { nrOfInstances: v.nrOfInstances, nrOfActiveInstances: v.nrOfActiveInstances, nrOfCompletedInstances: v.nrOfCompletedInstances, loopCounter: v.loopCounter };
}

async function signTasks(engine: Engine, pi: string) {
  const tasks = await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "sign" });
  const withCounter = await Promise.all(tasks.map(async (t) => ({ t, c: Number((await engine.getVariable(t.executionId, "loopCounter"))?.value) })));
  return withCounter.sort((a, b) => a.c - b.c).map((x) => x.t);
}

describe("parallel multi-instance user task", () => {
  test("loopCardinality: N tasks at once with nrOf… counters and loopCounter; the body waits for all", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>\${n}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { n: 3 } });
    const tasks = await signTasks(engine, pi.id);
    expect(tasks.length).toBe(3);
    expect(await Promise.all(tasks.map((t) => miVars(engine, t)))).toEqual([0, 1, 2].map((loopCounter) => ({ nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0, loopCounter })));
    await engine.completeTask(tasks[1].id);
    expect(await miVars(engine, tasks[0])).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 2, nrOfCompletedInstances: 1, loopCounter: 0 });
    await engine.completeTask(tasks[0].id);
    expect(await tokens(engine, pi.id)).toEqual(["sign"]);
    await engine.completeTask(tasks[2].id);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    // the counters were local to the body and went with it
    expect(await vars(engine, pi.id)).toEqual({ n: 3 });
    const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
    const body = acts.find((a) => a.activityType === "multiInstanceBody")!;
    expect(body.activityId).toBe("sign#multiInstanceBody");
    expect(acts.filter((a) => a.activityId === "sign").every((a) => a.parentActivityInstanceId === body.id && a.endTime !== null)).toBe(true);
  });

  test("collection + elementVariable: one task per element, assigned by the element", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/>`, `camunda:assignee="\${signer}"`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { signers: ["li", "wang", "zhao"] } });
    const tasks = await signTasks(engine, pi.id);
    expect(tasks.map((t) => t.assignee)).toEqual(["li", "wang", "zhao"]);
    expect((await engine.getVariable(tasks[2].executionId, "signer"))?.value).toBe("zhao");
    for (const t of tasks) await engine.completeTask(t.id);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await vars(engine, pi.id)).toEqual({ signers: ["li", "wang", "zhao"] });
  });

  test("completionCondition (半数通过 half the votes): the remaining tasks are cancelled", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer">
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances / nrOfInstances &gt;= 0.5}</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>`, `camunda:assignee="\${signer}"`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { signers: ["a", "b", "c", "d"] } });
    const tasks = await signTasks(engine, pi.id);
    await engine.completeTask(tasks[3].id);
    expect((await signTasks(engine, pi.id)).length).toBe(3);
    await engine.completeTask(tasks[0].id);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    const hiTasks = await engine.getHistoricTaskInstances({ processInstanceId: pi.id, taskDefinitionKey: "sign" });
    expect(hiTasks.filter((t) => t.deleteReason === "completed").map((t) => t.assignee).sort()).toEqual(["a", "d"]);
    expect(hiTasks.filter((t) => t.deleteReason !== "completed").every((t) => t.endTime !== null)).toBe(true);
    expect((await activityIds(engine, pi.id, { canceled: true })).filter((a) => a === "sign").length).toBe(2);
  });

  test("an empty collection skips the activity", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/>`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { signers: [] } });
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
  });

  test("a collection that is not a list is a clear error", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer"/>`));
    await expect(engine.startProcessInstanceByKey("p", { variables: { signers: "li" } })).rejects.toThrow(/collection .* is not a list/);
    expect(await engine.countProcessInstances()).toBe(0);
  });
});

describe("sequential multi-instance", () => {
  test("user task: one at a time in collection order, loopCounter counts up", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${signers}" camunda:elementVariable="signer"/>`, `camunda:assignee="\${signer}"`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { signers: ["li", "wang", "zhao"] } });
    for (const [i, who] of ["li", "wang", "zhao"].entries()) {
      const tasks = await engine.getTasks({ processInstanceId: pi.id });
      expect(tasks.map((t) => t.assignee)).toEqual([who]);
      expect(await miVars(engine, tasks[0])).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 1, nrOfCompletedInstances: i, loopCounter: i });
      await engine.completeTask(tasks[0].id);
    }
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
  });

  test("sequential with completionCondition stops early (或签 any one approves)", async () => {
    const { engine } = await engineWith("p", miTask(`<bpmn:multiInstanceLoopCharacteristics isSequential="true"><bpmn:loopCardinality>5</bpmn:loopCardinality>
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${approved}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>`));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { approved: false } });
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id, { variables: { approved: true } });
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect((await engine.getHistoricTaskInstances({ processInstanceId: pi.id, taskDefinitionKey: "sign" })).length).toBe(2);
  });
});

describe("multi-instance subprocess", () => {
  const model = (sequential: boolean) => `
    <bpmn:startEvent id="start"/>
    <bpmn:subProcess id="inspect">
      <bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" camunda:collection="\${parcels}" camunda:elementVariable="parcel"/>
      <bpmn:startEvent id="sStart"/><bpmn:userTask id="visit" camunda:assignee="\${parcel}"/><bpmn:userTask id="report"/><bpmn:endEvent id="sEnd"/>
      ${chain("sStart", "visit", "report", "sEnd")}
    </bpmn:subProcess>
    <bpmn:userTask id="summary"/>
    ${chain("start", "inspect", "summary")}`;

  test("parallel: one subprocess instance per element, each with its own local variables", async () => {
    const { engine } = await engineWith("p", model(false));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { parcels: ["P1", "P2"] } });
    const visits = await engine.getTasks({ processInstanceId: pi.id, taskDefinitionKey: "visit" });
    expect(visits.map((t) => t.assignee).sort()).toEqual(["P1", "P2"]);
    const p1 = visits.find((t) => t.assignee === "P1")!;
    await engine.completeTask(p1.id, { variables: { note: "ok" } });
    expect(await tokens(engine, pi.id)).toEqual(["report", "visit"]);
    const report = (await engine.getTasks({ processInstanceId: pi.id, taskDefinitionKey: "report" }))[0];
    expect(await miVars(engine, report)).toEqual({ nrOfInstances: 2, nrOfActiveInstances: 2, nrOfCompletedInstances: 0, loopCounter: 0 });
    await engine.completeTask(report.id);
    const p2 = (await engine.getTasks({ processInstanceId: pi.id, taskDefinitionKey: "visit" }))[0];
    expect(await miVars(engine, p2)).toMatchObject({ nrOfActiveInstances: 1, nrOfCompletedInstances: 1, loopCounter: 1 });
    await engine.completeTask(p2.id);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id, taskDefinitionKey: "report" }))[0].id);
    expect(await tokens(engine, pi.id)).toEqual(["summary"]);
    // setVariable inside an inner instance with no local 'note' lands on the process (Camunda's setVariable)
    expect(await vars(engine, pi.id)).toEqual({ parcels: ["P1", "P2"], note: "ok" });
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "inspect" })).length).toBe(2);
  });

  test("sequential: the next subprocess instance starts when the previous one ends", async () => {
    const { engine } = await engineWith("p", model(true));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { parcels: ["P1", "P2"] } });
    expect((await engine.getTasks({ processInstanceId: pi.id })).map((t) => t.assignee)).toEqual(["P1"]);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id);
    expect((await engine.getTasks({ processInstanceId: pi.id })).map((t) => [t.taskDefinitionKey, t.assignee])).toEqual([["visit", "P2"]]);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id);
    await engine.completeTask((await engine.getTasks({ processInstanceId: pi.id }))[0].id);
    expect(await tokens(engine, pi.id)).toEqual(["summary"]);
    expect(await state(engine, pi.id)).toBe("ACTIVE");
  });
});
