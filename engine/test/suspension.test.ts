// Suspension (挂起): a suspended instance refuses work on its task, its timers and its external tasks with
// a clear message; resuming (激活) restores everything.
import { describe, expect, test } from "vitest";
import { chain, engineWith, HOUR, message, onlyTask, state, taskKeys, tokens } from "./helpers";

const model = `
  <bpmn:startEvent id="start"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:userTask id="review"/>
  <bpmn:serviceTask id="measure" camunda:type="external" camunda:topic="measure"/>
  <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:receiveTask id="paid" messageRef="M"/>
  <bpmn:userTask id="afterReview"/><bpmn:userTask id="afterMeasure"/><bpmn:userTask id="afterWait"/><bpmn:userTask id="afterPaid"/>
  ${chain("start", "fork")} ${chain("fork", "review", "afterReview")} ${chain("fork", "measure", "afterMeasure")}
  ${chain("fork", "wait", "afterWait")} ${chain("fork", "paid", "afterPaid")}`;

describe("suspension", () => {
  test("suspended: task commands, the timer, fetching and completing external tasks and messages are refused; resume restores", async () => {
    const { engine, clock } = await engineWith("p", model, message("M", "feePaid"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    const task = await onlyTask(engine, pi.id, "review");
    const [locked] = await engine.fetchAndLock({ workerId: "w", maxTasks: 1, topics: [{ topicName: "measure", lockDuration: 10 * HOUR }] });
    await engine.suspendProcessInstance(pi.id, true, { userId: "chief" });
    expect((await engine.getProcessInstance(pi.id))!.suspended).toBe(true);
    expect((await engine.getTask(task.id))!.suspended).toBe(true);
    expect(await state(engine, pi.id)).toBe("SUSPENDED");

    // one at a time: a refusal not yet awaited would surface as an unhandled rejection
    for (const attempt of [() => engine.completeTask(task.id), () => engine.claim(task.id, "li"), () => engine.delegateTask(task.id, "wang")])
      await expect(attempt()).rejects.toMatchObject({ kind: "Suspended", message: expect.stringMatching(/suspended/) });
    await expect(engine.completeExternalTask(locked.id, "w")).rejects.toMatchObject({ kind: "Suspended", message: expect.stringMatching(/is suspended/) });
    clock.advance(2 * HOUR);
    expect(await engine.runDueJobs()).toBe(0);
    const [job] = await engine.getJobs({ processInstanceId: pi.id });
    expect(job.suspended).toBe(true);
    await expect(engine.executeJob(job.id)).rejects.toMatchObject({ kind: "Suspended" });
    // a refusal is not a failure: no retry used up
    expect((await engine.getJob(job.id))!.retries).toBe(3);
    await engine.unlockExternalTask(locked.id);
    expect(await engine.fetchAndLock({ workerId: "w2", maxTasks: 5, topics: [{ topicName: "measure", lockDuration: 1000 }] })).toEqual([]);
    await expect(engine.correlateMessage({ messageName: "feePaid", businessKey: "BK" })).rejects.toThrow(/Cannot correlate/);
    expect(await tokens(engine, pi.id)).toEqual(["measure", "paid", "review", "wait"]);

    await engine.suspendProcessInstance(pi.id, false, { userId: "chief" });
    expect(await state(engine, pi.id)).toBe("ACTIVE");
    await engine.completeTask(task.id);
    // (whether the timer kept its remaining hour or was overdue, it fires within the next hour)
    clock.advance(HOUR);
    expect(await engine.runDueJobs()).toBe(1);
    const [again] = await engine.fetchAndLock({ workerId: "w2", maxTasks: 5, topics: [{ topicName: "measure", lockDuration: 1000 }] });
    await engine.completeExternalTask(again.id, "w2");
    await engine.correlateMessage({ messageName: "feePaid", businessKey: "BK" });
    expect(await taskKeys(engine, pi.id)).toEqual(["afterMeasure", "afterPaid", "afterReview", "afterWait"]);
    expect((await engine.getUserOperationLog({ processInstanceId: pi.id, entityType: "ProcessInstance" })).map((e) => e.operationType).sort()).toEqual(["Activate", "Suspend"]);
  });

  test("a suspended process definition refuses new instances", async () => {
    const { engine } = await engineWith("p", `<bpmn:startEvent id="start"/><bpmn:userTask id="t"/>${chain("start", "t")}`);
    const def = (await engine.getLatestProcessDefinition("p"))!;
    await engine.suspendProcessDefinition(def.id, true);
    await expect(engine.startProcessInstanceByKey("p")).rejects.toMatchObject({ kind: "Suspended", message: expect.stringMatching(/is suspended/) });
    expect(await engine.countProcessInstances()).toBe(0);
    await engine.suspendProcessDefinition(def.id, false);
    await engine.startProcessInstanceByKey("p");
    expect(await engine.countProcessInstances()).toBe(1);
  });
});
