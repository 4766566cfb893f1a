import { describe, expect, it } from "vitest";
import { decideApprovalTier } from "./approvalTier";
import { constructionLandSettings } from "./settings";

const HA = 10_000;
const notDelegated = constructionLandSettings({ delegatedProvinces: [] });
const figures = (f: Partial<{ basicFarmlandM2: number; cultivatedM2: number; otherLandM2: number; provinceCode: string }>) =>
  ({ basicFarmlandM2: 0, cultivatedM2: 0, otherLandM2: 0, provinceCode: "420000", ...f });

describe("decideApprovalTier (土地管理法 第四十六条)", () => {
  it("keeps exactly 35 ha of cultivated land and exactly 70 ha of other land with the province (超过 = strictly more)", () => {
    expect(decideApprovalTier(figures({ cultivatedM2: 35 * HA, otherLandM2: 70 * HA }), notDelegated))
      .toEqual({ approvalTier: "province", stateCouncilThresholdMet: false, delegatedToProvince: false, reasons: [] });
  });

  it("sends 35 ha plus one square metre of cultivated land to the State Council", () => {
    const d = decideApprovalTier(figures({ cultivatedM2: 35 * HA + 1 }), notDelegated);
    expect(d.approvalTier).toBe("national");
    expect(d.reasons).toEqual(["耕地超过35公顷"]);
  });

  it("sends more than 70 ha of other land to the State Council", () => {
    expect(decideApprovalTier(figures({ otherLandM2: 70 * HA + 1 }), notDelegated).reasons).toEqual(["其他土地超过70公顷"]);
  });

  it("sends any 永久基本农田 to the State Council, but ignores a digitising sliver of 0.01 m²", () => {
    expect(decideApprovalTier(figures({ basicFarmlandM2: 1 }), notDelegated).approvalTier).toBe("national");
    expect(decideApprovalTier(figures({ basicFarmlandM2: 0.005 }), notDelegated).approvalTier).toBe("province");
  });

  it("lets an entrusted pilot province decide State Council cases, and only its own", () => {
    const settings = constructionLandSettings({ delegatedProvinces: ["330000"] });
    expect(decideApprovalTier(figures({ basicFarmlandM2: 5 * HA, provinceCode: "330000" }), settings))
      .toEqual({ approvalTier: "province", stateCouncilThresholdMet: true, delegatedToProvince: true, reasons: ["占用永久基本农田"] });
    expect(decideApprovalTier(figures({ basicFarmlandM2: 5 * HA, provinceCode: "420000" }), settings).approvalTier).toBe("national");
  });

  it("uses configured thresholds and refuses nonsense", () => {
    const strict = constructionLandSettings({ delegatedProvinces: [], cultivatedThresholdHa: 10 });
    expect(decideApprovalTier(figures({ cultivatedM2: 11 * HA }), strict).reasons).toEqual(["耕地超过10公顷"]);
    expect(() => decideApprovalTier(figures({ cultivatedM2: Number.NaN }), notDelegated)).toThrow(/cultivatedM2 must be a non-negative number/);
    expect(() => constructionLandSettings({ delegatedProvinces: ["330106"] })).toThrow(/province codes/);
    expect(() => constructionLandSettings({ otherLandThresholdHa: -1 })).toThrow(/otherLandThresholdHa/);
  });
});
