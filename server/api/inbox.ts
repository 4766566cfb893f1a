// 待办 inbox: the tasks the user may work (assigned to him, or offered to one of his candidate groups),
// within his visible tenants, with Jintu's filters (flow, overdue, due soon, business key, text).
import { z } from "zod";
import type { Task, TaskQuery, TaskSortKey } from "../../engine";
import { defineRoute, queryBoolean, queryInt } from "./route";
import { workableGroups } from "./scope";
import type { RouteModule } from "./services";

/** Orders tasks as the database does (SQLite sorts NULL first ascending, PostgreSQL last), ties by id. */
function taskComparator(sorting: { sortBy: TaskSortKey; sortOrder: "asc" | "desc" }, dialect: "sqlite" | "postgres") {
  const value = (t: Task): number | string | null => {
    switch (sorting.sortBy) {
      case "dueDate": return t.due ? t.due.getTime() : null;
      case "priority": return t.priority;
      case "name": return t.name;
      default: return t.created.getTime();
    }
  };
  const nullRank = dialect === "sqlite" ? -1 : 1;
  const direction = sorting.sortOrder === "desc" ? -1 : 1;
  return (a: Task, b: Task): number => {
    const va = value(a);
    const vb = value(b);
    let c = 0;
    if (va === null && vb !== null) c = nullRank;
    else if (va !== null && vb === null) c = -nullRank;
    else if (va !== null && vb !== null) c = va < vb ? -1 : va > vb ? 1 : 0;
    return c !== 0 ? c * direction : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

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
      // Two disjoint sets: tasks assigned to the user, and unassigned tasks offered to him or his groups.
      const filters: TaskQuery = {};
      if (principal.visibleTenants !== null) filters.tenantIdIn = principal.visibleTenants;
      if (query.overdue) filters.dueBefore = now;
      if (query.dueSoon) { filters.dueAfter = now; filters.dueBefore = soon; }
      if (query.businessKey) filters.processInstanceBusinessKeyLike = `%${query.businessKey}%`;
      if (query.text) filters.nameLike = `%${query.text}%`;
      const sets: TaskQuery[] = [{ ...filters, assignee: principal.userId }];
      if (!query.assignedToMe) {
        sets.push({ ...filters, candidateUser: principal.userId, candidateGroups: await workableGroups(principal, repos) });
      }
      const forFlow = (flow: string | undefined) => sets.map((q) => (flow ? { ...q, processDefinitionKey: flow } : q));

      const sorting = { sortBy: SORT_KEYS[query.sortBy]!, sortOrder: query.sortOrder };
      const [tasks, total] = await Promise.all([
        mergedPage(forFlow(query.flow), sorting, query.firstResult, query.maxResults),
        sum(forFlow(query.flow).map((q) => engine.countTasks(q))),
      ]);

      const definitions = await engine.getProcessDefinitions({ latestVersion: true });
      const counts = (await Promise.all(definitions.map(async (d) =>
        ({ flow: d.key, name: d.name, count: await sum(forFlow(d.key).map((q) => engine.countTasks(q))) }))))
        .filter((c) => c.count > 0);

      return { items: await describeTasks(tasks, now, soon), total, counts };
    },
  });

  const sum = async (counts: Promise<number>[]) => (await Promise.all(counts)).reduce((a, b) => a + b, 0);

  /** One page of the union of disjoint task queries, in the requested order. */
  async function mergedPage(queries: TaskQuery[], sorting: { sortBy: TaskSortKey; sortOrder: "asc" | "desc" }, first: number, max: number): Promise<Task[]> {
    const lists = await Promise.all(queries.map((q) => engine.getTasks({ ...q, sorting: [sorting], firstResult: 0, maxResults: first + max })));
    if (lists.length === 1) return lists[0]!.slice(first, first + max);
    const compare = taskComparator(sorting, engine.dialect);
    return lists.flat().sort(compare).slice(first, first + max);
  }

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
