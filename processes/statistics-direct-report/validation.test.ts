import { describe, expect, it } from "vitest";
import { buildSubmissionPackage, canonicalJson } from "./submissionPackage";
import { validateLandUseReport } from "./validation";

const good = { totalAreaHa: 100, agriculturalHa: 60, cultivatedHa: 30, constructionHa: 35, unusedHa: 5, newConstructionHa: 2 };

describe("land-use change report checks", () => {
  it("accepts balanced figures, within a 0.01 ha rounding tolerance", () => {
    expect(validateLandUseReport(good)).toEqual([]);
    expect(validateLandUseReport({ ...good, unusedHa: 5.01 })).toEqual([]);
  });

  it("names each broken relation", () => {
    expect(validateLandUseReport({ ...good, unusedHa: 6 })).toEqual(["农用地 + 建设用地 + 未利用地 = 101.00 公顷，不等于行政区域总面积 100.00 公顷"]);
    expect(validateLandUseReport({ ...good, cultivatedHa: 61 })).toEqual(["耕地 61.00 公顷大于农用地 60.00 公顷"]);
    expect(validateLandUseReport({ ...good, newConstructionHa: 36 })).toEqual(["本年新增建设用地 36.00 公顷大于建设用地 35.00 公顷"]);
    expect(validateLandUseReport({ ...good, unusedHa: -1 })).toEqual(["unusedHa 不能为负数 (negative)"]);
    expect(validateLandUseReport({ ...good, totalAreaHa: "100" })).toEqual(["totalAreaHa 缺失或不是数字 (missing or not a number)"]);
  });

  it("checksums the package over canonical JSON, independent of key order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const a = buildSubmissionPackage({ reportType: "land-use-change", reportPeriod: "2025", countyCode: "330106", ...good });
    const b = buildSubmissionPackage({ countyCode: "330106", reportPeriod: "2025", reportType: "land-use-change", ...good });
    expect(a.submissionChecksum).toBe(b.submissionChecksum);
    expect(buildSubmissionPackage({ reportType: "land-use-change", reportPeriod: "2025", countyCode: "330106", ...good, unusedHa: 6 }).submissionChecksum).not.toBe(a.submissionChecksum);
  });
});
