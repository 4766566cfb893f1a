// 登记机关: the ministry registers the strategic minerals, the county the minerals the province leaves to
// it (砂石土), the province everything else.
import { provinceOf, regionByCode } from "../../gis-components/index";
import type { MiningRegistrationSettings } from "./settings";

export interface Authority {
  registrationRegion: string;
  registrationTier: "national" | "province" | "county";
  registrationAuthorityName: string;
}

export function registrationAuthority(mineral: string, countyCode: string, settings: Pick<MiningRegistrationSettings, "nationalMinerals" | "countyMinerals">): Authority {
  const county = regionByCode(countyCode);
  const province = provinceOf(countyCode);
  if (!county || !province) throw new Error(`countyCode '${countyCode}' is not a GB/T 2260 region code`);
  if (!mineral) throw new Error("the application names no mineral (矿种)");
  if (settings.nationalMinerals.includes(mineral)) {
    return { registrationRegion: "000000", registrationTier: "national", registrationAuthorityName: "自然资源部" };
  }
  if (settings.countyMinerals.includes(mineral)) {
    return { registrationRegion: county.code, registrationTier: "county", registrationAuthorityName: `${county.name}自然资源主管部门` };
  }
  return { registrationRegion: province.code, registrationTier: "province", registrationAuthorityName: `${province.name}自然资源厅` };
}
