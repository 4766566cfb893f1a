// Authorization for every /engine-rest handler. The caller is res.locals.principal (server/principal.ts).
// Tenant ids are region codes: a principal sees runtime and history data only of its visible tenants, and
// objects outside them are answered with 404 exactly as if they did not exist, so ids cannot be probed.
import type { Response } from "express";
import type { Principal } from "../principal";
import { RestError, forbidden } from "./http";

export interface Access {
  userId: string | null;
  isAdmin: boolean;
  groups: string[];
  /** null = every tenant */
  visibleTenants: string[] | null;
  principal: Principal | null;
}

const UNRESTRICTED: Access = { userId: null, isAdmin: true, groups: [], visibleTenants: null, principal: null };

/** The caller of this request. Without a principal the router answers 401, unless it was built with
 *  `authorize: false` (router unit tests), where the caller is an anonymous administrator. */
export function accessOf(res: Response): Access {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) {
    if (res.locals.engineRestAuthorize === false) return UNRESTRICTED;
    throw new RestError(401, "AuthenticationException", "Authentication required: send HTTP Basic credentials");
  }
  return {
    userId: principal.userId,
    isAdmin: principal.isAdmin,
    groups: principal.groups,
    visibleTenants: principal.isAdmin ? null : principal.visibleTenants,
    principal,
  };
}

/** Marker for "the caller may see nothing here": queries answer [] / 0 without asking the engine. */
export const NOTHING = Symbol("nothing visible");

/**
 * The tenantIdIn to give the engine: the request's own tenantIdIn intersected with what the caller may see.
 * undefined = no tenant filter (unrestricted caller, none requested).
 */
export function scopedTenants(access: Access, requested: string[] | undefined): string[] | undefined | typeof NOTHING {
  if (access.visibleTenants === null) return requested;
  const visible = new Set(access.visibleTenants);
  const scope = requested ? requested.filter((t) => visible.has(t)) : [...visible];
  return scope.length === 0 ? NOTHING : scope;
}

/** Runtime/history data (instances, tasks, variables, jobs …): an object without tenant belongs to no
 *  region, so only unrestricted callers see it. */
export function canSeeTenant(access: Access, tenantId: string | null | undefined): boolean {
  if (access.visibleTenants === null) return true;
  return tenantId != null && access.visibleTenants.includes(tenantId);
}

/** Definitions and deployments: those without tenant are shared by every region. */
export function canSeeShared(access: Access, tenantId: string | null | undefined): boolean {
  return tenantId == null || canSeeTenant(access, tenantId);
}

export interface TaskPeople {
  assignee: string | null;
  owner?: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
}

/**
 * Who may act on a task. "claim": a candidate (user, or one of the caller's groups) or the assignee.
 * "work" (complete, resolve, delegate, change variables): the assignee or owner; while the task is
 * unassigned, also its candidates (Camunda lets candidates complete without claiming). "unclaim": the
 * assignee or owner. Administrators may do everything.
 */
export type TaskAction = "claim" | "work" | "unclaim";

export function mayActOnTask(access: Access, task: TaskPeople, action: TaskAction): boolean {
  if (access.isAdmin) return true;
  const user = access.userId;
  if (!user) return false;
  if (task.assignee === user || (task.owner != null && task.owner === user)) return true;
  if (action === "unclaim") return false;
  const candidate = task.candidateUsers.includes(user) || task.candidateGroups.some((g) => access.groups.includes(g));
  if (action === "claim") return candidate;
  return candidate && task.assignee === null;
}

export function assertMayActOnTask(access: Access, task: TaskPeople & { id: string }, action: TaskAction): void {
  if (!mayActOnTask(access, task, action)) {
    const permission = action === "claim" ? "TASK_ASSIGN" : action === "unclaim" ? "TASK_ASSIGN" : "TASK_WORK";
    throw forbidden(
      `The user with id '${access.userId ?? ""}' does not have one of the following permissions: '${permission}' permission on resource '${task.id}' of type 'Task'`,
      { userId: access.userId, missingAuthorizations: [{ permissionName: permission, resourceName: "Task", resourceId: task.id }] },
    );
  }
}

/**
 * Administrative operations, checked with casbin (server/authz/roles.ts): deploying, deleting deployments
 * and suspending definitions need ("deployment", "write"); deleting or suspending a case and editing its
 * variables outside a task need ("case", "write"), held by administrators only in the default catalog.
 */
export async function assertMay(access: Access, object: string, action: string, region: string | null): Promise<void> {
  if (access.isAdmin) return;
  const allowed = access.principal ? await access.principal.can(object, action, region ?? "000000") : false;
  if (!allowed) {
    throw forbidden(
      `The user with id '${access.userId ?? ""}' does not have '${action}' permission on resource of type '${object}'${region ? ` in region ${region}` : ""}.`,
      { userId: access.userId, missingAuthorizations: [{ permissionName: action.toUpperCase(), resourceName: object, resourceId: region }] },
    );
  }
}
