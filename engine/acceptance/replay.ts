// Replays a trace against the public Engine API and reports every difference between the expected
// and the actual state, naming model, step and what differed. The first failing step stops the replay:
// later steps depend on the state it should have produced.
import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { Engine, LockedExternalTask, Task, VariableInput } from "../api";
import { durationMs, type Expectations, type Step, type TaskExpectation, type Trace } from "./trace";

export interface SettableClock {
  advance(ms: number): void;
}

interface InstanceRef {
  id: string;
  businessKey: string | null;
}

const WORKER = "acceptance-worker";
/** Every action happens one second after the previous one, so history can be ordered by time. */
const TICK_MS = 1000;

export class TraceFailure extends Error {}

export async function replayTrace(trace: Trace, engine: Engine, clock: SettableClock, modelsDir: string): Promise<void> {
  const instances = new Map<string, InstanceRef>();
  let last: string | null = null;

  for (const [index, step] of trace.steps.entries()) {
    const label = `${trace.model} step ${index + 1} (${step.action}${step.instance ? ` on "${step.instance}"` : ""})`;
    const alias = step.instance ?? last;
    const target = (): InstanceRef => {
      if (!alias || !instances.has(alias)) throw new TraceFailure(`${label}: no instance "${alias}" (trace error)`);
      return instances.get(alias)!;
    };
    clock.advance(TICK_MS);

    let actionError: unknown = null;
    try {
      const created = await perform(step, engine, clock, modelsDir, target, instances);
      if (created) last = created;
    } catch (error) {
      if (error instanceof TraceFailure) throw new TraceFailure(`${label}: ${error.message}`);
      actionError = error;
    }
    if (step.expectError && !actionError) throw new TraceFailure(`${label}: expected the action to fail, but it succeeded`);
    if (!step.expectError && actionError) {
      throw new TraceFailure(`${label}: action threw ${(actionError as Error)?.stack ?? String(actionError)}`);
    }

    if (step.expect) {
      const current = step.instance ?? last;
      const differences = await check(step.expect, engine, current ? instances.get(current) ?? null : null);
      if (differences.length) throw new TraceFailure(`${label}:\n  - ${differences.join("\n  - ")}`);
    }
  }
}

// ------------------------------------------------------------------------------------------- actions

/** Converts trace values: `{"$date": iso}` becomes a Date (JSON has no date type). */
function toVariables(input: unknown): VariableInput | undefined {
  if (input === undefined) return undefined;
  const out: VariableInput = {};
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const date = value && typeof value === "object" && "$date" in value ? (value as { $date: string }).$date : null;
    out[name] = date ? new Date(date) : value;
  }
  return out;
}

async function perform(
  step: Step, engine: Engine, clock: SettableClock, modelsDir: string,
  target: () => InstanceRef, instances: Map<string, InstanceRef>,
): Promise<string | null> {
  const p = step as Record<string, any>;
  switch (step.action) {
    case "deploy": {
      await engine.deploy({
        name: `acceptance ${p.files[0]}`,
        resources: (p.files as string[]).map((name) => ({ name, content: readFileSync(path.join(modelsDir, name), "utf8") })),
      });
      return null;
    }
    case "start": {
      const pi = await engine.startProcessInstanceByKey(p.key, { businessKey: p.businessKey ?? null, variables: toVariables(p.variables) });
      instances.set(p.as ?? "main", { id: pi.id, businessKey: pi.businessKey });
      return p.as ?? "main";
    }
    case "completeTask": {
      const task = await selectTask(engine, target().id, p);
      await engine.completeTask(task.id, { variables: toVariables(p.variables), localVariables: toVariables(p.localVariables) });
      return null;
    }
    case "claim": {
      const task = await selectTask(engine, target().id, p);
      await engine.claim(task.id, p.userId);
      return null;
    }
    case "correlateMessage": {
      const results = await engine.correlateMessage({
        messageName: p.messageName,
        businessKey: p.businessKey,
        processInstanceId: p.byInstance ? target().id : undefined,
        correlationKeys: toVariables(p.correlationKeys),
        processVariables: toVariables(p.processVariables),
        all: p.all,
      });
      if (p.as) {
        const pi = results[0]?.processInstance;
        if (!pi) throw new TraceFailure(`correlateMessage ${p.messageName}: no process instance in the result to call "${p.as}"`);
        instances.set(p.as, { id: pi.id, businessKey: pi.businessKey });
        return p.as;
      }
      return null;
    }
    case "signal":
      await engine.signal({ name: p.name, variables: toVariables(p.variables) });
      return null;
    case "advanceClock":
      clock.advance(durationMs(p.duration));
      await runAllDueJobs(engine);
      return null;
    case "runDueJobs":
      await runAllDueJobs(engine);
      return null;
    case "fetchAndComplete": {
      const tasks = await fetchFor(engine, target().id, p.topic);
      const expected = p.count ?? 1;
      if (tasks.length !== expected) throw new TraceFailure(`fetchAndLock on "${p.topic}" returned ${tasks.length} task(s) of this instance, expected ${expected}`);
      for (const task of tasks) {
        if (p.expectVariables) {
          const differences = compareSubset("fetched variables", plainValues(task.variables), p.expectVariables);
          if (differences.length) throw new TraceFailure(differences.join("; "));
        }
        await engine.completeExternalTask(task.id, WORKER, { variables: toVariables(p.variables), localVariables: toVariables(p.localVariables) });
      }
      return null;
    }
    case "failExternalTask": {
      const task = await fetchOne(engine, target().id, p.topic);
      await engine.handleExternalTaskFailure(task.id, WORKER, { errorMessage: p.errorMessage ?? null, retries: p.retries, retryTimeout: p.retryTimeout ?? 0 });
      return null;
    }
    case "bpmnError": {
      const task = await fetchOne(engine, target().id, p.topic);
      await engine.handleExternalTaskBpmnError(task.id, WORKER, { errorCode: p.code, errorMessage: p.message ?? null, variables: toVariables(p.variables) });
      return null;
    }
    case "setExternalTaskRetries": {
      const tasks = (await engine.getExternalTasks({ processInstanceId: target().id, topicName: p.topic }));
      if (tasks.length !== 1) throw new TraceFailure(`expected one external task on "${p.topic}", found ${tasks.length}`);
      await engine.setExternalTaskRetries(tasks[0].id, p.retries);
      return null;
    }
    case "setVariables":
      await engine.setVariables(target().id, toVariables(p.variables)!);
      return null;
    case "findInstance": {
      const found = await engine.getProcessInstances({ processDefinitionKey: p.key, businessKey: p.businessKey });
      if (found.length !== 1) throw new TraceFailure(`findInstance ${p.key}${p.businessKey ? ` / ${p.businessKey}` : ""}: found ${found.length} running instances, expected 1`);
      instances.set(p.as, { id: found[0].id, businessKey: found[0].businessKey });
      return p.as;
    }
    case "noop":
      return null;
    default:
      throw new TraceFailure(`unknown action ${step.action}`);
  }
}

async function runAllDueJobs(engine: Engine): Promise<void> {
  // a job may create further due jobs (a timer that leads to an async continuation): run until quiet
  for (let round = 0; round < 20; round++) {
    if ((await engine.runDueJobs()) === 0) return;
  }
  throw new TraceFailure("runDueJobs still found due jobs after 20 rounds");
}

async function selectTask(engine: Engine, processInstanceId: string, p: Record<string, any>): Promise<Task> {
  const open = await engine.getTasks({ processInstanceId });
  let candidates = open.filter((t) => t.taskDefinitionKey === p.taskDefinitionKey);
  if (p.assignee !== undefined) candidates = candidates.filter((t) => t.assignee === p.assignee);
  if (p.withVariables) {
    const kept: Task[] = [];
    for (const task of candidates) {
      const vars = plainValues(await engine.getTaskVariables(task.id));
      if (compareSubset("", vars, p.withVariables).length === 0) kept.push(task);
    }
    candidates = kept;
  }
  candidates.sort((a, b) => a.created.getTime() - b.created.getTime() || a.id.localeCompare(b.id));
  const task = candidates[p.nth ?? 0];
  if (!task) {
    const what = [p.taskDefinitionKey, p.assignee !== undefined ? `assignee ${p.assignee}` : "", p.withVariables ? JSON.stringify(p.withVariables) : ""].filter(Boolean).join(" ");
    throw new TraceFailure(`no open task ${what}; open tasks: ${describeTasks(open)}`);
  }
  return task;
}

/** Fetches and locks the topic's tasks, keeps those of this instance and unlocks the rest. */
async function fetchFor(engine: Engine, processInstanceId: string, topicName: string): Promise<LockedExternalTask[]> {
  const locked = await engine.fetchAndLock({ workerId: WORKER, maxTasks: 100, topics: [{ topicName, lockDuration: 300_000 }] });
  const mine = locked.filter((t) => t.processInstanceId === processInstanceId);
  for (const other of locked.filter((t) => t.processInstanceId !== processInstanceId)) await engine.unlockExternalTask(other.id);
  return mine;
}

async function fetchOne(engine: Engine, processInstanceId: string, topicName: string): Promise<LockedExternalTask> {
  const tasks = await fetchFor(engine, processInstanceId, topicName);
  if (tasks.length !== 1) throw new TraceFailure(`fetchAndLock on "${topicName}" returned ${tasks.length} task(s) of this instance, expected 1`);
  return tasks[0];
}

// -------------------------------------------------------------------------------------- expectations

function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("base64");
  return value;
}

function plainValues(vars: Record<string, { value: unknown }>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, normalize(v.value)]));
}

function compareSubset(what: string, actual: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    if (!(name in actual)) out.push(`${what}: ${name} missing (expected ${JSON.stringify(value)})`);
    else if (!isDeepStrictEqual(actual[name], value)) out.push(`${what}: ${name} = ${JSON.stringify(actual[name])}, expected ${JSON.stringify(value)}`);
  }
  return out;
}

const sorted = (list: string[]) => [...list].sort();
function compareMultiset(what: string, actual: string[], expected: string[]): string[] {
  return isDeepStrictEqual(sorted(actual), sorted(expected)) ? [] : [`${what}: got ${JSON.stringify(sorted(actual))}, expected ${JSON.stringify(sorted(expected))}`];
}

function describeTasks(tasks: Task[]): string {
  return JSON.stringify(tasks.map((t) => ({ key: t.taskDefinitionKey, assignee: t.assignee, groups: t.candidateGroups })));
}

function taskMatches(task: Task, e: TaskExpectation): boolean {
  if (task.taskDefinitionKey !== e.taskDefinitionKey) return false;
  if (e.assignee !== undefined && task.assignee !== e.assignee) return false;
  if (e.candidateGroups && !isDeepStrictEqual(sorted(task.candidateGroups), sorted(e.candidateGroups))) return false;
  if (e.candidateUsers && !isDeepStrictEqual(sorted(task.candidateUsers), sorted(e.candidateUsers))) return false;
  if (e.due !== undefined && (task.due ? task.due.toISOString() : null) !== e.due) return false;
  if (e.name !== undefined && task.name !== e.name) return false;
  return true;
}

async function processVariables(engine: Engine, pid: string): Promise<Record<string, unknown>> {
  const running = await engine.getProcessInstance(pid);
  if (running && !running.ended) return plainValues(await engine.getVariables(pid));
  // ended: the process-level variables as history kept them
  const historic = await engine.getHistoricVariableInstances({ processInstanceId: pid });
  return Object.fromEntries(historic.filter((v) => v.executionId === pid && v.state !== "DELETED").map((v) => [v.name, normalize(v.value)]));
}

async function check(e: Expectations, engine: Engine, inst: InstanceRef | null): Promise<string[]> {
  const out: string[] = [];
  const pid = () => {
    if (!inst) throw new TraceFailure("instance-scoped expectation without an instance (trace error)");
    return inst.id;
  };

  if (e.tasks) {
    const open = await engine.getTasks({ processInstanceId: pid() });
    const keyDiff = compareMultiset("open task keys", open.map((t) => t.taskDefinitionKey), e.tasks.map((t) => t.taskDefinitionKey));
    if (keyDiff.length) out.push(...keyDiff);
    else {
      const unused = [...open];
      // most specific expectations first, so a bare one cannot take the task a specific one needs
      for (const expected of [...e.tasks].sort((a, b) => Object.keys(b).length - Object.keys(a).length)) {
        const i = unused.findIndex((t) => taskMatches(t, expected));
        if (i < 0) out.push(`no open task matches ${JSON.stringify(expected)}; open: ${describeTasks(open)}`);
        else unused.splice(i, 1);
      }
    }
  }
  if (e.activeActivityIds) out.push(...compareMultiset("active activity ids", await engine.getActiveActivityIds(pid()), e.activeActivityIds));
  if (e.ended !== undefined) {
    const running = await engine.getProcessInstance(pid());
    const ended = !running || running.ended;
    if (ended !== e.ended) out.push(`instance ${e.ended ? "still running" : "has ended"}, expected ${e.ended ? "ended" : "running"}`);
    if (e.ended && ended) {
      const [historic] = await engine.getHistoricProcessInstances({ processInstanceId: pid() });
      if (!historic?.endTime) out.push("instance ended but its historic process instance has no endTime");
    }
  }
  if (e.variables || e.absentVariables) {
    const vars = await processVariables(engine, pid());
    if (e.variables) out.push(...compareSubset("process variables", vars, e.variables));
    for (const name of e.absentVariables ?? []) if (name in vars) out.push(`process variable ${name} = ${JSON.stringify(vars[name])} should not exist`);
  }
  if (e.historyFinished || e.historyCanceled || e.historyOrder) {
    const finished = await engine.getHistoricActivityInstances({ processInstanceId: pid(), finished: true });
    if (e.historyFinished) out.push(...compareMultiset("finished activity instances", finished.map((a) => a.activityId), e.historyFinished));
    if (e.historyCanceled) out.push(...compareMultiset("canceled activity instances", finished.filter((a) => a.canceled).map((a) => a.activityId), e.historyCanceled));
    if (e.historyOrder) {
      const order = [...finished]
        .sort((a, b) => a.endTime!.getTime() - b.endTime!.getTime() || a.sequenceCounter - b.sequenceCounter || a.startTime.getTime() - b.startTime.getTime())
        .map((a) => a.activityId);
      if (!isDeepStrictEqual(order, e.historyOrder)) out.push(`activity completion order: got ${JSON.stringify(order)}, expected ${JSON.stringify(e.historyOrder)}`);
    }
  }
  if (e.incidents !== undefined || e.incidentTypes) {
    const incidents = await engine.getIncidents({ processInstanceId: pid() });
    if (e.incidents !== undefined && incidents.length !== e.incidents) out.push(`incidents: ${incidents.length}, expected ${e.incidents}`);
    if (e.incidentTypes) out.push(...compareMultiset("incident types", incidents.map((i) => i.incidentType), e.incidentTypes));
  }
  if (e.jobs !== undefined || e.jobTypes) {
    const jobs = await engine.getJobs({ processInstanceId: pid() });
    if (e.jobs !== undefined && jobs.length !== e.jobs) out.push(`jobs: ${jobs.length} (${jobs.map((j) => `${j.type}@${j.activityId}`).join(", ")}), expected ${e.jobs}`);
    if (e.jobTypes) out.push(...compareMultiset("job types", jobs.map((j) => j.type), e.jobTypes));
  }
  if (e.externalTasks) {
    const tasks = await engine.getExternalTasks({ processInstanceId: pid() });
    const keyDiff = compareMultiset("external task topics", tasks.map((t) => t.topicName), e.externalTasks.map((t) => t.topicName));
    if (keyDiff.length) out.push(...keyDiff);
    for (const expected of e.externalTasks) {
      const match = tasks.find((t) => t.topicName === expected.topicName
        && (expected.activityId === undefined || t.activityId === expected.activityId)
        && (expected.retries === undefined || t.retries === expected.retries)
        && (expected.errorMessage === undefined || t.errorMessage === expected.errorMessage));
      if (!keyDiff.length && !match) {
        out.push(`no external task matches ${JSON.stringify(expected)}; have ${JSON.stringify(tasks.map((t) => ({ topic: t.topicName, activityId: t.activityId, retries: t.retries, errorMessage: t.errorMessage })))}`);
      }
    }
  }
  if (e.taskVariables) {
    const open = await engine.getTasks({ processInstanceId: pid() });
    const vars = new Map<string, Record<string, unknown>>();
    for (const task of open) vars.set(task.id, plainValues(await engine.getTaskVariables(task.id)));
    const unused = [...open];
    for (const expected of e.taskVariables) {
      const i = unused.findIndex((t) => t.taskDefinitionKey === expected.taskDefinitionKey && compareSubset("", vars.get(t.id)!, expected.variables).length === 0);
      if (i < 0) {
        const seen = open.filter((t) => t.taskDefinitionKey === expected.taskDefinitionKey).map((t) => vars.get(t.id));
        out.push(`no open ${expected.taskDefinitionKey} task has variables ${JSON.stringify(expected.variables)}; seen ${JSON.stringify(seen)}`);
      } else unused.splice(i, 1);
    }
  }
  for (const [key, count] of Object.entries(e.instances ?? {})) {
    const actual = await engine.countProcessInstances({ processDefinitionKey: key });
    if (actual !== count) out.push(`running instances of ${key}: ${actual}, expected ${count}`);
  }
  for (const [key, count] of Object.entries(e.startedInstances ?? {})) {
    const actual = await engine.countHistoricProcessInstances({ processDefinitionKey: key });
    if (actual !== count) out.push(`instances ever started of ${key}: ${actual}, expected ${count}`);
  }
  for (const [key, count] of Object.entries(e.definitionJobs ?? {})) {
    const actual = await engine.countJobs({ processDefinitionKey: key });
    if (actual !== count) out.push(`jobs of ${key}: ${actual}, expected ${count}`);
  }
  return out;
}
