// The inbox query: tasks assigned to the user, plus unassigned tasks offered to him or his groups.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Engine } from "../api";
import { bpmn, testEngine } from "../testing";

let engine: Engine;
beforeAll(async () => {
  engine = await testEngine();
  await engine.deploy({ name: "inbox", resources: [{ name: "inbox.bpmn", content: bpmn("inbox", `
    <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
    <bpmn:userTask id="t" camunda:candidateGroups="\${group}" camunda:assignee="\${assignee}"/>
    <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>`) }] });
});
afterAll(() => engine.close());

test("involvedUser with candidate groups returns assigned and offered tasks, not others", async () => {
  const start = (group: string, assignee: string | null, businessKey: string) =>
    engine.startProcessInstanceByKey("inbox", { businessKey, variables: { group, assignee: assignee ?? "" } });
  await start("land-reviewer@330106", "alice", "assigned-to-alice");
  await start("land-reviewer@330106", null, "offered-to-her-group");
  await start("land-reviewer@330110", null, "other-county");
  await start("land-reviewer@330106", "bob", "assigned-to-bob");
  const tasks = await engine.getTasks({ involvedUser: "alice", candidateGroups: ["land-reviewer@330106"], sorting: [{ sortBy: "created", sortOrder: "asc" }] });
  const keys = await Promise.all(tasks.map(async (t) => (await engine.getProcessInstance(t.processInstanceId))!.businessKey));
  expect(keys.sort()).toEqual(["assigned-to-alice", "offered-to-her-group"]);
  expect(await engine.countTasks({ involvedUser: "alice", candidateGroups: ["land-reviewer@330106"] })).toBe(2);
});
