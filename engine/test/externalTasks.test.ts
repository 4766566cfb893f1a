// The external-task protocol: fetchAndLock (topics, variables, business key, priority), lock expiry,
// wrong worker, extendLock, unlock, failures with retryTimeout, incidents, BPMN errors.
import { describe, expect, test } from "vitest";
import type { Engine } from "../api";
import { chain, deployProcesses, engineWith, error, MINUTE, newEngine, tokens, vars } from "./helpers";

const model = (topic = "measure", extra = "") => `
  <bpmn:startEvent id="start"/>
  <bpmn:serviceTask id="ext" camunda:type="external" camunda:topic="${topic}" camunda:taskPriority="\${prio}"/>
  <bpmn:userTask id="after"/>
  ${chain("start", "ext", "after")}
  ${extra}`;

const fetch = (engine: Engine, workerId: string, topics: string[] | { topicName: string; [k: string]: unknown }[], maxTasks = 10, usePriority = false, lockDuration = 10 * MINUTE) =>
  engine.fetchAndLock({ workerId, maxTasks, usePriority, topics: topics.map((t) => (typeof t === "string" ? { topicName: t, lockDuration } : { lockDuration, ...t })) as any });

describe("fetch and lock", () => {
  test("by topic, with only the requested variables, and each task to one worker only", async () => {
    const { engine } = await newEngine();
    await deployProcesses(engine, { a: model("measure"), b: model("notify") });
    const a = await engine.startProcessInstanceByKey("a", { businessKey: "A", variables: { prio: 0, parcel: "A-1", secret: "x" } });
    await engine.startProcessInstanceByKey("b", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", [{ topicName: "measure", variables: ["parcel"] }]);
    expect([t.topicName, t.processInstanceId, t.workerId, t.businessKey, t.activityId]).toEqual(["measure", a.id, "w1", "A", "ext"]);
    expect(Object.keys(t.variables)).toEqual(["parcel"]);
    expect(t.lockExpirationTime!.getTime()).toBe(engine.clock.now().getTime() + 10 * MINUTE);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
    expect((await fetch(engine, "w2", ["measure", "notify"])).map((x) => x.topicName)).toEqual(["notify"]);
    expect(await fetch(engine, "w3", ["unknownTopic"])).toEqual([]);
  });

  test("businessKey filter and maxTasks", async () => {
    const { engine } = await engineWith("p", model());
    for (const bk of ["A", "B", "C"]) await engine.startProcessInstanceByKey("p", { businessKey: bk, variables: { prio: 0 } });
    expect((await fetch(engine, "w", [{ topicName: "measure", businessKey: "B" }])).map((t) => t.businessKey)).toEqual(["B"]);
    expect((await fetch(engine, "w", ["measure"], 1)).length).toBe(1);
    expect((await fetch(engine, "w", ["measure"], 5)).length).toBe(1);
  });

  test("usePriority: higher priority first", async () => {
    const { engine, clock } = await engineWith("p", model());
    for (const prio of [10, 90, 50]) {
      await engine.startProcessInstanceByKey("p", { variables: { prio } });
      clock.advance(1000);
    }
    expect((await fetch(engine, "w", ["measure"], 3, true)).map((t) => t.priority)).toEqual([90, 50, 10]);
  });

  test("an expired lock lets another worker fetch; the first worker is then refused", async () => {
    const { engine, clock } = await engineWith("p", model());
    const pi = await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"], 1, false, 5 * MINUTE);
    clock.advance(5 * MINUTE - 1);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
    clock.advance(1);
    const [again] = await fetch(engine, "w2", ["measure"]);
    expect(again.id).toBe(t.id);
    const err = await engine.completeExternalTask(t.id, "w1").catch((e) => e);
    expect(err.message).toMatch(/cannot be completed by worker 'w1'. It is locked by worker 'w2'/);
    expect(await tokens(engine, pi.id)).toEqual(["ext"]);
    await engine.completeExternalTask(t.id, "w2", { variables: { area: 3 } });
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
  });

  test("extendLock keeps the task; extending someone else's or an expired lock is refused", async () => {
    const { engine, clock } = await engineWith("p", model());
    await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"], 1, false, 5 * MINUTE);
    clock.advance(4 * MINUTE);
    await engine.extendExternalTaskLock(t.id, "w1", 10 * MINUTE);
    expect((await engine.getExternalTask(t.id))!.lockExpirationTime!.getTime()).toBe(clock.now().getTime() + 10 * MINUTE);
    await expect(engine.extendExternalTaskLock(t.id, "w2", MINUTE)).rejects.toThrow(/locked by worker 'w1'/);
    clock.advance(9 * MINUTE);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
    clock.advance(2 * MINUTE);
    await expect(engine.extendExternalTaskLock(t.id, "w1", MINUTE)).rejects.toThrow(/expired/);
  });

  test("unlock makes the task available at once", async () => {
    const { engine } = await engineWith("p", model());
    await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"]);
    await engine.unlockExternalTask(t.id);
    const ext = (await engine.getExternalTask(t.id))!;
    expect([ext.workerId, ext.lockExpirationTime]).toEqual([null, null]);
    expect((await fetch(engine, "w2", ["measure"])).map((x) => x.id)).toEqual([t.id]);
  });
});

describe("failures and errors", () => {
  test("failure with retries and retryTimeout; the last retry raises an incident; setRetries resolves it", async () => {
    const { engine, clock } = await engineWith("p", model());
    const pi = await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"]);
    await engine.handleExternalTaskFailure(t.id, "w1", { errorMessage: "GIS service down", errorDetails: "stack…", retries: 1, retryTimeout: 5 * MINUTE });
    let ext = (await engine.getExternalTask(t.id))!;
    expect([ext.retries, ext.errorMessage]).toEqual([1, "GIS service down"]);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
    clock.advance(5 * MINUTE);
    const [retry] = await fetch(engine, "w2", ["measure"]);
    expect(retry.id).toBe(t.id);
    await engine.handleExternalTaskFailure(t.id, "w2", { errorMessage: "still down", retries: 0 });
    ext = (await engine.getExternalTask(t.id))!;
    expect(ext.retries).toBe(0);
    const [incident] = await engine.getIncidents({ processInstanceId: pi.id });
    expect([incident.incidentType, incident.activityId, incident.configuration, incident.incidentMessage]).toEqual(["failedExternalTask", "ext", t.id, "still down"]);
    clock.advance(60 * MINUTE);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
    await engine.setExternalTaskRetries(t.id, 2);
    expect(await engine.countIncidents()).toBe(0);
    const [fixed] = await fetch(engine, "w3", ["measure"]);
    await engine.completeExternalTask(fixed.id, "w3");
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
  });

  test("failure reported by the wrong worker or with negative retries is refused", async () => {
    const { engine } = await engineWith("p", model());
    await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"]);
    await expect(engine.handleExternalTaskFailure(t.id, "w2", { retries: 1 })).rejects.toThrow(/locked by worker 'w1'/);
    await expect(engine.handleExternalTaskFailure(t.id, "w1", { retries: -1 })).rejects.toThrow(/non-negative/);
    await expect(engine.completeExternalTask("missing", "w1")).rejects.toMatchObject({ kind: "NotFound" });
  });

  test("a BPMN error caught by a boundary event takes the error path", async () => {
    const { engine } = await engineWith("p", model("measure", `
      <bpmn:boundaryEvent id="overlap" attachedToRef="ext"><bpmn:errorEventDefinition errorRef="E" camunda:errorCodeVariable="code"/></bpmn:boundaryEvent>
      <bpmn:userTask id="reject"/>${chain("overlap", "reject")}`), error("E", "OVERLAP"));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"]);
    await engine.handleExternalTaskBpmnError(t.id, "w1", { errorCode: "OVERLAP", variables: { overlapMu: 2.5 } });
    expect(await tokens(engine, pi.id)).toEqual(["reject"]);
    expect(await vars(engine, pi.id)).toMatchObject({ code: "OVERLAP", overlapMu: 2.5 });
    expect(await engine.countExternalTasks()).toBe(0);
  });

  test("an uncaught BPMN error raises an incident and the task stays", async () => {
    const { engine } = await engineWith("p", model());
    const pi = await engine.startProcessInstanceByKey("p", { variables: { prio: 0 } });
    const [t] = await fetch(engine, "w1", ["measure"]);
    await engine.handleExternalTaskBpmnError(t.id, "w1", { errorCode: "NOBODY_CATCHES", errorMessage: "bad data" });
    expect(await tokens(engine, pi.id)).toEqual(["ext"]);
    const [incident] = await engine.getIncidents({ processInstanceId: pi.id });
    expect(incident.incidentType).toBe("failedExternalTask");
    expect(incident.incidentMessage).toMatch(/NOBODY_CATCHES.*bad data/);
    expect((await engine.getExternalTask(t.id))!.retries).toBe(0);
    expect(await fetch(engine, "w2", ["measure"])).toEqual([]);
  });
});
