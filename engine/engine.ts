// The engine facade: createEngine() wires the database, the caches and the job executor, and exposes
// the public API (engine/api.ts). State-changing calls run as commands (commandExecutor); reads query
// the tables directly.
import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import type {
  ActivityInstanceTree, SignerTarget, Deployment, DeployOptions, Engine, EngineEvent, EngineEventName, EngineOptions, FetchAndLockRequest,
  LockedExternalTask, ProcessDefinition, VariableInstance,
} from "./api";
import { WorkingCalendar, type YearCalendar } from "./calendar";
import { systemClock } from "./clock";
import { runCommand } from "./commandExecutor";
import { deployCommand, parseResources } from "./commands/deploy";
import { startProcessInstanceCommand } from "./commands/startProcessInstance";
import * as task from "./commands/taskCommands";
import * as inst from "./commands/instanceCommands";
import * as ext from "./commands/externalTaskCommands";
import { executeJobCommand, recordJobFailureCommand, setJobRetriesCommand } from "./commands/jobCommands";
import { correlateMessageCommand } from "./commands/correlateMessage";
import * as approval from "./commands/approval";
import { EngineError, notFound } from "./errors";
import { newId } from "./ids";
import { JobExecutor, runDueJobs, type JobExecutorOptions } from "./jobExecutor";
import { lockExternalTasks } from "./persistence/acquisition";
import { openDatabase, type Db } from "./persistence/db";
import { migrate } from "./persistence/migrate";
import * as hq from "./queries/historyQueries";
import * as rq from "./queries/runtimeQueries";
import { ms, pageFor, Where } from "./queries/sql";
import { countTasks, queryTasks } from "./queries/taskQuery";
import { createDefinitionCache, toProcessDefinition } from "./repository/definitionCache";
import type { EngineServices } from "./runtime/services";

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const db = await openDatabase(options.databaseUrl);
  if (options.migrate !== false) await migrate(db);
  return new JintuEngine(db, options);
}

/** Engine over an already open database (the server shares one connection pool with its own tables). */
export function createEngineOnDb(db: Db, options: Omit<EngineOptions, "databaseUrl">): Engine {
  return new JintuEngine(db, { ...options, databaseUrl: db.url });
}

class JintuEngine implements Engine {
  readonly nodeId: string;
  readonly clock;
  readonly dialect;
  private readonly services: EngineServices;
  private readonly events = new EventEmitter();
  private readonly jobOptions: JobExecutorOptions;
  private readonly jobExecutor: JobExecutor;

  constructor(private readonly db: Db, options: EngineOptions) {
    this.events.setMaxListeners(0);
    this.nodeId = options.nodeId ?? `${hostname()}-${process.pid}-${newId().slice(0, 8)}`;
    this.clock = options.clock ?? systemClock;
    this.dialect = db.dialect;
    const calendar = new WorkingCalendar({ fallbackToWeekdays: options.calendarFallbackToWeekdays ?? true });
    this.services = {
      db, clock: this.clock, nodeId: this.nodeId, handlers: options.handlers ?? {}, calendar,
      // workdays(20): a due date 20 Chinese working days from now, in every engine
      expressionFunctions: { workdays: approval.workdaysFunction(calendar, this.clock), ...options.expressionFunctions },
      definitions: createDefinitionCache(),
      emit: (e: EngineEvent) => this.events.emit(e.type, e),
    };
    this.jobOptions = {
      maxJobsPerAcquisition: options.jobExecutor?.maxJobsPerAcquisition ?? 10,
      lockTimeMs: options.jobExecutor?.lockTimeMs ?? 5 * 60_000,
      idleWaitMs: options.jobExecutor?.idleWaitMs ?? 1_000,
    };
    this.jobExecutor = new JobExecutor(this.services, this.jobOptions);
    this.events.on("jobCreated", () => this.jobExecutor.hint());
  }

  get calendar(): WorkingCalendar {
    return this.services.calendar;
  }

  private run<T>(command: Parameters<typeof runCommand<T>>[2], userId?: string | null): Promise<T> {
    return runCommand(this.services, userId ?? null, command);
  }

  // ------------------------------------------------------------------------------ repository

  async deploy(options: DeployOptions): Promise<Deployment> {
    const parsed = await parseResources(options);
    const result = await this.run(deployCommand(options, parsed), options.deployedBy);
    const deployment = await this.getDeployment(result.deploymentId);
    if (!deployment) throw new EngineError("ProcessEngine", "deployment vanished");
    if (result.duplicate) deployment.processDefinitions = [];
    else deployment.processDefinitions = deployment.processDefinitions.filter((d) => result.definitionIds.includes(d.id));
    return deployment;
  }

  private deploymentWhere(f: Parameters<Engine["getDeployments"]>[0] = {}): Where {
    const w = new Where().eq(`d."id"`, f.id).eq(`d."name"`, f.name).like(`d."name"`, f.nameLike).eq(`d."source"`, f.source).in(`d."tenant_id"`, f.tenantIdIn);
    if (f.processDefinitionKey) w.add(`EXISTS (SELECT 1 FROM "process_definition" p WHERE p."deployment_id" = d."id" AND p."key" = ?)`, f.processDefinitionKey);
    return w;
  }

  async getDeployments(f: Parameters<Engine["getDeployments"]>[0] = {}): Promise<Deployment[]> {
    const w = this.deploymentWhere(f);
    const sort = { id: "id", name: "name", deploymentTime: "deployment_time", tenantId: "tenant_id" }[f.sortBy ?? "deploymentTime"] ?? "deployment_time";
    const rows = await this.db.all(`SELECT d.* FROM "deployment" d${w} ORDER BY d."${sort}" ${f.sortOrder === "desc" ? "DESC" : "ASC"}, d."id"${pageFor(this.db.dialect, f.firstResult, f.maxResults)}`, w.params);
    return Promise.all(rows.map((r) => this.toDeployment(r)));
  }

  async countDeployments(f: Parameters<Engine["countDeployments"]>[0] = {}): Promise<number> {
    const w = this.deploymentWhere(f);
    return Number((await this.db.get(`SELECT COUNT(*) AS n FROM "deployment" d${w}`, w.params))?.n ?? 0);
  }

  private async toDeployment(r: any): Promise<Deployment> {
    const defs = await this.db.all(`SELECT * FROM "process_definition" WHERE "deployment_id" = ? ORDER BY "key"`, [r.id]);
    const resources = await this.db.all<{ id: string; name: string }>(`SELECT "id", "name" FROM "resource" WHERE "deployment_id" = ? ORDER BY "name"`, [r.id]);
    return {
      id: r.id, name: r.name ?? null, source: r.source ?? null, deploymentTime: ms(r.deployment_time)!, tenantId: r.tenant_id ?? null,
      deployedBy: r.deployed_by ?? null, note: r.note ?? null, processDefinitions: defs.map(toProcessDefinition), resources,
    };
  }

  async getDeployment(id: string): Promise<Deployment | null> {
    const r = await this.db.get(`SELECT * FROM "deployment" WHERE "id" = ?`, [id]);
    return r ? this.toDeployment(r) : null;
  }

  async getDeploymentResource(deploymentId: string, idOrName: string) {
    const r = await this.db.get(`SELECT "id", "name", "content" FROM "resource" WHERE "deployment_id" = ? AND ("id" = ? OR "name" = ?)`, [deploymentId, idOrName, idOrName]);
    return r ? { id: r.id, name: r.name, content: Buffer.from(r.content) } : null;
  }

  async deleteDeployment(id: string, options: { cascade?: boolean; userId?: string | null } = {}): Promise<void> {
    const defs = await this.db.all<{ id: string }>(`SELECT "id" FROM "process_definition" WHERE "deployment_id" = ?`, [id]);
    if (!(await this.getDeployment(id))) throw notFound(`Deployment with id '${id}' do not exist`);
    const ids = defs.map((d) => d.id);
    if (ids.length) {
      const running = await this.db.all<{ id: string }>(`SELECT "id" FROM "execution" WHERE "parent_id" IS NULL AND "process_definition_id" IN (${ids.map(() => "?").join(",")})`, ids);
      if (running.length && !options.cascade) throw new EngineError("BadRequest", `Deletion of process definition without cascading failed: ${running.length} process instances are still running`);
      for (const r of running) await this.deleteProcessInstance(r.id, { reason: "deployment deleted", userId: options.userId });
    }
    await this.db.transaction(async (tx) => {
      if (ids.length) {
        const list = ids.map(() => "?").join(",");
        await tx.run(`DELETE FROM "event_subscription" WHERE "process_definition_id" IN (${list}) AND "execution_id" IS NULL`, ids);
        await tx.run(`DELETE FROM "job" WHERE "process_definition_id" IN (${list}) AND "process_instance_id" IS NULL`, ids);
        if (options.cascade) for (const t of ["hi_process_instance", "hi_activity_instance", "hi_task_instance"]) await tx.run(`DELETE FROM "${t}" WHERE "process_definition_id" IN (${list})`, ids);
        await tx.run(`DELETE FROM "process_definition" WHERE "deployment_id" = ?`, [id]);
      }
      await tx.run(`DELETE FROM "resource" WHERE "deployment_id" = ?`, [id]);
      await tx.run(`DELETE FROM "deployment" WHERE "id" = ?`, [id]);
    });
    for (const d of ids) this.services.definitions.evict(d);
  }

  private definitionWhere(f: Parameters<Engine["getProcessDefinitions"]>[0] = {}): Where {
    const w = new Where().eq(`p."id"`, f.id).eq(`p."key"`, f.key).in(`p."key"`, f.keyIn).like(`p."key"`, f.keyLike).eq(`p."name"`, f.name)
      .like(`p."name"`, f.nameLike).eq(`p."deployment_id"`, f.deploymentId).eq(`p."version"`, f.version)
      .flag(f.suspended, `p."suspended" = 1`).flag(f.active, `p."suspended" = 0`).flag(f.withoutTenantId, `p."tenant_id" IS NULL`);
    if (f.tenantIdIn) {
      const list = f.tenantIdIn.map(() => "?").join(",");
      w.add(f.includeProcessDefinitionsWithoutTenantId ? `(p."tenant_id" IN (${list}) OR p."tenant_id" IS NULL)` : `p."tenant_id" IN (${list})`, ...f.tenantIdIn);
    }
    if (f.latestVersion) w.add(`p."version" = (SELECT MAX(x."version") FROM "process_definition" x WHERE x."key" = p."key" AND (x."tenant_id" = p."tenant_id" OR (x."tenant_id" IS NULL AND p."tenant_id" IS NULL)))`);
    return w;
  }

  async getProcessDefinitions(f: Parameters<Engine["getProcessDefinitions"]>[0] = {}): Promise<ProcessDefinition[]> {
    const w = this.definitionWhere(f);
    const sort = { key: "key", name: "name", version: "version", id: "id", deploymentId: "deployment_id", tenantId: "tenant_id" }[f.sortBy ?? "key"] ?? "key";
    const rows = await this.db.all(`SELECT p.* FROM "process_definition" p${w} ORDER BY p."${sort}" ${f.sortOrder === "desc" ? "DESC" : "ASC"}, p."version" DESC${pageFor(this.db.dialect, f.firstResult, f.maxResults)}`, w.params);
    return rows.map(toProcessDefinition);
  }

  async countProcessDefinitions(f: Parameters<Engine["getProcessDefinitions"]>[0] = {}): Promise<number> {
    const w = this.definitionWhere(f);
    return Number((await this.db.get(`SELECT COUNT(*) AS n FROM "process_definition" p${w}`, w.params))?.n ?? 0);
  }

  async getProcessDefinition(id: string): Promise<ProcessDefinition | null> {
    const r = await this.db.get(`SELECT * FROM "process_definition" WHERE "id" = ?`, [id]);
    return r ? toProcessDefinition(r) : null;
  }

  async getLatestProcessDefinition(key: string, tenantId?: string | null): Promise<ProcessDefinition | null> {
    return (await this.services.definitions.latest(this.db, key, tenantId))?.definition ?? null;
  }

  async getProcessDefinitionXml(id: string): Promise<string | null> {
    const def = await this.getProcessDefinition(id);
    if (!def) return null;
    const r = await this.getDeploymentResource(def.deploymentId, def.resourceName);
    return r ? r.content.toString("utf8") : null;
  }

  async suspendProcessDefinition(id: string, suspended: boolean, options: { includeInstances?: boolean; userId?: string | null } = {}): Promise<void> {
    const n = await this.db.run(`UPDATE "process_definition" SET "suspended" = ? WHERE "id" = ?`, [suspended ? 1 : 0, id]);
    if (!n) throw notFound(`No process definition found with id '${id}'`);
    if (options.includeInstances) {
      const rows = await this.db.all<{ id: string }>(`SELECT "id" FROM "execution" WHERE "parent_id" IS NULL AND "process_definition_id" = ?`, [id]);
      for (const r of rows) await this.suspendProcessInstance(r.id, suspended, options);
    }
  }

  // --------------------------------------------------------------------------------- runtime

  startProcessInstanceByKey(key: string, options: Parameters<Engine["startProcessInstanceByKey"]>[1] = {}) {
    return this.run(startProcessInstanceCommand((ctx) => ctx.services.definitions.latest(ctx.tx, key, options.tenantId), `with key '${key}'${options.tenantId ? ` and tenant-id '${options.tenantId}'` : ""}`, options), options.userId);
  }

  startProcessInstanceById(id: string, options: Parameters<Engine["startProcessInstanceById"]>[1] = {}) {
    return this.run(startProcessInstanceCommand(async (ctx) => {
      const row = await ctx.tx.get(`SELECT "id" FROM "process_definition" WHERE "id" = ?`, [id]);
      return row ? ctx.services.definitions.byId(ctx.tx, id) : null;
    }, `with id '${id}'`, options), options.userId);
  }

  async getProcessInstance(id: string) {
    return (await rq.queryProcessInstances(this.db, { processInstanceIds: [id] }))[0] ?? null;
  }
  getProcessInstances(q: Parameters<Engine["getProcessInstances"]>[0] = {}) { return rq.queryProcessInstances(this.db, q); }
  countProcessInstances(q: Parameters<Engine["countProcessInstances"]>[0] = {}) { return rq.countProcessInstances(this.db, q); }

  deleteProcessInstance(id: string, options: { reason?: string; userId?: string | null } = {}) {
    return this.run(inst.deleteProcessInstanceCommand(id, options.reason), options.userId);
  }
  suspendProcessInstance(id: string, suspended: boolean, options: { userId?: string | null } = {}) {
    return this.run(inst.suspendProcessInstanceCommand(id, suspended), options.userId);
  }

  async getActivityInstanceTree(processInstanceId: string): Promise<ActivityInstanceTree | null> {
    const executions = await this.db.all(`SELECT * FROM "execution" WHERE "process_instance_id" = ?`, [processInstanceId]);
    const root = executions.find((e) => e.id === processInstanceId);
    if (!root) return null;
    const open = await this.db.all(`SELECT * FROM "hi_activity_instance" WHERE "process_instance_id" = ? AND "end_time" IS NULL ORDER BY "sequence_counter"`, [processInstanceId]);
    const incidents = await this.db.all<{ id: string; execution_id: string }>(`SELECT "id", "execution_id" FROM "incident" WHERE "process_instance_id" = ?`, [processInstanceId]);
    const node = (id: string, parent: string | null, activityId: string, type: string, name: string | null, executionIds: string[]): ActivityInstanceTree => ({
      id, parentActivityInstanceId: parent, activityId, activityType: type, activityName: name, processInstanceId, processDefinitionId: root.process_definition_id,
      childActivityInstances: [], childTransitionInstances: [], executionIds, incidentIds: incidents.filter((i) => executionIds.includes(i.execution_id)).map((i) => i.id),
    });
    const tree = node(processInstanceId, null, root.process_definition_id, "processDefinition", null, [processInstanceId]);
    const byId = new Map<string, ActivityInstanceTree>([[processInstanceId, tree]]);
    for (const a of open) byId.set(a.id, node(a.id, a.parent_activity_instance_id, a.activity_id, a.activity_type, a.activity_name, [a.execution_id]));
    for (const a of open) (byId.get(a.parent_activity_instance_id) ?? tree).childActivityInstances.push(byId.get(a.id)!);
    return tree;
  }

  /** Where tokens are now (Camunda's getActiveActivityIds): active executions without children; tokens waiting at a join are inactive. */
  async getActiveActivityIds(processInstanceId: string): Promise<string[]> {
    const rows = await this.db.all<{ activity_id: string }>(
      `SELECT e."activity_id" FROM "execution" e WHERE e."process_instance_id" = ? AND e."is_active" = 1 AND e."parent_id" IS NOT NULL AND e."activity_id" IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM "execution" c WHERE c."parent_id" = e."id") ORDER BY e."activity_id"`, [processInstanceId]);
    return rows.map((r) => r.activity_id);
  }

  // ------------------------------------------------------------------------------- variables

  async getVariables(executionId: string, options: { local?: boolean; names?: string[] } = {}) {
    const vars = await rq.variablesOf(this.db, executionId, !!options.local, options.names);
    if (!vars) throw notFound(`execution ${executionId} doesn't exist`);
    return vars;
  }
  async getVariable(executionId: string, name: string, options: { local?: boolean } = {}) {
    return (await this.getVariables(executionId, { local: options.local, names: [name] }))[name] ?? null;
  }
  setVariables(executionId: string, variables: Record<string, unknown>, options: { local?: boolean; userId?: string | null } = {}) {
    return this.run(inst.setVariablesCommand(executionId, variables, !!options.local), options.userId);
  }
  removeVariable(executionId: string, name: string, options: { local?: boolean; userId?: string | null } = {}) {
    return this.run(inst.removeVariableCommand(executionId, name, !!options.local), options.userId);
  }

  async getTaskVariables(taskId: string, options: { local?: boolean; names?: string[] } = {}): Promise<Record<string, VariableInstance>> {
    const t = await this.db.get<{ execution_id: string }>(`SELECT "execution_id" FROM "task" WHERE "id" = ?`, [taskId]);
    if (!t) throw notFound(`Cannot find task with id ${taskId}`);
    const local = await rq.toVariableInstances(this.db, await this.db.all(`SELECT * FROM "variable" WHERE "task_id" = ?`, [taskId]));
    const out: Record<string, VariableInstance> = options.local ? {} : { ...(await rq.variablesOf(this.db, t.execution_id, false)) };
    for (const v of local) out[v.name] = v;
    if (options.names) for (const k of Object.keys(out)) if (!options.names.includes(k)) delete out[k];
    return out;
  }
  setTaskVariables(taskId: string, variables: Record<string, unknown>, options: { local?: boolean; userId?: string | null } = {}) {
    return this.run(task.setTaskVariablesCommand(taskId, variables, !!options.local), options.userId);
  }
  removeTaskVariable(taskId: string, name: string, options: { local?: boolean; userId?: string | null } = {}) {
    return this.run(task.removeTaskVariableCommand(taskId, name, !!options.local), options.userId);
  }

  // ---------------------------------------------------------------------------------- events

  correlateMessage(c: Parameters<Engine["correlateMessage"]>[0]) {
    if (!c.messageName) return Promise.reject(new EngineError("BadRequest", "No message name set"));
    return this.run(correlateMessageCommand(c), c.userId);
  }
  async signal(o: Parameters<Engine["signal"]>[0]): Promise<void> {
    if (!o.name) throw new EngineError("BadRequest", "No signal name given");
    await this.run(async (_ctx, flow) => flow.throwSignal(o.name, o.variables as Record<string, unknown>, o.tenantId));
  }

  // ----------------------------------------------------------------------------------- tasks

  getTasks(q: Parameters<Engine["getTasks"]>[0] = {}) { return queryTasks(this.db, q, this.clock.now().getTime()); }
  countTasks(q: Parameters<Engine["countTasks"]>[0] = {}) { return countTasks(this.db, q, this.clock.now().getTime()); }
  async getTask(id: string) { return (await queryTasks(this.db, { id }))[0] ?? null; }
  claim(taskId: string, userId: string) { return this.run(task.claimCommand(taskId, userId), userId); }
  unclaim(taskId: string, o: { userId?: string | null } = {}) { return this.run(task.unclaimCommand(taskId), o.userId); }
  setAssignee(taskId: string, assignee: string | null, o: { userId?: string | null } = {}) { return this.run(task.setAssigneeCommand(taskId, assignee), o.userId); }
  delegateTask(taskId: string, to: string, o: { userId?: string | null } = {}) { return this.run(task.delegateCommand(taskId, to), o.userId); }
  resolveTask(taskId: string, o: { variables?: Record<string, unknown>; userId?: string | null } = {}) { return this.run(task.resolveCommand(taskId, o.variables), o.userId); }
  completeTask(taskId: string, o: { variables?: Record<string, unknown>; localVariables?: Record<string, unknown>; userId?: string | null } = {}) {
    return this.run(task.completeTaskCommand(taskId, o.variables, o.localVariables), o.userId);
  }

  // ------------------------------------------------------------------------- approval idioms

  returnTask(taskId: string, o: { targetActivityId: string; opinion?: string | null; userId?: string | null }) { return this.run(approval.returnTaskCommand(taskId, o), o.userId); }
  getReturnTargets(taskId: string) { return approval.getReturnTargets(this.services, taskId); }
  withdrawTask(taskId: string, o: { userId: string }) { return this.run(approval.withdrawTaskCommand(taskId, o.userId), o.userId); }
  transferTask(taskId: string, to: string, o: { userId?: string | null } = {}) { return this.run(approval.transferTaskCommand(taskId, to), o.userId); }
  addSigner(target: SignerTarget, o: { user: string; userId?: string | null }) { return this.run(approval.addSignerCommand(target, o.user), o.userId); }
  removeSigner(target: SignerTarget, o: { user: string; userId?: string | null }) { return this.run(approval.removeSignerCommand(target, o.user), o.userId); }
  urgeTask(taskId: string, o: { message?: string | null; userId?: string | null }) { return this.run(approval.urgeTaskCommand(taskId, o.message), o.userId); }
  ccTask(taskId: string, o: { recipients: string[]; message?: string | null; userId?: string | null }) { return this.run(approval.ccTaskCommand(taskId, o.recipients, o.message), o.userId); }
  setCalendarYear(year: YearCalendar) { this.services.calendar.setYear(year); }
  getCalendarWarnings() { return approval.calendarWarnings(this.db, this.services.calendar, this.clock.now()); }

  // --------------------------------------------------------------------------- external tasks

  async fetchAndLock(request: FetchAndLockRequest): Promise<LockedExternalTask[]> {
    if (!request.workerId) throw new EngineError("BadRequest", "workerId is required");
    const locked = await lockExternalTasks(this.db, request.workerId, request.maxTasks, request.topics ?? [], !!request.usePriority, this.clock.now().getTime());
    const out: LockedExternalTask[] = [];
    for (const { row, topic } of locked) {
      const all = (await rq.variablesOf(this.db, row.execution_id, !!topic.localVariables)) ?? {};
      const variables = topic.variables ? Object.fromEntries(Object.entries(all).filter(([n]) => topic.variables!.includes(n))) : all;
      out.push({ ...rq.toExternalTask(row), variables });
    }
    return out;
  }

  async fetchAndLockWait(request: FetchAndLockRequest, timeoutMs: number, signal?: AbortSignal): Promise<LockedExternalTask[]> {
    const deadline = Date.now() + Math.max(0, timeoutMs);
    const topics = new Set((request.topics ?? []).map((t) => t.topicName));
    for (;;) {
      const tasks = await this.fetchAndLock(request);
      if (tasks.length || Date.now() >= deadline || signal?.aborted) return tasks;
      // wait for a task of one of our topics to be created here, or re-poll (other nodes, expiring locks)
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.events.off("externalTaskCreated", onCreated);
          signal?.removeEventListener("abort", done);
          resolve();
        };
        const onCreated = (e: EngineEvent) => { if (!e.topicName || topics.has(e.topicName)) setImmediate(done); };
        const timer = setTimeout(done, Math.min(1_000, Math.max(0, deadline - Date.now())));
        this.events.on("externalTaskCreated", onCreated);
        signal?.addEventListener("abort", done);
      });
    }
  }

  completeExternalTask(id: string, workerId: string, o: { variables?: Record<string, unknown>; localVariables?: Record<string, unknown> } = {}) {
    return this.run(ext.completeExternalTaskCommand(id, workerId, o.variables, o.localVariables), workerId);
  }
  handleExternalTaskFailure(id: string, workerId: string, o: Parameters<Engine["handleExternalTaskFailure"]>[2]) { return this.run(ext.handleFailureCommand(id, workerId, o), workerId); }
  handleExternalTaskBpmnError(id: string, workerId: string, o: Parameters<Engine["handleExternalTaskBpmnError"]>[2]) { return this.run(ext.handleBpmnErrorCommand(id, workerId, o), workerId); }
  extendExternalTaskLock(id: string, workerId: string, d: number) { return this.run(ext.extendLockCommand(id, workerId, d), workerId); }
  lockExternalTask(id: string, workerId: string, d: number) { return this.run(ext.lockExternalTaskCommand(id, workerId, d), workerId); }
  unlockExternalTask(id: string) { return this.run(ext.unlockExternalTaskCommand(id)); }
  setExternalTaskRetries(id: string, retries: number) { return this.run(ext.setExternalTaskRetriesCommand(id, retries)); }
  getExternalTasks(q: Parameters<Engine["getExternalTasks"]>[0] = {}) { return rq.queryExternalTasks(this.db, q, this.clock.now().getTime()); }
  countExternalTasks(q: Parameters<Engine["countExternalTasks"]>[0] = {}) { return rq.countExternalTasks(this.db, q, this.clock.now().getTime()); }
  async getExternalTask(id: string) { return (await this.getExternalTasks({ externalTaskId: id }))[0] ?? null; }

  // ---------------------------------------------------------------------------- jobs & incidents

  getJobs(q: Parameters<Engine["getJobs"]>[0] = {}) { return rq.queryJobs(this.db, q, this.clock.now().getTime()); }
  countJobs(q: Parameters<Engine["countJobs"]>[0] = {}) { return rq.countJobs(this.db, q, this.clock.now().getTime()); }
  async getJob(id: string) { return (await this.getJobs({ jobId: id }))[0] ?? null; }
  setJobRetries(id: string, retries: number) { return this.run(setJobRetriesCommand(id, retries)); }
  async executeJob(id: string): Promise<void> {
    try {
      await this.run(executeJobCommand(id, null));
    } catch (error) {
      if (error instanceof EngineError && error.kind === "NotFound") throw error;
      await this.run(recordJobFailureCommand(id, error)).catch(() => undefined);
      throw error;
    }
  }
  runDueJobs(o: { maxJobs?: number } = {}) { return runDueJobs(this.services, this.jobOptions, o.maxJobs); }
  startJobExecutor() { this.jobExecutor.start(); }
  stopJobExecutor() { return this.jobExecutor.stop(); }
  getIncidents(q: Parameters<Engine["getIncidents"]>[0] = {}) { return rq.queryIncidents(this.db, q); }
  countIncidents(q: Parameters<Engine["countIncidents"]>[0] = {}) { return rq.countIncidents(this.db, q); }

  // -------------------------------------------------------------------------------- history

  getHistoricProcessInstances(q = {}) { return hq.historicProcessInstances(this.db, q); }
  countHistoricProcessInstances(q = {}) { return hq.countHistoricProcessInstances(this.db, q); }
  getHistoricActivityInstances(q = {}) { return hq.historicActivityInstances(this.db, q); }
  countHistoricActivityInstances(q = {}) { return hq.countHistoricActivityInstances(this.db, q); }
  getHistoricTaskInstances(q = {}) { return hq.historicTaskInstances(this.db, q); }
  countHistoricTaskInstances(q = {}) { return hq.countHistoricTaskInstances(this.db, q); }
  getHistoricVariableInstances(q = {}) { return hq.historicVariableInstances(this.db, q); }
  countHistoricVariableInstances(q = {}) { return hq.countHistoricVariableInstances(this.db, q); }
  getHistoricVariableUpdates(q = {}) { return hq.historicVariableUpdates(this.db, q); }
  getUserOperationLog(q = {}) { return hq.userOperationLog(this.db, q); }
  countUserOperationLog(q = {}) { return hq.countUserOperationLog(this.db, q); }

  on(event: EngineEventName, listener: (payload: EngineEvent) => void): () => void {
    this.events.on(event, listener);
    return () => this.events.off(event, listener);
  }

  async close(): Promise<void> {
    await this.jobExecutor.stop();
    await this.db.close();
  }
}
