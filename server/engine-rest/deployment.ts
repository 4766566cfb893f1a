// /deployment: create (multipart, as Camunda Modeler and curl send it), list, count, get, resources, delete.
import { Router, type Request, type Response, type NextFunction } from "express";
import multer from "multer";
import { accessOf, assertMay, canSeeShared, canSeeTenant, NOTHING, scopedTenants } from "./access";
import { mayDeployShared, SHARED_DEPLOYMENT } from "../principal";
import type { RestContext } from "./context";
import { deploymentDto, processDefinitionDto, selfLink } from "./dto";
import { badRequest, forbidden, notFound, RestError, sendJson, sendNoContent } from "./http";
import { compact, paging, Params } from "./params";
import { parseSorting, singleSort, sortKeys } from "./sorting";

const RESERVED_FIELDS = new Set(["deployment-name", "deployment-source", "enable-duplicate-filtering", "deploy-changed-only", "tenant-id", "jintu-version-note"]);
const PARSE_PREFIX = "ENGINE-09005 Could not parse BPMN process.";

/** busboy decodes part filenames as latin1; browsers and Modeler send UTF-8 (e.g. 建设用地审批.bpmn). */
function utf8FileName(name: string): string {
  const codes = [...name].map((c) => c.codePointAt(0)!);
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return name;
  const decoded = Buffer.from(name, "latin1").toString("utf8");
  return decoded.includes("\ufffd") ? name : decoded;
}

function uploadMiddleware(maxBytes: number) {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 50, fields: 20, fieldSize: 64 * 1024, parts: 80 },
  }).any();
  return (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        const field = err.field ? ` (part '${err.field}')` : "";
        const message =
          err.code === "LIMIT_FILE_SIZE"
            ? `Deployment resource too large${field}: the limit is ${maxBytes} bytes`
            : `Invalid deployment upload${field}: ${err.message}`;
        return next(badRequest(message));
      }
      return next(badRequest(`Invalid multipart request: ${err instanceof Error ? err.message : String(err)}`));
    });
  };
}

/**
 * Camunda's ParseException: the message starts with ENGINE-09005 (Modeler recognises a parse failure by
 * that prefix) and `details` maps each resource to `{errors: [{message, line, column, mainElementId,
 * elementIds}], warnings: []}`. The engine reports `[{message, elementId}]` plus "| resource <name>".
 */
function parseException(message: string, details: unknown, resourceNames: string[]): RestError {
  const text = message.startsWith(PARSE_PREFIX) ? message : `${PARSE_PREFIX} Errors: ${message}`;
  const named = / \| resource (.+)$/.exec(text)?.[1];
  const resourceName = named ?? (resourceNames.length === 1 ? resourceNames[0]! : "unknown");
  let camundaDetails: unknown = details ?? {};
  if (Array.isArray(details)) {
    const errors = details.map((p: { message?: unknown; elementId?: unknown }) => ({
      message: String(p?.message ?? ""),
      line: null,
      column: null,
      mainElementId: typeof p?.elementId === "string" ? p.elementId : null,
      elementIds: typeof p?.elementId === "string" ? [p.elementId] : [],
    }));
    camundaDetails = { [resourceName]: { errors, warnings: [] } };
  }
  return new RestError(400, "ParseException", text, { code: 0, details: camundaDetails });
}

function boolField(value: unknown): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === "true";
}

function textField(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (Array.isArray(v)) return typeof v[0] === "string" ? v[0] : undefined;
  return typeof v === "string" ? v : undefined;
}

export function deploymentRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  r.post("/deployment/create", uploadMiddleware(ctx.options.maxResourceBytes), async (req, res) => {
    const access = accessOf(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const files = (Array.isArray(req.files) ? req.files : []) as Express.Multer.File[];
    const strayText = Object.keys(body).filter((k) => !RESERVED_FIELDS.has(k));
    if (strayText.length > 0) {
      throw badRequest(`Form part '${strayText[0]}' is not a file: deployment resources need a filename in their Content-Disposition`);
    }
    if (files.length === 0) throw badRequest("No deployment resources contained in the form upload.");
    const tenantId = textField(body, "tenant-id")?.trim() || null;
    if (tenantId && !canSeeTenant(access, tenantId)) {
      throw forbidden(`The user with id '${access.userId ?? ""}' may not deploy to tenant '${tenantId}'.`);
    }
    if (tenantId) await assertMay(access, "deployment", "write", tenantId);
    else if (!access.isAdmin && !(access.principal && (await mayDeployShared(access.principal)))) {
      throw forbidden(`The user with id '${access.userId ?? ""}' may not deploy shared models (without a tenant-id): that needs the '${SHARED_DEPLOYMENT}' right or deployment write at the national tier.`,
        { userId: access.userId, missingAuthorizations: [{ permissionName: "WRITE", resourceName: SHARED_DEPLOYMENT, resourceId: null }] });
    }
    const changedOnly = boolField(textField(body, "deploy-changed-only"));
    const resources = files.map((f) => ({ name: utf8FileName(f.originalname || f.fieldname), content: f.buffer }));
    let deployment;
    try {
      deployment = await engine.deploy({
        name: textField(body, "deployment-name"),
        source: textField(body, "deployment-source"),
        tenantId,
        resources,
        enableDuplicateFiltering: changedOnly || boolField(textField(body, "enable-duplicate-filtering")),
        deployChangedOnly: changedOnly,
        deployedBy: access.userId,
        note: textField(body, "jintu-version-note") ?? null,
      });
    } catch (err) {
      const e = err as { kind?: string; message?: string; details?: unknown };
      if (e && e.kind === "ParseError") throw parseException(String(e.message ?? ""), e.details, resources.map((x) => x.name));
      throw err;
    }
    const definitions = Object.fromEntries(deployment.processDefinitions.map((p) => [p.id, processDefinitionDto(p)]));
    sendJson(res, {
      ...deploymentDto(deployment, [selfLink(req, `/deployment/${deployment.id}`)]),
      deployedProcessDefinitions: deployment.processDefinitions.length > 0 ? definitions : null,
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    });
  });

  const deploymentFilter = (q: Params, tenants: string[] | undefined) =>
    compact({
      id: q.str("id"),
      name: q.str("name"),
      nameLike: q.str("nameLike"),
      source: q.str("source"),
      tenantIdIn: tenants,
    });

  r.get("/deployment", async (req, res) => {
    const access = accessOf(res);
    const q = Params.query(req.query);
    const tenants = scopedTenants(access, q.list("tenantIdIn"));
    const sorting = parseSorting(q, sortKeys("id", "name", "deploymentTime", "tenantId"));
    const page = paging(q);
    if (tenants === NOTHING || page.maxResults === 0) return sendJson(res, []);
    const list = await engine.getDeployments({ ...deploymentFilter(q, tenants), ...singleSort(sorting), ...page });
    sendJson(res, list.map((d) => deploymentDto(d)));
  });

  r.get("/deployment/count", async (req, res) => {
    const access = accessOf(res);
    const q = Params.query(req.query);
    const tenants = scopedTenants(access, q.list("tenantIdIn"));
    if (tenants === NOTHING) return sendJson(res, { count: 0 });
    sendJson(res, { count: await engine.countDeployments(deploymentFilter(q, tenants)) });
  });

  async function visibleDeployment(res: Response, id: string, missing: string) {
    const d = await engine.getDeployment(id);
    if (!d || !canSeeShared(accessOf(res), d.tenantId)) throw notFound(missing);
    return d;
  }

  r.get("/deployment/:id", async (req, res) => {
    const id = req.params.id;
    const d = await visibleDeployment(res, id, `Deployment with id '${id}' does not exist`);
    sendJson(res, deploymentDto(d, [selfLink(req, `/deployment/${d.id}`)]));
  });

  r.get("/deployment/:id/resources", async (req, res) => {
    const id = req.params.id;
    const d = await visibleDeployment(res, id, `Deployment resources for deployment id '${id}' do not exist.`);
    sendJson(res, d.resources.map((x) => ({ id: x.id, name: x.name, deploymentId: d.id })));
  });

  r.get("/deployment/:id/resources/:resourceId", async (req, res) => {
    const { id, resourceId } = req.params;
    const d = await visibleDeployment(res, id, `Deployment resources for deployment id '${id}' do not exist.`);
    const found = d.resources.find((x) => x.id === resourceId);
    if (!found) throw notFound(`Deployment resource with resource id '${resourceId}' for deployment id '${id}' does not exist.`);
    sendJson(res, { id: found.id, name: found.name, deploymentId: d.id });
  });

  r.get("/deployment/:id/resources/:resourceId/data", async (req, res) => {
    const { id, resourceId } = req.params;
    await visibleDeployment(res, id, `Deployment resources for deployment id '${id}' do not exist.`);
    const resource = await engine.getDeploymentResource(id, resourceId);
    if (!resource) throw notFound(`Deployment resource '${resourceId}' for deployment id '${id}' does not exist.`);
    const type = /\.(bpmn|bpmn20\.xml|dmn|xml)$/i.test(resource.name) ? "application/xml" : /\.json$/i.test(resource.name) ? "application/json" : /\.(form)$/i.test(resource.name) ? "application/json" : "application/octet-stream";
    res.setHeader("Content-Type", type);
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(resource.name)}`);
    res.send(resource.content);
  });

  r.delete("/deployment/:id", async (req, res) => {
    const access = accessOf(res);
    const id = req.params.id;
    const q = Params.query(req.query);
    const d = await engine.getDeployment(id);
    if (!d || !canSeeShared(access, d.tenantId)) throw notFound(`Deployment with id '${id}' do not exist`);
    await assertMay(access, "deployment", "write", d.tenantId);
    await engine.deleteDeployment(id, { cascade: q.flag("cascade"), userId: access.userId });
    sendNoContent(res);
  });

  return r;
}
