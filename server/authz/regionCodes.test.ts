import { describe, expect, it } from "vitest";
import { allRegions, isWithin as isWithinByData, provinceOf as provinceByData } from "../../gis-components/regions";
import { isWithin, provinceOf, tierOf } from "./regionCodes";

describe("region code rules agree with the GB/T 2260 region list", () => {
  const regions = allRegions();
  const upper = regions.filter((r) => r.tier === "province" || r.tier === "city" || r.tier === "national");

  it("isWithin by prefix equals isWithin by the parent chain for every region against every province and city", () => {
    let checked = 0;
    let contained = 0;
    const mismatches: string[] = [];
    for (const region of regions) {
      for (const ancestor of upper) {
        const byData = isWithinByData(region.code, ancestor.code);
        if (isWithin(region.code, ancestor.code) !== byData) mismatches.push(`${region.code} in ${ancestor.code}`);
        if (byData) contained++;
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(1_000_000);
    expect(contained).toBeGreaterThan(regions.length); // the comparison covered real containments too
  });

  it("a county is within itself only among counties; tiers and provinces match", () => {
    expect(isWithin("330106", "330106")).toBe(true);
    expect(isWithin("330110", "330106")).toBe(false);
    expect(isWithin("429004", "420000")).toBe(true); // 仙桃, province-administered
    expect(isWithin("330106", "33010")).toBe(false);
    for (const r of regions) {
      expect(["national", "province", "city", "county"][tierOf(r.code)]).toBe(r.tier);
      if (r.tier !== "national") expect(provinceOf(r.code)).toBe(provinceByData(r.code)!.code);
    }
  });
});
