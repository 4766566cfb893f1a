// Asynchronous continuations (camunda:asyncBefore / asyncAfter) and job failure handling:
// failedJobRetryTimeCycle, incidents, setJobRetries.
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { activityIds, chain, completeOnly, engineWith, MINUTE, state, tokens, vars } from "./helpers";

describe("async continuations", () => {
  test("asyncBefore: the start command returns at the job; running the job executes the activity", async () => {
    const calls: string[] = [];
    const handlers = { work: (e: DelegateExecution) => void calls.push(e.activityId) };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="svc" camunda:asyncBefore="true" camunda:delegateExpression="\${work}"/><bpmn:userTask id="after"/>
      ${chain("start", "svc", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(calls).toEqual([]);
    const [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect([job.type, job.activityId, job.retries, job.dueDate!.getTime()]).toEqual(["async-continuation", "svc", 3, engine.clock.now().getTime()]);
    expect(await tokens(engine, pi.id)).toEqual(["svc"]);
    expect(await engine.runDueJobs()).toBe(1);
    expect(calls).toEqual(["svc"]);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await engine.countJobs()).toBe(0);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "svc", "after"]);
  });

  test("asyncAfter: completing the task commits, the outgoing flow is taken by the job", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:userTask id="fill" camunda:asyncAfter="true"/><bpmn:userTask id="next"/>
      ${chain("start", "fill", "next")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    await completeOnly(engine, pi.id, "fill");
    expect(await engine.countTasks()).toBe(0);
    const [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect([job.type, job.activityId]).toEqual(["async-continuation", "fill"]);
    const [fill] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "fill" });
    expect(fill.endTime).not.toBeNull();
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, pi.id)).toEqual(["next"]);
  });

  test("executeJob runs a job explicitly; an unknown job is NotFound", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start" camunda:asyncAfter="true"/><bpmn:endEvent id="end"/>${chain("start", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    const [job] = await engine.getJobs();
    await engine.executeJob(job.id);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
    await expect(engine.executeJob(job.id)).rejects.toMatchObject({ kind: "NotFound" });
  });
});

describe("job failures", () => {
  test("R3/PT5M: retries count down with due dates 5 minutes apart, then an incident; setJobRetries resolves it", async () => {
    let failing = true;
    const handlers = {
      register: (e: DelegateExecution) => {
        e.setVariable("attempted", true);
        if (failing) throw new Error("不动产登记系统 unavailable");
        e.setVariable("registered", true);
      },
    };
    const { engine, clock } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:serviceTask id="svc" camunda:asyncBefore="true" camunda:delegateExpression="\${register}">
        <bpmn:extensionElements><camunda:failedJobRetryTimeCycle>R3/PT5M</camunda:failedJobRetryTimeCycle></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "svc", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    const t0 = clock.now().getTime();
    expect(await engine.runDueJobs()).toBe(1);
    let [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect([job.retries, job.dueDate!.getTime() - t0, job.exceptionMessage]).toEqual([2, 5 * MINUTE, "不动产登记系统 unavailable"]);
    // not due yet: nothing runs
    clock.advance(5 * MINUTE - 1);
    expect(await engine.runDueJobs()).toBe(0);
    clock.advance(1);
    expect(await engine.runDueJobs()).toBe(1);
    [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect([job.retries, job.dueDate!.getTime() - t0]).toEqual([1, 10 * MINUTE]);
    expect(await engine.countIncidents()).toBe(0);
    clock.advance(5 * MINUTE);
    expect(await engine.runDueJobs()).toBe(1);
    [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect(job.retries).toBe(0);
    const [incident] = await engine.getIncidents({ processInstanceId: pi.id });
    expect([incident.incidentType, incident.activityId, incident.configuration, incident.incidentMessage]).toEqual(["failedJob", "svc", job.id, "不动产登记系统 unavailable"]);
    expect((await engine.getProcessInstances({ withIncident: true })).map((p) => p.id)).toEqual([pi.id]);
    // no retries left: the job is never picked up again
    clock.advance(60 * MINUTE);
    expect(await engine.runDueJobs()).toBe(0);
    // every failed attempt was rolled back
    expect(await vars(engine, pi.id)).toEqual({});
    expect(await tokens(engine, pi.id)).toEqual(["svc"]);

    failing = false;
    await engine.setJobRetries(job.id, 1);
    expect(await engine.countIncidents()).toBe(0);
    expect((await engine.getUserOperationLog({ operationType: "SetJobRetries" })).map((e) => [e.jobId, e.newValue])).toEqual([[job.id, "1"]]);
    clock.advance(5 * MINUTE);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await vars(engine, pi.id)).toEqual({ attempted: true, registered: true });
  });

  test("without a retry cycle: 3 immediate retries, then an incident", async () => {
    const handlers = { boom: () => { throw new Error("boom"); } };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:serviceTask id="svc" camunda:asyncBefore="true" camunda:delegateExpression="\${boom}"/><bpmn:endEvent id="end"/>
      ${chain("start", "svc", "end")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await engine.runDueJobs()).toBe(3);
    expect((await engine.getJobs())[0].retries).toBe(0);
    expect(await engine.countIncidents({ processInstanceId: pi.id })).toBe(1);
  });

  test("setJobRetries refuses a negative number", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start" camunda:asyncAfter="true"/><bpmn:endEvent id="end"/>${chain("start", "end")}`);
    await engine.startProcessInstanceByKey("p");
    const [job] = await engine.getJobs();
    await expect(engine.setJobRetries(job.id, -1)).rejects.toThrow(/non-negative/);
    await expect(engine.setJobRetries("missing", 1)).rejects.toMatchObject({ kind: "NotFound" });
  });
});
