// 评审备案机关 and 备案文号 of 矿产资源储量评审备案.
import { provinceOf, regionByCode } from "../../gis-components/index";

/** The ministry reviews reserves under a ministry-issued licence (licence region 000000); the province
 *  the rest, and every 压覆 (construction covering important minerals) in its territory. */
export function reviewAuthority(reason: string, licenceNumber: string | undefined, countyCode: string) {
  const province = provinceOf(countyCode);
  if (!province) throw new Error(`countyCode '${countyCode}' is not a GB/T 2260 region code`);
  if (reason !== "overlay") {
    const region = /^[TC](\d{6})\d{4,}$/.exec(licenceNumber ?? "")?.[1];
    if (!region) throw new Error(`licence number '${String(licenceNumber)}' is not T/C + region + digits`);
    if (region === "000000") return { reviewRegion: "000000", reviewAuthorityName: "自然资源部" };
    if (!regionByCode(region)) throw new Error(`licence number '${licenceNumber}' names an unknown region ${region}`);
  }
  return { reviewRegion: province.code, reviewAuthorityName: `${province.name}自然资源厅` };
}

const ABBREVIATIONS: Record<string, string> = { "000000": "自然资储备字", "330000": "浙自然资储备字", "420000": "鄂自然资储备字", "510000": "川自然资储备字", "110000": "京自然资储备字" };

/** 备案文号: <authority prefix>〔year〕N号, N after the highest of that prefix and year. */
export function nextFilingNumber(reviewRegion: string, year: number, existing: string[]): string {
  const prefix = `${ABBREVIATIONS[reviewRegion] ?? `${reviewRegion}储备字`}〔${year}〕`;
  const used = existing.filter((n) => n.startsWith(prefix)).map((n) => Number(/〕(\d+)号$/.exec(n)?.[1] ?? 0));
  return `${prefix}${(used.length ? Math.max(...used) : 0) + 1}号`;
}
