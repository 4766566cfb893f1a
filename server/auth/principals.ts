// Builds the Principal (server/principal.ts) every route sees, from a user's role assignments.
import type { Principal } from "../principal";
import type { Authorizer } from "../authz";
import { NATIONAL } from "../authz";
import type { Repositories, UserRecord } from "../repositories";

export interface PrincipalFactory {
  forUser(user: UserRecord): Promise<Principal>;
}

export function createPrincipalFactory(authz: Authorizer, repos: Repositories): PrincipalFactory {
  return {
    async forUser(user) {
      const roles = await authz.rolesOf(user.id);
      const regions = [...new Set(roles.map((r) => r.region))].sort();
      const isAdmin = roles.some((r) => r.role === "admin" && r.region === NATIONAL);
      // A role at the national tier sees every tenant; otherwise the user's regions and all below them.
      const visibleTenants = isAdmin || regions.includes(NATIONAL) ? null : await repos.regions.codesWithin(regions);
      return {
        userId: user.id,
        displayName: user.displayName,
        groups: roles.map((r) => `${r.role}@${r.region}`),
        regions,
        isAdmin,
        visibleTenants,
        can: (object, action, region) => authz.enforce(user.id, region, object, action),
      };
    },
  };
}
