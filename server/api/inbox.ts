// 待办 inbox: the tasks the user may work (assigned to him, or offered to one of his candidate groups),
// within his visible tenants, with Jintu's filters (flow, overdue, due soon, business key, text).
import { z } from "zod";
import type { Task, TaskQuery, TaskSortKey } from "../../engine/api";
import { defineRoute, queryBoolean, queryInt } from "./route";
import { workableGroups } from "./scope";
import type { RouteModule } from "./services";

const SORT_KEYS: Record<string, TaskSortKey> = { created: "created", due: "dueDate", priority: "priority", name: "name" };
const DAY_MS = 86_400_000;

const InboxTask = z.object({
  id: z.string(), name: z.string().nullable(), taskDefinitionKey: z.string(), processInstanceId: z.string(),
  processDefinitionId: z.string(), processDefinitionKey: z.string().nullable(), processDefinitionName: z.string().nullable(),
  businessKey: z.string().nullable(), assignee: z.string().nullable(), candidateGroups: z.array(z.string()),
  created: z.date(), due: z.date().nullable(), priority: z.number(), tenantId: z.string().nullable(), formKey: z.string().nullable(),
  overdue: z.boolean(), dueSoon: z.boolean(), suspended: z.boolean(),
}).openapi("InboxTask");

export const inboxRoutes: RouteModule = (router, registry, { engine, repos, clock }) => {
  defineRoute(router, registry, {
    method: "get", path: "/inbox", tags: ["inbox"], summary: "Tasks the user may work, with filters, sorting, paging and counts per flow",
    query: z.object({
      flow: z.string().min(1).optional().openapi({ description: "process definition key" }),
      overdue: queryBoolean.optional(),
      dueSoon: queryBoolean.optional(),
      dueSoonDays: queryInt(1, 90).default(3),
      businessKey: z.string().min(1).max(200).optional().openapi({ description: "substring of the business key (案件编号)" }),
      text: z.string().min(1).max(200).optional().openapi({ description: "substring of the task name" }),
      assignedToMe: queryBoolean.optional(),
      sortBy: z.enum(["created", "due", "priority", "name"]).default("created"),
      sortOrder: z.enum(["asc", "desc"]).default("desc"),
      firstResult: queryInt(0, 1_000_000).default(0),
      maxResults: queryInt(1, 500).default(50),
    }),
    response: z.object({
      items: z.array(InboxTask), total: z.number(),
      counts: z.array(z.object({ flow: z.string(), name: z.string().nullable(), count: z.number() })),
    }).openapi("Inbox"),
    permission: { object: "task", action: "read" },
    async handler({ query, principal }) {
      const now = clock.now();
      const soon = new Date(now.getTime() + query.dueSoonDays * DAY_MS);
      const base: TaskQuery = query.assignedToMe
        ? { assignee: principal.userId }
        : { involvedUser: principal.userId, candidateGroups: await workableGroups(principal, repos) };
      if (principal.visibleTenants !== null) base.tenantIdIn = principal.visibleTenants;
      if (query.overdue) base.dueBefore = now;
      if (query.dueSoon) { base.dueAfter = now; base.dueBefore = soon; }
      if (query.businessKey) base.processInstanceBusinessKeyLike = `%${query.businessKey}%`;
      if (query.text) base.nameLike = `%${query.text}%`;
      const filtered: TaskQuery = query.flow ? { ...base, processDefinitionKey: query.flow } : base;

      const [tasks, total] = await Promise.all([
        engine.getTasks({ ...filtered, sorting: [{ sortBy: SORT_KEYS[query.sortBy]!, sortOrder: query.sortOrder }],
          firstResult: query.firstResult, maxResults: query.maxResults }),
        engine.countTasks(filtered),
      ]);

      const definitions = await engine.getProcessDefinitions({ latestVersion: true });
      const counts = (await Promise.all(definitions.map(async (d) =>
        ({ flow: d.key, name: d.name, count: await engine.countTasks({ ...base, processDefinitionKey: d.key }) }))))
        .filter((c) => c.count > 0);

      return { items: await describeTasks(tasks, now, soon), total, counts };
    },
  });

  async function describeTasks(tasks: Task[], now: Date, soon: Date): Promise<z.infer<typeof InboxTask>[]> {
    const definitionIds = [...new Set(tasks.map((t) => t.processDefinitionId))];
    const definitions = new Map((await Promise.all(definitionIds.map((id) => engine.getProcessDefinition(id))))
      .filter((d) => d !== null).map((d) => [d!.id, d!]));
    const instanceIds = [...new Set(tasks.map((t) => t.processInstanceId))];
    const instances = instanceIds.length ? await engine.getProcessInstances({ processInstanceIds: instanceIds }) : [];
    const businessKeys = new Map(instances.map((i) => [i.id, i.businessKey]));
    return tasks.map((t) => ({
      id: t.id, name: t.name, taskDefinitionKey: t.taskDefinitionKey, processInstanceId: t.processInstanceId,
      processDefinitionId: t.processDefinitionId, processDefinitionKey: definitions.get(t.processDefinitionId)?.key ?? null,
      processDefinitionName: definitions.get(t.processDefinitionId)?.name ?? null, businessKey: businessKeys.get(t.processInstanceId) ?? null,
      assignee: t.assignee, candidateGroups: t.candidateGroups, created: t.created, due: t.due, priority: t.priority,
      tenantId: t.tenantId, formKey: t.formKey, suspended: t.suspended,
      overdue: t.due !== null && t.due < now,
      dueSoon: t.due !== null && t.due >= now && t.due <= soon,
    }));
  }
};
