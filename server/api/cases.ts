// 案件跟踪 case detail: summary, where the case is now, its history and the reviewers' opinions (审批意见).
// A case outside the caller's regions is reported as missing (404), not forbidden, so its existence
// does not leak across regions.
import { z } from "zod";
import { NATIONAL } from "../authz";
import { badRequest, notFound } from "../errors";
import type { Principal } from "../principal";
import { defineRoute } from "./route";
import { tenantVisible } from "./scope";
import type { ApiServices, RouteModule } from "./services";

const Opinion = z.object({
  id: z.string(), taskId: z.string().nullable(), activityId: z.string().nullable(), taskName: z.string().nullable(),
  userId: z.string(), decision: z.string().nullable(), message: z.string(), time: z.date(),
}).openapi("Opinion");

const CaseDetail = z.object({
  summary: z.object({
    id: z.string(), businessKey: z.string().nullable(), processDefinitionId: z.string(), processDefinitionKey: z.string(),
    processDefinitionName: z.string().nullable(), processDefinitionVersion: z.number(), state: z.string(),
    startTime: z.date(), endTime: z.date().nullable(), startUserId: z.string().nullable(),
    tenantId: z.string().nullable(), regionName: z.string().nullable(),
  }),
  current: z.object({
    activityIds: z.array(z.string()),
    tasks: z.array(z.object({ id: z.string(), name: z.string().nullable(), taskDefinitionKey: z.string(), assignee: z.string().nullable(),
      candidateGroups: z.array(z.string()), created: z.date(), due: z.date().nullable() })),
  }),
  history: z.array(z.object({
    activityId: z.string(), activityName: z.string().nullable(), activityType: z.string(), assignee: z.string().nullable(),
    taskId: z.string().nullable(), startTime: z.date(), endTime: z.date().nullable(), canceled: z.boolean(),
  })),
  opinions: z.array(Opinion),
}).openapi("CaseDetail");

const Params = z.object({ processInstanceId: z.string().min(1).max(100) });

/** The case's history record, or 404 when it does not exist or lies outside the caller's regions. */
async function visibleCase({ engine }: ApiServices, principal: Principal, processInstanceId: string) {
  const [instance] = await engine.getHistoricProcessInstances({ processInstanceId });
  if (!instance || !tenantVisible(principal, instance.tenantId)) throw notFound(`No case '${processInstanceId}'`);
  return instance;
}

export const caseRoutes: RouteModule = (router, registry, services) => {
  const { engine, repos } = services;

  defineRoute(router, registry, {
    method: "get", path: "/cases/:processInstanceId", tags: ["cases"], summary: "Case detail: summary, current position, history, opinions",
    params: Params, response: CaseDetail, permission: { object: "case", action: "read" },
    async handler({ params, principal, authorize }) {
      const instance = await visibleCase(services, principal, params.processInstanceId);
      await authorize("case", "read", instance.tenantId ?? NATIONAL);
      const ended = instance.endTime !== null;
      const [activityIds, tasks, activities, opinions, region] = await Promise.all([
        ended ? Promise.resolve([]) : engine.getActiveActivityIds(instance.id),
        ended ? Promise.resolve([]) : engine.getTasks({ processInstanceId: instance.id }),
        engine.getHistoricActivityInstances({ processInstanceId: instance.id, sortBy: "startTime", sortOrder: "asc" }),
        repos.opinions.forProcessInstance(instance.id),
        instance.tenantId ? repos.regions.find(instance.tenantId) : Promise.resolve(null),
      ]);
      return {
        summary: {
          id: instance.id, businessKey: instance.businessKey, processDefinitionId: instance.processDefinitionId,
          processDefinitionKey: instance.processDefinitionKey, processDefinitionName: instance.processDefinitionName,
          processDefinitionVersion: instance.processDefinitionVersion, state: instance.state, startTime: instance.startTime,
          endTime: instance.endTime, startUserId: instance.startUserId, tenantId: instance.tenantId, regionName: region?.name ?? null,
        },
        current: {
          activityIds,
          tasks: tasks.map((t) => ({ id: t.id, name: t.name, taskDefinitionKey: t.taskDefinitionKey, assignee: t.assignee,
            candidateGroups: t.candidateGroups, created: t.created, due: t.due })),
        },
        history: activities.map((a) => ({ activityId: a.activityId, activityName: a.activityName, activityType: a.activityType,
          assignee: a.assignee, taskId: a.taskId, startTime: a.startTime, endTime: a.endTime, canceled: a.canceled })),
        opinions: opinions.map(({ processInstanceId: _p, tenantId: _t, ...o }) => o),
      };
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/cases/:processInstanceId/opinions", tags: ["cases"], status: 201,
    summary: "Record an opinion (审批意见) on the case, optionally on one of its open tasks",
    params: Params,
    body: z.object({
      taskId: z.string().min(1).optional(),
      decision: z.enum(["approve", "reject", "return", "comment"]).optional(),
      message: z.string().trim().min(1, "the opinion text is required").max(4000),
    }).openapi("OpinionCreate"),
    response: Opinion, permission: { object: "opinion", action: "write" },
    async handler({ params, body, principal, authorize, audit }) {
      const instance = await visibleCase(services, principal, params.processInstanceId);
      audit({ region: instance.tenantId, target: instance.id });
      await authorize("opinion", "write", instance.tenantId ?? NATIONAL);
      let task = null;
      if (body.taskId) {
        task = await engine.getTask(body.taskId);
        if (!task || task.processInstanceId !== instance.id) throw badRequest(`Task '${body.taskId}' is not an open task of this case`);
      }
      const { processInstanceId: _p, tenantId: _t, ...opinion } = await repos.opinions.add({
        processInstanceId: instance.id, taskId: task?.id ?? null, activityId: task?.taskDefinitionKey ?? null, taskName: task?.name ?? null,
        userId: principal.userId, decision: body.decision ?? null, message: body.message, tenantId: instance.tenantId,
      });
      return opinion;
    },
  });
};
