// Which tasks and cases a principal may see: tenant ids (region codes) and candidate groups.
import type { Principal } from "../principal";
import type { Repositories } from "../repositories";

/**
 * Candidate groups the user may work as. A role held at a region covers the regions below it, so
 * `land-reviewer@330100` also matches tasks offered to `land-reviewer@330106` (a flow names the case's own
 * region in its candidate group); every group is expanded to the regions below.
 */
export async function workableGroups(principal: Principal, repos: Repositories): Promise<string[]> {
  const groups = new Set<string>();
  for (const group of principal.groups) {
    const at = group.lastIndexOf("@");
    const role = group.slice(0, at);
    const region = group.slice(at + 1);
    for (const code of await repos.regions.codesWithin([region])) groups.add(`${role}@${code}`);
  }
  return [...groups].sort();
}

/** May the principal see data of this tenant? (null tenant = national data, visible to the national tier only) */
export function tenantVisible(principal: Principal, tenantId: string | null): boolean {
  if (principal.visibleTenants === null) return true;
  return tenantId !== null && principal.visibleTenants.includes(tenantId);
}
