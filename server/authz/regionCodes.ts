// GB/T 2260 region-code rules on the 6-digit code itself (行政区划代码): digits 1–2 province, 3–4
// prefecture, 5–6 county. Used by authorization so that a role at a province covers its cities and
// counties. These prefix rules need no data file; names come from the region table (server/repositories).
// gis-components/regions will offer the same helpers over the full list; switch to it once it exists.

/** The national tier (全国): a role here covers every region. */
export const NATIONAL = "000000";

export type RegionTier = 0 | 1 | 2 | 3; // national, province, prefecture/city, county

export function isRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

export function tierOf(code: string): RegionTier {
  if (code === NATIONAL) return 0;
  if (code.endsWith("0000")) return 1;
  if (code.endsWith("00")) return 2;
  return 3;
}

/** The code one tier up (330106 → 330100 → 330000 → 000000), null for national. */
export function parentOf(code: string): string | null {
  switch (tierOf(code)) {
    case 0: return null;
    case 1: return NATIONAL;
    case 2: return code.slice(0, 2) + "0000";
    default: return code.slice(0, 4) + "00";
  }
}

/** Is `code` the region `ancestor` or inside it? (330106 is within 330100, 330000 and 000000.) */
export function isWithin(code: string, ancestor: string): boolean {
  if (!isRegionCode(code) || !isRegionCode(ancestor)) return false;
  switch (tierOf(ancestor)) {
    case 0: return true;
    case 1: return code.slice(0, 2) === ancestor.slice(0, 2);
    case 2: return code.slice(0, 4) === ancestor.slice(0, 4);
    default: return code === ancestor;
  }
}

export function provinceOf(code: string): string | null {
  return tierOf(code) === 0 ? null : code.slice(0, 2) + "0000";
}

export function cityOf(code: string): string | null {
  return tierOf(code) >= 2 ? code.slice(0, 4) + "00" : null;
}

/** The chain from the code up to national: 330106 → [330106, 330100, 330000, 000000]. */
export function ancestorsOf(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = parentOf(c)) chain.push(c);
  return chain;
}
