// End events: none, terminate, error, message, signal, escalation.
import { describe, expect, test } from "vitest";
import { activityIds, chain, completeOnly, deployProcesses, engineWith, error, escalation, flow, newEngine, signal, state, taskKeys, tokens, vars } from "./helpers";

describe("end events", () => {
  test("none end event: the instance completes when its last token ends; other tokens keep it alive", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="a"/><bpmn:userTask id="b"/>
      <bpmn:endEvent id="endA"/><bpmn:endEvent id="endB"/>
      ${chain("start", "fork")} ${flow("fa", "fork", "a")} ${flow("fb", "fork", "b")} ${chain("a", "endA")} ${chain("b", "endB")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["a", "b"]);
    await completeOnly(engine, pi.id, "a");
    expect(await tokens(engine, pi.id)).toEqual(["b"]);
    expect(await state(engine, pi.id)).toBe("ACTIVE");
    await completeOnly(engine, pi.id, "b");
    expect(await engine.getProcessInstance(pi.id)).toBeNull();
    const hi = (await engine.getHistoricProcessInstances({ processInstanceId: pi.id }))[0];
    expect(hi.state).toBe("COMPLETED");
    expect(hi.endTime).not.toBeNull();
    const ends = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityType: "noneEndEvent" });
    expect(ends.map((e) => [e.activityId, e.completeScope, e.canceled])).toEqual([["endA", true, false], ["endB", true, false]]);
  });

  test("terminate end event: cancels every other token of the process and completes it", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="a"/><bpmn:userTask id="b"/>
      <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>
      <bpmn:endEvent id="endB"/>
      ${chain("start", "fork")} ${flow("fa", "fork", "a")} ${flow("fb", "fork", "b")} ${chain("a", "kill")} ${chain("b", "endB")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    await completeOnly(engine, pi.id, "a");
    expect(await engine.getProcessInstance(pi.id)).toBeNull();
    expect(await engine.countTasks()).toBe(0);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["b"]);
    const [hiB] = await engine.getHistoricTaskInstances({ processInstanceId: pi.id, taskDefinitionKey: "b" });
    expect(hiB.endTime).not.toBeNull();
    expect(hiB.deleteReason).not.toBe("completed");
    expect((await engine.getHistoricProcessInstances({ processInstanceId: pi.id }))[0].endTime).not.toBeNull();
  });

  test("terminate end event inside a subprocess ends only the subprocess", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sStart"/>
        <bpmn:parallelGateway id="sFork"/>
        <bpmn:userTask id="x"/><bpmn:userTask id="y"/>
        <bpmn:endEvent id="sKill"><bpmn:terminateEventDefinition/></bpmn:endEvent>
        <bpmn:endEvent id="sEnd"/>
        ${chain("sStart", "sFork")} ${flow("sx", "sFork", "x")} ${flow("sy", "sFork", "y")} ${chain("x", "sKill")} ${chain("y", "sEnd")}
      </bpmn:subProcess>
      <bpmn:userTask id="after"/>
      <bpmn:endEvent id="end"/>
      ${chain("start", "sub", "after", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["x", "y"]);
    await completeOnly(engine, pi.id, "x");
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual(["y"]);
    const [sub] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "sub" });
    expect([sub.endTime !== null, sub.canceled]).toEqual([true, false]);
  });

  test("error end event: caught by the error boundary of the enclosing subprocess (with the code in a variable)", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sStart"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
        ${chain("sStart", "fail")}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="caught" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="E" camunda:errorCodeVariable="code"/></bpmn:boundaryEvent>
      <bpmn:userTask id="fix"/><bpmn:userTask id="normal"/>
      ${chain("start", "sub", "normal")} ${chain("caught", "fix")}`, error("E", "LAND_OCCUPIED"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["fix"]);
    expect(await vars(engine, pi.id)).toEqual({ code: "LAND_OCCUPIED" });
    expect(await activityIds(engine, pi.id)).toEqual(["start", "sub", "sStart", "fail", "caught", "fix"]);
    const [errEnd] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "fail" });
    expect(errEnd.activityType).toBe("errorEndEvent");
  });

  test("an uncaught error end event ends its token like a none end event (Camunda 7)", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="E"/></bpmn:endEvent>
      ${chain("start", "fail")}`, error("E"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(pi.ended).toBe(true);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
  });

  test("message end event with an external implementation waits for its worker, then ends", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:endEvent id="notify"><bpmn:messageEventDefinition camunda:type="external" camunda:topic="sendNotice"/></bpmn:endEvent>
      ${chain("start", "notify")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["notify"]);
    const [task] = await engine.fetchAndLock({ workerId: "w", maxTasks: 5, topics: [{ topicName: "sendNotice", lockDuration: 1000 }] });
    expect(task.activityId).toBe("notify");
    await engine.completeExternalTask(task.id, "w", { variables: { sent: true } });
    expect(await state(engine, pi.id)).toBe("COMPLETED");
    const [end] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "notify" });
    expect([end.activityType, end.endTime !== null]).toEqual(["messageEndEvent", true]);
  });

  test("signal end event: broadcasts the signal to waiting instances of other processes", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, {
      thrower: `<bpmn:startEvent id="start"/><bpmn:endEvent id="alarm"><bpmn:signalEventDefinition signalRef="S"/></bpmn:endEvent>${chain("start", "alarm")}`,
      waiter: `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="S"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="act"/>${chain("start", "wait", "act")}`,
    }, signal("S", "closeRoads"));
    const w1 = await engine.startProcessInstanceByKey("waiter");
    const w2 = await engine.startProcessInstanceByKey("waiter");
    expect(await tokens(engine, w1.id)).toEqual(["wait"]);
    const t = await engine.startProcessInstanceByKey("thrower");
    expect(t.ended).toBe(true);
    expect(await tokens(engine, w1.id)).toEqual(["act"]);
    expect(await tokens(engine, w2.id)).toEqual(["act"]);
    expect((await engine.getHistoricActivityInstances({ processInstanceId: t.id, activityId: "alarm" }))[0].activityType).toBe("signalEndEvent");
  });

  test("escalation end event: a non-interrupting boundary on the subprocess catches it, the subprocess still completes", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="sStart"/><bpmn:parallelGateway id="sFork"/>
        <bpmn:endEvent id="esc"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:endEvent>
        <bpmn:userTask id="work"/><bpmn:endEvent id="sEnd"/>
        ${chain("sStart", "sFork")} ${flow("s1", "sFork", "esc")} ${flow("s2", "sFork", "work")} ${chain("work", "sEnd")}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="notice" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:boundaryEvent>
      <bpmn:userTask id="inform"/><bpmn:userTask id="after"/>
      ${chain("start", "sub", "after")} ${chain("notice", "inform")}`, escalation("X", "OVERDUE"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["inform", "work"]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual([]);
    await completeOnly(engine, pi.id, "work");
    expect(await taskKeys(engine, pi.id)).toEqual(["after", "inform"]);
  });

  test("an uncaught escalation end event ends its token like a none end event", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:endEvent id="esc"><bpmn:escalationEventDefinition escalationRef="X"/></bpmn:endEvent>
      ${chain("start", "esc")}`, escalation("X"));
    const pi = await engine.startProcessInstanceByKey("p");
    expect(pi.ended).toBe(true);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "esc"]);
  });
});
