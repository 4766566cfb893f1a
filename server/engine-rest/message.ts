// POST /message (correlation) and POST /signal.
import { Router, type Response } from "express";
import type { MessageCorrelationResult } from "../../engine";
import { accessOf, canSeeTenant, type Access } from "./access";
import type { RestContext } from "./context";
import { processInstanceDto } from "./dto";
import { badRequest, forbidden, RestError, sendJson, sendNoContent } from "./http";
import { variablesAfterCommand, visibleInstance } from "./lookups";
import { compact, Params } from "./params";
import { parseVariables, toVariableMapDto } from "./variables";
import { withErrorPrefix } from "./wrap";

const MISMATCH = "org.camunda.bpm.engine.MismatchingMessageCorrelationException";

/**
 * A restricted caller (a county clerk) may only reach instances of its own regions: the tenant must be
 * given, or follow from its only region. Unrestricted callers pass what they asked for.
 */
export function eventTenant(access: Access, requested: string | undefined, withoutTenantId: boolean, what: string): string | undefined {
  if (requested && withoutTenantId) {
    throw badRequest("Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId'.");
  }
  if (access.visibleTenants === null) return requested;
  if (withoutTenantId) throw forbidden(`The user with id '${access.userId ?? ""}' may not ${what} instances without tenant.`);
  if (requested) {
    if (!canSeeTenant(access, requested)) throw forbidden(`The user with id '${access.userId ?? ""}' may not ${what} instances of tenant '${requested}'.`);
    return requested;
  }
  if (access.visibleTenants.length === 1) return access.visibleTenants[0];
  throw badRequest(`Parameter 'tenantId' is required: the user may ${what} instances of several regions`);
}

function isMismatch(err: unknown): err is Error {
  const e = err as { kind?: string; message?: string; name?: string };
  return !!e && typeof e.message === "string" && (e.name === "MismatchingMessageCorrelationException" || /^Cannot correlate/.test(e.message));
}

export function messageRoutes(ctx: RestContext): Router {
  const { engine } = ctx;
  const r = Router();

  r.post("/message", async (req, res: Response) => {
    const access = accessOf(res);
    const body = Params.body(req.body);
    const messageName = body.str("messageName");
    if (!messageName) throw badRequest("No message name supplied");
    const processInstanceId = body.str("processInstanceId");
    const all = body.flag("all");
    const parsed = await withErrorPrefix("Cannot deliver message", () => ({
      correlationKeys: parseVariables(body.json("correlationKeys"), "correlationKeys"),
      localCorrelationKeys: parseVariables(body.json("localCorrelationKeys"), "localCorrelationKeys"),
      processVariables: parseVariables(body.json("processVariables"), "processVariables"),
      processVariablesLocal: parseVariables(body.json("processVariablesLocal"), "processVariablesLocal"),
    }));
    let tenantId: string | undefined;
    if (processInstanceId) {
      // The instance decides the tenant; an invisible instance matches nothing.
      const visible = await visibleInstance(engine, res, processInstanceId).catch(() => null);
      if (!visible) throw new RestError(400, "RestException", `${MISMATCH}: Cannot correlate message '${messageName}': No process definition or execution matches the parameters`);
      tenantId = body.str("tenantId");
    } else {
      tenantId = eventTenant(access, body.str("tenantId"), body.flag("withoutTenantId"), "correlate messages to");
    }
    let results: MessageCorrelationResult[];
    try {
      results = await engine.correlateMessage(compact({
        messageName,
        businessKey: body.str("businessKey"),
        processInstanceId,
        tenantId,
        withoutTenantId: body.flag("withoutTenantId") || undefined,
        ...parsed,
        all,
        userId: access.userId,
      }));
    } catch (err) {
      if (isMismatch(err)) throw new RestError(400, "RestException", `${MISMATCH}: ${err.message}`);
      throw err;
    }
    if (!all && results.length === 0) {
      throw new RestError(400, "RestException", `${MISMATCH}: Cannot correlate message '${messageName}': No process definition or execution matches the parameters`);
    }
    if (!body.flag("resultEnabled")) return sendNoContent(res);
    const withVariables = body.flag("variablesInResultEnabled");
    const dtos = [];
    for (const result of results) {
      const instance = result.processInstance;
      const dto: Record<string, unknown> = {
        resultType: result.resultType,
        execution:
          result.resultType === "Execution"
            ? { id: result.executionId ?? null, processInstanceId: instance?.id ?? null, ended: instance?.ended ?? false, tenantId: instance?.tenantId ?? null }
            : null,
        processInstance: result.resultType === "ProcessDefinition" && instance ? processInstanceDto(instance) : null,
      };
      if (withVariables && instance) dto.variables = toVariableMapDto(await variablesAfterCommand(engine, instance.id));
      dtos.push(dto);
    }
    sendJson(res, dtos);
  });

  r.post("/signal", async (req, res) => {
    const access = accessOf(res);
    const body = Params.body(req.body);
    const name = body.str("name");
    if (!name) throw badRequest("No signal name given");
    const variables = await withErrorPrefix("Cannot deliver signal", () => parseVariables(body.json("variables")));
    const tenantId = eventTenant(access, body.str("tenantId"), body.flag("withoutTenantId"), "signal");
    await engine.signal(compact({ name, variables, executionId: body.str("executionId"), tenantId, withoutTenantId: body.flag("withoutTenantId") || undefined }));
    sendNoContent(res);
  });

  return r;
}
