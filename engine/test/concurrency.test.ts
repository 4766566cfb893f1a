// Concurrent commands on one instance — from one engine object and from two engine objects sharing one
// database (two server nodes): each succeeds through the optimistic-lock retry or fails with "Conflict";
// no update is ever lost and a join fires exactly once.
import { describe, expect, test } from "vitest";
import type { Engine } from "../api";
import { ControlledClock } from "../clock";
import { createEngine } from "../engine";
import { freshDatabaseUrl } from "../testing";
import { bpmn, chain, flow, MONDAY } from "./helpers";

const forkJoin = bpmn("p", `
  <bpmn:startEvent id="start"/><bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>
  ${[1, 2, 3, 4].map((i) => `<bpmn:userTask id="t${i}"/>${flow(`in${i}`, "fork", `t${i}`)}${flow(`out${i}`, `t${i}`, "join")}`).join("\n")}
  <bpmn:userTask id="after"/>
  ${chain("start", "fork")} ${chain("join", "after")}`);

async function twoNodes(): Promise<[Engine, Engine]> {
  const url = await freshDatabaseUrl();
  const clock = new ControlledClock(MONDAY);
  const a = await createEngine({ databaseUrl: url, clock, nodeId: "node-a" });
  const b = await createEngine({ databaseUrl: url, clock, nodeId: "node-b", migrate: false });
  return [a, b];
}

/** Every outcome must be success or a clean Conflict; returns how many succeeded. */
async function settle(results: PromiseSettledResult<unknown>[]): Promise<number> {
  for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ kind: "Conflict" });
  return results.filter((r) => r.status === "fulfilled").length;
}

for (const mode of ["one engine", "two engines on one database"] as const) {
  describe(`concurrency (${mode})`, () => {
    let engines: [Engine, Engine];
    const setup = async () => {
      if (mode === "one engine") {
        const url = await freshDatabaseUrl();
        const e = await createEngine({ databaseUrl: url, clock: new ControlledClock(MONDAY), nodeId: "solo" });
        engines = [e, e];
      } else engines = await twoNodes();
      await engines[0].deploy({ name: "c", resources: [{ name: "p.bpmn", content: forkJoin }] });
      return engines;
    };
    const teardown = async () => {
      await engines[0].close();
      if (engines[1] !== engines[0]) await engines[1].close();
    };

    test("completing the four branches of a parallel join at once: the join fires exactly once, nothing lost", async () => {
      const [a, b] = await setup();
      try {
        const pi = await a.startProcessInstanceByKey("p");
        const tasks = await a.getTasks({ processInstanceId: pi.id });
        expect(tasks.length).toBe(4);
        const results = await Promise.allSettled(tasks.map((t, i) => (i % 2 ? b : a).completeTask(t.id, { variables: { [`v${t.taskDefinitionKey}`]: i } })));
        const ok = await settle(results);
        // retry any that gave up with Conflict: the end state must be the same as if run one by one
        for (const [i, r] of results.entries()) if (r.status === "rejected") await a.completeTask(tasks[i].id, { variables: { [`v${tasks[i].taskDefinitionKey}`]: i } });
        expect(ok).toBeGreaterThanOrEqual(1);
        expect(await a.getActiveActivityIds(pi.id)).toEqual(["after"]);
        expect((await a.getTasks({ processInstanceId: pi.id })).map((t) => t.taskDefinitionKey)).toEqual(["after"]);
        const v = Object.fromEntries(Object.entries(await a.getVariables(pi.id)).map(([k, x]) => [k, x.value]));
        expect(v).toEqual(Object.fromEntries(tasks.map((t, i) => [`v${t.taskDefinitionKey}`, i])));
        expect(await a.countHistoricActivityInstances({ processInstanceId: pi.id, activityId: "after" })).toBe(1);
      } finally {
        await teardown();
      }
    });

    test("concurrent setVariables on one instance: every variable survives", async () => {
      const [a, b] = await setup();
      try {
        const pi = await a.startProcessInstanceByKey("p");
        const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => (i % 2 ? b : a).setVariables(pi.id, { [`k${i}`]: i, last: i })));
        const failed = results.flatMap((r, i) => (r.status === "rejected" ? [i] : []));
        await settle(results);
        for (const i of failed) await a.setVariables(pi.id, { [`k${i}`]: i, last: i });
        const v = await a.getVariables(pi.id);
        for (let i = 0; i < 8; i++) expect(v[`k${i}`]?.value).toBe(i);
        // 'last' holds the value of one of the writers, and history has every write of it
        const updates = await a.getHistoricVariableUpdates({ processInstanceId: pi.id, variableName: "last" });
        expect(updates.map((u) => u.value).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
        expect(updates.map((u) => u.revision).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(updates.at(-1)!.value).toBe(v.last.value);
      } finally {
        await teardown();
      }
    });

    test("the same task completed twice at once: exactly one completion", async () => {
      const [a, b] = await setup();
      try {
        const pi = await a.startProcessInstanceByKey("p");
        const task = (await a.getTasks({ processInstanceId: pi.id, taskDefinitionKey: "t1" }))[0];
        const results = await Promise.allSettled([a.completeTask(task.id), b.completeTask(task.id)]);
        const ok = results.filter((r) => r.status === "fulfilled").length;
        expect(ok).toBe(1);
        const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
        expect(["NotFound", "Conflict"]).toContain(rejected.reason.kind);
        expect((await a.getHistoricTaskInstances({ taskId: task.id }))[0].deleteReason).toBe("completed");
        expect(await a.countHistoricActivityInstances({ processInstanceId: pi.id, activityId: "join" })).toBe(1);
        expect(await a.countUserOperationLog({ taskId: task.id, operationType: "Complete" })).toBe(1);
      } finally {
        await teardown();
      }
    });
  });
}
