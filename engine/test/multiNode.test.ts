// Two engine processes run their job executors against one PostgreSQL database holding 1,000 due
// timers: every timer must fire exactly once (row locks with SKIP LOCKED + optimistic locking).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { createEngine } from "../index";
import { bpmn, freshDatabaseUrl } from "../testing";

const run = promisify(execFile);
const onPostgres = /^postgres/.test(process.env.JINTU_TEST_DATABASE_URL ?? "");

describe.skipIf(!onPostgres)("two nodes on one PostgreSQL", () => {
  test("1,000 due timers, each fired exactly once", { timeout: 300_000 }, async () => {
    const url = await freshDatabaseUrl();
    const engine = await createEngine({ databaseUrl: url });
    await engine.deploy({ name: "timers", resources: [{ name: "t.bpmn", content: bpmn("timers", `
      <bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>2020-01-01T00:00:00Z</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="fired"/>
      <bpmn:intermediateThrowEvent id="fired"/><bpmn:sequenceFlow id="f3" sourceRef="fired" targetRef="end"/>
      <bpmn:endEvent id="end"/>`) }] });
    for (let i = 0; i < 1000; i++) await engine.startProcessInstanceByKey("timers", { businessKey: `T${i}` });
    expect(await engine.countJobs({ timers: true })).toBe(1000);

    const node = path.join(import.meta.dirname, "fixtures/jobNode.ts");
    const tsx = path.resolve(import.meta.dirname, "../../node_modules/.bin/tsx");
    const results = await Promise.all([run(tsx, [node, url]), run(tsx, [node, url])]);
    const ran = results.map((r) => JSON.parse(r.stdout.trim().split("\n").pop()!).ran as number);

    expect(await engine.countJobs()).toBe(0);
    expect(await engine.countProcessInstances()).toBe(0);
    const fired = await engine.getHistoricActivityInstances({ activityId: "fired" });
    expect(fired.length).toBe(1000);
    expect(new Set(fired.map((a) => a.processInstanceId)).size).toBe(1000);
    // both nodes took part, and together they ran each job once
    expect(ran[0] + ran[1]).toBe(1000);
    expect(Math.min(...ran)).toBeGreaterThan(0);
    await engine.close();
  });
});
