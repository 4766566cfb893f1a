// The checks of a regionSelect value: a known GB/T 2260 code inside the configured root, chosen down to
// the required tier (or to a region that has no lower tier, like 东莞 441900).
import { childrenOf, fullName, isRegionCodeFormat, isWithin, regionByCode, type RegionTier } from "../../gis-components/index";
import type { FieldMessage, RegionSelectSettings, RegionTierSetting } from "../schema";

const DEPTH: Record<RegionTier, number> = { national: 0, province: 1, city: 2, county: 3 };
const TIER_NAMES: Record<RegionTierSetting, { zh: string; en: string }> = {
  province: { zh: "省级", en: "province" },
  city: { zh: "市级", en: "city" },
  county: { zh: "县级", en: "county" },
};

export function checkRegionSelectValue(value: unknown, settings: RegionSelectSettings): FieldMessage[] {
  const label = settings.label ?? settings.key;
  if (value === null || value === undefined || value === "") {
    return settings.validate?.required ? [{ code: "required", zh: `${label}:请选择行政区`, en: `${label}: choose the region` }] : [];
  }
  if (!isRegionCodeFormat(value)) {
    return [{ code: "bad-code", zh: `${label}:行政区代码必须是 6 位数字`, en: `${label}: a region code has 6 digits` }];
  }
  const region = regionByCode(value);
  if (!region || region.tier === "national") {
    return [{ code: "unknown-code", zh: `${label}:行政区代码 ${value} 不存在`, en: `${label}: region code ${value} does not exist` }];
  }
  const root = settings.rootCode ?? "000000";
  if (!isWithin(value, root)) {
    return [{ code: "outside-root", zh: `${label}:${fullName(value)} 不在 ${fullName(root) ?? root} 范围内`, en: `${label}: ${value} is not inside ${root}` }];
  }
  const required = settings.requiredTier ?? "county";
  if (DEPTH[region.tier] < DEPTH[required] && childrenOf(value).length > 0) {
    return [{ code: "incomplete", zh: `${label}:请选择到${TIER_NAMES[required].zh}行政区`, en: `${label}: choose down to the ${TIER_NAMES[required].en} level` }];
  }
  return [];
}
