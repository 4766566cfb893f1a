// defineRoute: one declaration per /api endpoint that (1) validates params, query and body with zod,
// (2) requires a logged-in user and checks casbin (user, region, object, action), (3) registers the
// endpoint and its schemas in the OpenAPI document, and (4) records the route pattern for the audit log.
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Request, Response, Router } from "express";
import { z, type ZodType } from "zod";
import { ApiError, describeZodError, forbidden, unauthorized } from "../errors";
import type { Principal } from "../principal";
import { canAnywhere } from "../auth/middleware";
import { ErrorSchema } from "./openapiRegistry";

type Method = "get" | "post" | "put" | "patch" | "delete";

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

export interface RouteContext<P, Q, B> extends RouteInput<P, Q, B> {
  principal: Principal;
  req: Request;
  res: Response;
  /** Checks a permission in a given region; throws 403 when denied. */
  authorize(object: string, action: string, region: string): Promise<void>;
  /** What the audit row names: the region concerned and the target id. */
  audit(info: { region?: string | null; target?: string | null }): void;
}

export type Permission<P, Q, B> =
  | "authenticated"
  | {
      object: string;
      action: string;
      /** The region the request concerns; default: any region where the user holds a role. */
      region?: (input: RouteInput<P, Q, B>) => string;
    };

export interface RouteSpec<P, Q, B, R> {
  method: Method;
  /** Express path relative to /api, e.g. `/forms/:key`. */
  path: string;
  summary: string;
  tags: string[];
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  response?: ZodType<R>;
  status?: number;
  permission: Permission<P, Q, B>;
  handler(ctx: RouteContext<P, Q, B>): Promise<R | undefined>;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(
  router: Router, registry: OpenAPIRegistry, spec: RouteSpec<P, Q, B, R>,
): void {
  const status = spec.status ?? 200;
  const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });
  registry.registerPath({
    method: spec.method,
    path: "/api" + toOpenApiPath(spec.path),
    summary: spec.summary,
    tags: spec.tags,
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { required: true, content: { "application/json": { schema: spec.body } } } } : {}),
    },
    responses: {
      [status]: spec.response
        ? { description: "OK", content: { "application/json": { schema: spec.response } } }
        : { description: "No content" },
      400: errorResponse("Invalid request"),
      401: errorResponse("Not logged in"),
      403: errorResponse("Not allowed"),
    },
  });

  router[spec.method](spec.path, async (req, res) => {
    res.locals.auditPattern = "/api" + spec.path;
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) throw unauthorized();
    const input: RouteInput<P, Q, B> = {
      params: parse(spec.params, req.params, "path"),
      query: parse(spec.query, req.query, "query"),
      body: parse(spec.body, req.body, "body"),
    };
    if (spec.permission !== "authenticated") {
      const { object, action, region } = spec.permission;
      const regionCode = region?.(input);
      if (regionCode) res.locals.auditRegion ??= regionCode;
      const allowed = regionCode ? await principal.can(object, action, regionCode) : await canAnywhere(principal, object, action);
      if (!allowed) throw forbidden(`The user '${principal.userId}' may not ${action} ${object}${regionCode ? ` in region ${regionCode}` : ""}`);
    }
    const ctx: RouteContext<P, Q, B> = {
      ...input, principal, req, res,
      async authorize(object, action, regionCode) {
        if (!(await principal.can(object, action, regionCode))) {
          throw forbidden(`The user '${principal.userId}' may not ${action} ${object} in region ${regionCode}`);
        }
      },
      audit(info) {
        if (info.region !== undefined) res.locals.auditRegion = info.region;
        if (info.target !== undefined) res.locals.auditTarget = info.target;
      },
    };
    const result = await spec.handler(ctx);
    if (result === undefined) res.status(status === 200 ? 204 : status).end();
    else res.status(status).json(result);
  });
}

function parse<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new ApiError(400, "InvalidRequestException", `Invalid ${where}: ${describeZodError(result.error)}`);
  return result.data;
}

/** Query-string booleans: "true" / "false" (also 1/0). */
export const queryBoolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
/** Query-string integers within bounds. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const regionCode = z.string().regex(/^\d{6}$/, "a 6-digit GB/T 2260 region code");
