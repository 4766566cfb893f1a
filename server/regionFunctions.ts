// Expression helpers that route a task up the administrative hierarchy, so one deployed model serves
// every county: `camunda:candidateGroups="land-reviewer@${cityOf(countyCode)}"`.
import { cityOf, provinceOf, regionByCode, fullName } from "../gis-components/regions";
import type { ExpressionFunction } from "../engine";

function code(value: unknown, fn: string): string {
  const s = String(value ?? "");
  if (!/^\d{6}$/.test(s)) throw new Error(`${fn}(): '${s}' is not a 6-digit GB/T 2260 region code`);
  return s;
}

export const regionExpressionFunctions: Record<string, ExpressionFunction> = {
  // a county's city; a province-administered county (e.g. 仙桃 429004) has none: its province acts as the city tier
  cityOf: (c) => {
    const k = code(c, "cityOf");
    return cityOf(k)?.code ?? provinceOf(k)?.code ?? k;
  },
  provinceOf: (c) => {
    const k = code(c, "provinceOf");
    return provinceOf(k)?.code ?? k;
  },
  regionName: (c) => regionByCode(code(c, "regionName"))?.name ?? null,
  regionFullName: (c) => fullName(code(c, "regionFullName")) ?? null,
};
