// Expression helpers for candidate groups (`land-reviewer@${cityOf(countyCode)}`), so one deployed model
// serves every county. The server passes them to the engine as expression functions.
import { cityOf as cityRegionOf, provinceOf as provinceRegionOf, regionByCode } from "../../gis-components/index";

function requireRegion(code: unknown, what: string): string {
  const text = typeof code === "string" ? code : typeof code === "number" ? String(code).padStart(6, "0") : "";
  if (!regionByCode(text)) throw new Error(`${what}: '${String(code)}' is not a GB/T 2260 region code`);
  return text;
}

/** The prefecture-level city above a county. Counties administered directly by the province (仙桃 429004)
 *  and 直辖市 districts have no city: the tier above them is the province, so their city-tier work goes there. */
export function cityOf(code: unknown): string {
  const region = requireRegion(code, "cityOf");
  return cityRegionOf(region)?.code ?? provinceRegionOf(region)?.code ?? region;
}

/** The province (省/自治区/直辖市) of a region; a province is its own province. */
export function provinceOf(code: unknown): string {
  const region = requireRegion(code, "provinceOf");
  return provinceRegionOf(region)?.code ?? region;
}

/** Functions for the engine's `expressionFunctions` option. */
export const flowExpressionFunctions: Record<string, (...args: unknown[]) => unknown> = {
  cityOf: (code) => cityOf(code),
  provinceOf: (code) => provinceOf(code),
};
