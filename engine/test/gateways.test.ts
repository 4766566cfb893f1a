// Gateways: exclusive (+ default, no match → clear error and nothing written), parallel fork/join,
// inclusive fork/join, event-based.
import { describe, expect, test } from "vitest";
import { activityIds, chain, completeOnly, engineWith, flow, message, onlyTask, state, taskKeys, tokens } from "./helpers";

const exclusive = (withDefault: boolean) => `
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="fill"/>
  <bpmn:exclusiveGateway id="gw" ${withDefault ? `default="toSmall"` : ""}/>
  <bpmn:userTask id="province"/><bpmn:userTask id="city"/><bpmn:userTask id="county"/>
  ${chain("start", "fill", "gw")}
  ${flow("toProvince", "gw", "province", "${area > 35}")}
  ${flow("toCity", "gw", "city", "${area > 10}")}
  ${withDefault ? flow("toSmall", "gw", "county") : flow("toSmall", "gw", "county", "${area <= 10 && area > 0}")}`;

describe("exclusive gateway", () => {
  test("takes the first flow (in model order) whose condition holds", async () => {
    const { engine } = await engineWith("p", exclusive(true));
    for (const [area, expected] of [[50, "province"], [20, "city"], [5, "county"]] as const) {
      const pi = await engine.startProcessInstanceByKey("p", { variables: { area } });
      await completeOnly(engine, pi.id, "fill");
      expect(await tokens(engine, pi.id)).toEqual([expected]);
      expect(await activityIds(engine, pi.id)).toEqual(["start", "fill", "gw", expected]);
    }
  });

  test("no matching flow and no default: a clear error and nothing written", async () => {
    const { engine } = await engineWith("p", exclusive(false));
    const pi = await engine.startProcessInstanceByKey("p", { variables: { area: 0 } });
    const task = await onlyTask(engine, pi.id);
    const histBefore = await engine.countHistoricActivityInstances({ processInstanceId: pi.id });
    const err = await engine.completeTask(task.id, { variables: { area: -1 } }).catch((e) => e);
    expect(err.message).toMatch(/No outgoing sequence flow for the element with id 'gw' could be selected/);
    expect(await tokens(engine, pi.id)).toEqual(["fill"]);
    expect((await engine.getVariable(pi.id, "area"))?.value).toBe(0);
    expect(await engine.countHistoricActivityInstances({ processInstanceId: pi.id })).toBe(histBefore);
    expect((await engine.getHistoricTaskInstances({ taskId: task.id }))[0].endTime).toBeNull();
    expect(await engine.countUserOperationLog({ taskId: task.id })).toBe(0);
  });

  test("a condition that does not return a boolean is a clear error", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="gw"/><bpmn:endEvent id="e"/>
      ${chain("start", "gw")} ${flow("f", "gw", "e", "${area}")}`);
    await expect(engine.startProcessInstanceByKey("p", { variables: { area: 3 } })).rejects.toThrow(/condition '\$\{area\}' of sequence flow 'f' did not return a boolean/);
    expect(await engine.countProcessInstances()).toBe(0);
  });
});

describe("parallel gateway", () => {
  test("forks a token per flow and joins when every branch has arrived", async () => {
    const { engine } = await engineWith("p", `
      <bpmn:startEvent id="start"/>
      <bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>
      <bpmn:userTask id="land"/><bpmn:userTask id="mineral"/><bpmn:userTask id="planning"/>
      <bpmn:userTask id="decide"/>
      ${chain("start", "fork")}
      ${flow("a", "fork", "land")} ${flow("b", "fork", "mineral")} ${flow("c", "fork", "planning")}
      ${chain("land", "join")} ${chain("mineral", "join")} ${chain("planning", "join")} ${chain("join", "decide")}`);
    const pi = await engine.startProcessInstanceByKey("p");
    expect(await tokens(engine, pi.id)).toEqual(["land", "mineral", "planning"]);
    await completeOnly(engine, pi.id, "land");
    expect(await tokens(engine, pi.id)).toEqual(["mineral", "planning"]);
    await completeOnly(engine, pi.id, "planning");
    expect(await tokens(engine, pi.id)).toEqual(["mineral"]);
    expect(await taskKeys(engine, pi.id)).toEqual(["mineral"]);
    await completeOnly(engine, pi.id, "mineral");
    expect(await tokens(engine, pi.id)).toEqual(["decide"]);
    // every arriving token is one visit of the join in history (Camunda 7), all finished
    const joins = await engine.getHistoricActivityInstances({ processInstanceId: pi.id, activityId: "join" });
    expect(joins.length).toBe(3);
    expect(joins.every((j) => j.endTime !== null && !j.canceled)).toBe(true);
  });
});

describe("inclusive gateway", () => {
  const model = `
    <bpmn:startEvent id="start"/>
    <bpmn:inclusiveGateway id="fork" default="toArchive"/><bpmn:inclusiveGateway id="join"/>
    <bpmn:userTask id="farmland"/><bpmn:userTask id="forest"/><bpmn:userTask id="archive"/>
    <bpmn:userTask id="decide"/>
    ${chain("start", "fork")}
    ${flow("toFarm", "fork", "farmland", "${farm}")} ${flow("toForest", "fork", "forest", "${forest}")} ${flow("toArchive", "fork", "archive")}
    ${chain("farmland", "join")} ${chain("forest", "join")} ${chain("archive", "join")} ${chain("join", "decide")}`;

  test("forks on every true condition and joins only the branches taken", async () => {
    const { engine } = await engineWith("p", model);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { farm: true, forest: true } });
    expect(await tokens(engine, pi.id)).toEqual(["farmland", "forest"]);
    await completeOnly(engine, pi.id, "forest");
    expect(await tokens(engine, pi.id)).toEqual(["farmland"]);
    await completeOnly(engine, pi.id, "farmland");
    expect(await tokens(engine, pi.id)).toEqual(["decide"]);
  });

  test("one true condition: one branch, the join passes at once", async () => {
    const { engine } = await engineWith("p", model);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { farm: false, forest: true } });
    expect(await tokens(engine, pi.id)).toEqual(["forest"]);
    await completeOnly(engine, pi.id, "forest");
    expect(await tokens(engine, pi.id)).toEqual(["decide"]);
  });

  test("no true condition: the default flow", async () => {
    const { engine } = await engineWith("p", model);
    const pi = await engine.startProcessInstanceByKey("p", { variables: { farm: false, forest: false } });
    expect(await tokens(engine, pi.id)).toEqual(["archive"]);
  });
});

describe("event-based gateway", () => {
  const model = `
    <bpmn:startEvent id="start"/>
    <bpmn:eventBasedGateway id="gw"/>
    <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="M"/></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P15D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="issue"/><bpmn:userTask id="remind"/>
    ${chain("start", "gw")} ${flow("f1", "gw", "paid")} ${flow("f2", "gw", "timeout")} ${chain("paid", "issue")} ${chain("timeout", "remind")}`;

  test("the message comes first: the timer is withdrawn", async () => {
    const { engine, clock } = await engineWith("p", model, message("M", "feePaid"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    expect(await tokens(engine, pi.id)).toEqual(["gw"]);
    expect(await engine.countJobs({ processInstanceId: pi.id })).toBe(1);
    await engine.correlateMessage({ messageName: "feePaid", businessKey: "BK" });
    expect(await tokens(engine, pi.id)).toEqual(["issue"]);
    expect(await engine.countJobs()).toBe(0);
    clock.advance(20 * 86_400_000);
    expect(await engine.runDueJobs()).toBe(0);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "gw", "paid", "issue"]);
  });

  test("the timer comes first: the message subscription is withdrawn", async () => {
    const { engine, clock } = await engineWith("p", model, message("M", "feePaid"));
    const pi = await engine.startProcessInstanceByKey("p", { businessKey: "BK" });
    clock.advance(15 * 86_400_000);
    expect(await engine.runDueJobs()).toBe(1);
    expect(await tokens(engine, pi.id)).toEqual(["remind"]);
    await expect(engine.correlateMessage({ messageName: "feePaid", businessKey: "BK" })).rejects.toThrow(/Cannot correlate/);
    expect(await activityIds(engine, pi.id)).toEqual(["start", "gw", "timeout", "remind"]);
    expect(await state(engine, pi.id)).toBe("ACTIVE");
  });
});
