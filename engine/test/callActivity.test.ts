// Call activity (调用活动): variable mappings, business key, tenant (cross-tier calls), version binding,
// errors from the called process, cancellation cascading into the called instance.
import { describe, expect, test } from "vitest";
import { activityIds, chain, completeOnly, deployProcesses, error, newEngine, onlyTask, state, tokens, vars } from "./helpers";

const child = `
  <bpmn:startEvent id="cStart"/><bpmn:userTask id="cWork"/><bpmn:endEvent id="cEnd"/>
  ${chain("cStart", "cWork", "cEnd")}`;

const caller = (attrs: string, mappings: string) => `
  <bpmn:startEvent id="start"/>
  <bpmn:callActivity id="call" calledElement="child" ${attrs}>
    <bpmn:extensionElements>${mappings}</bpmn:extensionElements>
  </bpmn:callActivity>
  <bpmn:userTask id="after"/>
  ${chain("start", "call", "after")}`;

async function calledInstance(engine: Awaited<ReturnType<typeof newEngine>>["engine"], parentId: string) {
  const [sub] = await engine.getProcessInstances({ superProcessInstance: parentId });
  return sub;
}

describe("call activity", () => {
  test("camunda:in / camunda:out by name and expression; unmapped variables stay on their side", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, {
      child,
      parent: caller("", `
        <camunda:in source="parcel" target="parcelId"/>
        <camunda:in sourceExpression="\${area * 15}" target="areaMu"/>
        <camunda:out source="result" target="surveyResult"/>
        <camunda:out sourceExpression="\${result == 'ok'}" target="passed"/>`),
    });
    const pi = await engine.startProcessInstanceByKey("parent", { variables: { parcel: "A-1", area: 2, secret: "x" } });
    expect(await tokens(engine, pi.id)).toEqual(["call"]);
    const sub = await calledInstance(engine, pi.id);
    expect([sub.processDefinitionKey, sub.rootProcessInstanceId]).toEqual(["child", pi.id]);
    expect(await vars(engine, sub.id)).toEqual({ parcelId: "A-1", areaMu: 30 });
    await engine.completeTask((await onlyTask(engine, sub.id)).id, { variables: { result: "ok", scratch: 1 } });
    expect(await state(engine, sub.id)).toBe("COMPLETED");
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await vars(engine, pi.id)).toEqual({ parcel: "A-1", area: 2, secret: "x", surveyResult: "ok", passed: true });
    const [act] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "call" });
    expect([act.activityType, act.calledProcessInstanceId, act.endTime !== null]).toEqual(["callActivity", sub.id, true]);
    const [hiSub] = await engine.getHistoricProcessInstances({ processInstanceId: sub.id });
    expect(hiSub.superProcessInstanceId).toBe(pi.id);
  });

  test("variables=\"all\" both ways and the business key passed with camunda:in businessKey", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, {
      child,
      parent: caller("", `<camunda:in variables="all"/><camunda:out variables="all"/><camunda:in businessKey="\${execution.processBusinessKey}"/>`),
    });
    const pi = await engine.startProcessInstanceByKey("parent", { businessKey: "CASE-1", variables: { a: 1, b: "two" } });
    const sub = await calledInstance(engine, pi.id);
    expect(sub.businessKey).toBe("CASE-1");
    expect(await vars(engine, sub.id)).toEqual({ a: 1, b: "two" });
    await engine.completeTask((await onlyTask(engine, sub.id)).id, { variables: { c: true, a: 10 } });
    expect(await vars(engine, pi.id)).toEqual({ a: 10, b: "two", c: true });
  });

  test("calledElementTenantId: a county process calls the province's definition (cross-tier call)", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, { child: child.replace("cWork", "cWork") }, "", { tenantId: "330000" });
    await deployProcesses(engine, { child: child.replace(/cWork/g, "wrongWork") }, "", { tenantId: "330106" });
    await deployProcesses(engine, { parent: caller(`camunda:calledElementTenantId="\${province}"`, "") }, "", { tenantId: "330106" });
    const pi = await engine.startProcessInstanceByKey("parent", { tenantId: "330106", variables: { province: "330000" } });
    expect(pi.tenantId).toBe("330106");
    const sub = await calledInstance(engine, pi.id);
    expect(sub.tenantId).toBe("330000");
    expect(await tokens(engine, sub.id)).toEqual(["cWork"]);
  });

  test("binding=version calls the given version even when a newer one exists", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, { child: child.replace(/cWork/g, "v1Work") });
    await deployProcesses(engine, { child: child.replace(/cWork/g, "v2Work") });
    await deployProcesses(engine, { parent: caller(`camunda:calledElementBinding="version" camunda:calledElementVersion="1"`, ""), latest: caller("", "") });
    const pinned = await engine.startProcessInstanceByKey("parent");
    expect(await tokens(engine, (await calledInstance(engine, pinned.id)).id)).toEqual(["v1Work"]);
    const latest = await engine.startProcessInstanceByKey("latest");
    expect(await tokens(engine, (await calledInstance(engine, latest.id)).id)).toEqual(["v2Work"]);
  });

  test("binding=version looks the version up in the caller's tenant, not in another tenant's versions", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, { child: child.replace(/cWork/g, "otherTenantWork") }, "", { tenantId: "110000" });
    await deployProcesses(engine, { child: child.replace(/cWork/g, "ownWork") }, "", { tenantId: "330000" });
    await deployProcesses(engine, { parent: caller(`camunda:calledElementBinding="version" camunda:calledElementVersion="1"`, "") }, "", { tenantId: "330000" });
    const pi = await engine.startProcessInstanceByKey("parent", { tenantId: "330000" });
    const sub = await calledInstance(engine, pi.id);
    expect([sub.tenantId, ...(await tokens(engine, sub.id))]).toEqual(["330000", "ownWork"]);
  });

  test("a missing called process fails the step with a clear message and nothing is written", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, { parent: caller("", "") });
    await expect(engine.startProcessInstanceByKey("parent")).rejects.toThrow(/call activity 'call': no process definition with key 'child'/);
    expect(await engine.countProcessInstances()).toBe(0);
  });

  test("an error end event in the called process is caught by the error boundary on the call activity", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, {
      child: `<bpmn:startEvent id="cStart"/><bpmn:userTask id="cWork"/><bpmn:endEvent id="cFail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
        ${chain("cStart", "cWork", "cFail")}`,
      parent: `${caller("", "")}
        <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="E" camunda:errorCodeVariable="code"/></bpmn:boundaryEvent>
        <bpmn:userTask id="handle"/>${chain("caught", "handle")}`,
    }, error("E", "SURVEY_FAILED"));
    const pi = await engine.startProcessInstanceByKey("parent");
    const sub = await calledInstance(engine, pi.id);
    await completeOnly(engine, sub.id, "cWork");
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect(await vars(engine, pi.id)).toEqual({ code: "SURVEY_FAILED" });
    expect(await engine.getProcessInstance(sub.id)).toBeNull();
    expect(await state(engine, sub.id)).not.toBe("ACTIVE");
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["call"]);
  });

  test("cancelling the caller (delete, interrupting boundary) cancels the called instance", async () => {
    const { engine, clock } = await newEngine();
    await deployProcesses(engine, {
      child,
      parent: `${caller("", "")}
        <bpmn:boundaryEvent id="late" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:userTask id="escalate"/>${chain("late", "escalate")}`,
    });
    const a = await engine.startProcessInstanceByKey("parent");
    const subA = await calledInstance(engine, a.id);
    await engine.deleteProcessInstance(a.id, { reason: "withdrawn" });
    expect(await engine.getProcessInstance(subA.id)).toBeNull();
    expect(await engine.countTasks()).toBe(0);
    expect(await state(engine, subA.id)).toBe("INTERNALLY_TERMINATED");
    expect(await state(engine, a.id)).toBe("EXTERNALLY_TERMINATED");

    const b = await engine.startProcessInstanceByKey("parent");
    const subB = await calledInstance(engine, b.id);
    clock.advance(3_600_000);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, b.id)).toEqual(["escalate"]);
    expect(await engine.getProcessInstance(subB.id)).toBeNull();
    expect((await engine.getHistoricTaskInstances({ processInstanceId: subB.id }))[0].endTime).not.toBeNull();
  });
});
