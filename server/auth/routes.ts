// /api/auth: login (JSON or the /login form), logout, me; and the GET /login page.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";
import { describeZodError, unauthorized } from "../errors";
import type { Principal } from "../principal";
import { ErrorSchema } from "../api/openapiRegistry";
import { checkCredentials, credentialLimiter, SESSION_COOKIE, type AuthDeps } from "./middleware";
import { renderLoginPage, safeNext } from "./loginPage";

export const LoginBody = z.object({
  username: z.string().trim().min(1, "username is required").max(100),
  password: z.string().min(1, "password is required").max(200),
  next: z.string().max(2000).optional(),
  lang: z.enum(["zh", "en"]).optional(),
}).openapi("LoginRequest");

export const Me = z.object({
  id: z.string(),
  displayName: z.string(),
  groups: z.array(z.string()).openapi({ example: ["land-reviewer@330106"] }),
  regions: z.array(z.string()),
  isAdmin: z.boolean(),
}).openapi("Me");

export const meOf = (p: Principal): z.infer<typeof Me> =>
  ({ id: p.userId, displayName: p.displayName, groups: p.groups, regions: p.regions, isAdmin: p.isAdmin });

const isFormPost = (req: Request) => req.is("application/x-www-form-urlencoded") === "application/x-www-form-urlencoded";

export function mountAuthRoutes(app: express.Express, api: Router, registry: OpenAPIRegistry, deps: AuthDeps & { loginRateLimit: { windowMs: number; limit: number } }): void {
  app.get("/login", (req, res) => {
    const lang = req.query.lang === "en" ? "en" : "zh";
    const error = req.query.error === "limited" ? "limited" : req.query.error ? "credentials" : null;
    res.type("html").set("Cache-Control", "no-store").send(renderLoginPage({ lang, next: String(req.query.next ?? "/"), error }));
  });

  const limiter = credentialLimiter(deps.loginRateLimit, (_req, res) => res.locals.loginFailed === true || res.statusCode >= 400);
  const loginFailed = (req: Request, res: Response, message: string) => {
    res.locals.loginFailed = true;
    if (isFormPost(req)) {
      const body = (req.body ?? {}) as Record<string, string>;
      const lang = body.lang === "en" ? "en" : "zh";
      return res.redirect(303, `/login?error=1&lang=${lang}&next=${encodeURIComponent(safeNext(body.next))}`);
    }
    throw unauthorized(message);
  };

  api.post("/auth/login", limiter, async (req, res) => {
    res.locals.auditPattern = "/api/auth/login";
    const parsed = LoginBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      if (isFormPost(req)) return loginFailed(req, res, "");
      res.status(400).json({ type: "InvalidRequestException", message: `Invalid body: ${describeZodError(parsed.error)}` });
      return;
    }
    const { username, password, next } = parsed.data;
    res.locals.attemptedUser = username;
    const user = await checkCredentials(deps, username, password);
    if (!user) return loginFailed(req, res, "Wrong username or password");
    const session = await deps.repos.sessions.create(user.id, { clientAddress: req.ip ?? null, userAgent: req.get("user-agent") ?? null });
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true, sameSite: "lax", secure: req.secure, path: "/", expires: session.expiresAt,
    });
    const principal = await deps.principals.forUser(user);
    res.locals.principal = principal;
    if (isFormPost(req)) return res.redirect(303, safeNext(next));
    res.json(meOf(principal));
  });

  api.post("/auth/logout", async (req, res) => {
    res.locals.auditPattern = "/api/auth/logout";
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (token) await deps.repos.sessions.delete(token);
    res.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure: req.secure });
    if (isFormPost(req)) return res.redirect(303, "/login");
    res.status(204).end();
  });

  api.get("/auth/me", (_req, res) => {
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) throw unauthorized();
    res.json(meOf(principal));
  });

  const error = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });
  registry.registerPath({
    method: "post", path: "/api/auth/login", tags: ["auth"], security: [],
    summary: "Log in: sets the httpOnly session cookie. Also accepts the /login form (application/x-www-form-urlencoded → 303 to next).",
    request: { body: { required: true, content: { "application/json": { schema: LoginBody }, "application/x-www-form-urlencoded": { schema: LoginBody } } } },
    responses: { 200: { description: "Logged in", content: { "application/json": { schema: Me } } }, 400: error("Invalid body"), 401: error("Wrong username or password"), 429: error("Too many failed attempts") },
  });
  registry.registerPath({ method: "post", path: "/api/auth/logout", tags: ["auth"], summary: "Log out (ends the session)", responses: { 204: { description: "Logged out" } } });
  registry.registerPath({
    method: "get", path: "/api/auth/me", tags: ["auth"], summary: "The logged-in user",
    responses: { 200: { description: "The user", content: { "application/json": { schema: Me } } }, 401: error("Not logged in") },
  });
}
