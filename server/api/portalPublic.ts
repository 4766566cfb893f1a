// 公众服务: what the public sees.
//  - 网上申报: the flows one may apply for online — those whose process declares
//    `camunda:candidateStarterGroups` containing `applicant` (Camunda's own "who may start it") and has a
//    Jintu start form — and applying, which needs an `applicant` account (casbin: application create in the
//    chosen county). The applicant gets a receipt number 受理编号 `<county>-<yyyymmdd>-<nnnn>` and a query code.
//  - 办件查询: tracking by receipt number and query code, without logging in (or the applicant's own cases
//    when logged in): status and public steps only — never opinions, assignees or variables.
//  - 公示: notices flows publish by setting the case variable `publicNotice`
//    (Json `{title, body, from, until}`; POST /api/portal/tasks/:id/notice or the flow itself), listed
//    while their period runs.
import { createHash, randomInt } from "node:crypto";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { REGION_SELECT, walkComponents, type FormComponentJson } from "../../forms/index";
import type { ProcessDefinition } from "../../engine";
import { cityOf, provinceOf, tierOf } from "../authz";
import { ApiError, badRequest, forbidden, notFound } from "../errors";
import type { Principal } from "../principal";
import { chinaDayKey, defineOpenRoute, processAttribute, resolveForm, toDate } from "./portalShared";
import { validateWithForm } from "./formValidation";
import { defineRoute, regionCode } from "./route";
import type { ApiServices, RouteModule } from "./services";

export const PUBLIC_STARTER_GROUP = "applicant";
const RECEIPT_NO = /^\d{6}-\d{8}-\d{4,6}$/;
const QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I

const hashCode = (code: string) => createHash("sha256").update(code.trim().toUpperCase()).digest("hex");

/** Is the definition open to online application (candidate starter group `applicant`, a Jintu start form)? */
async function isPublicFlow(services: ApiServices, definition: ProcessDefinition, cache: Map<string, boolean>): Promise<boolean> {
  if (cache.has(definition.id)) return cache.get(definition.id)!;
  let open = false;
  if (definition.startFormKey?.startsWith("jintu-form:") && !definition.suspended) {
    const xml = await services.engine.getProcessDefinitionXml(definition.id);
    const groups = xml ? processAttribute(xml, definition.key, "candidateStarterGroups") : null;
    open = (groups ?? "").split(",").map((g) => g.trim()).includes(PUBLIC_STARTER_GROUP);
  }
  cache.set(definition.id, open);
  return open;
}

/** The first regionSelect's value: the county the application belongs to (its tenant). */
function applicationRegion(form: Record<string, unknown>, data: Record<string, unknown>): { key: string; code: string | null } | null {
  let found: { key: string; code: string | null } | null = null;
  walkComponents((form.components ?? []) as FormComponentJson[], data, ({ component, path, value }) => {
    if (!found && component.type === REGION_SELECT) found = { key: path, code: typeof value === "string" ? value : null };
  });
  return found;
}

/** Submission data → process variables: the form's values minus buttons; objects/arrays become Json. */
function submissionVariables(form: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> {
  const buttons = new Set<string>();
  walkComponents((form.components ?? []) as FormComponentJson[], data, ({ component, path }) => { if (component.type === "button") buttons.add(path); });
  const variables: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (buttons.has(key) || value === undefined) continue;
    variables[key] = value !== null && typeof value === "object" ? { value, type: "Json" } : value;
  }
  return variables;
}

const PublicStep = z.object({ name: z.string().nullable(), type: z.string(), startTime: z.date(), endTime: z.date().nullable(), current: z.boolean() });
const Tracking = z.object({
  receiptNo: z.string(), flowName: z.string().nullable(), submittedAt: z.date(), regionName: z.string().nullable(),
  status: z.enum(["in-progress", "suspended", "completed", "terminated"]), result: z.string().nullable(),
  currentSteps: z.array(z.string()), steps: z.array(PublicStep), notice: z.object({ title: z.string(), body: z.string(), from: z.string(), until: z.string() }).nullable(),
}).openapi("PublicTracking");

/** Steps the public sees: start, user tasks (by their names), the end reached. */
const isPublicStep = (type: string) => type === "userTask" || /(^s|S)tartEvent$/.test(type) || /(^e|E)ndEvent$/.test(type);
const isEnd = (type: string) => /(^e|E)ndEvent$/.test(type);

export const portalPublicRoutes: RouteModule = (router, registry, services) => {
  const { db, engine, repos, clock } = services;
  const publicCache = new Map<string, boolean>();

  const publicDefinitions = async () => {
    const latest = await engine.getProcessDefinitions({ latestVersion: true, sortBy: "name", sortOrder: "asc" });
    const open: ProcessDefinition[] = [];
    for (const d of latest) if (await isPublicFlow(services, d, publicCache)) open.push(d);
    return open;
  };
  const publicDefinition = async (key: string) => {
    const definition = (await publicDefinitions()).find((d) => d.key === key);
    if (!definition) throw notFound(`No flow '${key}' open to online application`);
    return definition;
  };

  defineOpenRoute(router, registry, {
    method: "get", path: "/portal/public/session", summary: "Who is logged in (null for the public) — 200 either way, unlike /api/auth/me",
    response: z.object({ user: z.object({ id: z.string(), displayName: z.string(), groups: z.array(z.string()), regions: z.array(z.string()), isAdmin: z.boolean() }).nullable() }),
    async handler({ principal }) {
      return { user: principal ? { id: principal.userId, displayName: principal.displayName, groups: principal.groups, regions: principal.regions, isAdmin: principal.isAdmin } : null };
    },
  });

  defineOpenRoute(router, registry, {
    method: "get", path: "/portal/public/flows", summary: "网上申报: flows open to online application",
    response: z.array(z.object({ key: z.string(), name: z.string().nullable(), description: z.string().nullable(), version: z.number() })),
    async handler() {
      return (await publicDefinitions()).map((d) => ({ key: d.key, name: d.name, description: d.description, version: d.version }));
    },
  });

  defineOpenRoute(router, registry, {
    method: "get", path: "/portal/public/flows/:key/form", summary: "The start form of a flow open to online application",
    params: z.object({ key: z.string().min(1).max(200) }),
    response: z.object({ key: z.string(), name: z.string().nullable(), form: z.record(z.string(), z.unknown()) }),
    async handler({ params }) {
      const definition = await publicDefinition(params.key);
      const form = await resolveForm(services, definition.startFormKey, definition.id);
      if (!form) throw notFound(`The start form of '${params.key}' is missing`);
      return { key: definition.key, name: definition.name, form: form.definition };
    },
  });

  const ApplicationBody = z.object({ flow: z.string().min(1).max(200), data: z.record(z.string(), z.unknown()) }).openapi("PortalApplication");

  /** Checks an application's form data; throws 400/403 with a clear message, returns what starting needs. */
  async function checkApplication(principal: Principal, body: z.infer<typeof ApplicationBody>) {
    const definition = await publicDefinition(body.flow);
    const form = await resolveForm(services, definition.startFormKey, definition.id);
    if (!form) throw notFound(`The start form of '${body.flow}' is missing`);
    const validation = await validateWithForm(form.definition, body.data);
    const region = applicationRegion(form.definition, body.data);
    if (!region) throw new ApiError(500, "ProcessEngineException", `The start form of '${body.flow}' has no regionSelect field naming the county`);
    if (region.code && !/^\d{6}$/.test(region.code)) throw badRequest(`${region.key}: not a region code`);
    if (region.code && tierOf(region.code) !== 3 && !validation.errors[region.key]) {
      validation.errors[region.key] = [{ code: "tier", zh: "请选择到县（市、区）", en: "Choose a county" } as never];
      validation.valid = false;
    }
    if (region.code && !(await principal.can("application", "create", region.code))) {
      throw forbidden(`The user '${principal.userId}' may not apply in region ${region.code}`);
    }
    return { definition, form, validation, regionCode: region.code };
  }

  defineRoute(router, registry, {
    method: "post", path: "/portal/applications/validate", tags: ["portal"],
    summary: "Check an online application's data with the flow's start form (errors by field) before submitting",
    body: ApplicationBody,
    response: z.object({ valid: z.boolean(), errors: z.record(z.string(), z.unknown()), warnings: z.record(z.string(), z.unknown()), figures: z.record(z.string(), z.unknown()) }),
    permission: { object: "application", action: "create" },
    async handler({ body, principal }) {
      return (await checkApplication(principal, body)).validation;
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/portal/applications", tags: ["portal"], status: 201,
    summary: "网上申报: apply online; starts the flow and returns the receipt number 受理编号 and the query code (shown once)",
    body: ApplicationBody,
    response: z.object({ receiptNo: z.string(), queryCode: z.string(), processInstanceId: z.string() }).openapi("PortalReceipt"),
    permission: { object: "application", action: "create" },
    async handler({ body, principal, audit }) {
      const { definition, form, validation, regionCode: county } = await checkApplication(principal, body);
      if (!validation.valid || !county) {
        const first = Object.entries(validation.errors)[0];
        const detail = first ? `${first[0]}: ${(first[1] as { zh?: string; en?: string }[]).map((m) => m.en ?? m.zh).join("; ")}` : "the county is required";
        throw badRequest(`The application is incomplete or invalid (${detail})`);
      }
      audit({ region: county });
      const queryCode = Array.from({ length: 8 }, () => QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)]).join("");
      const receiptNo = await reserveReceiptNo(county, definition.key, body.data.applicantName, hashCode(queryCode));
      try {
        const variables = {
          ...submissionVariables(form.definition, body.data),
          regionCode: county, countyCode: county, cityCode: cityOf(county) ?? county, provinceCode: provinceOf(county) ?? county,
          receiptNo, applicantUserId: principal.userId,
        };
        const instance = await engine.startProcessInstanceById(definition.id, { businessKey: receiptNo, tenantId: county, userId: principal.userId, variables });
        await db.run(`UPDATE "public_application" SET "process_instance_id" = ? WHERE "receipt_no" = ?`, [instance.id, receiptNo]);
        audit({ target: instance.id });
        return { receiptNo, queryCode, processInstanceId: instance.id };
      } catch (error) {
        await db.run(`DELETE FROM "public_application" WHERE "receipt_no" = ?`, [receiptNo]);
        throw error;
      }
    },
  });

  /** Reserves the next receipt number of the county and day; a concurrent duplicate retries with the next one. */
  async function reserveReceiptNo(county: string, flow: string, applicantName: unknown, queryCodeHash: string): Promise<string> {
    const prefix = `${county}-${chinaDayKey(clock.now())}-`;
    for (let attempt = 0; attempt < 20; attempt++) {
      const last = await db.get<{ receipt_no: string }>(
        `SELECT "receipt_no" FROM "public_application" WHERE "receipt_no" LIKE ? ORDER BY "receipt_no" DESC LIMIT 1`, [prefix + "%"]);
      const next = (last ? Number(last.receipt_no.slice(prefix.length)) : 0) + 1 + attempt;
      const receiptNo = prefix + String(next).padStart(4, "0");
      try {
        await db.run(`INSERT INTO "public_application" ("receipt_no", "process_instance_id", "process_definition_key", "applicant_name", "query_code_hash", "tenant_id", "created_at")
          VALUES (?, '', ?, ?, ?, ?, ?)`, [receiptNo, flow, typeof applicantName === "string" ? applicantName.slice(0, 200) : null, queryCodeHash, county, clock.now().getTime()]);
        return receiptNo;
      } catch (error) {
        if (!/unique|duplicate|constraint/i.test(String((error as Error).message))) throw error;
      }
    }
    throw new ApiError(503, "ProcessEngineException", "Could not allocate a receipt number; try again");
  }

  defineRoute(router, registry, {
    method: "get", path: "/portal/applications", tags: ["portal"], summary: "The caller's own online applications, newest first",
    response: z.array(z.object({ receiptNo: z.string(), flow: z.string(), submittedAt: z.date(), processInstanceId: z.string() })),
    permission: { object: "application", action: "read" },
    async handler({ principal }) {
      const rows = await db.all<{ receipt_no: string; process_definition_key: string; created_at: number; process_instance_id: string }>(
        `SELECT p."receipt_no", p."process_definition_key", p."created_at", p."process_instance_id" FROM "public_application" p
         JOIN "hi_process_instance" h ON h."id" = p."process_instance_id" WHERE h."start_user_id" = ? ORDER BY p."created_at" DESC, p."receipt_no" DESC LIMIT 200`, [principal.userId]);
      return rows.map((r) => ({ receiptNo: r.receipt_no, flow: r.process_definition_key, submittedAt: toDate(r.created_at)!, processInstanceId: r.process_instance_id }));
    },
  });

  // Tracking is open to everyone: limit wrong guesses per client address.
  const trackLimiter = rateLimit({ windowMs: 15 * 60_000, limit: 30, skipSuccessfulRequests: true, standardHeaders: "draft-8", legacyHeaders: false,
    handler: (_req, res) => { res.status(429).json({ type: "InvalidRequestException", message: "Too many failed queries; try again later" }); } });
  router.get("/portal/public/track", trackLimiter);
  defineOpenRoute(router, registry, {
    method: "get", path: "/portal/public/track",
    summary: "办件查询: status and public steps of an application, by receipt number and query code (or the logged-in applicant's own)",
    query: z.object({ receiptNo: z.string().trim().regex(RECEIPT_NO, "a receipt number like 330106-20261125-0001"), queryCode: z.string().trim().max(20).optional() }),
    response: Tracking,
    async handler({ query, principal }) {
      const row = await db.get<{ receipt_no: string; process_instance_id: string; query_code_hash: string; created_at: number }>(
        `SELECT "receipt_no", "process_instance_id", "query_code_hash", "created_at" FROM "public_application" WHERE "receipt_no" = ?`, [query.receiptNo]);
      const unknown = () => notFound("No application with this receipt number and query code (受理编号或查询码不正确)");
      if (!row || !row.process_instance_id) throw unknown();
      const [instance] = await engine.getHistoricProcessInstances({ processInstanceId: row.process_instance_id });
      if (!instance) throw unknown();
      const own = principal !== null && instance.startUserId === principal.userId;
      if (!own && (!query.queryCode || hashCode(query.queryCode) !== row.query_code_hash)) throw unknown();
      return trackingOf(services, row.receipt_no, toDate(row.created_at)!, instance);
    },
  });

  defineOpenRoute(router, registry, {
    method: "get", path: "/portal/public/notices", summary: "公示: notices published by flows whose publication period is running (?region= narrows)",
    query: z.object({ region: regionCode.optional(), includeExpired: z.enum(["true", "false"]).optional() }),
    response: z.array(z.object({ processInstanceId: z.string(), receiptNo: z.string().nullable(), flowName: z.string().nullable(), regionCode: z.string().nullable(),
      regionName: z.string().nullable(), title: z.string(), body: z.string(), from: z.string(), until: z.string() })),
    async handler({ query }) {
      const now = clock.now().toISOString();
      const variables = await engine.getHistoricVariableInstances({ variableName: "publicNotice", maxResults: 2000 });
      const live = variables.filter((v) => v.state === "CREATED").map((v) => ({ v, n: v.value as { title?: unknown; body?: unknown; from?: unknown; until?: unknown } }))
        .filter(({ n }) => n && typeof n.title === "string" && typeof n.body === "string" && typeof n.from === "string" && typeof n.until === "string")
        .filter(({ n }) => n.from as string <= now && (query.includeExpired === "true" || (n.until as string) >= now))
        .filter(({ v }) => !query.region || (v.tenantId ?? "").startsWith(query.region.replace(/(00)+$/, "")));
      const ids = [...new Set(live.map(({ v }) => v.processInstanceId))];
      const [instances, regions] = await Promise.all([
        ids.length ? engine.getHistoricProcessInstances({ processInstanceIds: ids }) : Promise.resolve([]),
        repos.regions.all(),
      ]);
      const byId = new Map(instances.map((i) => [i.id, i]));
      const regionName = new Map(regions.map((r) => [r.code, r.name]));
      return live.map(({ v, n }) => {
        const instance = byId.get(v.processInstanceId);
        return { processInstanceId: v.processInstanceId, receiptNo: instance?.businessKey ?? null, flowName: instance?.processDefinitionName ?? null,
          regionCode: v.tenantId, regionName: v.tenantId ? regionName.get(v.tenantId) ?? null : null,
          title: n.title as string, body: n.body as string, from: n.from as string, until: n.until as string };
      }).sort((a, b) => b.from.localeCompare(a.from));
    },
  });
};

/** The public view of a case: status, result (the end event's name), public steps — nothing internal. */
async function trackingOf({ engine, repos }: ApiServices, receiptNo: string, submittedAt: Date, instance: Awaited<ReturnType<ApiServices["engine"]["getHistoricProcessInstances"]>>[number]) {
  const [activities, region, notice] = await Promise.all([
    engine.getHistoricActivityInstances({ processInstanceId: instance.id, sortBy: "startTime", sortOrder: "asc" }),
    instance.tenantId ? repos.regions.find(instance.tenantId) : Promise.resolve(null),
    engine.getHistoricVariableInstances({ processInstanceId: instance.id, variableName: "publicNotice" }),
  ]);
  const steps = activities.filter((a) => isPublicStep(a.activityType) && !a.canceled)
    .map((a) => ({ name: a.activityName, type: a.activityType, startTime: a.startTime, endTime: a.endTime, current: a.endTime === null }));
  const end = [...activities].reverse().find((a) => isEnd(a.activityType));
  const status = instance.state === "SUSPENDED" ? "suspended" as const
    : instance.state === "COMPLETED" ? "completed" as const
    : instance.endTime !== null ? "terminated" as const : "in-progress" as const;
  const n = notice.find((v) => v.state === "CREATED")?.value as { title?: string; body?: string; from?: string; until?: string } | undefined;
  return {
    receiptNo, flowName: instance.processDefinitionName, submittedAt, regionName: region?.name ?? null, status,
    result: status === "completed" ? end?.activityName ?? null : null,
    currentSteps: steps.filter((s) => s.current && s.type === "userTask").map((s) => s.name ?? ""),
    steps,
    notice: n && n.title && n.body && n.from && n.until ? { title: n.title, body: n.body, from: n.from, until: n.until } : null,
  };
}
