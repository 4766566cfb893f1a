// Shared helpers for the engine unit tests: a fresh engine per test (closed afterwards), deploying tiny
// inline models, and short readers for token positions and history rows.
import { afterEach } from "vitest";
import type { Engine, EngineOptions } from "../api";
import { ControlledClock } from "../clock";
import { bpmn, testEngine } from "../testing";

export { bpmn };

/** Monday 2026-03-02 09:00 in Beijing (01:00 UTC): a normal working day. */
export const MONDAY = new Date("2026-03-02T01:00:00.000Z");
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const open: Engine[] = [];
afterEach(async () => {
  for (const e of open.splice(0)) await e.close();
});

/** A fresh engine on a fresh database with a controlled clock; closed after the test. */
export async function newEngine(options: Omit<EngineOptions, "databaseUrl"> = {}): Promise<{ engine: Engine; clock: ControlledClock }> {
  const clock = (options.clock as ControlledClock | undefined) ?? new ControlledClock(MONDAY);
  const engine = await testEngine({ nodeId: "unit", ...options, clock });
  open.push(engine);
  return { engine, clock };
}

/** Deploys one or more processes given as `{ processId: body }` (each wrapped with bpmn()). */
export async function deployProcesses(engine: Engine, processes: Record<string, string>, extra = "", options: { tenantId?: string | null; name?: string } = {}) {
  return engine.deploy({
    name: options.name ?? "unit",
    tenantId: options.tenantId,
    resources: Object.entries(processes).map(([id, body]) => ({ name: `${id}.bpmn`, content: bpmn(id, body, extra) })),
  });
}

/** An engine with one process deployed. */
export async function engineWith(processId: string, body: string, extra = "", options: Omit<EngineOptions, "databaseUrl"> = {}) {
  const { engine, clock } = await newEngine(options);
  await deployProcesses(engine, { [processId]: body }, extra);
  return { engine, clock };
}

/** Sequence flow shorthand: `flow("f1", "a", "b")`, optionally with a condition expression. */
export function flow(id: string, from: string, to: string, condition?: string): string {
  if (!condition) return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
  const body = condition.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${body}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** A chain of sequence flows through the given element ids (ids f_<from>_<to>). */
export function chain(...ids: string[]): string {
  return ids.slice(1).map((to, i) => flow(`f_${ids[i]}_${to}`, ids[i], to)).join("\n");
}

export async function tokens(engine: Engine, processInstanceId: string): Promise<string[]> {
  return engine.getActiveActivityIds(processInstanceId);
}

/** Activity ids in history order (optionally only finished or only canceled ones). */
export async function activityIds(engine: Engine, processInstanceId: string, filter: { finished?: boolean; canceled?: boolean } = {}): Promise<string[]> {
  return (await engine.getHistoricActivityInstances({ processInstanceId, ...filter })).map((a) => a.activityId);
}

export async function taskKeys(engine: Engine, processInstanceId: string): Promise<string[]> {
  return (await engine.getTasks({ processInstanceId })).map((t) => t.taskDefinitionKey).sort();
}

export async function onlyTask(engine: Engine, processInstanceId: string, key?: string) {
  const tasks = await engine.getTasks({ processInstanceId, taskDefinitionKey: key });
  if (tasks.length !== 1) throw new Error(`expected exactly one task${key ? ` '${key}'` : ""}, found ${tasks.map((t) => t.taskDefinitionKey).join(",") || "none"}`);
  return tasks[0];
}

export async function completeOnly(engine: Engine, processInstanceId: string, key?: string, variables?: Record<string, unknown>) {
  const task = await onlyTask(engine, processInstanceId, key);
  await engine.completeTask(task.id, { variables });
  return task;
}

/** Plain values of all process-level variables (the root scope). */
export async function vars(engine: Engine, executionId: string, local = false): Promise<Record<string, unknown>> {
  const all = await engine.getVariables(executionId, { local });
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.value]));
}

export async function state(engine: Engine, processInstanceId: string) {
  return (await engine.getHistoricProcessInstances({ processInstanceId }))[0]?.state;
}

/** Counts of the stored repository rows (deployments, definitions) — "nothing stored" checks. */
export async function repositoryCounts(engine: Engine) {
  return { deployments: await engine.countDeployments(), definitions: await engine.countProcessDefinitions() };
}

export const message = (id: string, name = id) => `<bpmn:message id="${id}" name="${name}"/>`;
export const signal = (id: string, name = id) => `<bpmn:signal id="${id}" name="${name}"/>`;
export const error = (id: string, code = id) => `<bpmn:error id="${id}" errorCode="${code}"/>`;
export const escalation = (id: string, code = id) => `<bpmn:escalation id="${id}" escalationCode="${code}"/>`;
