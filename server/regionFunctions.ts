// Expression helpers given to the engine: the flows' routing helpers (`land-reviewer@${cityOf(countyCode)}`,
// defined once in processes/) plus region names for task names and documents.
import { fullName, regionByCode } from "../gis-components/regions";
import { flowExpressionFunctions } from "../processes";
import type { ExpressionFunction } from "../engine";

function code(value: unknown, fn: string): string {
  const s = String(value ?? "");
  if (!/^\d{6}$/.test(s)) throw new Error(`${fn}(): '${s}' is not a 6-digit GB/T 2260 region code`);
  return s;
}

export const regionExpressionFunctions: Record<string, ExpressionFunction> = {
  ...flowExpressionFunctions,
  regionName: (c) => regionByCode(code(c, "regionName"))?.name ?? null,
  regionFullName: (c) => fullName(code(c, "regionFullName")) ?? null,
};
