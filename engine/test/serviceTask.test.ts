// Service tasks: external topic, delegateExpression and class bound to registered handlers, BPMN errors
// from handlers, and a handler that throws a plain error (the command fails and nothing changes).
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { activityIds, chain, engineWith, error, state, tokens, vars } from "./helpers";

describe("service task", () => {
  test("external topic: an external task waits for a worker with the instance's data", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:serviceTask id="measure" camunda:type="external" camunda:topic="measureParcel" camunda:taskPriority="\${prio}">
        <bpmn:extensionElements><camunda:properties><camunda:property name="layer" value="farmland"/></camunda:properties></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "measure", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK", variables: { prio: 7, parcel: "A-1" } });
    expect(await tokens(engine, pi.id)).toEqual(["measure"]);
    const [ext] = await engine.getExternalTasks({ processInstanceId: pi.id });
    expect([ext.topicName, ext.activityId, ext.businessKey, ext.priority, ext.workerId, ext.extensionProperties]).toEqual(["measureParcel", "measure", "BK", 7, null, { layer: "farmland" }]);
    const [locked] = await engine.fetchAndLock({ workerId: "gis", maxTasks: 1, topics: [{ topicName: "measureParcel", lockDuration: 60_000 }] });
    expect(locked.variables.parcel.value).toBe("A-1");
    await engine.completeExternalTask(locked.id, "gis", { variables: { areaMu: 12.5 } });
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await vars(engine, pi.id)).toMatchObject({ areaMu: 12.5 });
    expect(await engine.countExternalTasks()).toBe(0);
    const [act] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "measure" });
    expect([act.activityType, act.endTime !== null]).toEqual(["serviceTask", true]);
  });

  test("delegateExpression ${name} and camunda:class run registered handlers synchronously", async () => {
    const calls: string[] = [];
    const handlers = {
      calculateFee: (e: DelegateExecution) => {
        calls.push(`fee@${e.activityId}`);
        e.setVariable("fee", Number(e.getVariable("area")) * 100);
      },
      "cn.jintu.Notify": async (e: DelegateExecution) => {
        await Promise.resolve();
        calls.push(`notify@${e.activityId}:${e.businessKey}`);
        e.setVariable("notified", true);
      },
    };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:serviceTask id="fee" camunda:delegateExpression="\${calculateFee}"/>
      <bpmn:sendTask id="notify" camunda:class="cn.jintu.Notify"/>
      <bpmn:endEvent id="end"/>
      ${chain("start", "fee", "notify", "end")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK-9", variables: { area: 3 } });
    expect(pi.ended).toBe(true);
    expect(calls).toEqual(["fee@fee", "notify@notify:BK-9"]);
    const updates = await engine.getHistoricVariableUpdates({ processInstanceId: pi.id });
    expect(updates.filter((u) => u.name === "fee").map((u) => u.value)).toEqual([300]);
    expect(updates.filter((u) => u.name === "notified").map((u) => u.value)).toEqual([true]);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "fee", "notify", "end"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "notify" }))[0].activityType).toBe("sendTask");
  });

  test("a handler raising a BPMN error (execution.bpmnError) is caught by the error boundary", async () => {
    const handlers = { checkOverlap: (e: DelegateExecution) => e.bpmnError("FARMLAND_OVERLAP", "overlaps 基本农田") };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:serviceTask id="check" camunda:delegateExpression="\${checkOverlap}"/>
      <bpmn:boundaryEvent id="overlap" attachedToRef="check"><bpmn:errorEventDefinition errorRef="E" camunda:errorMessageVariable="why"/></bpmn:boundaryEvent>
      <bpmn:userTask id="ok"/><bpmn:userTask id="reject"/>
      ${chain("start", "check", "ok")} ${chain("overlap", "reject")}`, error("E", "FARMLAND_OVERLAP"), { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["reject"]);
    expect(await vars(engine, pi.id)).toEqual({ why: "overlaps 基本农田" });
    const [check] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "check" });
    expect(check.canceled).toBe(true);
  });

  test("an uncaught BPMN error from a handler fails the start: nothing is stored", async () => {
    const handlers = { boom: (e: DelegateExecution) => e.bpmnError("NOPE") };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="svc" camunda:delegateExpression="\${boom}"/><bpmn:endEvent id="end"/>
      ${chain("start", "svc", "end")}`, "", { handlers });
    await expect(engine.startProcessInstanceByKey("p")).rejects.toThrow(/BPMN error 'NOPE' thrown by 'svc' was not caught/);
    expect(await engine.countProcessInstances()).toBe(0);
    expect(await engine.countHistoricProcessInstances()).toBe(0);
  });

  test("a handler throwing a plain error fails the command and changes nothing", async () => {
    let fail = true;
    const handlers = {
      register: (e: DelegateExecution) => {
        e.setVariable("registered", true);
        if (fail) throw new Error("registry offline");
      },
    };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:userTask id="fill"/>
      <bpmn:serviceTask id="svc" camunda:delegateExpression="\${register}"/><bpmn:userTask id="done"/>
      ${chain("start", "fill", "svc", "done")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p", { variables: { n: 1 } });
    const [task] = await engine.getTasks({ processInstanceId: pi.id });
    const before = { acts: await activityIds(engine, pi.id), updates: (await engine.getHistoricVariableUpdates({ processInstanceId: pi.id })).length };
    await expect(engine.completeTask(task.id, { variables: { n: 2 } })).rejects.toThrow("registry offline");
    expect(await tokens(engine, pi.id)).toEqual(["fill"]);
    expect((await engine.getTask(task.id))?.id).toBe(task.id);
    expect(await vars(engine, pi.id)).toEqual({ n: 1 });
    expect(await activityIds(engine, pi.id)).toEqual(before.acts);
    expect((await engine.getHistoricVariableUpdates({ processInstanceId: pi.id })).length).toBe(before.updates);
    expect(await engine.countUserOperationLog({ taskId: task.id })).toBe(0);
    expect(await state(engine, pi.id)).toBe("ACTIVE");
    fail = false;
    await engine.completeTask(task.id, { variables: { n: 2 } });
    expect(await tokens(engine, pi.id)).toEqual(["done"]);
    expect(await vars(engine, pi.id)).toEqual({ n: 2, registered: true });
  });

  test("an unknown handler name is a clear error", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="svc" camunda:class="cn.jintu.Missing"/><bpmn:endEvent id="end"/>
      ${chain("start", "svc", "end")}`);
    await expect(engine.startProcessInstanceByKey("p")).rejects.toThrow(/Unknown handler 'cn.jintu.Missing'.*register it/);
    expect(await engine.countProcessInstances()).toBe(0);
  });
});
