// HTTP plumbing shared by every resource: Camunda's JSON error shape, the exact `application/json` content
// type the Camunda clients test for, and the mapping of engine errors onto Camunda's status codes and types.
import type { ErrorRequestHandler, Request, Response, NextFunction, RequestHandler } from "express";

/** An error the REST layer raises itself (bad parameter, unknown id …), sent as `{type, message}`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "RestError";
  }
}

/** Camunda's InvalidRequestException: the usual 400/404 of the REST layer. */
export const invalidRequest = (status: number, message: string) => new RestError(status, "InvalidRequestException", message);
export const badRequest = (message: string) => invalidRequest(400, message);
export const notFound = (message: string) => invalidRequest(404, message);
export const forbidden = (message: string, extra: Record<string, unknown> = {}) =>
  new RestError(403, "AuthorizationException", message, extra);

/**
 * Writes JSON with `Content-Type: application/json` and no charset parameter. camunda-external-task-client-js
 * parses a response body only when the header is exactly "application/json" (Express' res.json appends
 * "; charset=utf-8"), so this is not cosmetic.
 */
export function sendJson(res: Response, body: unknown, status = 200): void {
  res.status(status);
  res.setHeader("Content-Type", "application/json");
  res.send(Buffer.from(JSON.stringify(body), "utf8"));
}

export function sendNoContent(res: Response): void {
  res.status(204).end();
}

interface EngineErrorLike {
  name: string;
  kind: string;
  message: string;
  details?: unknown;
}

function isEngineError(err: unknown): err is EngineErrorLike {
  return err instanceof Error && typeof (err as { kind?: unknown }).kind === "string";
}

/** Camunda's status and exception type for each EngineError kind (see engine/api.ts EngineErrorKind). */
const ENGINE_ERROR_MAP: Record<string, { status: number; type: string; code: number }> = {
  NotFound: { status: 404, type: "InvalidRequestException", code: 0 },
  BadRequest: { status: 400, type: "InvalidRequestException", code: 0 },
  ParseError: { status: 400, type: "ParseException", code: 0 },
  Conflict: { status: 409, type: "OptimisticLockingException", code: 1 },
  // Camunda answers a suspended entity with 500 (it is a plain ProcessEngineException there).
  Suspended: { status: 500, type: "SuspendedEntityInteractionException", code: 0 },
  Forbidden: { status: 403, type: "AuthorizationException", code: 0 },
  ProcessEngine: { status: 500, type: "ProcessEngineException", code: 0 },
};

/**
 * Some Camunda endpoints wrap engine failures in a RestException (external-task actions, task actions).
 * A route declares that with this middleware; the error handler then reports that type for 4xx engine errors.
 */
export function engineErrorType(type: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.engineErrorType = type;
    next();
  };
}

/** Turns any thrown value into Camunda's error response. Mounted last on the router. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(err);
  if (err instanceof RestError) {
    return sendJson(res, { type: err.type, message: err.message, code: null, ...err.extra }, err.status);
  }
  if (isEngineError(err)) {
    const mapped = ENGINE_ERROR_MAP[err.kind] ?? ENGINE_ERROR_MAP.ProcessEngine!;
    if (err.kind === "ParseError") {
      return sendJson(res, { type: mapped.type, message: err.message, code: mapped.code, details: err.details ?? {} }, mapped.status);
    }
    const routeType = res.locals.engineErrorType as string | undefined;
    const type = routeType && mapped.status < 500 && (err.kind === "NotFound" || err.kind === "BadRequest") ? routeType : mapped.type;
    return sendJson(res, { type, message: err.message, code: mapped.code }, mapped.status);
  }
  const e = err as { type?: string; status?: number; code?: string; field?: string; message?: string };
  // body-parser: broken JSON or a body over the limit.
  if (e && e.type === "entity.parse.failed") {
    return sendJson(res, { type: "InvalidRequestException", message: `Invalid JSON in request body: ${e.message}`, code: null }, 400);
  }
  if (e && e.type === "entity.too.large") {
    return sendJson(res, { type: "InvalidRequestException", message: "Request body exceeds the size limit", code: null }, 400);
  }
  if (e && typeof e.status === "number" && e.status >= 400 && e.status < 500) {
    return sendJson(res, { type: "InvalidRequestException", message: e.message ?? "Bad request", code: null }, e.status);
  }
  console.error("[engine-rest] unexpected error", err);
  const message = err instanceof Error ? err.message : String(err);
  return sendJson(res, { type: "ProcessEngineException", message, code: 0 }, 500);
};
