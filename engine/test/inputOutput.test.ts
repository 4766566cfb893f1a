// camunda:inputOutput — input parameters become local variables of the activity, output parameters are
// written back to the enclosing scope when it completes.
import { describe, expect, test } from "vitest";
import type { DelegateExecution } from "../api";
import { chain, engineWith, onlyTask, tokens, vars } from "./helpers";

describe("input/output mapping", () => {
  test("inputs (text, expression, list, map) are local to the activity; outputs come back to the process", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="review">
        <bpmn:extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="title">土地审查</camunda:inputParameter>
          <camunda:inputParameter name="mu">\${area * 15}</camunda:inputParameter>
          <camunda:inputParameter name="layers"><camunda:list><camunda:value>基本农田</camunda:value><camunda:value>\${extraLayer}</camunda:value></camunda:list></camunda:inputParameter>
          <camunda:inputParameter name="limits"><camunda:map><camunda:entry key="max">\${area * 2}</camunda:entry><camunda:entry key="unit">公顷</camunda:entry></camunda:map></camunda:inputParameter>
          <camunda:outputParameter name="decision">\${verdict == 'yes' ? '批准' : '不批准'}</camunda:outputParameter>
        </camunda:inputOutput></bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "review", "after")}`);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { area: 2, extraLayer: "生态保护红线" } });
    const task = await onlyTask(engine, pi.id);
    expect(await vars(engine, task.executionId, true)).toEqual({ title: "土地审查", mu: 30, layers: ["基本农田", "生态保护红线"], limits: { max: 4, unit: "公顷" } });
    expect(await vars(engine, pi.id)).toEqual({ area: 2, extraLayer: "生态保护红线" });
    // a task variable set by the clerk (through the task's execution) is visible to the output mapping
    await engine.completeTask(task.id, { variables: { verdict: "yes" } });
    expect(await tokens(engine, pi.id)).toEqual(["after"]);
    expect(await vars(engine, pi.id)).toEqual({ area: 2, extraLayer: "生态保护红线", verdict: "yes", decision: "批准" });
    // the local inputs are gone with the activity but kept in history
    const hist = await engine.getHistoricVariableInstances({ processInstanceId: pi.id, variableName: "mu" });
    expect(hist.map((h) => h.value)).toEqual([30]);
  });

  test("a handler sees its inputs and its local result is mapped out by an output parameter", async () => {
    const handlers = {
      fee: (e: DelegateExecution) => e.setVariableLocal("result", Number(e.getVariable("rate")) * Number(e.getVariable("area"))),
    };
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:serviceTask id="calc" camunda:delegateExpression="\${fee}">
        <bpmn:extensionElements><camunda:inputOutput>
          <camunda:inputParameter name="rate">\${zone == 'A' ? 100 : 50}</camunda:inputParameter>
          <camunda:outputParameter name="fee">\${result}</camunda:outputParameter>
        </camunda:inputOutput></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:userTask id="after"/>
      ${chain("start", "calc", "after")}`, "", { handlers });
    const pi = await engine.startProcessInstanceByKey("p", { variables: { zone: "A", area: 3 } });
    expect(await vars(engine, pi.id)).toEqual({ zone: "A", area: 3, fee: 300 });
  });

  test("an input expression over a missing variable fails the step with the element named", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:userTask id="review"><bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="mu">\${missing * 15}</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>
      ${chain("start", "review")}`);
    await expect(engine.startProcessInstanceByKey("p")).rejects.toThrow(/missing.*review|review.*missing/);
    expect(await engine.countProcessInstances()).toBe(0);
  });
});
