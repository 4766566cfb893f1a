// The benchmark models (bench/models/*.bpmn) and one "instance lifecycle" per model, driven through the
// engine's public API exactly as a caller would: start, then the wait state's completing command(s).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Engine } from "../../engine";

export const modelDir = path.resolve(import.meta.dirname, "../models");
export const modelA = readFileSync(path.join(modelDir, "modelA.bpmn"), "utf8");
export const modelB = readFileSync(path.join(modelDir, "modelB.bpmn"), "utf8");

export type ModelName = "A" | "B";
export const TOPIC_B = "bench-check";

/** Model B fetches that found nothing and polled again (reported by the throughput benchmark). */
export let emptyFetches = 0;

export async function deployBenchModels(engine: Engine): Promise<void> {
  await engine.deploy({ name: "bench", resources: [{ name: "modelA.bpmn", content: modelA }, { name: "modelB.bpmn", content: modelB }] });
}

/**
 * Runs instances of a model to their end. The user task id comes from the engine's taskCreated event (no
 * task query in the loop); model B's worker fetches and locks one task and completes it, like a
 * Camunda external-task client with maxTasks = 1.
 */
export function lifecycle(engine: Engine, model: ModelName): { runOne: (i: number, worker: string) => Promise<void>; dispose: () => void } {
  const taskOf = new Map<string, string>();
  const off = engine.on("taskCreated", (e) => taskOf.set(e.processInstanceId, e.id));
  if (model === "A") {
    return {
      async runOne(i) {
        const pi = await engine.startProcessInstanceByKey("benchA", { businessKey: `A-${i}`, variables: { area: 250 + (i % 7), countyCode: "330106" } });
        const taskId = taskOf.get(pi.id);
        if (!taskId) throw new Error(`no task created for instance ${pi.id}`);
        taskOf.delete(pi.id);
        await engine.completeTask(taskId, { variables: { approved: true } });
      },
      dispose: off,
    };
  }
  return {
    async runOne(i, worker) {
      await engine.startProcessInstanceByKey("benchB", { businessKey: `B-${i}`, variables: { countyCode: "330106" } });
      // with two callers the other caller's fetch may hold the only free row for a moment (SKIP LOCKED):
      // poll again, as a worker would, instead of failing
      let locked = await engine.fetchAndLock({ workerId: worker, maxTasks: 1, topics: [{ topicName: TOPIC_B, lockDuration: 60_000 }] });
      for (let attempt = 0; locked.length === 0 && attempt < 100; attempt++) {
        emptyFetches++;
        await new Promise((r) => setTimeout(r, 1));
        locked = await engine.fetchAndLock({ workerId: worker, maxTasks: 1, topics: [{ topicName: TOPIC_B, lockDuration: 60_000 }] });
      }
      if (locked.length !== 1) throw new Error(`fetchAndLock returned ${locked.length} tasks 100 times in a row`);
      await engine.completeExternalTask(locked[0].id, worker, { variables: { checked: true } });
    },
    dispose: off,
  };
}

/** Runs `total` lifecycles with `callers` concurrent loops; returns instances per second. */
export async function drive(total: number, callers: number, runOne: (i: number, worker: string) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async (_, c) => {
    for (let i = next++; i < total; i = next++) await runOne(i, `worker-${c}`);
  }));
  return total / ((performance.now() - t0) / 1000);
}
