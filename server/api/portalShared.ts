// Helpers the portal's routes share (server/api/portal*.ts): who may see or work a task or case, the
// form bound to a task or start event, open (no-login) routes for the public pages, SQL list helpers.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z, type ZodType } from "zod";
import type { HistoricProcessInstance, Task } from "../../engine";
import { NATIONAL, ROLES } from "../authz";
import { ApiError, describeZodError, notFound } from "../errors";
import type { Principal } from "../principal";
import { deployedForm } from "./formValidation";
import { ErrorSchema } from "./openapiRegistry";
import { tenantVisible, workableGroups } from "./scope";
import type { ApiServices } from "./services";

export const DAY_MS = 86_400_000;

/** `?, ?, ?` for an IN list (callers guarantee a non-empty list). */
export const placeholders = (values: readonly unknown[]) => values.map(() => "?").join(", ");

/** `text` taken literally in a LIKE pattern whose ESCAPE character is the backslash: `%`, `_` and `\` escaped. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** LIKE pattern (backslash as ESCAPE): contains `text`. */
export const likeContains = (text: string) => `%${escapeLike(text)}%`;

/** `WHERE a AND b`, or nothing for no conditions. */
export const whereClause = (where: readonly string[]) => (where.length ? `WHERE ${where.join(" AND ")}` : "");

/** Region code → Chinese name, for the lists that show where a case belongs. */
export async function regionNames({ repos }: ApiServices): Promise<Map<string, string>> {
  return new Map((await repos.regions.all()).map((r) => [r.code, r.name]));
}

/** Epoch milliseconds as the database returns them (number on SQLite and, with the pg type parser, PostgreSQL). */
export const toDate = (ms: unknown): Date | null => (ms === null || ms === undefined ? null : new Date(Number(ms)));

/** A task of a region the caller cannot see is reported as missing, so its existence does not leak. */
export async function visibleTask({ engine }: ApiServices, principal: Principal, taskId: string): Promise<Task> {
  const task = await engine.getTask(taskId);
  if (!task || !tenantVisible(principal, task.tenantId)) throw notFound(`No task '${taskId}'`);
  if (!(await principal.can("task", "read", task.tenantId ?? NATIONAL))) throw notFound(`No task '${taskId}'`);
  return task;
}

/** May the principal work the task now: assigned to him, or unassigned and offered to him or his groups? */
export async function canWorkTask(services: ApiServices, principal: Principal, task: Task): Promise<boolean> {
  if (!(await principal.can("task", "work", task.tenantId ?? NATIONAL))) return false;
  if (task.assignee) return task.assignee === principal.userId || task.owner === principal.userId;
  if (task.candidateUsers.includes(principal.userId)) return true;
  const groups = new Set(await workableGroups(principal, services.repos));
  return task.candidateGroups.some((g) => groups.has(g));
}

/** The case's history record, or 404 when it does not exist or lies outside the caller's regions. */
export async function visibleCase({ engine }: ApiServices, principal: Principal, processInstanceId: string): Promise<HistoricProcessInstance> {
  const [instance] = await engine.getHistoricProcessInstances({ processInstanceId });
  if (!instance || !tenantVisible(principal, instance.tenantId)) throw notFound(`No case '${processInstanceId}'`);
  if (!(await principal.can("case", "read", instance.tenantId ?? NATIONAL))) throw notFound(`No case '${processInstanceId}'`);
  return instance;
}

export const PartyLabels = z.record(z.string(), z.object({ zh: z.string(), en: z.string() }));
export type PartyLabels = z.infer<typeof PartyLabels>;

/**
 * How people read the users and candidate groups the engine names: a user by his display name, a group
 * `role@region` (also written `group:role@region`, as notifications address it) by role label and region
 * name, e.g. 用地审查（杭州市）. Keyed by the id without `group:`; an unknown id is shown as it is.
 */
export async function partyLabels({ repos }: ApiServices, ids: Iterable<string | null | undefined>): Promise<PartyLabels> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id).map((id) => id.replace(/^group:/, "")))];
  const regions = new Map((await repos.regions.all()).map((r) => [r.code, r]));
  const labels: PartyLabels = {};
  await Promise.all(unique.map(async (id) => {
    const at = id.lastIndexOf("@");
    const role = at > 0 ? ROLES.find((r) => r.name === id.slice(0, at)) : undefined;
    const region = at > 0 ? regions.get(id.slice(at + 1)) : undefined;
    if (role && region) {
      labels[id] = { zh: `${role.label}（${region.name}）`, en: `${role.labelEn} (${region.nameEn ?? region.name})` };
      return;
    }
    const user = await repos.users.find(id);
    labels[id] = { zh: user?.displayName ?? id, en: user?.displayName ?? id };
  }));
  return labels;
}

/**
 * The Form.io definition behind a `jintu-form:<key>` form key: the version frozen in the process
 * definition's deployment (`<key>.form.json`, as the designer and processes/ deploy it). When the
 * deployment lacks it, the latest saved form of that key — never silently: a warning is logged and the
 * answer says `source: "latest"` with a `warning`. null when the key is not a Jintu form key or nothing is found.
 */
export async function resolveForm({ engine, repos }: ApiServices, formKey: string | null, processDefinitionId: string):
  Promise<{ key: string; source: "deployment" | "latest"; version: number | null; definition: Record<string, unknown>; warning?: string } | null> {
  let deployed: Awaited<ReturnType<typeof deployedForm>>;
  try {
    deployed = await deployedForm(engine, formKey, processDefinitionId);
  } catch (error) {
    throw new ApiError(500, "ProcessEngineException", (error as Error).message);
  }
  if (!deployed) return null;
  if ("definition" in deployed) return { key: deployed.key, source: "deployment", version: null, definition: deployed.definition };
  const saved = await repos.forms.get(deployed.key);
  if (!saved) return null;
  const warning = `The deployment of process definition '${processDefinitionId}' holds no form '${deployed.key}.form.json'; showing the latest saved form '${deployed.key}' (version ${saved.version}), which may differ from the one the process was modelled with`;
  console.warn(`[jintu] ${warning}`);
  return { key: deployed.key, source: "latest", version: saved.version, definition: saved.definition as Record<string, unknown>, warning };
}

/** An attribute of the process element (e.g. camunda:candidateStarterGroups) read from the deployed XML. */
export function processAttribute(xml: string, processKey: string, attribute: string): string | null {
  const processTag = new RegExp(`<(?:[\\w-]+:)?process\\b[^>]*\\bid="${processKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`).exec(xml)?.[0];
  if (!processTag) return null;
  return new RegExp(`\\b(?:camunda:)?${attribute}="([^"]*)"`).exec(processTag)?.[1] ?? null;
}

type Method = "get" | "post";

/**
 * A route open to everyone (the public pages: flows one may apply for, tracking by receipt number,
 * notices). defineRoute requires a logged-in user, so these validate and document themselves here.
 */
export function defineOpenRoute<Q, B, R>(router: Router, registry: OpenAPIRegistry, spec: {
  method: Method; path: string; summary: string; params?: ZodType<Record<string, string>>; query?: ZodType<Q>; body?: ZodType<B>;
  response: ZodType<R>; handler(input: { params: Record<string, string>; query: Q; body: B; req: Request; res: Response; principal: Principal | null }): Promise<R>;
}): void {
  const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });
  registry.registerPath({
    method: spec.method, path: "/api" + spec.path.replace(/:([A-Za-z0-9_]+)/g, "{$1}"), summary: spec.summary, tags: ["portal-public"], security: [],
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
    },
    responses: { 200: { description: "OK", content: { "application/json": { schema: spec.response } } }, 400: errorResponse("Invalid request"), 404: errorResponse("Not found") },
  });
  const parse = <T>(schema: ZodType<T> | undefined, value: unknown, where: string): T => {
    if (!schema) return undefined as T;
    const result = schema.safeParse(value ?? {});
    if (!result.success) throw new ApiError(400, "InvalidRequestException", `Invalid ${where}: ${describeZodError(result.error)}`);
    return result.data;
  };
  router[spec.method](spec.path, async (req, res) => {
    res.locals.auditPattern = "/api" + spec.path;
    const result = await spec.handler({
      params: parse(spec.params, req.params, "path"), query: parse(spec.query, req.query, "query"), body: parse(spec.body, req.body, "body"),
      req, res, principal: (res.locals.principal as Principal | undefined) ?? null,
    });
    res.json(result);
  });
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");

/** Start of a civil day in China (UTC+8, no DST) as a Date, for date-range filters written YYYY-MM-DD. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** `YYYYMMDD` of a moment in China (UTC+8). */
export function chinaDayKey(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, "");
}
