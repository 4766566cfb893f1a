// Organisation administration: users, role assignments (岗位授权), candidate groups, the region tree.
// Creating users needs `user write` somewhere; granting a role needs `role-assignment write` in the
// region of the grant, so a province administrator manages his province and nothing else.
import { z } from "zod";
import { hashPassword } from "../auth";
import { isWithin, NATIONAL, ROLE_NAMES, ROLES } from "../authz";
import { badRequest, conflict, notFound } from "../errors";
import type { RegionNode } from "../repositories";
import { defineRoute, regionCode } from "./route";
import type { RouteModule } from "./services";

const RoleRef = z.object({ role: z.string(), region: z.string() });
const User = z.object({
  id: z.string(), displayName: z.string(), email: z.string().nullable(), phone: z.string().nullable(),
  disabled: z.boolean(), roles: z.array(RoleRef),
}).openapi("User");
const UserId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, "letters, digits and . _ @ - (at most 64)");
const Password = z.string().min(8, "at least 8 characters").max(200);
const Assignment = z.object({
  userId: z.string().min(1),
  role: z.string().refine((r) => ROLE_NAMES.has(r), { message: `one of ${[...ROLE_NAMES].join(", ")}` }),
  region: regionCode,
}).openapi("RoleAssignment");
const Region: z.ZodType<RegionNode> = z.lazy(() => z.object({
  code: z.string(), name: z.string(), nameEn: z.string().nullable(), parent: z.string().nullable(), tier: z.number(),
  children: z.array(Region),
}));

export const adminRoutes: RouteModule = (router, registry, { repos, authz }) => {
  const withRoles = async (u: { id: string; displayName: string; email: string | null; phone: string | null; disabled: boolean }) =>
    ({ id: u.id, displayName: u.displayName, email: u.email, phone: u.phone, disabled: u.disabled, roles: await authz.rolesOf(u.id) });

  defineRoute(router, registry, {
    method: "get", path: "/users", tags: ["admin"], summary: "List users with their role assignments",
    response: z.array(User), permission: { object: "user", action: "read" },
    async handler({ principal }) {
      const users = await Promise.all((await repos.users.list()).map(withRoles));
      if (principal.visibleTenants === null) return users;
      // Outside the national tier: users holding a role in the caller's regions (or none yet).
      const visible = new Set(principal.visibleTenants);
      return users.filter((u) => u.roles.length === 0 || u.roles.some((r) => visible.has(r.region)));
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/users", tags: ["admin"], summary: "Create a user", status: 201,
    body: z.object({ id: UserId, displayName: z.string().trim().min(1).max(100), password: Password,
      email: z.string().email().optional(), phone: z.string().max(30).optional() }).openapi("NewUser"),
    response: User, permission: { object: "user", action: "write" },
    async handler({ body, audit }) {
      audit({ target: body.id });
      if (await repos.users.find(body.id)) throw conflict(`User '${body.id}' already exists`);
      const user = await repos.users.create({ ...body, passwordHash: await hashPassword(body.password) });
      return withRoles(user);
    },
  });

  defineRoute(router, registry, {
    method: "patch", path: "/users/:id", tags: ["admin"], summary: "Change a user's name, contact, password or disable it",
    params: z.object({ id: z.string() }),
    body: z.object({ displayName: z.string().trim().min(1).max(100).optional(), password: Password.optional(), disabled: z.boolean().optional(),
      email: z.string().email().nullable().optional(), phone: z.string().max(30).nullable().optional() })
      .refine((b) => Object.keys(b).length > 0, "nothing to change").openapi("UserChange"),
    response: User, permission: { object: "user", action: "write" },
    async handler({ params, body }) {
      const { password, ...rest } = body;
      const user = await repos.users.update(params.id, { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) });
      if (!user) throw notFound(`No user '${params.id}'`);
      if (password || body.disabled) await repos.sessions.deleteForUser(params.id);
      return withRoles(user);
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/roles", tags: ["admin"], summary: "The role catalog (岗位)",
    response: z.array(z.object({ name: z.string(), parent: z.string().nullable(), label: z.string(), labelEn: z.string() })),
    permission: "authenticated",
    async handler() { return [...ROLES]; },
  });

  defineRoute(router, registry, {
    method: "get", path: "/groups", tags: ["admin"],
    summary: "Candidate groups (role@region) that have members, within the caller's regions",
    query: z.object({ region: regionCode.optional(), role: z.string().optional() }),
    response: z.array(z.object({ id: z.string(), role: z.string(), region: z.string(), members: z.array(z.string()) }).openapi("Group")),
    permission: { object: "user", action: "read" },
    async handler({ query, principal }) {
      const assignments = await authz.assignments({ region: query.region, role: query.role });
      const groups = new Map<string, { id: string; role: string; region: string; members: string[] }>();
      for (const a of assignments) {
        if (principal.visibleTenants && !principal.visibleTenants.includes(a.region)) continue;
        const id = `${a.role}@${a.region}`;
        if (!groups.has(id)) groups.set(id, { id, role: a.role, region: a.region, members: [] });
        groups.get(id)!.members.push(a.userId);
      }
      return [...groups.values()];
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/role-assignments", tags: ["admin"], summary: "Grant a role at a region", status: 201,
    body: Assignment, response: Assignment,
    permission: { object: "role-assignment", action: "write", region: ({ body }) => body.region },
    async handler({ body, principal, audit }) {
      audit({ target: `${body.userId}:${body.role}@${body.region}` });
      if (!(await repos.users.find(body.userId))) throw badRequest(`No user '${body.userId}'`);
      if (body.region !== NATIONAL && !(await repos.regions.find(body.region))) throw badRequest(`Unknown region ${body.region}`);
      await authz.grant(body, principal.userId);
      return body;
    },
  });

  defineRoute(router, registry, {
    method: "delete", path: "/role-assignments", tags: ["admin"], summary: "Revoke a role at a region",
    query: Assignment,
    permission: { object: "role-assignment", action: "write", region: ({ query }) => query.region },
    async handler({ query, audit }) {
      audit({ target: `${query.userId}:${query.role}@${query.region}` });
      if (!(await authz.revoke(query))) throw notFound(`${query.userId} does not hold ${query.role}@${query.region}`);
      return undefined;
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/regions", tags: ["organisation"], summary: "The region tree (行政区划), from the national tier or ?root=",
    query: z.object({ root: regionCode.optional() }),
    response: Region.openapi("RegionNode", { type: "object" }), permission: { object: "region", action: "read" },
    async handler({ query }) {
      const tree = await repos.regions.tree(query.root ?? NATIONAL);
      if (!tree) throw notFound(`Unknown region ${query.root}`);
      return tree;
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/regions/:code", tags: ["organisation"], summary: "One region with its parent chain and children",
    params: z.object({ code: regionCode }),
    response: z.object({ code: z.string(), name: z.string(), nameEn: z.string().nullable(), parent: z.string().nullable(), tier: z.number(),
      children: z.array(z.object({ code: z.string(), name: z.string() })) }),
    permission: { object: "region", action: "read" },
    async handler({ params }) {
      const region = await repos.regions.find(params.code);
      if (!region) throw notFound(`Unknown region ${params.code}`);
      const children = (await repos.regions.all()).filter((r) => r.parent === region.code && r.code !== region.code && isWithin(r.code, region.code));
      return { ...region, children: children.map((c) => ({ code: c.code, name: c.name })) };
    },
  });
};
