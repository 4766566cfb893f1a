import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../api";
import { ControlledClock } from "../../clock";
import { bpmn, testEngine } from "../../testing";

// Beijing 09:00 is 01:00Z.
const at = (day: string) => new Date(`${day}T01:00:00Z`);

const DUE = bpmn("due", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork"/>
  <bpmn:parallelGateway id="fork"/>
  <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="iso"/><bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="helper"/>
  <bpmn:userTask id="iso" name="补正" camunda:dueDate="P20WD"/>
  <bpmn:userTask id="helper" name="审查" camunda:dueDate="\${workdays(days)}"/>`);

// the clerk's review with a non-interrupting five-working-day timer that escalates to the supervisor (督办)
const ESCALATION = bpmn("escalation", `
  <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review"/>
  <bpmn:userTask id="review" name="审查" camunda:assignee="clerk"/><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e"/>
  <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="false">
    <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P5WD</bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent><bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="supervise"/>
  <bpmn:userTask id="supervise" name="督办" camunda:assignee="supervisor"/><bpmn:sequenceFlow id="f4" sourceRef="supervise" targetRef="e2"/>
  <bpmn:endEvent id="e"/><bpmn:endEvent id="e2"/>`);

const clock = new ControlledClock(at("2026-02-09"));
let engine: Engine;
beforeAll(async () => {
  engine = await testEngine({ clock });
  await engine.deploy({ name: "deadlines", resources: [{ name: "due.bpmn", content: DUE }, { name: "esc.bpmn", content: ESCALATION }] });
});
afterAll(() => engine.close());

async function dueDates(start: string, days = 20) {
  clock.set(at(start));
  const pi = (await engine.startProcessInstanceByKey("due", { variables: { days } })).id;
  const tasks = await engine.getTasks({ processInstanceId: pi });
  return Object.fromEntries(tasks.map((t) => [t.taskDefinitionKey, t.due?.toISOString()]));
}

describe("working-day due dates (P20WD and workdays(20))", () => {
  it("across the 2026 Spring Festival with its 调休 Saturdays 02-14 and 02-28", async () => {
    // from Mon 02-09: 10–13, Sat 14 (调休), [15–23 off], 24–27, Sat 28 (调休), 03-02..06, 09..13 → 20th is Fri 03-13
    expect(await dueDates("2026-02-09")).toEqual({ iso: "2026-03-13T01:00:00.000Z", helper: "2026-03-13T01:00:00.000Z" });
  });

  it("across 中秋 and National Day 2026 with 调休 Sun 09-20 and Sat 10-10", async () => {
    // from Fri 09-18: Sun 20 (调休), 21–24, [25–27 off], 28–30, [10-01..07 off], 08, 09, Sat 10 (调休), 12–16, 19–22 → 10-22
    expect(await dueDates("2026-09-18")).toEqual({ iso: "2026-10-22T01:00:00.000Z", helper: "2026-10-22T01:00:00.000Z" });
  });

  it("workdays() refuses what is not a whole number of days", async () => {
    clock.set(at("2026-03-02"));
    await expect(engine.startProcessInstanceByKey("due", { variables: { days: 2.5 } })).rejects.toThrow(/workdays\(n\) needs a whole, non-negative number/);
  });

  it("overdue and dueSoonHours filter tasks by the engine clock", async () => {
    clock.set(at("2026-11-02"));
    const pi = (await engine.startProcessInstanceByKey("due", { variables: { days: 1 } })).id; // helper due 11-03, iso due 20 WD later
    const keys = async (q: object) => (await engine.getTasks({ processInstanceId: pi, ...q })).map((t) => t.taskDefinitionKey).sort();
    expect(await keys({ overdue: true })).toEqual([]);
    expect(await keys({ dueSoonHours: 24 })).toEqual(["helper"]);
    expect(await keys({ dueSoonHours: 23 })).toEqual([]);
    clock.set(new Date(at("2026-11-03").getTime() + 1));
    expect(await keys({ overdue: true })).toEqual(["helper"]);
    expect(await keys({ overdue: false })).toEqual(["iso"]);
    expect(await engine.countTasks({ processInstanceId: pi, overdue: true })).toBe(1);
    await expect(engine.getTasks({ dueSoonHours: -1 })).rejects.toThrow(/dueSoonHours must be a non-negative/);
  });
});

describe("a P5WD timer boundary escalates to the supervisor (督办)", () => {
  it("fires after five working days, skipping the 劳动节 break", async () => {
    clock.set(at("2026-04-27"));
    const pi = (await engine.startProcessInstanceByKey("escalation")).id;
    const [job] = await engine.getJobs({ processInstanceId: pi, timers: true });
    // 04-28, 29, 30, [05-01..05 off], 06, 07
    expect(job.dueDate?.toISOString()).toBe("2026-05-07T01:00:00.000Z");
    clock.set(new Date(at("2026-05-07").getTime() - 1));
    expect(await engine.runDueJobs()).toBe(0);
    clock.set(at("2026-05-07"));
    expect(await engine.runDueJobs()).toBe(1);
    const open = (await engine.getTasks({ processInstanceId: pi })).map((t) => `${t.taskDefinitionKey}:${t.assignee}`).sort();
    expect(open).toEqual(["review:clerk", "supervise:supervisor"]);
  });
});

describe("挂起 suspend keeps a timer's remaining time", () => {
  it("a case suspended for three weeks still has its remaining days when resumed", async () => {
    clock.set(at("2026-04-27"));
    const pi = (await engine.startProcessInstanceByKey("escalation")).id;
    clock.set(at("2026-04-29")); // eight calendar days before the timer (due 05-07)
    await engine.suspendProcessInstance(pi, true, { userId: "supervisor" });
    clock.set(at("2026-05-20")); // long after the original due date
    expect(await engine.runDueJobs()).toBe(0);
    await engine.suspendProcessInstance(pi, false, { userId: "supervisor" });
    const [job] = await engine.getJobs({ processInstanceId: pi, timers: true });
    expect(job.dueDate?.toISOString()).toBe("2026-05-28T01:00:00.000Z"); // 05-20 + 8 days
    expect(await engine.runDueJobs()).toBe(0);
    expect((await engine.getTasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey)).toEqual(["review"]);
    clock.set(at("2026-05-28"));
    expect(await engine.runDueJobs()).toBe(1);
    expect((await engine.getTasks({ processInstanceId: pi })).map((t) => t.taskDefinitionKey).sort()).toEqual(["review", "supervise"]);
  });

  it("suspending twice does not shrink the remaining time", async () => {
    clock.set(at("2026-04-27"));
    const pi = (await engine.startProcessInstanceByKey("escalation")).id;
    await engine.suspendProcessInstance(pi, true);
    clock.set(at("2026-04-30"));
    await engine.suspendProcessInstance(pi, true);
    await engine.suspendProcessInstance(pi, false);
    const [job] = await engine.getJobs({ processInstanceId: pi, timers: true });
    expect(job.dueDate?.toISOString()).toBe("2026-05-10T01:00:00.000Z"); // 04-30 + the full 10 days left at 04-27
  });
});

describe("calendar coverage warnings", () => {
  it("lists due dates computed in a year without holiday data until that year is loaded", async () => {
    clock.set(at("2026-12-21"));
    const pi = (await engine.startProcessInstanceByKey("due", { variables: { days: 20 } })).id;
    const warnings = await engine.getCalendarWarnings();
    expect(warnings.fallbackYears).toContain(2027);
    const mine = warnings.dueDates.filter((d) => d.processInstanceId === pi);
    expect(mine.map((d) => [d.kind, d.name, d.year]).sort()).toEqual([["task", "审查", 2027], ["task", "补正", 2027]]);

    expect(() => engine.setCalendarYear({ year: 2027, holidays: ["2027-02-30"], workdays: [] })).toThrow(/not a real calendar date/);
    engine.setCalendarYear({ year: 2027, holidays: ["2027-01-01"], workdays: [] });
    expect(engine.calendar.coversYear(2027)).toBe(true);
    expect((await engine.getCalendarWarnings()).dueDates.filter((d) => d.processInstanceId === pi)).toEqual([]);
    // with 元旦 loaded, 2027-01-01 is no longer counted as a working day
    const again = (await engine.startProcessInstanceByKey("due", { variables: { days: 20 } })).id;
    const before = (await engine.getTasks({ processInstanceId: pi, taskDefinitionKey: "iso" }))[0].due!;
    const after = (await engine.getTasks({ processInstanceId: again, taskDefinitionKey: "iso" }))[0].due!;
    expect(after.getTime() - before.getTime()).toBe(86_400_000);
  });
});
