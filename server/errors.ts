// Errors in Camunda 7's REST shape `{type, message}`, for /api and the auth layer of /engine-rest.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { ZodError } from "zod";

export class ApiError extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
    this.name = "ApiError";
  }
}

export const badRequest = (message: string) => new ApiError(400, "InvalidRequestException", message);
export const unauthorized = (message = "Authentication required") => new ApiError(401, "AuthenticationException", message);
export const forbidden = (message: string) => new ApiError(403, "AuthorizationException", message);
export const notFound = (message: string) => new ApiError(404, "NotFoundException", message);
export const conflict = (message: string) => new ApiError(409, "ConflictException", message);

// The engine's error kinds (engine/api.ts EngineErrorKind) → status and Camunda type.
const ENGINE_KINDS: Record<string, [number, string]> = {
  NotFound: [404, "InvalidRequestException"],
  BadRequest: [400, "InvalidRequestException"],
  ParseError: [400, "ParseException"],
  Conflict: [409, "OptimisticLockingException"],
  Suspended: [400, "SuspendedEntityInteractionException"],
  Forbidden: [403, "AuthorizationException"],
  ProcessEngine: [500, "ProcessEngineException"],
};

/** Readable one-line summary of zod issues: `definition: expected object, received string; name: …`. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
    .join("; ");
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) return badRequest(describeZodError(error));
  const e = error as { kind?: string; message?: string; type?: string; status?: number; statusCode?: number };
  if (e && typeof e.kind === "string" && ENGINE_KINDS[e.kind]) {
    const [status, type] = ENGINE_KINDS[e.kind]!;
    return new ApiError(status, type, e.message ?? e.kind);
  }
  // body-parser errors (malformed JSON, too large) carry an HTTP status
  const status = e?.status ?? e?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new ApiError(status, "InvalidRequestException", e.message ?? "Bad request");
  }
  return new ApiError(500, "ProcessEngineException", e?.message ?? String(error));
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.headersSent) return next(error);
  const apiError = toApiError(error);
  if (apiError.status >= 500) console.error("[jintu]", error);
  res.status(apiError.status).json({ type: apiError.type, message: apiError.message });
};

/** JSON 404 for a path under /api or /engine-rest that no route serves. */
export const jsonNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ type: "NotFoundException", message: `No resource at ${req.method} ${req.originalUrl.split("?")[0]}` });
};
