// Which authority approves (审批机关): the State Council when the expropriation takes any 永久基本农田, more
// than 35 ha of 耕地 or more than 70 ha of other land (土地管理法 第四十六条); otherwise the province.
// Provinces entrusted by the State Council (试点委托) decide those cases themselves.
import { OVERLAP_NOISE_SQUARE_METRES } from "../../forms/index";
import { SQUARE_METRES_PER_HECTARE } from "../../gis-components/index";
import type { ConstructionLandSettings } from "./settings";

export interface LandFigures {
  basicFarmlandM2: number;
  cultivatedM2: number;
  otherLandM2: number;
  provinceCode: string;
}

export interface TierDecision {
  approvalTier: "national" | "province";
  /** the case meets a State Council threshold (whoever decides it) */
  stateCouncilThresholdMet: boolean;
  /** decided by the province under the State Council's entrustment */
  delegatedToProvince: boolean;
  /** the thresholds met, in Chinese */
  reasons: string[];
}

export function decideApprovalTier(figures: LandFigures, settings: Pick<ConstructionLandSettings, "delegatedProvinces" | "cultivatedThresholdHa" | "otherLandThresholdHa">): TierDecision {
  for (const [name, value] of Object.entries(figures)) {
    if (name !== "provinceCode" && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      throw new Error(`decideApprovalTier: ${name} must be a non-negative number of square metres, got ${String(value)}`);
    }
  }
  const reasons: string[] = [];
  // a sliver below the noise level is a digitising artefact, not an occupation of farmland
  if (figures.basicFarmlandM2 > OVERLAP_NOISE_SQUARE_METRES) reasons.push("占用永久基本农田");
  if (figures.cultivatedM2 > settings.cultivatedThresholdHa * SQUARE_METRES_PER_HECTARE) reasons.push(`耕地超过${settings.cultivatedThresholdHa}公顷`);
  if (figures.otherLandM2 > settings.otherLandThresholdHa * SQUARE_METRES_PER_HECTARE) reasons.push(`其他土地超过${settings.otherLandThresholdHa}公顷`);
  const stateCouncilThresholdMet = reasons.length > 0;
  const delegatedToProvince = stateCouncilThresholdMet && settings.delegatedProvinces.includes(figures.provinceCode);
  return {
    approvalTier: stateCouncilThresholdMet && !delegatedToProvince ? "national" : "province",
    stateCouncilThresholdMet,
    delegatedToProvince,
    reasons,
  };
}
