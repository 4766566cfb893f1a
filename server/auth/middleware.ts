// Authentication: session cookie for the UIs and /api, HTTP Basic for /engine-rest (what Camunda's
// clients send, e.g. camunda-external-task-client-js's BasicAuthInterceptor). Both set
// res.locals.principal; neither decides what the caller may do (that is server/authz).
import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { rateLimit, type RateLimitRequestHandler } from "express-rate-limit";
import type { Principal } from "../principal";
import type { Repositories } from "../repositories";
import type { PrincipalFactory } from "./principals";
import { verifyAgainstDummy, verifyPassword } from "./passwords";

export const SESSION_COOKIE = "jintu_session";
const BASIC_CACHE_MS = 30_000;

export interface AuthDeps {
  repos: Repositories;
  principals: PrincipalFactory;
}

/** Checks a login name and password; null when either is wrong or the user is disabled. */
export async function checkCredentials(deps: AuthDeps, userId: string, password: string) {
  const user = await deps.repos.users.find(userId);
  if (!user) return verifyAgainstDummy(password).then(() => null);
  const ok = await verifyPassword(user.passwordHash, password);
  return ok && !user.disabled ? user : null;
}

/** Sets res.locals.principal from a valid session cookie; lets anonymous requests through. */
export function sessionAuth(deps: AuthDeps): RequestHandler {
  return async (req, res, next) => {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return next();
    const session = await deps.repos.sessions.touch(token);
    const user = session ? await deps.repos.users.find(session.userId) : null;
    if (user && !user.disabled) {
      res.locals.principal = await deps.principals.forUser(user);
      res.locals.sessionExpiresAt = session!.expiresAt;
    } else {
      res.clearCookie(SESSION_COOKIE, { path: "/" });
    }
    next();
  };
}

/** Counts failed credential checks per client address (successful ones are free). */
export function credentialLimiter(options: { windowMs: number; limit: number }, isFailure: (req: Request, res: Response) => boolean): RateLimitRequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    requestWasSuccessful: (req, res) => !isFailure(req, res),
    skipSuccessfulRequests: true,
    handler: (req, res) => {
      if (req.is("application/x-www-form-urlencoded")) return res.redirect(303, "/login?error=limited");
      res.status(429).json({ type: "AuthenticationException", message: "Too many failed login attempts; try again later" });
    },
  });
}

/**
 * /engine-rest: HTTP Basic (or a UI's session cookie). Without valid credentials: 401 with
 * `WWW-Authenticate: Basic realm="jintu"` like Camunda's HttpBasicAuthenticationProvider (Camunda sends
 * an empty body; Jintu adds its usual `{type, message}`). GET /engine-rest/engine stays open as in Camunda.
 */
export function basicAuth(deps: AuthDeps, limits: { windowMs: number; limit: number }): RequestHandler[] {
  // Workers poll constantly: remember a verified header briefly instead of running argon2 each time.
  const verified = new Map<string, { userId: string; until: number }>();
  // Failed Basic checks are counted per client address here, not by an up-front rate limiter: that one
  // counts requests while they are in flight, so a host running more long-polling workers than the limit
  // would be refused although none of them ever failed.
  const failures = new Map<string, { count: number; resetAt: number }>();
  const failedRecently = (ip: string) => {
    const f = failures.get(ip);
    return !!f && f.resetAt > Date.now() && f.count >= limits.limit;
  };
  const recordFailure = (ip: string) => {
    const now = Date.now();
    const f = failures.get(ip);
    if (!f || f.resetAt <= now) {
      if (failures.size > 10_000) failures.clear();
      failures.set(ip, { count: 1, resetAt: now + limits.windowMs });
    } else f.count++;
  };
  const authenticate: RequestHandler = async (req, res, next) => {
    if (req.method === "GET" && /^\/engine\/?$/.test(req.path)) return next();
    const header = req.headers.authorization;
    if (header?.startsWith("Basic ")) {
      const key = createHash("sha256").update(header).digest("hex");
      const cached = verified.get(key);
      let userId = cached && cached.until > Date.now() ? cached.userId : null;
      if (!userId) {
        const ip = req.ip ?? "";
        if (failedRecently(ip)) return void res.status(429).json({ type: "AuthenticationException", message: "Too many failed login attempts; try again later" });
        const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        const user = colon > 0 ? await checkCredentials(deps, decoded.slice(0, colon), decoded.slice(colon + 1)) : null;
        if (user) {
          userId = user.id;
          if (verified.size > 10_000) verified.clear();
          verified.set(key, { userId, until: Date.now() + BASIC_CACHE_MS });
        } else {
          res.locals.attemptedUser = colon > 0 ? decoded.slice(0, colon) : null;
          recordFailure(ip);
        }
      }
      const user = userId ? await deps.repos.users.find(userId) : null;
      if (user && !user.disabled) {
        res.locals.principal = await deps.principals.forUser(user);
        return next();
      }
      return challenge(res, "Invalid credentials");
    }
    if (res.locals.principal) return next(); // a UI calling with its session cookie
    return challenge(res, "Authentication required: HTTP Basic or a session");
  };
  const gate: RequestHandler = async (req, res, next) => {
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) return next(); // the open GET /engine
    if (await canAnywhere(principal, "engine-rest", "access")) return next();
    res.status(403).json({ type: "AuthorizationException", message: `The user '${principal.userId}' may not use the engine REST API` });
  };
  return [authenticate, gate];
}

function challenge(res: Response, message: string): void {
  res.status(401).set("WWW-Authenticate", 'Basic realm="jintu"').json({ type: "AuthenticationException", message });
}

/** Does the principal hold the permission in at least one of his regions? (for region-less resources) */
export async function canAnywhere(principal: Principal, object: string, action: string): Promise<boolean> {
  for (const region of principal.regions) if (await principal.can(object, action, region)) return true;
  return false;
}
