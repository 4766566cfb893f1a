// 表内平衡关系 of the annual land-use change summary (土地利用变更调查 汇总表), checked before the city sees
// the report, so a county never sends figures that do not add up.
export const INDICATORS = ["totalAreaHa", "agriculturalHa", "cultivatedHa", "constructionHa", "unusedHa", "newConstructionHa"] as const;
export type Indicator = (typeof INDICATORS)[number];
export type LandUseReport = Record<Indicator, number>;

/** Tolerance of a sum, in hectares (figures are reported to two decimals), plus binary floating-point slack. */
const TOLERANCE_HA = 0.01 + 1e-9;

export function validateLandUseReport(values: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const v = {} as LandUseReport;
  for (const key of INDICATORS) {
    const n = values[key];
    if (typeof n !== "number" || !Number.isFinite(n)) errors.push(`${key} 缺失或不是数字 (missing or not a number)`);
    else if (n < 0) errors.push(`${key} 不能为负数 (negative)`);
    else v[key] = n;
  }
  if (errors.length) return errors;
  const sum = v.agriculturalHa + v.constructionHa + v.unusedHa;
  if (Math.abs(sum - v.totalAreaHa) > TOLERANCE_HA) {
    errors.push(`农用地 + 建设用地 + 未利用地 = ${sum.toFixed(2)} 公顷，不等于行政区域总面积 ${v.totalAreaHa.toFixed(2)} 公顷`);
  }
  if (v.cultivatedHa > v.agriculturalHa + TOLERANCE_HA) errors.push(`耕地 ${v.cultivatedHa.toFixed(2)} 公顷大于农用地 ${v.agriculturalHa.toFixed(2)} 公顷`);
  if (v.newConstructionHa > v.constructionHa + TOLERANCE_HA) errors.push(`本年新增建设用地 ${v.newConstructionHa.toFixed(2)} 公顷大于建设用地 ${v.constructionHa.toFixed(2)} 公顷`);
  return errors;
}
