import { describe, expect, it } from "vitest";
import { nextFilingNumber, reviewAuthority } from "./rules";

describe("reserves rules", () => {
  it("sends ministry licences to the ministry, others and every 压覆 to the province", () => {
    expect(reviewAuthority("conversion", "C00000020200001", "330106")).toEqual({ reviewRegion: "000000", reviewAuthorityName: "自然资源部" });
    expect(reviewAuthority("change", "T33000020260001", "330106")).toEqual({ reviewRegion: "330000", reviewAuthorityName: "浙江省自然资源厅" });
    expect(reviewAuthority("overlay", undefined, "420106")).toEqual({ reviewRegion: "420000", reviewAuthorityName: "湖北省自然资源厅" });
  });

  it("refuses a malformed licence number or region", () => {
    expect(() => reviewAuthority("conversion", "33000020260001", "330106")).toThrow(/not T\/C/);
    expect(() => reviewAuthority("conversion", "T99990020260001", "330106")).toThrow(/unknown region 999900/);
    expect(() => reviewAuthority("overlay", undefined, "999999")).toThrow(/not a GB\/T 2260/);
  });

  it("numbers filings per authority and year", () => {
    expect(nextFilingNumber("330000", 2026, [])).toBe("浙自然资储备字〔2026〕1号");
    expect(nextFilingNumber("330000", 2026, ["浙自然资储备字〔2026〕4号", "浙自然资储备字〔2025〕9号", "自然资储备字〔2026〕7号"])).toBe("浙自然资储备字〔2026〕5号");
    expect(nextFilingNumber("000000", 2026, [])).toBe("自然资储备字〔2026〕1号");
  });
});
