// Baseline: the npm package bpmn-engine running the same BPMN files in memory (no persistence at all): an
// upper bound on what per-step CPU costs when nothing is written. The exclusive gateway's JUEL-style
// condition `${area >= 1000}` is evaluated by a tiny comparison shim (bpmn-engine's own expressions only
// look up properties); the external task is a service whose callback a simulated worker calls later.
import { Engine as BpmnEngine } from "bpmn-engine";
import { EventEmitter } from "node:events";
import type { ModelName } from "./models";

const comparison = /^\$\{\s*(\w+)\s*(>=|<=|==|>|<)\s*([\d.]+)\s*\}$/;

const expressions = {
  resolveExpression(expr: string, context: any): unknown {
    const m = comparison.exec(expr);
    if (!m) return undefined;
    const v = Number(context?.environment?.variables?.[m[1]]);
    const n = Number(m[3]);
    switch (m[2]) {
      case ">=": return v >= n;
      case "<=": return v <= n;
      case ">": return v > n;
      case "<": return v < n;
      default: return v === n;
    }
  },
  isExpression: (s: string) => typeof s === "string" && /^\$\{.+\}$/.test(s),
  hasExpression: (s: string) => typeof s === "string" && /\$\{.+?\}/.test(s),
};

export async function bpmnEngineBaseline(source: string, model: ModelName, total: number, callers: number): Promise<number> {
  // parse once (the Jintu engine caches parsed definitions too)
  const sourceContext = await (new BpmnEngine({ source }) as any)._serializeSource(source);
  const pendingExternal: (() => void)[] = [];
  const externalTaskCreated = new EventEmitter();
  const extensions = {
    externalTasks(activity: any) {
      if (activity.type !== "bpmn:ServiceTask") return;
      activity.behaviour.Service = function ExternalService() {
        return {
          execute(_msg: unknown, callback: (err: unknown, out?: unknown) => void) {
            pendingExternal.push(() => callback(null, { checked: true }));
            externalTaskCreated.emit("created");
          },
        };
      };
    },
  };
  const runOne = async (i: number) => {
    const engine = new BpmnEngine({ name: `bench-${i}`, sourceContext, expressions, extensions } as unknown as ConstructorParameters<typeof BpmnEngine>[0]);
    const listener = new EventEmitter();
    const ended = new Promise<void>((resolve, reject) => {
      engine.once("end", () => resolve());
      engine.once("error", reject);
    });
    if (model === "A") {
      const waiting = new Promise<any>((resolve) => listener.once("wait", (api: any) => resolve(api)));
      await engine.execute({ listener, variables: { area: 250 + (i % 7), countyCode: "330106" } });
      const api = await waiting;
      api.signal({ approved: true });
    } else {
      await engine.execute({ listener, variables: { countyCode: "330106" } });
      // the worker takes the oldest pending external task (fetch) and completes it
      while (pendingExternal.length === 0) await new Promise((r) => externalTaskCreated.once("created", r));
      pendingExternal.shift()!();
    }
    await ended;
  };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async () => {
    for (let i = next++; i < total; i = next++) await runOne(i);
  }));
  return total / ((performance.now() - t0) / 1000);
}
