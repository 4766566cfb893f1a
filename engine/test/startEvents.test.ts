// Start events: none, message, timer (date, cycle), signal.
import { describe, expect, test } from "vitest";
import { activityIds, chain, deployProcesses, engineWith, HOUR, message, MONDAY, newEngine, signal, taskKeys, tokens, vars } from "./helpers";

describe("start events", () => {
  test("none start event: the token moves on to the first wait state and history records the start", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start" camunda:initiator="applicant"/>
      <bpmn:userTask id="review"/>
      <bpmn:endEvent id="end"/>
      ${chain("start", "review", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK-1", userId: "zhang", variables: { area: 3 } });
    expect(await tokens(engine, pi.id)).toEqual(["review"]);
    expect(pi.businessKey).toBe("BK-1");
    expect(await vars(engine, pi.id)).toEqual({ area: 3, applicant: "zhang" });
    const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
    expect(acts.map((a) => [a.activityId, a.activityType, a.endTime !== null])).toEqual([["start", "startEvent", true], ["review", "userTask", false]]);
    const hi = (await engine.getHistoricProcessInstances({ processInstanceId: pi.id }))[0];
    expect([hi.startUserId, hi.startActivityId, hi.state, hi.businessKey]).toEqual(["zhang", "start", "ACTIVE", "BK-1"]);
  });

  test("message start event: correlating the message starts an instance with the variables and business key", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="M"/></bpmn:startEvent>
      <bpmn:userTask id="check"/>
      ${chain("start", "check")}`, message("M", "applicationReceived"));
    // a process with only a message start cannot be started by key
    await expect(engine.startProcessInstanceByKey("p")).rejects.toThrow(/no none start event/);
    expect(await engine.countProcessInstances()).toBe(0);
    const [result] = await engine.correlateMessage({ messageName: "applicationReceived", businessKey: "APP-7", processVariables: { parcel: "A-1" } });
    expect(result.resultType).toBe("ProcessDefinition");
    const pi = result.processInstance!;
    expect(pi.businessKey).toBe("APP-7");
    expect(await tokens(engine, pi.id)).toEqual(["check"]);
    expect(await vars(engine, pi.id)).toEqual({ parcel: "A-1" });
    expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id }))[0].activityType).toBe("messageStartEvent");
    // an unknown message is refused and starts nothing
    await expect(engine.correlateMessage({ messageName: "nobodyListens" })).rejects.toThrow(/Cannot correlate message 'nobodyListens'/);
    expect(await engine.countProcessInstances()).toBe(1);
  });

  test("timer start event with a date: one job, fires once when the clock passes the date", async () => {
    const { engine, clock } = await engineWith("p", `
      <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDate>2026-03-05T02:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:userTask id="report"/>
      ${chain("start", "report")}`);
    const [job] = await engine.getJobs();
    expect(job.type).toBe("timer");
    expect(job.processInstanceId).toBeNull();
    expect(job.dueDate?.toISOString()).toBe("2026-03-05T02:00:00.000Z");
    clock.set("2026-03-05T01:59:59Z");
    expect(await engine.runDueJobs()).toBe(0);
    expect(await engine.countProcessInstances()).toBe(0);
    clock.set("2026-03-05T02:00:00Z");
    expect(await engine.runDueJobs()).toBe(1);
    const [pi] = await engine.getProcessInstances();
    expect(await tokens(engine, pi.id)).toEqual(["report"]);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "report"]);
    expect(await engine.countJobs()).toBe(0);
    clock.advance(100 * HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await engine.countProcessInstances()).toBe(1);
  });

  test("timer start event with a cycle R3/PT1H: three instances, one per hour, then no more jobs", async () => {
    const { engine, clock } = await engineWith("p", `
      <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:userTask id="report"/>
      ${chain("start", "report")}`);
    const first = (await engine.getJobs())[0];
    expect(first.dueDate!.getTime()).toBe(MONDAY.getTime() + HOUR);
    for (let i = 1; i <= 3; i++) {
      clock.advance(HOUR);
      expect(await engine.runDueJobs()).toBe(1);
      expect(await engine.countProcessInstances()).toBe(i);
      const jobs = await engine.getJobs();
      if (i < 3) expect(jobs.map((j) => j.dueDate!.getTime())).toEqual([MONDAY.getTime() + (i + 1) * HOUR]);
      else expect(jobs).toEqual([]);
    }
    clock.advance(10 * HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await engine.countProcessInstances()).toBe(3);
  });

  test("a new version replaces the timer start job of the previous one", async () => {
    const { engine } = await newEngine();
    const body = (date: string) => `
      <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDate>${date}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
      <bpmn:endEvent id="end"/>${chain("start", "end")}`;
    await deployProcesses(engine, { p: body("2026-04-01T00:00:00Z") });
    await deployProcesses(engine, { p: body("2026-05-01T00:00:00Z") });
    const jobs = await engine.getJobs();
    expect(jobs.map((j) => j.dueDate!.toISOString())).toEqual(["2026-05-01T00:00:00.000Z"]);
    expect(jobs[0].processDefinitionId).toBe((await engine.getLatestProcessDefinition("p"))!.id);
  });

  test("signal start event: a thrown signal starts every subscribed process with the signal's variables", async () => {
    const { engine } = await newEngine();
    const body = `
      <bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="S"/></bpmn:startEvent>
      <bpmn:userTask id="respond"/>
      ${chain("start", "respond")}`;
    await deployProcesses(engine, { a: body, b: body }, signal("S", "landslideAlert"));
    await engine.signal({ name: "otherSignal" });
    expect(await engine.countProcessInstances()).toBe(0);
    await engine.signal({ name: "landslideAlert", variables: { level: 2 } });
    const pis = await engine.getProcessInstances();
    expect(pis.map((p) => p.processDefinitionKey).sort()).toEqual(["a", "b"]);
    for (const pi of pis) {
      expect(await taskKeys(engine, pi.id)).toEqual(["respond"]);
      expect(await vars(engine, pi.id)).toEqual({ level: 2 });
      expect((await engine.getHistoricActivityInstances({ processInstanceId: pi.id }))[0].activityType).toBe("signalStartEvent");
    }
  });
});
