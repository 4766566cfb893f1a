// Execution listeners (start/end) and task listeners (create/assignment/complete) bound to handlers.
import { describe, expect, test } from "vitest";
import type { DelegateExecution, DelegateTask } from "../api";
import { chain, engineWith, onlyTask, state, vars } from "./helpers";

describe("listeners", () => {
  test("execution listeners fire on start and end of activities, gateways and the process, in order", async () => {
    const log: string[] = [];
    const handlers = { trace: (e: DelegateExecution) => void log.push(`${e.eventName}:${e.activityId}`) };
    const listen = (events: string[]) => `<bpmn:extensionElements>${events.map((ev) => `<camunda:executionListener event="${ev}" delegateExpression="\${trace}"/>`).join("")}</bpmn:extensionElements>`;
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start">${listen(["end"])}</bpmn:startEvent>
      <bpmn:userTask id="review">${listen(["start", "end"])}</bpmn:userTask>
      <bpmn:exclusiveGateway id="gw">${listen(["start", "end"])}</bpmn:exclusiveGateway>
      <bpmn:endEvent id="end">${listen(["start", "end"])}</bpmn:endEvent>
      ${chain("start", "review", "gw", "end")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    expect(log).toEqual(["end:start", "start:review"]);
    await engine.completeTask((await onlyTask(engine, pi.id)).id);
    expect(log).toEqual(["end:start", "start:review", "end:review", "start:gw", "end:gw", "start:end", "end:end"]);
    expect(await state(engine, pi.id)).toBe("COMPLETED");
  });

  test("camunda:class on a listener and a variable set by an end listener", async () => {
    const handlers = { "cn.jintu.MarkClosed": (e: DelegateExecution) => e.setVariable("closedAt", e.activityId) };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="review"><bpmn:extensionElements><camunda:executionListener event="end" class="cn.jintu.MarkClosed"/></bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "review", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    await engine.completeTask((await onlyTask(engine, pi.id)).id);
    expect(await vars(engine, pi.id)).toEqual({ closedAt: "review" });
  });

  test("task listeners: create assigns by region, assignment sees the assignee, complete sees the result", async () => {
    const log: string[] = [];
    const handlers = {
      assignByRegion: (e: DelegateExecution) => {
        const task = e as DelegateTask;
        log.push(`create:${task.taskDefinitionKey}`);
        task.assignee = `duty-${String(task.getVariable("county"))}`;
        task.addCandidateGroup(`clerk@${String(task.getVariable("county"))}`);
      },
      onAssign: (e: DelegateExecution) => void log.push(`assignment:${(e as DelegateTask).assignee}`),
      onComplete: (e: DelegateExecution) => {
        log.push(`complete:${String(e.getVariable("approved"))}`);
        e.setVariable("completedBy", (e as DelegateTask).assignee);
      },
    };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="review"><bpmn:extensionElements>
        <camunda:taskListener event="create" delegateExpression="\${assignByRegion}"/>
        <camunda:taskListener event="assignment" delegateExpression="\${onAssign}"/>
        <camunda:taskListener event="complete" delegateExpression="\${onComplete}"/>
      </bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "review", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p", { variables: { county: "110105" } });
    const task = await onlyTask(engine, pi.id);
    expect([task.assignee, task.candidateGroups]).toEqual(["duty-110105", ["clerk@110105"]]);
    const [hi] = await engine.getHistoricTaskInstances({ taskId: task.id });
    expect(hi.assignee).toBe("duty-110105");
    expect(log).toEqual(["create:review", "assignment:duty-110105"]);
    await engine.setAssignee(task.id, "li");
    expect(log).toEqual(["create:review", "assignment:duty-110105", "assignment:li"]);
    await engine.completeTask(task.id, { variables: { approved: true } });
    expect(log.at(-1)).toBe("complete:true");
    expect(await vars(engine, pi.id)).toMatchObject({ completedBy: "li" });
  });

  test("a listener that throws fails the command and nothing is written", async () => {
    const handlers = { refuse: () => { throw new Error("listener refused"); } };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="review"><bpmn:extensionElements><camunda:taskListener event="complete" delegateExpression="\${refuse}"/></bpmn:extensionElements></bpmn:userTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "review", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p");
    const task = await onlyTask(engine, pi.id);
    await expect(engine.completeTask(task.id, { variables: { x: 1 } })).rejects.toThrow("listener refused");
    expect((await engine.getTask(task.id))?.id).toBe(task.id);
    expect(await vars(engine, pi.id)).toEqual({});
  });

  test("an expression listener (camunda:expression) is evaluated for its side effect", async () => {
    const seen: unknown[] = [];
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"><bpmn:extensionElements><camunda:executionListener event="end" expression="\${audit(applicant)}"/></bpmn:extensionElements></bpmn:startEvent>
      <bpmn:endEvent id="end"/>${chain("start", "end")}`, "", { expressionFunctions: { audit: (who: unknown) => void seen.push(who) } });
    await engine.startProcessInstanceByKey("p", { variables: { applicant: "张三" } });
    expect(seen).toEqual(["张三"]);
  });
});
