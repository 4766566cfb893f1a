// Writes one audit_log row per state-changing request (POST/PUT/PATCH/DELETE on /api and /engine-rest)
// once the response is finished: who, which region, action = method + route pattern, target, when,
// client address, status code. Failures to write are logged, never turned into a failed request.
import type { Request, RequestHandler, Response } from "express";
import type { Clock } from "../../engine";
import type { Principal } from "../principal";
import type { AuditRepository } from "../repositories";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function auditMiddleware(audit: AuditRepository, clock: Clock): RequestHandler {
  return (req, res, next) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const principal = res.locals.principal as Principal | undefined;
      audit.append({
        time: clock.now(),
        userId: principal?.userId ?? (res.locals.attemptedUser as string | undefined) ?? null,
        // the region the request concerned; else the caller's region when he has exactly one
        region: (res.locals.auditRegion as string | undefined) ?? (principal?.regions.length === 1 ? principal.regions[0]! : null),
        action: `${req.method} ${routePattern(req, res)}`,
        target: (res.locals.auditTarget as string | undefined) ?? targetOf(req),
        clientAddress: req.ip ?? null,
        status: res.headersSent || res.writableFinished ? res.statusCode : 499,
      }).catch((error) => console.error("[jintu] audit log write failed:", error));
    };
    res.on("finish", write);
    res.on("close", write);
    next();
  };
}

/** The route pattern (`/api/forms/:key`), falling back to the path with id-like segments masked. */
function routePattern(req: Request, res: Response): string {
  if (typeof res.locals.auditPattern === "string") return res.locals.auditPattern;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === "string") return (req.baseUrl ?? "") + route.path;
  return req.originalUrl.split("?")[0]!.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}|\/\d+(?=\/|$)/gi, "/:id");
}

function targetOf(req: Request): string | null {
  const params = (req.params ?? {}) as Record<string, string>;
  return params.id ?? params.key ?? params.processInstanceId ?? Object.values(params)[0] ?? null;
}
