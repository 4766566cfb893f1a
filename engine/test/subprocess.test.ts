// Embedded subprocess, event subprocesses (interrupting / non-interrupting; message, timer, error).
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { activityIds, chain, completeOnly, engineWith, error, HOUR, message, state, taskKeys, tokens, vars } from "./helpers";

describe("embedded subprocess", () => {
  test("the token enters, runs the content and leaves; local variables die with the scope", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="survey">
        <bpmn:startEvent id="sStart"/><bpmn:userTask id="measure"/><bpmn:userTask id="map"/><bpmn:endEvent id="sEnd"/>
        ${chain("sStart", "measure", "map", "sEnd")}
      </bpmn:subProcess>
      <bpmn:userTask id="decide"/>
      ${chain("start", "survey", "decide")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { parcel: "A-1" } });
    expect(await tokens(engine, pi.id)).toEqual(["measure"]);
    const task = (await engine.getTasks({ processInstanceId: pi.id }))[0];
    await engine.setVariables(task.executionId, { tmp: 1 }, { local: true });
    expect(await vars(engine, pi.id)).toEqual({ parcel: "A-1" });
    await engine.completeTask(task.id, { variables: { area: 5 } });
    expect(await tokens(engine, pi.id)).toEqual(["map"]);
    await completeOnly(engine, pi.id, "map");
    expect(await tokens(engine, pi.id)).toEqual(["decide"]);
    expect(await vars(engine, pi.id)).toEqual({ parcel: "A-1", area: 5 });
    const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
    expect(acts.map((a) => a.activityId)).toEqual(["start", "survey", "sStart", "measure", "map", "sEnd", "decide"]);
    const sub = acts.find((a) => a.activityId === "survey")!;
    expect(sub.activityType).toBe("subProcess");
    expect(acts.filter((a) => a.parentActivityInstanceId === sub.id).map((a) => a.activityId)).toEqual(["sStart", "measure", "map", "sEnd"]);
  });
});

describe("event subprocess", () => {
  const withEsp = (espStart: string, nonInterrupting = false) => `
    <bpmn:startEvent id="start"/>
    <bpmn:userTask id="review"/>
    <bpmn:endEvent id="end"/>
    ${chain("start", "review", "end")}
    <bpmn:subProcess id="esp" triggeredByEvent="true">
      <bpmn:startEvent id="espStart" isInterrupting="${!nonInterrupting}">${espStart}</bpmn:startEvent>
      <bpmn:userTask id="handle"/><bpmn:endEvent id="espEnd"/>
      ${chain("espStart", "handle", "espEnd")}
    </bpmn:subProcess>`;

  test("interrupting message event subprocess: cancels the main flow; the instance ends with the subprocess", async () => {
    const { engine } = await engineWith("p", withEsp(`<bpmn:messageEventDefinition messageRef="M"/>`), message("M", "withdrawn"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    await engine.correlateMessage({ messageName: "withdrawn", businessKey: "BK", processVariables: { reason: "applicant withdrew" } });
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["review"]);
    expect(await vars(engine, pi.id)).toEqual({ reason: "applicant withdrew" });
    await completeOnly(engine, pi.id, "handle");
    expect(await state(engine, pi.id)).toBe("COMPLETED");
    const [esp] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "esp" });
    expect(esp.activityType).toBe("eventSubProcess");
  });

  test("non-interrupting timer event subprocess: runs beside the main flow, once per cycle", async () => {
    const { engine, clock } = await engineWith("p", withEsp(`<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>`, true));
    const pi = await engine.startProcessInstanceByKey("p");
    clock.advance(HOUR);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await taskKeys(engine, pi.id)).toEqual(["handle", "review"]);
    clock.advance(HOUR);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await taskKeys(engine, pi.id)).toEqual(["handle", "handle", "review"]);
    clock.advance(HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual([]);
    // the main flow ending does not end the instance while the event subprocess instances still run
    await completeOnly(engine, pi.id, "review");
    expect(await state(engine, pi.id)).toBe("ACTIVE");
    for (const t of await engine.getTasks({ processInstanceId: pi.id })) await engine.completeTask(t.id);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
  });

  test("error event subprocess catches an error thrown by a handler inside the process", async () => {
    const handlers = { check: (e: DelegateExecution) => e.bpmnError("INVALID", "证件无效") };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="verify" camunda:delegateExpression="\${check}"/><bpmn:userTask id="next"/>
      ${chain("start", "verify", "next")}
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="espStart"><bpmn:errorEventDefinition errorRef="E" camunda:errorCodeVariable="code" camunda:errorMessageVariable="msg"/></bpmn:startEvent>
        <bpmn:userTask id="correct"/>
        ${chain("espStart", "correct")}
      </bpmn:subProcess>`, error("E", "INVALID"), { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["correct"]);
    expect(await vars(engine, pi.id)).toEqual({ code: "INVALID", msg: "证件无效" });
    expect(await activityIds(engine, pi.id)).toEqual(["start", "verify", "esp", "espStart", "correct"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["verify"]);
  });

  test("error event subprocess inside an embedded subprocess: only that subprocess is interrupted", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sStart"/><bpmn:endEvent id="sFail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
        ${chain("sStart", "sFail")}
        <bpmn:subProcess id="esp" triggeredByEvent="true">
          <bpmn:startEvent id="espStart"><bpmn:errorEventDefinition errorRef="E"/></bpmn:startEvent><bpmn:endEvent id="espEnd"/>
          ${chain("espStart", "espEnd")}
        </bpmn:subProcess>
      </bpmn:subProcess>
      <bpmn:userTask id="after"/>
      ${chain("start", "sub", "after")}`, error("E"));
    const pi = await engine.startProcessInstanceByKey("p");
    // the event subprocess handled the error: the embedded subprocess completes normally and the flow goes on
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    const [sub] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "sub" });
    expect([sub.endTime !== null, sub.canceled]).toEqual([true, false]);
  });
});
