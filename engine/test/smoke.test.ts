import { test, expect } from "vitest";
import { testEngine, bpmn } from "../../engine/testing";
test("smoke", async () => {
  const engine = await testEngine();
  await engine.deploy({ name: "t", resources: [{ name: "p.bpmn", content: bpmn("p", `
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
    <bpmn:exclusiveGateway id="g" default="f3"/><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="t"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${amount > 10}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="e"/>
    <bpmn:userTask id="t" camunda:assignee="\${who}"/><bpmn:sequenceFlow id="f4" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>`) }] });
  const pi = await engine.startProcessInstanceByKey("p", { variables: { amount: 20, who: "alice" } });
  const tasks = await engine.getTasks({ processInstanceId: pi.id });
  expect(tasks.map((t) => [t.taskDefinitionKey, t.assignee])).toEqual([["t", "alice"]]);
  await engine.completeTask(tasks[0].id, { variables: { ok: true } });
  const hi = await engine.getHistoricProcessInstances({ processInstanceId: pi.id });
  expect(hi[0].state).toBe("COMPLETED");
  const acts = await engine.getHistoricActivityInstances({ processInstanceId: pi.id });
  expect(acts.map((a) => a.activityId)).toEqual(["s", "g", "t", "e"]);
  await engine.close();
});
