import { describe, expect, it } from "vitest";
import { assessCase, decisionDeadline, nextCaseNumber } from "./caseRules";
import { landEnforcementSettings } from "./settings";

const settings = landEnforcementSettings();
const base = { illegalAreaMu: 1, farmlandMu: 0, proposedPenalty: "fine", fineAmount: 1000, countyCode: "330106" };

describe("land enforcement case rules", () => {
  it("gives a hearing right for demolition, confiscation and large fines only", () => {
    expect(assessCase({ ...base, proposedPenalty: "demolition" }, settings).hearingRight).toBe(true);
    expect(assessCase({ ...base, proposedPenalty: "confiscation" }, settings).hearingRight).toBe(true);
    expect(assessCase({ ...base, fineAmount: 100_000 }, settings).hearingRight).toBe(true);
    expect(assessCase({ ...base, fineAmount: 99_999 }, settings).hearingRight).toBe(false);
  });

  it("makes farmland or large occupations major cases reviewed by the city, and suggests referral from 5 亩 of farmland", () => {
    expect(assessCase({ ...base, farmlandMu: 0.5 }, settings)).toMatchObject({ majorCase: true, criminalReferral: false, penaltyReviewGroups: ["leader@330106", "leader@330100"] });
    expect(assessCase({ ...base, farmlandMu: 5 }, settings).criminalReferral).toBe(true);
    expect(assessCase({ ...base, illegalAreaMu: 15 }, settings).majorCase).toBe(true);
    expect(assessCase(base, settings).penaltyReviewGroups).toEqual(["leader@330106"]);
    expect(() => assessCase({ ...base, fineAmount: -1 }, settings)).toThrow(/non-negative/);
  });

  it("numbers cases per county and year, and sets the decision 90 days after filing", () => {
    expect(nextCaseNumber("西湖区", 2026, [])).toBe("西湖区自然资执立〔2026〕1号");
    expect(nextCaseNumber("西湖区", 2026, ["西湖区自然资执立〔2026〕9号", "西湖区自然资执立〔2025〕30号", "余杭区自然资执立〔2026〕12号"])).toBe("西湖区自然资执立〔2026〕10号");
    expect(decisionDeadline("2026-09-25", 90).toISOString()).toBe(new Date("2026-12-24T17:30:00+08:00").toISOString());
    expect(() => decisionDeadline("soon", 90)).toThrow(/not a date/);
  });
});
