// Loads the administrative divisions (gis-components/regions, GB/T 2260) into the region table.
// Reference data, loaded in every mode; only inserts or renames, never deletes (codes are never reused).
import { allRegions } from "../../gis-components/regions";
import type { RegionRepository } from "../repositories";

export async function loadRegions(regions: RegionRepository): Promise<number> {
  const all = allRegions();
  const known = await regions.all();
  if (known.length >= all.length) return 0;
  return regions.upsert(all.map((r) => ({ code: r.code, name: r.name, parent: r.parent })));
}
