// Who is calling, as every route sees it (res.locals.principal). Set by the auth middleware (server/auth)
// from the session cookie (UIs) or HTTP Basic (/engine-rest); consumed by every route for authorization.
//
// Regions are GB/T 2260 codes; 000000 is the national tier. A process instance's tenantId is the region
// code of its case, so "which cases may this user see" is "which tenant ids": the regions where the user
// holds a role, and every region below them.

export interface Principal {
  userId: string;
  displayName: string;
  /** Candidate groups the user belongs to, written `role@region` (e.g. `land-reviewer@330106`). */
  groups: string[];
  /** Region codes where the user holds at least one role. */
  regions: string[];
  /** Holds the admin role at the national tier (demo / first administrator). */
  isAdmin: boolean;
  /** Tenant ids (region codes) whose runtime and history data the user may see; null = all. */
  visibleTenants: string[] | null;
  /** casbin check: may the user do `action` on `object` in `region` (roles at a region cover the regions below it)? */
  can(object: string, action: string, region: string): Promise<boolean>;
}

/** The casbin object of deploying models shared by every region (no tenant): 共享模型发布. */
export const SHARED_DEPLOYMENT = "shared-deployment";

/**
 * May the principal deploy a shared (tenant-less) model? With deployment write at the national tier, or
 * the shared-deployment right held at any of his regions (province IT staff publishing models for the
 * whole country without seeing other regions' cases).
 */
export async function mayDeployShared(principal: Principal): Promise<boolean> {
  if (principal.isAdmin || (await principal.can("deployment", "write", "000000"))) return true;
  for (const region of principal.regions) if (await principal.can(SHARED_DEPLOYMENT, "write", region)) return true;
  return false;
}
