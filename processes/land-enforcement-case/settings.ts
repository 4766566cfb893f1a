// Settings a deployer may change for 土地执法监察 (see README.md). Items marked (?) are set by each province.
import path from "node:path";

export interface LandEnforcementSettings {
  /** 较大数额罚款: fines from this amount (yuan) give the party the right to a hearing (?). */
  largeFineYuan: number;
  /** penalties that always give the right to a hearing (行政处罚法 第六十三条) */
  hearingPenalties: string[];
  /** 重大案件: illegal occupation from this many 亩 (?) adds the city's review to the countersign. */
  majorCaseMu: number;
  /** 永久基本农田 from this many 亩: suggest a criminal referral (刑法 第三百四十二条, 司法解释: 基本农田五亩以上). */
  criminalReferralFarmlandMu: number;
  /** days from 立案 to the penalty decision (自然资源行政处罚办法: 90 days) */
  decisionDays: number;
  layers: { basicFarmland: string };
}

export const DEFAULT_SETTINGS: LandEnforcementSettings = {
  largeFineYuan: 100_000,
  hearingPenalties: ["demolition", "confiscation"],
  majorCaseMu: 15,
  criminalReferralFarmlandMu: 5,
  decisionDays: 90,
  layers: { basicFarmland: path.resolve(import.meta.dirname, "../../gis-components/sample-layers/basic-farmland.geojson") },
};

export function landEnforcementSettings(overrides: Record<string, unknown> = {}): LandEnforcementSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides, layers: { ...DEFAULT_SETTINGS.layers, ...(overrides.layers as object | undefined) } } as LandEnforcementSettings;
  for (const key of ["largeFineYuan", "majorCaseMu", "criminalReferralFarmlandMu", "decisionDays"] as const) {
    if (typeof s[key] !== "number" || !(s[key] > 0)) throw new Error(`land-enforcement-case setting ${key} must be a positive number`);
  }
  return s;
}
