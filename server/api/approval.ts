// 审批惯用操作 approval idioms over HTTP: 退回 return, 撤回 withdraw, 转办 transfer, 委派 delegate/resolve,
// 加签/减签 add/remove signer, 催办 urge, 抄送 CC, 挂起/激活 suspend/resume, and the caller's notifications.
//
// Who may act on a task: its holder (the assignee; when unassigned, a candidate user or a member of a
// candidate group, region-expanded) with `task work` in the task's region, or a supervisor of the region
// (`task supervise`). A task or case outside the caller's regions is reported missing (404), so a county
// clerk learns nothing about another county's cases. The engine records each idiom in its operation log;
// the audit middleware records each request.
import { z } from "zod";
import type { Engine, Task, TaskNotice } from "../../engine";
import { isWithin, NATIONAL } from "../authz";
import { badRequest, forbidden, notFound } from "../errors";
import type { Principal } from "../principal";
import { groupRecipient, NotificationRepository } from "../repositories/notifications";
import { defineRoute, queryBoolean, queryInt } from "./route";
import { tenantVisible, workableGroups } from "./scope";
import type { RouteModule } from "./services";

const TaskParams = z.object({ id: z.string().min(1).max(100) });
const UserId = z.string().trim().min(1, "a user id is required").max(100);
const Message = z.string().trim().max(2000);

const TaskSummary = z.object({
  id: z.string(), name: z.string().nullable(), taskDefinitionKey: z.string(), processInstanceId: z.string(), assignee: z.string().nullable(),
  candidateUsers: z.array(z.string()), candidateGroups: z.array(z.string()), created: z.date(), due: z.date().nullable(), tenantId: z.string().nullable(),
}).openapi("ApprovalTask");
const TaskList = z.object({ tasks: z.array(TaskSummary) }).openapi("ApprovalTasks");
const Notice = z.object({ notified: z.array(z.string()) }).openapi("ApprovalNotice");
const Notification = z.object({
  id: z.string(), kind: z.string(), senderId: z.string().nullable(), processInstanceId: z.string().nullable(), taskId: z.string().nullable(),
  title: z.string(), body: z.string().nullable(), createdAt: z.date(), readAt: z.date().nullable(),
}).openapi("Notification");

const summary = (t: Task): z.infer<typeof TaskSummary> => ({
  id: t.id, name: t.name, taskDefinitionKey: t.taskDefinitionKey, processInstanceId: t.processInstanceId, assignee: t.assignee,
  candidateUsers: t.candidateUsers, candidateGroups: t.candidateGroups, created: t.created, due: t.due, tenantId: t.tenantId,
});

/**
 * Turns the engine's 催办/抄送 events into notifications, whoever triggered them (this API, /engine-rest
 * or a flow). `settled()` lets a request answer only once its notices are stored.
 */
function recordNotices(engine: Engine, notifications: NotificationRepository) {
  const pending = new Set<Promise<unknown>>();
  const store = (kind: "urge" | "cc", notice: TaskNotice, senderId: string | null) => {
    const recipients = [...notice.recipients, ...notice.candidateGroups.map(groupRecipient)];
    const title = `${kind === "urge" ? "催办" : "抄送"}：${notice.taskName ?? notice.taskId}`;
    const write = notifications.addForEach(recipients, { kind, senderId, processInstanceId: notice.processInstanceId, taskId: notice.taskId, title, body: notice.message })
      .catch((error) => console.error(`[jintu] storing ${kind} notifications failed:`, error))
      .finally(() => pending.delete(write));
    pending.add(write);
  };
  engine.on("taskUrged", (e) => e.notice && store("urge", e.notice, e.userId ?? null));
  engine.on("taskCopied", (e) => e.notice && store("cc", e.notice, e.userId ?? null));
  return { settled: () => Promise.all([...pending]).then(() => undefined) };
}

/**
 * 催办 may come from a supervisor of the case's region (`task supervise`) or from someone who completed an
 * earlier task of the case. Exported so the portal offers the button to exactly these users.
 */
export async function mayUrge(engine: Engine, principal: Principal, c: { processInstanceId: string; tenantId: string | null }): Promise<boolean> {
  if (await principal.can("task", "supervise", c.tenantId ?? NATIONAL)) return true;
  return (await engine.countHistoricTaskInstances({ processInstanceId: c.processInstanceId, taskAssignee: principal.userId, finished: true })) > 0;
}

export const approvalRoutes: RouteModule = (router, registry, services) => {
  const { engine, repos, authz, db, clock } = services;
  const notifications = new NotificationRepository(db, clock);
  const notices = recordNotices(engine, notifications);

  /** The open task, or 404 when it does not exist or lies outside the caller's regions. */
  async function visibleTask(principal: Principal, id: string): Promise<Task> {
    const task = await engine.getTask(id);
    if (!task || !tenantVisible(principal, task.tenantId)) throw notFound(`No open task '${id}'`);
    return task;
  }

  async function isHolder(principal: Principal, task: Task): Promise<boolean> {
    if (task.assignee) return task.assignee === principal.userId;
    if (task.candidateUsers.includes(principal.userId)) return true;
    const groups = new Set(await workableGroups(principal, repos));
    return task.candidateGroups.some((g) => groups.has(g));
  }

  const region = (tenantId: string | null) => tenantId ?? NATIONAL;
  const maySupervise = (principal: Principal, tenantId: string | null) => principal.can("task", "supervise", region(tenantId));

  /** The holder with `task work`, or a supervisor of the region; else 403. `holderOnly`: supervisors may not. */
  async function requireActor(principal: Principal, task: Task, what: string, holderOnly = false): Promise<"holder" | "supervisor"> {
    if ((await isHolder(principal, task)) && (await principal.can("task", "work", region(task.tenantId)))) return "holder";
    if (!holderOnly && (await maySupervise(principal, task.tenantId))) return "supervisor";
    throw forbidden(`The user '${principal.userId}' may not ${what} task '${task.id}': only ${holderOnly ? "its holder" : "its holder or a supervisor of the region"} may`);
  }

  /** A user the task can go to: he exists and holds a role covering the task's region. */
  async function requireColleague(userId: string, task: Task): Promise<void> {
    const user = await repos.users.find(userId);
    if (!user || user.disabled) throw badRequest(`Unknown user '${userId}'`);
    const roles = await authz.rolesOf(userId);
    if (!roles.some((r) => isWithin(region(task.tenantId), r.region))) throw badRequest(`The user '${userId}' holds no role in region ${region(task.tenantId)}`);
  }

  const taskRoute = <B>(spec: { path: string; summary: string; body?: z.ZodType<B>; response?: z.ZodType; status?: number;
    handler(input: { task: Task; body: B; principal: Principal }): Promise<unknown> }) =>
    defineRoute<z.infer<typeof TaskParams>, Record<string, never>, B, unknown>(router, registry, {
      method: "post", path: `/tasks/:id/${spec.path}`, tags: ["approval"], summary: spec.summary, params: TaskParams,
      body: spec.body, response: spec.response, status: spec.status, permission: { object: "task", action: "read" },
      async handler({ params, body, principal, audit }) {
        const task = await visibleTask(principal, params.id);
        audit({ region: task.tenantId, target: task.id });
        return (await spec.handler({ task, body, principal })) ?? undefined;
      },
    });

  // ------------------------------------------------------------------------------ 退回 return

  defineRoute(router, registry, {
    method: "get", path: "/tasks/:id/return-targets", tags: ["approval"], summary: "退回: the earlier user tasks this task may be returned to",
    params: TaskParams, response: z.array(z.object({ activityId: z.string(), name: z.string().nullable() })).openapi("ReturnTargets"),
    permission: { object: "task", action: "read" },
    async handler({ params, principal }) {
      const task = await visibleTask(principal, params.id);
      await requireActor(principal, task, "return");
      return engine.getReturnTargets(task.id);
    },
  });

  taskRoute({
    path: "return", summary: "退回: send the case back to an earlier user task (see return-targets), with an opinion",
    body: z.object({ targetActivityId: z.string().min(1).max(200), opinion: Message.optional() }).openapi("ReturnTask"),
    response: TaskList,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "return");
      const tasks = await engine.returnTask(task.id, { targetActivityId: body.targetActivityId, opinion: body.opinion, userId: principal.userId });
      return { tasks: tasks.map(summary) };
    },
  });

  // ---------------------------------------------------------------------------- 撤回 withdraw

  defineRoute(router, registry, {
    method: "post", path: "/tasks/:id/withdraw", tags: ["approval"],
    summary: "撤回: take back a task you completed, while the next task is still untouched (the id is the completed task's)",
    params: TaskParams, response: TaskList, permission: { object: "task", action: "work" },
    async handler({ params, principal, audit }) {
      const [done] = await engine.getHistoricTaskInstances({ taskId: params.id });
      if (!done || !tenantVisible(principal, done.tenantId)) throw notFound(`No task '${params.id}'`);
      audit({ region: done.tenantId, target: done.id });
      if (!(await principal.can("task", "work", region(done.tenantId)))) throw forbidden(`The user '${principal.userId}' may not work tasks in region ${region(done.tenantId)}`);
      const tasks = await engine.withdrawTask(done.id, { userId: principal.userId });
      return { tasks: tasks.map(summary) };
    },
  });

  // -------------------------------------------------------------- 转办 transfer, 委派 delegate/resolve

  const ToUser = z.object({ userId: UserId }).openapi("TaskUser");

  taskRoute({
    path: "transfer", summary: "转办: hand the task over to a colleague for good", body: ToUser,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "transfer");
      await requireColleague(body.userId, task);
      await engine.transferTask(task.id, body.userId, { userId: principal.userId });
    },
  });

  taskRoute({
    path: "delegate", summary: "委派: let a colleague work the task; it comes back to you when he resolves it", body: ToUser,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "delegate");
      await requireColleague(body.userId, task);
      if (!task.assignee) throw badRequest(`Task '${task.id}' is not assigned: claim it before delegating it`);
      await engine.delegateTask(task.id, body.userId, { userId: principal.userId });
    },
  });

  taskRoute({
    path: "resolve", summary: "委派: the delegate hands the task back to its owner",
    body: z.object({ variables: z.record(z.string(), z.unknown()).optional() }).openapi("ResolveTask"),
    async handler({ task, body, principal }) {
      if (task.assignee !== principal.userId) throw forbidden(`Only ${task.assignee ?? "the delegate"} may resolve task '${task.id}'`);
      await engine.resolveTask(task.id, { variables: body.variables, userId: principal.userId });
    },
  });

  // --------------------------------------------------------------- 加签 / 减签 add/remove signer

  taskRoute({
    path: "add-signer", summary: "加签: add a signer to the running countersign (会签) this task belongs to", body: ToUser,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "add a signer to");
      await requireColleague(body.userId, task);
      await engine.addSigner({ taskId: task.id }, { user: body.userId, userId: principal.userId });
    },
  });

  taskRoute({
    path: "remove-signer", summary: "减签: remove a signer who has not signed yet from the countersign this task belongs to", body: ToUser,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "remove a signer from");
      await engine.removeSigner({ taskId: task.id }, { user: body.userId, userId: principal.userId });
    },
  });

  // ------------------------------------------------------------------------- 催办 urge, 抄送 CC

  taskRoute({
    path: "urge", status: 201, summary: "催办: remind the task's holder (assignee, else its candidates); a supervisor of the region or an earlier handler of the case",
    body: z.object({ message: Message.optional() }).openapi("UrgeTask"), response: Notice,
    async handler({ task, body, principal }) {
      if (!(await mayUrge(engine, principal, task))) {
        throw forbidden(`Only a supervisor of region ${region(task.tenantId)} or an earlier handler of the case may urge task '${task.id}'`);
      }
      const notice = await engine.urgeTask(task.id, { message: body.message, userId: principal.userId });
      await notices.settled();
      return { notified: [...notice.recipients, ...notice.candidateGroups.map(groupRecipient)] };
    },
  });

  taskRoute({
    path: "cc", status: 201, summary: "抄送: send a read-only copy of the task to colleagues",
    body: z.object({ recipients: z.array(UserId).min(1).max(100), message: Message.optional() }).openapi("CcTask"), response: Notice,
    async handler({ task, body, principal }) {
      await requireActor(principal, task, "copy");
      const unknown = [];
      for (const id of new Set(body.recipients)) if (!(await repos.users.find(id))) unknown.push(id);
      if (unknown.length) throw badRequest(`Unknown users: ${unknown.join(", ")}`);
      const notice = await engine.ccTask(task.id, { recipients: body.recipients, message: body.message, userId: principal.userId });
      await notices.settled();
      return { notified: notice.recipients };
    },
  });

  // --------------------------------------------------------------------- 挂起 / 激活 suspend/resume

  for (const [path, suspended] of [["suspend", true], ["resume", false]] as const) {
    defineRoute(router, registry, {
      method: "post", path: `/cases/:id/${path}`, tags: ["approval"],
      summary: suspended ? "挂起: suspend a running case (its timers keep their remaining time)" : "激活: resume a suspended case",
      params: TaskParams, permission: { object: "case", action: "read" },
      async handler({ params, principal, audit }) {
        const instance = await engine.getProcessInstance(params.id);
        if (!instance || !tenantVisible(principal, instance.tenantId)) throw notFound(`No running case '${params.id}'`);
        audit({ region: instance.tenantId, target: instance.id });
        if (!(await principal.can("case", "supervise", region(instance.tenantId)))) {
          throw forbidden(`Only a supervisor of region ${region(instance.tenantId)} may ${path} case '${instance.id}'`);
        }
        if (instance.suspended === suspended) throw badRequest(`Case '${instance.id}' is already ${suspended ? "suspended" : "active"}`);
        await engine.suspendProcessInstance(instance.id, suspended, { userId: principal.userId });
        return undefined;
      },
    });
  }

  // ---------------------------------------------------------------------------- notifications

  const myRecipients = async (principal: Principal) => [principal.userId, ...(await workableGroups(principal, repos)).map(groupRecipient)];

  defineRoute(router, registry, {
    method: "get", path: "/notifications", tags: ["approval"], summary: "催办 and 抄送 notices for the caller (and his candidate groups), newest first",
    query: z.object({ unread: queryBoolean.optional(), maxResults: queryInt(1, 200).default(50) }),
    response: z.array(Notification), permission: "authenticated",
    async handler({ query, principal }) {
      const rows = await notifications.forRecipients(await myRecipients(principal), { unreadOnly: query.unread, limit: query.maxResults });
      return rows.map(({ recipient: _r, ...n }) => n);
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/notifications/:id/read", tags: ["approval"], summary: "Mark a notice as read",
    params: z.object({ id: z.string().min(1).max(100) }), permission: "authenticated",
    async handler({ params, principal, audit }) {
      const n = await notifications.find(params.id);
      if (!n || !(await myRecipients(principal)).includes(n.recipient)) throw notFound(`No notification '${params.id}'`);
      audit({ target: n.id });
      await notifications.markRead(n.id);
      return undefined;
    },
  });
};

