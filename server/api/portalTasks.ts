// 办件 task page: what a clerk needs to work one task — the task, its case, the Form.io form bound to it
// (frozen in the deployment or saved in the form store), the case's variables to prefill it, earlier
// opinions (审批意见) in order, attachments, and what he may do now. Plus server-side validation of a
// submission with the same form definition (forms/validation), run before the task is completed, and
// publishing a 公示 notice for the case.
import { z } from "zod";
import { NATIONAL } from "../authz";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { tenantVisible } from "./scope";
import { listAttachments, AttachmentInfo } from "./portalAttachments";
import { validateWithForm } from "./formValidation";
import { canWorkTask, resolveForm, visibleTask } from "./portalShared";
import { defineRoute } from "./route";
import type { RouteModule } from "./services";

const Params = z.object({ taskId: z.string().min(1).max(100) });

/** Variables as plain JSON values (dates as ISO strings; files and bytes left out). */
function plainVariables(vars: Record<string, { type: string; value: unknown }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(vars)) {
    if (v.type === "File" || v.type === "Bytes") continue;
    out[name] = v.value instanceof Date ? v.value.toISOString() : v.value;
  }
  return out;
}

export const portalTaskRoutes: RouteModule = (router, registry, services) => {
  const { engine, repos } = services;

  defineRoute(router, registry, {
    method: "get", path: "/portal/tasks/:taskId", tags: ["portal"],
    summary: "办件: a task with its case, bound form, variables, opinions, attachments and the actions open to the caller",
    params: Params,
    response: z.object({
      task: z.object({
        id: z.string(), name: z.string().nullable(), description: z.string().nullable(), taskDefinitionKey: z.string(),
        assignee: z.string().nullable(), owner: z.string().nullable(), delegationState: z.string().nullable(), candidateGroups: z.array(z.string()),
        created: z.date(), due: z.date().nullable(), formKey: z.string().nullable(), suspended: z.boolean(), tenantId: z.string().nullable(),
      }),
      case: z.object({
        processInstanceId: z.string(), businessKey: z.string().nullable(), processDefinitionId: z.string(), processDefinitionKey: z.string(),
        processDefinitionName: z.string().nullable(), startTime: z.date(), startUserId: z.string().nullable(), regionName: z.string().nullable(),
      }),
      form: z.object({
        key: z.string(),
        source: z.enum(["deployment", "latest"]).openapi({ description: "deployment: the version frozen with the process; latest: the deployment lacks it, the latest saved form is shown instead (see warning)" }),
        version: z.number().nullable(), definition: z.record(z.string(), z.unknown()), warning: z.string().optional(),
      }).nullable(),
      variables: z.record(z.string(), z.unknown()),
      opinions: z.array(z.object({ id: z.string(), taskName: z.string().nullable(), userId: z.string(), userName: z.string().nullable(),
        decision: z.string().nullable(), message: z.string(), time: z.date() })),
      attachments: z.array(AttachmentInfo),
      actions: z.object({ canWork: z.boolean(), canClaim: z.boolean(), canUnclaim: z.boolean() }),
    }).openapi("PortalTask"),
    permission: { object: "task", action: "read" },
    async handler({ params, principal }) {
      const task = await visibleTask(services, principal, params.taskId);
      const [instance] = await engine.getHistoricProcessInstances({ processInstanceId: task.processInstanceId });
      const [form, variables, opinions, attachments, canWork, region] = await Promise.all([
        resolveForm(services, task.formKey, task.processDefinitionId),
        engine.getVariables(task.executionId),
        repos.opinions.forProcessInstance(task.processInstanceId),
        listAttachments(services, task.processInstanceId),
        canWorkTask(services, principal, task),
        task.tenantId ? repos.regions.find(task.tenantId) : Promise.resolve(null),
      ]);
      const userIds = [...new Set(opinions.map((o) => o.userId))];
      const names = new Map((await Promise.all(userIds.map((id) => repos.users.find(id)))).filter((u) => u !== null).map((u) => [u!.id, u!.displayName]));
      return {
        task: {
          id: task.id, name: task.name, description: task.description, taskDefinitionKey: task.taskDefinitionKey, assignee: task.assignee,
          owner: task.owner, delegationState: task.delegationState, candidateGroups: task.candidateGroups, created: task.created, due: task.due,
          formKey: task.formKey, suspended: task.suspended, tenantId: task.tenantId,
        },
        case: {
          processInstanceId: task.processInstanceId, businessKey: instance?.businessKey ?? null, processDefinitionId: task.processDefinitionId,
          processDefinitionKey: instance?.processDefinitionKey ?? "", processDefinitionName: instance?.processDefinitionName ?? null,
          startTime: instance?.startTime ?? task.created, startUserId: instance?.startUserId ?? null, regionName: region?.name ?? null,
        },
        form,
        variables: plainVariables(variables),
        opinions: opinions.map((o) => ({ id: o.id, taskName: o.taskName, userId: o.userId, userName: names.get(o.userId) ?? null,
          decision: o.decision, message: o.message, time: o.time })),
        attachments,
        actions: {
          canWork: canWork && task.assignee === principal.userId,
          canClaim: canWork && task.assignee === null,
          canUnclaim: task.assignee === principal.userId,
        },
      };
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/portal/tasks/:taskId/validate", tags: ["portal"],
    summary: "Validate a submission with the task's form on the server (GIS fields: parcel geometry, overlaps, region) before completing",
    params: Params,
    body: z.object({ data: z.record(z.string(), z.unknown()) }).openapi("PortalSubmission"),
    response: z.object({ valid: z.boolean(), errors: z.record(z.string(), z.unknown()), warnings: z.record(z.string(), z.unknown()), figures: z.record(z.string(), z.unknown()) }),
    permission: { object: "task", action: "work" },
    async handler({ params, body, principal }) {
      const task = await visibleTask(services, principal, params.taskId);
      if (!(await canWorkTask(services, principal, task))) throw forbidden(`The user '${principal.userId}' may not work task '${task.id}'`);
      const form = await resolveForm(services, task.formKey, task.processDefinitionId);
      if (!form) return { valid: true, errors: {}, warnings: {}, figures: {} };
      return validateWithForm(form.definition, body.data);
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/portal/tasks/:taskId/opinion", tags: ["portal"], status: 201,
    summary: "审批意见 of a task: by whoever may work it while it is open, or by the user who completed (or returned, 退回) it — so the portal records the opinion only once that succeeded",
    params: Params,
    body: z.object({
      decision: z.enum(["approve", "reject", "return", "comment"]).default("comment"),
      message: z.string().trim().min(1, "the opinion text is required").max(4000),
    }).openapi("PortalOpinion"),
    response: z.object({ id: z.string(), time: z.date() }),
    permission: { object: "opinion", action: "write" },
    async handler({ params, body, principal, authorize, audit }) {
      const [historic] = await engine.getHistoricTaskInstances({ taskId: params.taskId });
      if (!historic || !tenantVisible(principal, historic.tenantId)) throw notFound(`No task '${params.taskId}'`);
      audit({ region: historic.tenantId, target: historic.processInstanceId });
      await authorize("opinion", "write", historic.tenantId ?? NATIONAL);
      const open = historic.endTime === null ? await engine.getTask(historic.id) : null;
      const allowed = open ? await canWorkTask(services, principal, open) : historic.assignee === principal.userId && (historic.deleteReason === "completed" || /^returned to /.test(historic.deleteReason ?? ""));
      if (!allowed) throw forbidden(`The user '${principal.userId}' may not record an opinion on task '${historic.id}'`);
      const earlier = await repos.opinions.forProcessInstance(historic.processInstanceId);
      if (earlier.some((o) => o.taskId === historic.id && o.userId === principal.userId && o.message === body.message)) throw conflict("This opinion is already recorded");
      const opinion = await repos.opinions.add({
        processInstanceId: historic.processInstanceId, taskId: historic.id, activityId: historic.taskDefinitionKey, taskName: historic.name,
        userId: principal.userId, decision: body.decision, message: body.message, tenantId: historic.tenantId,
      });
      return { id: opinion.id, time: opinion.time };
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/portal/tasks/:taskId/notice", tags: ["portal"], status: 201,
    summary: "公示: publish a public notice for the task's case (sets the case variable publicNotice, shown on the public notice page)",
    params: Params,
    body: z.object({
      title: z.string().trim().min(1, "the title is required").max(200),
      body: z.string().trim().min(1, "the text is required").max(20_000),
      days: z.number().int().min(1).max(365).default(30).openapi({ description: "公示期 in calendar days" }),
    }).openapi("PortalNoticeCreate"),
    response: z.object({ title: z.string(), body: z.string(), from: z.string(), until: z.string(), regionCode: z.string().nullable() }),
    permission: { object: "task", action: "work" },
    async handler({ params, body, principal, audit }) {
      const task = await visibleTask(services, principal, params.taskId);
      audit({ region: task.tenantId, target: task.processInstanceId });
      if (!(await canWorkTask(services, principal, task)) || task.assignee !== principal.userId) {
        throw forbidden(`Only the assignee of task '${task.id}' may publish a notice for its case`);
      }
      if (task.suspended) throw badRequest("The case is suspended");
      const from = engine.clock.now();
      const notice = { title: body.title, body: body.body, from: from.toISOString(), until: new Date(from.getTime() + body.days * 86_400_000).toISOString(),
        regionCode: task.tenantId, publishedBy: principal.userId };
      await engine.setVariables(task.processInstanceId, { publicNotice: { value: notice, type: "Json" } }, { userId: principal.userId });
      return { title: notice.title, body: notice.body, from: notice.from, until: notice.until, regionCode: task.tenantId ?? NATIONAL };
    },
  });
};
