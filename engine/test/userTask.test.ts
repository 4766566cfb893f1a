// User tasks: assignment, candidates, dates (working days), priority, form key — all as expressions — and
// the task commands claim / unclaim / delegate (委派) / resolve / complete with their operation log.
import { describe, expect, test } from "vitest";
import type { Engine } from "../api";
import { activityIds, chain, DAY, engineWith, onlyTask, tokens, vars } from "./helpers";

const taskModel = (attrs: string) => `
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="review" name="审查 \${parcel}" ${attrs}/>
  <bpmn:endEvent id="end"/>
  ${chain("start", "review", "end")}`;

async function startReview(attrs: string, variables: Record<string, unknown> = {}, startAt?: string) {
  const { engine, clock } = await engineWith("p", taskModel(attrs));
  if (startAt) clock.set(startAt);
  const pi = await engine.startProcessInstanceByKey("p", { variables: { parcel: "A-1", ...variables } });
  return { engine, clock, pi, task: await onlyTask(engine, pi.id) };
}

async function opLog(engine: Engine, taskId: string) {
  return (await engine.getUserOperationLog({ taskId, sortOrder: "asc" })).map((e) => [e.operationType, e.property, e.orgValue, e.newValue, e.userId]);
}

describe("user task attributes", () => {
  test("assignee, name and priority are expressions over the variables", async () => {
    const { engine, pi, task } = await startReview(`camunda:assignee="\${clerk}" camunda:priority="\${urgent ? 90 : 10}"`, { clerk: "li", urgent: true });
    expect([task.assignee, task.name, task.priority]).toEqual(["li", "审查 A-1", 90]);
    const [hi] = await engine.getHistoricTaskInstances({ processInstanceId: pi.id });
    expect([hi.assignee, hi.name, hi.priority, hi.taskDefinitionKey, hi.endTime]).toEqual(["li", "审查 A-1", 90, "review", null]);
    const [act] = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "review" });
    expect([act.taskId, act.assignee]).toEqual([task.id, "li"]);
  });

  test("default priority is 50 and an empty assignee expression leaves the task unassigned", async () => {
    const { task } = await startReview(`camunda:assignee="\${clerk}"`, { clerk: "" });
    expect([task.assignee, task.priority]).toEqual([null, 50]);
  });

  test("candidate users and groups: literal lists, a comma string and a list variable", async () => {
    const { engine, task } = await startReview(`camunda:candidateUsers="li, wang" camunda:candidateGroups="\${groups}"`, { groups: ["clerk@110105", "chief@110105"] });
    expect(task.candidateUsers.sort()).toEqual(["li", "wang"]);
    expect(task.candidateGroups.sort()).toEqual(["chief@110105", "clerk@110105"]);
    expect((await engine.getTasks({ candidateUser: "wang" })).map((t) => t.id)).toEqual([task.id]);
    expect((await engine.getTasks({ candidateGroup: "clerk@110105" })).map((t) => t.id)).toEqual([task.id]);
    expect(await engine.getTasks({ candidateUser: "zhao" })).toEqual([]);
    const second = await startReview(`camunda:candidateGroups="\${groups}"`, { groups: "a, b" });
    expect(second.task.candidateGroups.sort()).toEqual(["a", "b"]);
  });

  test("dueDate P3WD counts working days (weekend skipped), followUpDate a plain duration", async () => {
    // Friday 2026-03-06 09:00 Beijing + 3 working days = Wednesday 2026-03-11 09:00
    const { engine, pi, task } = await startReview(`camunda:dueDate="P3WD" camunda:followUpDate="\${followUp}"`, { followUp: "P1D" }, "2026-03-06T01:00:00Z");
    expect(task.due?.toISOString()).toBe("2026-03-11T01:00:00.000Z");
    expect(task.followUp?.getTime()).toBe(new Date("2026-03-06T01:00:00Z").getTime() + DAY);
    const [hi] = await engine.getHistoricTaskInstances({ processInstanceId: pi.id });
    expect(hi.due?.toISOString()).toBe("2026-03-11T01:00:00.000Z");
  });

  test("dueDate in working days skips the Qingming holiday (4–6 April 2026)", async () => {
    const { task } = await startReview(`camunda:dueDate="\${deadline}"`, { deadline: "P3WD" }, "2026-04-02T01:00:00Z");
    expect(task.due?.toISOString()).toBe("2026-04-08T01:00:00.000Z");
  });

  test("dueDate from a Date variable and from an ISO string; a bad dueDate fails the start with a clear message", async () => {
    const due = new Date("2026-06-30T08:00:00Z");
    expect((await startReview(`camunda:dueDate="\${due}"`, { due })).task.due?.getTime()).toBe(due.getTime());
    expect((await startReview(`camunda:dueDate="2026-07-01T00:00:00Z"`)).task.due?.toISOString()).toBe("2026-07-01T00:00:00.000Z");
    const { engine } = await engineWith("q", taskModel(`camunda:dueDate="\${due}"`).replace(/id="p"/, ""));
    await expect(engine.startProcessInstanceByKey("q", { variables: { parcel: "x", due: "next tuesday" } })).rejects.toThrow(/dueDate of 'review' is neither a date nor a duration/);
    expect(await engine.countProcessInstances()).toBe(0);
  });

  test("formKey: literal and expression", async () => {
    expect((await startReview(`camunda:formKey="jintu:forms/landReview"`)).task.formKey).toBe("jintu:forms/landReview");
    expect((await startReview(`camunda:formKey="\${form}"`, { form: "jintu:forms/mining" })).task.formKey).toBe("jintu:forms/mining");
  });
});

describe("task commands", () => {
  test("claim, claim by someone else refused, unclaim, claim again; each in the operation log", async () => {
    const { engine, clock, task } = await startReview(`camunda:candidateGroups="clerks"`);
    await engine.claim(task.id, "li");
    clock.advance(1000);
    expect((await engine.getTask(task.id))!.assignee).toBe("li");
    await expect(engine.claim(task.id, "wang")).rejects.toThrow(/already claimed by someone else/);
    await engine.unclaim(task.id, { userId: "li" });
    clock.advance(1000);
    expect((await engine.getTask(task.id))!.assignee).toBeNull();
    await engine.claim(task.id, "wang");
    expect((await engine.getTask(task.id))!.assignee).toBe("wang");
    expect(await opLog(engine, task.id)).toEqual([
      ["Claim", "assignee", null, "li", "li"],
      ["Claim", "assignee", "li", null, "li"],
      ["Claim", "assignee", null, "wang", "wang"],
    ]);
    const [hi] = await engine.getHistoricTaskInstances({ taskId: task.id });
    expect(hi.assignee).toBe("wang");
  });

  test("delegate (委派) then resolve: the task returns to its owner; completing a pending delegation is refused", async () => {
    const { engine, clock, pi, task } = await startReview(`camunda:assignee="li"`);
    await engine.delegateTask(task.id, "wang", { userId: "li" });
    clock.advance(1000);
    let t = (await engine.getTask(task.id))!;
    expect([t.assignee, t.owner, t.delegationState]).toEqual(["wang", "li", "PENDING"]);
    await expect(engine.completeTask(task.id, { userId: "wang" })).rejects.toThrow(/must be resolved/);
    expect(await tokens(engine, pi.id)).toEqual(["review"]);
    await engine.resolveTask(task.id, { variables: { opinion: "同意" }, userId: "wang" });
    clock.advance(1000);
    t = (await engine.getTask(task.id))!;
    expect([t.assignee, t.owner, t.delegationState]).toEqual(["li", "li", "RESOLVED"]);
    expect(await vars(engine, pi.id)).toMatchObject({ opinion: "同意" });
    await engine.completeTask(task.id, { userId: "li" });
    expect(await engine.getProcessInstance(pi.id)).toBeNull();
    expect((await opLog(engine, task.id)).map((e) => e[0])).toEqual(["Delegate", "Resolve", "Complete"]);
    const [hi] = await engine.getHistoricTaskInstances({ taskId: task.id });
    expect([hi.owner, hi.assignee, hi.deleteReason, hi.endTime !== null]).toEqual(["li", "li", "completed", true]);
  });

  test("resolving a task that is not delegated is refused", async () => {
    const { engine, task } = await startReview(`camunda:assignee="li"`);
    await expect(engine.resolveTask(task.id)).rejects.toThrow(/not delegated/);
  });

  test("complete: variables land on the process, local ones on the task; history and op log record it", async () => {
    const { engine, pi, task } = await startReview(`camunda:assignee="li"`);
    await engine.completeTask(task.id, { variables: { approved: true }, localVariables: { note: "ok" }, userId: "li" });
    expect(await engine.getTask(task.id)).toBeNull();
    expect(await activityIds(engine, pi.id)).toEqual(["start", "review", "end"]);
    const [hi] = await engine.getHistoricTaskInstances({ taskId: task.id });
    expect([hi.deleteReason, hi.endTime !== null, hi.duration !== null]).toEqual(["completed", true, true]);
    const updates = await engine.getHistoricVariableUpdates({ processInstanceId: pi.id });
    expect(updates.filter((u) => u.name === "approved").map((u) => [u.value, u.userId, u.taskId])).toEqual([[true, "li", null]]);
    expect(updates.filter((u) => u.name === "note").map((u) => [u.value, u.taskId])).toEqual([["ok", task.id]]);
    expect(await opLog(engine, task.id)).toEqual([["Complete", null, null, null, "li"]]);
  });

  test("completing an unknown or already completed task fails with NotFound", async () => {
    const { engine, task } = await startReview(``);
    await engine.completeTask(task.id);
    await expect(engine.completeTask(task.id)).rejects.toMatchObject({ kind: "NotFound" });
    await expect(engine.claim("nope", "li")).rejects.toMatchObject({ kind: "NotFound" });
  });

  test("setAssignee is logged with the old and new value", async () => {
    const { engine, task } = await startReview(`camunda:assignee="li"`);
    await engine.setAssignee(task.id, "zhao", { userId: "chief" });
    expect(await opLog(engine, task.id)).toEqual([["SetAssignee", "assignee", "li", "zhao", "chief"]]);
  });
});
