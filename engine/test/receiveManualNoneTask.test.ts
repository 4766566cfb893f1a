// Receive task (waits for its message), manual task and plain task (pass straight through).
import { describe, expect, test } from "vitest";
import { activityIds, chain, engineWith, message, state, tokens, vars } from "./helpers";

describe("receive, manual and none tasks", () => {
  test("receive task waits for its message, correlated by business key; the payload becomes variables", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:receiveTask id="waitPayment" messageRef="M"/>
      <bpmn:userTask id="issue"/>
      ${chain("start", "waitPayment", "issue")}`, message("M", "feePaid"));
    const a = await engine.startProcessInstanceByKey("p", { businessKey: "A" });
    const b = await engine.startProcessInstanceByKey("p", { businessKey: "B" });
    expect(await tokens(engine, a.id)).toEqual(["waitPayment"]);
    // two instances wait: correlating without a key is ambiguous and changes nothing
    await expect(engine.correlateMessage({ messageName: "feePaid" })).rejects.toThrow(/to a single execution. 2 executions match/);
    expect(await tokens(engine, a.id)).toEqual(["waitPayment"]);
    const [r] = await engine.correlateMessage({ messageName: "feePaid", businessKey: "B", processVariables: { amount: 800 } });
    expect([r.resultType, r.processInstance?.id]).toEqual(["Execution", b.id]);
    expect(await tokens(engine, b.id)).toEqual(["issue"]);
    expect(await tokens(engine, a.id)).toEqual(["waitPayment"]);
    expect(await vars(engine, b.id)).toEqual({ amount: 800 });
    const [recv] = await engine.getHistoricActivityInstances({ processInstanceId: b.id, activityId: "waitPayment" });
    expect([recv.activityType, recv.endTime !== null, recv.canceled]).toEqual(["receiveTask", true, false]);
    // the message was consumed: a second correlation for B finds nobody
    await expect(engine.correlateMessage({ messageName: "feePaid", businessKey: "B" })).rejects.toThrow(/Cannot correlate message 'feePaid'/);
  });

  test("receive task correlated by a correlation key (process variable)", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:receiveTask id="wait" messageRef="M"/><bpmn:endEvent id="end"/>
      ${chain("start", "wait", "end")}`, message("M", "survey"));
    const a = await engine.startProcessInstanceByKey("p", { variables: { caseNo: "2026-001" } });
    const b = await engine.startProcessInstanceByKey("p", { variables: { caseNo: "2026-002" } });
    await engine.correlateMessage({ messageName: "survey", correlationKeys: { caseNo: "2026-002" } });
    expect(await state(engine, b.id)).toBe("COMPLETED");
    expect(await tokens(engine, a.id)).toEqual(["wait"]);
  });

  test("manual task and plain task pass straight through and appear in history", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:manualTask id="sign"/><bpmn:task id="file"/><bpmn:endEvent id="end"/>
      ${chain("start", "sign", "file", "end")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(pi.ended).toBe(true);
    const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
    expect(acts.map((a) => [a.activityId, a.activityType, a.endTime !== null])).toEqual([
      ["start", "startEvent", true], ["sign", "manualTask", true], ["file", "task", true], ["end", "noneEndEvent", true],
    ]);
    expect(await activityIds(engine, pi.id, { canceled: true })).toEqual([]);
  });
});
