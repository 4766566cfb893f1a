// Boundary events: timer, message, error, signal, escalation — interrupting and not.
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { activityIds, chain, completeOnly, engineWith, error, escalation, HOUR, message, signal, taskKeys, tokens } from "./helpers";

const host = (boundary: string, extra = "") => `
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="review"/>
  <bpmn:endEvent id="end"/>
  ${boundary}
  <bpmn:userTask id="handle"/>
  ${chain("start", "review", "end")} ${chain("b", "handle")}
  ${extra}`;

describe("timer boundary", () => {
  test("interrupting: fires at the due date, cancels the task, continues on its own flow", async () => {
    const { engine, clock } = await engineWith("p", host(`<bpmn:boundaryEvent id="b" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`));
    const pi = await engine.startProcessInstanceByKey("p");
    const [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect([job.activityId, job.dueDate!.getTime() - clock.now().getTime()]).toEqual(["b", 2 * HOUR]);
    clock.advance(2 * HOUR - 1);
    expect(await engine.runDueJobs()).toBe(0);
    clock.advance(1);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["review"]);
    const [hiTask] = await engine.getHistoricTaskInstances({ processInstanceId: pi.id, taskDefinitionKey: "review" });
    expect(hiTask.endTime).not.toBeNull();
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "b" }))[0].activityType).toBe("boundaryTimer");
  });

  test("interrupting: completing the task first removes the timer", async () => {
    const { engine, clock } = await engineWith("p", host(`<bpmn:boundaryEvent id="b" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`));
    const pi = await engine.startProcessInstanceByKey("p");
    await completeOnly(engine, pi.id, "review");
    expect(await engine.countJobs()).toBe(0);
    clock.advance(3 * HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "review", "end"]);
  });

  test("non-interrupting cycle (催办 reminders): a reminder task per cycle while the task stays", async () => {
    const { engine, clock } = await engineWith("p", host(`<bpmn:boundaryEvent id="b" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>`));
    const pi = await engine.startProcessInstanceByKey("p");
    for (let i = 1; i <= 3; i++) {
      clock.advance(HOUR);
      expect(await engine.runDueJobs()).toBe(1);
      expect((await taskKeys(engine, pi.id)).filter((k) => k === "handle").length).toBe(i);
    }
    clock.advance(HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await taskKeys(engine, pi.id)).toEqual(["handle", "handle", "handle", "review"]);
    await completeOnly(engine, pi.id, "review");
    expect(await engine.countJobs()).toBe(0);
  });
});

describe("message boundary", () => {
  test("interrupting: the message cancels the task", async () => {
    const { engine } = await engineWith("p", host(`<bpmn:boundaryEvent id="b" attachedToRef="review"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent>`), message("M", "withdraw"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    await engine.correlateMessage({ messageName: "withdraw", businessKey: "BK" });
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["review"]);
  });

  test("non-interrupting: every message adds a branch, the task stays; the subscription goes with the task", async () => {
    const { engine } = await engineWith("p", host(`<bpmn:boundaryEvent id="b" attachedToRef="review" cancelActivity="false"><bpmn:messageEventDefinition messageRef="M"/></bpmn:boundaryEvent>`), message("M", "supplement"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    await engine.correlateMessage({ messageName: "supplement", businessKey: "BK" });
    await engine.correlateMessage({ messageName: "supplement", businessKey: "BK" });
    expect(await taskKeys(engine, pi.id)).toEqual(["handle", "handle", "review"]);
    await completeOnly(engine, pi.id, "review");
    await expect(engine.correlateMessage({ messageName: "supplement", businessKey: "BK" })).rejects.toThrow(/Cannot correlate/);
  });
});

describe("error boundary", () => {
  test("on a subprocess: an error end event inside cancels the other tokens of the subprocess", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sStart"/><bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/><bpmn:userTask id="x"/>
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
        ${chain("sStart", "fork")} ${chain("fork", "a")} ${chain("fork", "x")} ${chain("a", "fail")}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="b" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
      <bpmn:userTask id="handle"/><bpmn:endEvent id="end"/>
      ${chain("start", "sub", "end")} ${chain("b", "handle")}`, error("E"));
    const pi = await engine.startProcessInstanceByKey("p");
    await completeOnly(engine, pi.id, "a");
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect((await activityIds(engine, pi.id, { canceled: true })).sort()).toEqual(["sub", "x"]);
  });

  test("the boundary with the matching code wins over a catch-all", async () => {
    const handlers = { fail: (e: DelegateExecution) => e.bpmnError("B_CODE") };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="svc" camunda:delegateExpression="\${fail}"/><bpmn:endEvent id="end"/>
      <bpmn:boundaryEvent id="any" attachedToRef="svc"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="specific" attachedToRef="svc"><bpmn:errorEventDefinition errorRef="EB"/></bpmn:boundaryEvent>
      <bpmn:userTask id="generic"/><bpmn:userTask id="exact"/>
      ${chain("start", "svc", "end")} ${chain("any", "generic")} ${chain("specific", "exact")}`, error("EB", "B_CODE"), { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["exact"]);
  });
});

describe("signal boundary", () => {
  test("interrupting and non-interrupting signal boundaries", async () => {
    const { engine } = await engineWith("p", host(
      `<bpmn:boundaryEvent id="b" attachedToRef="review"><bpmn:signalEventDefinition signalRef="S"/></bpmn:boundaryEvent>`,
      `<bpmn:userTask id="other"/><bpmn:boundaryEvent id="nb" attachedToRef="other" cancelActivity="false"><bpmn:signalEventDefinition signalRef="N"/></bpmn:boundaryEvent>
       <bpmn:userTask id="notified"/>${chain("nb", "notified")}
       <bpmn:parallelGateway id="split"/>`).replace(chain("start", "review", "end"), `${chain("start", "split")} ${chain("split", "review", "end")} ${chain("split", "other")}`),
    `${signal("S", "policyChanged")}${signal("N", "notice")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["other", "review"]);
    await engine.signal({ name: "notice" });
    expect(await taskKeys(engine, pi.id)).toEqual(["notified", "other", "review"]);
    await engine.signal({ name: "policyChanged" });
    expect(await taskKeys(engine, pi.id)).toEqual(["handle", "notified", "other"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["review"]);
  });
});

describe("escalation boundary", () => {
  const model = (cancel: boolean) => `
    <bpmn:startEvent id="start"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="sStart"/><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="work"/><bpmn:endEvent id="sEnd"/>
      ${chain("sStart", "raise", "work", "sEnd")}
    </bpmn:subProcess>
    <bpmn:boundaryEvent id="b" attachedToRef="sub" cancelActivity="${cancel}"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:boundaryEvent>
    <bpmn:userTask id="handle"/><bpmn:userTask id="after"/>
    ${chain("start", "sub", "after")} ${chain("b", "handle")}`;

  test("non-interrupting: the subprocess carries on after the throw", async () => {
    const { engine } = await engineWith("p", model(false), escalation("X", "LATE"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["handle", "work"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "b" }))[0].activityType).toBe("boundaryEscalation");
  });

  test("interrupting: the subprocess is cancelled at the throw", async () => {
    const { engine } = await engineWith("p", model(true), escalation("X", "LATE"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["handle"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toContain("sub");
    expect(await activityIds(engine, pi.id)).not.toContain("work");
  });
});
