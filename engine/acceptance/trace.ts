// The trace format (see README.md): a model's expected behaviour as a list of actions, each followed by
// the state it must leave behind. Loading validates every step so a typo in a trace fails loudly instead
// of silently checking nothing.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export interface TaskExpectation {
  taskDefinitionKey: string;
  assignee?: string | null;
  candidateGroups?: string[];
  candidateUsers?: string[];
  /** ISO instant, or null for "no due date" */
  due?: string | null;
  name?: string | null;
}

export interface ExternalTaskExpectation {
  topicName: string;
  activityId?: string;
  retries?: number | null;
  errorMessage?: string | null;
}

export interface Expectations {
  tasks?: TaskExpectation[];
  activeActivityIds?: string[];
  ended?: boolean;
  variables?: Record<string, unknown>;
  absentVariables?: string[];
  historyFinished?: string[];
  historyCanceled?: string[];
  historyOrder?: string[];
  incidents?: number;
  incidentTypes?: string[];
  jobs?: number;
  jobTypes?: string[];
  externalTasks?: ExternalTaskExpectation[];
  taskVariables?: { taskDefinitionKey: string; variables: Record<string, unknown> }[];
  instances?: Record<string, number>;
  startedInstances?: Record<string, number>;
  definitionJobs?: Record<string, number>;
}

export interface Step {
  action: string;
  /** alias of the instance the action and the instance-scoped expectations refer to */
  instance?: string;
  expectError?: boolean;
  expect?: Expectations;
  [param: string]: unknown;
}

export interface Trace {
  model: string;
  processKey: string;
  description: string;
  camunda?: string;
  steps: Step[];
  /** file name of the trace, filled in by the loader */
  file: string;
}

/** Parameters each action accepts (beyond action, instance, expectError, expect). */
export const ACTIONS: Record<string, { required: string[]; optional: string[] }> = {
  deploy: { required: ["files"], optional: [] },
  start: { required: ["key"], optional: ["businessKey", "variables", "as"] },
  completeTask: { required: ["taskDefinitionKey"], optional: ["assignee", "nth", "withVariables", "variables", "localVariables"] },
  claim: { required: ["taskDefinitionKey", "userId"], optional: ["assignee", "nth", "withVariables"] },
  correlateMessage: { required: ["messageName"], optional: ["businessKey", "byInstance", "correlationKeys", "processVariables", "all", "as"] },
  signal: { required: ["name"], optional: ["variables"] },
  advanceClock: { required: ["duration"], optional: [] },
  runDueJobs: { required: [], optional: [] },
  fetchAndComplete: { required: ["topic"], optional: ["count", "variables", "localVariables", "expectVariables"] },
  failExternalTask: { required: ["topic", "retries"], optional: ["errorMessage", "retryTimeout"] },
  bpmnError: { required: ["topic", "code"], optional: ["message", "variables"] },
  setExternalTaskRetries: { required: ["topic", "retries"], optional: [] },
  setVariables: { required: ["variables"], optional: [] },
  findInstance: { required: ["key", "as"], optional: ["businessKey"] },
  noop: { required: [], optional: [] },
};

export const EXPECTATION_KEYS = [
  "tasks", "activeActivityIds", "ended", "variables", "absentVariables", "historyFinished", "historyCanceled",
  "historyOrder", "incidents", "incidentTypes", "jobs", "jobTypes", "externalTasks", "taskVariables",
  "instances", "startedInstances", "definitionJobs",
] as const;

const COMMON = new Set(["action", "instance", "expectError", "expect"]);

export function validateTrace(trace: Trace): void {
  const where = (i: number) => `${trace.file} step ${i + 1}`;
  if (!Array.isArray(trace.steps) || trace.steps.length === 0) throw new Error(`${trace.file}: no steps`);
  const deploysModel = trace.steps.some((s) => s.action === "deploy" && (s.files as string[]).includes(trace.model));
  if (!deploysModel) throw new Error(`${trace.file}: no deploy step deploys ${trace.model}`);
  trace.steps.forEach((step, i) => {
    const spec = ACTIONS[step.action];
    if (!spec) throw new Error(`${where(i)}: unknown action "${step.action}"`);
    for (const key of spec.required) if (step[key] === undefined) throw new Error(`${where(i)} (${step.action}): missing "${key}"`);
    for (const key of Object.keys(step)) {
      if (!COMMON.has(key) && !spec.required.includes(key) && !spec.optional.includes(key)) {
        throw new Error(`${where(i)} (${step.action}): unknown parameter "${key}"`);
      }
    }
    for (const key of Object.keys(step.expect ?? {})) {
      if (!(EXPECTATION_KEYS as readonly string[]).includes(key)) throw new Error(`${where(i)}: unknown expectation "${key}"`);
    }
  });
}

export function loadTraces(modelsDir: string): Trace[] {
  return readdirSync(modelsDir)
    .filter((f) => f.endsWith(".trace.json"))
    .sort()
    .map((file) => {
      const trace = { ...JSON.parse(readFileSync(path.join(modelsDir, file), "utf8")), file } as Trace;
      validateTrace(trace);
      return trace;
    });
}

/** ISO 8601 duration (PnDTnHnMnS, PnW) in milliseconds; months and years are refused (not fixed lengths). */
export function durationMs(iso: string): number {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!m || iso === "P" || iso.endsWith("T")) throw new Error(`unsupported ISO 8601 duration "${iso}" (use W, D, H, M, S)`);
  const [, w, d, h, min, s] = m;
  return ((((Number(w ?? 0) * 7 + Number(d ?? 0)) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}
