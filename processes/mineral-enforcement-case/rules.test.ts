import { describe, expect, it } from "vitest";
import { assessIllegalMining, DEFAULT_SETTINGS, nextMineralCaseNumber } from "./rules";

describe("illegal mining rules", () => {
  it("values the minerals, proposes a fine and refers from 100 000 yuan", () => {
    expect(assessIllegalMining({ minedTonnes: 2000, pricePerTonne: 30, outsideM2: 10, violationType: "out-of-bounds" }, DEFAULT_SETTINGS))
      .toEqual({ mineralValueYuan: 60_000, proposedFineYuan: 18_000, criminalReferral: false });
    expect(assessIllegalMining({ minedTonnes: 4000, pricePerTonne: 25, outsideM2: 10, violationType: "unlicensed" }, DEFAULT_SETTINGS).criminalReferral).toBe(true);
    expect(assessIllegalMining({ minedTonnes: 3999, pricePerTonne: 25, outsideM2: 10, violationType: "unlicensed" }, DEFAULT_SETTINGS).criminalReferral).toBe(false);
  });

  it("refuses contradictions and bad numbers", () => {
    expect(() => assessIllegalMining({ minedTonnes: 1, pricePerTonne: 1, outsideM2: 0, violationType: "out-of-bounds" }, DEFAULT_SETTINGS)).toThrow(/inside the licensed area/);
    expect(() => assessIllegalMining({ minedTonnes: -1, pricePerTonne: 1, outsideM2: 5, violationType: "unlicensed" }, DEFAULT_SETTINGS)).toThrow(/minedTonnes/);
  });

  it("numbers mineral cases apart from land cases", () => {
    expect(nextMineralCaseNumber("西湖区", 2026, ["西湖区自然资执立〔2026〕5号", "西湖区自然资矿立〔2026〕2号"])).toBe("西湖区自然资矿立〔2026〕3号");
  });
});
