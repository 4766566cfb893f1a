import { describe, expect, it } from "vitest";
import { nextCertificateNumber } from "./certificateNumber";
import { registrationAuthority } from "./registrationAuthority";
import { miningRegistrationSettings } from "./settings";

const settings = miningRegistrationSettings();

describe("登记机关 registrationAuthority", () => {
  it("sends the 14 strategic minerals to the ministry, sand and gravel to the county, the rest to the province", () => {
    expect(registrationAuthority("lithium", "330106", settings)).toEqual({ registrationRegion: "000000", registrationTier: "national", registrationAuthorityName: "自然资源部" });
    expect(registrationAuthority("sand-gravel", "330106", settings)).toMatchObject({ registrationRegion: "330106", registrationTier: "county", registrationAuthorityName: "西湖区自然资源主管部门" });
    expect(registrationAuthority("fluorite", "420106", settings)).toMatchObject({ registrationRegion: "420000", registrationAuthorityName: "湖北省自然资源厅" });
    expect(settings.nationalMinerals).toHaveLength(14);
  });

  it("refuses unknown regions and a missing mineral", () => {
    expect(() => registrationAuthority("gold", "339999", settings)).toThrow(/not a GB\/T 2260 region code/);
    expect(() => registrationAuthority("", "330106", settings)).toThrow(/no mineral/);
  });
});

describe("许可证号 nextCertificateNumber", () => {
  it("numbers per prefix, region and year, after the highest issued", () => {
    expect(nextCertificateNumber("mining", "330000", 2026, [])).toBe("C33000020260001");
    expect(nextCertificateNumber("mining", "330000", 2026, ["C33000020260007", "C33000020260002", "T33000020260009", "C33000020250044"])).toBe("C33000020260008");
    expect(nextCertificateNumber("exploration", "330000", 2026, ["C33000020260007"])).toBe("T33000020260001");
  });

  it("refuses bad input", () => {
    expect(() => nextCertificateNumber("mining", "33", 2026, [])).toThrow(/region code/);
    expect(() => nextCertificateNumber("mining", "330000", Number.NaN, [])).toThrow(/year/);
    expect(() => nextCertificateNumber("mining", "330000", 2026, ["C33000020269999"])).toThrow(/no certificate numbers left/);
  });
});
