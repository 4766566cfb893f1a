// Intermediate events: catch timer / message / signal; throw none / signal / message / escalation.
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { activityIds, chain, DAY, deployProcesses, engineWith, escalation, message, newEngine, signal, state, taskKeys, tokens, vars } from "./helpers";

describe("intermediate catch events", () => {
  test("timer catch with a duration expression: waits, then continues", async () => {
    const { engine, clock } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>\${publicity}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after"/>
      ${chain("start", "wait", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { publicity: "P7D" } });
    expect(await tokens(engine, pi.id)).toEqual(["wait"]);
    expect((await engine.getJobs({ processInstanceId: pi.id }))[0].dueDate!.getTime()).toBe(clock.now().getTime() + 7 * DAY);
    clock.advance(7 * DAY);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "wait" }))[0].activityType).toBe("intermediateTimer");
  });

  test("timer catch with a date", async () => {
    const { engine, clock } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-10T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"/>
      ${chain("start", "wait", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    clock.set("2026-03-09T23:59:59Z");
    expect(await engine.runDueJobs()).toBe(0);
    clock.set("2026-03-10T00:00:00Z");
    expect(await engine.runDueJobs()).toBe(1);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
  });

  test("message catch: correlated by process instance id with local variables", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after"/>
      ${chain("start", "wait", "after")}`, message("M", "materialsReceived"));
    const a = await engine.startProcessInstanceByKey("p");
    const b = await engine.startProcessInstanceByKey("p");
    await engine.correlateMessage({ messageName: "materialsReceived", processInstanceId: b.id, processVariables: { pages: 12 } });
    expect(await tokens(engine, a.id)).toEqual(["wait"]);
    expect(await tokens(engine, b.id)).toEqual(["after"]);
    expect(await vars(engine, b.id)).toEqual({ pages: 12 });
    expect((await engine.getHistoricActivityInstances({ processInstanceId: b.id, activityId: "wait" }))[0].activityType).toBe("intermediateMessageCatch");
  });

  test("message name as an expression: each instance subscribes to its own name", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end"/>
      ${chain("start", "wait", "end")}`, message("M", "paid-${caseNo}"));
    const a = await engine.startProcessInstanceByKey("p", { variables: { caseNo: "001" } });
    const b = await engine.startProcessInstanceByKey("p", { variables: { caseNo: "002" } });
    await engine.correlateMessage({ messageName: "paid-002" });
    expect(await state(engine, b.id)).toBe("COMPLETED");
    expect(await state(engine, a.id)).toBe("ACTIVE");
  });

  test("signal catch: one signal releases every waiting instance; all=correlation not needed", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after"/>
      ${chain("start", "wait", "after")}`, signal("S", "yearEnd"));
    const ids = [(await engine.startProcessInstanceByKey("p")).id, (await engine.startProcessInstanceByKey("p")).id];
    await engine.signal({ name: "yearEnd", variables: { year: 2026 } });
    for (const id of ids) {
      expect(await tokens(engine, id)).toEqual(["after"]);
      expect(await vars(engine, id)).toEqual({ year: 2026 });
    }
    // a signal is not remembered: an instance that starts waiting afterwards keeps waiting
    const late = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, late.id)).toEqual(["wait"]);
  });
});

describe("intermediate throw events", () => {
  test("none throw event passes through and is recorded", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="milestone"/><bpmn:endEvent id="end"/>
      ${chain("start", "milestone", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(pi.ended).toBe(true);
    const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
    expect(acts.map((a) => [a.activityId, a.activityType])).toEqual([["start", "startEvent"], ["milestone", "intermediateNoneThrowEvent"], ["end", "noneEndEvent"]]);
  });

  test("signal throw: reaches catch events in its own and other instances, then continues", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, {
      thrower: `<bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/>
        <bpmn:intermediateCatchEvent id="selfWait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="prepare"/><bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="afterSelf"/><bpmn:userTask id="afterThrow"/>
        ${chain("start", "fork")} ${chain("fork", "selfWait", "afterSelf")} ${chain("fork", "prepare", "announce", "afterThrow")}`,
      listener: `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="react"/>${chain("start", "wait", "react")}`,
    }, signal("S", "announced"));
    const other = await engine.startProcessInstanceByKey("listener");
    const pi = await engine.startProcessInstanceByKey("thrower");
    expect(await tokens(engine, pi.id)).toEqual(["prepare", "selfWait"]);
    const prepare = (await engine.getTasks({ processInstanceId: pi.id }))[0];
    await engine.completeTask(prepare.id);
    expect(await taskKeys(engine, pi.id)).toEqual(["afterSelf", "afterThrow"]);
    expect(await tokens(engine, other.id)).toEqual(["react"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "announce" }))[0].activityType).toBe("intermediateSignalThrow");
  });

  test("message throw with a registered handler (camunda:delegateExpression on the message definition)", async () => {
    const sent: unknown[] = [];
    const handlers = { sendSms: (e: DelegateExecution) => void sent.push(e.getVariable("phone")) };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateThrowEvent id="sms"><bpmn:messageEventDefinition camunda:delegateExpression="\${sendSms}"/></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="after"/>
      ${chain("start", "sms", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p", { variables: { phone: "13800000000" } });
    expect(sent).toEqual(["13800000000"]);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "sms" }))[0].activityType).toBe("intermediateMessageThrowEvent");
  });

  test("message throw with an external topic waits for its worker", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:intermediateThrowEvent id="notify"><bpmn:messageEventDefinition camunda:type="external" camunda:topic="notifyApplicant"/></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="after"/>
      ${chain("start", "notify", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["notify"]);
    const [t] = await engine.fetchAndLock({ workerId: "w", maxTasks: 1, topics: [{ topicName: "notifyApplicant", lockDuration: 1000 }] });
    await engine.completeExternalTask(t.id, "w");
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
  });

  test("escalation throw caught by an event subprocess (non-interrupting) of the process", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="continue"/>
      ${chain("start", "raise", "continue")}
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:startEvent>
        <bpmn:userTask id="supervise"/>${chain("espStart", "supervise")}
      </bpmn:subProcess>`, escalation("X", "TO_SUPERVISOR"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["continue", "supervise"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual([]);
  });

  test("uncaught escalation throw: the flow simply continues", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="continue"/>${chain("start", "raise", "continue")}`, escalation("X"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["continue"]);
  });
});
