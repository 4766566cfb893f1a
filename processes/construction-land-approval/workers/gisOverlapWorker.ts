// Topic `land-gis-overlap` (GIS叠加分析): overlays the parcel on 永久基本农田, 生态保护红线 and 耕地 with
// gis-components — the same functions the clerk's parcelMap showed — and sets the figures and the
// approval tier the gateway 「审批机关」 reads.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import { describeIssue, overlapWithLayer, parcelArea, provinceOf, validateParcelGeometry } from "../../../gis-components/index";
import { loadLayerFile } from "../../shared/layers";
import { externalTaskHandler } from "../../shared/workers";
import { decideApprovalTier } from "../approvalTier";
import type { ConstructionLandSettings } from "../settings";

export const GIS_OVERLAP_TOPIC = "land-gis-overlap";

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function analyseParcel(parcel: unknown, countyCode: string, settings: ConstructionLandSettings): Promise<Record<string, unknown>> {
  const issues = validateParcelGeometry(parcel);
  if (issues.length) throw new Error(`用地范围图形无效 invalid parcel: ${issues.map((i) => describeIssue(i)).join("; ")}`);
  const province = provinceOf(countyCode)?.code;
  if (!province) throw new Error(`countyCode '${countyCode}' is not a GB/T 2260 region code`);
  const [farmlandLayer, redlineLayer, cultivatedLayer] = await Promise.all([
    loadLayerFile(settings.layers.basicFarmland), loadLayerFile(settings.layers.ecologicalRedline), loadLayerFile(settings.layers.cultivatedLand),
  ]);
  const area = parcelArea(parcel as never);
  const farmland = overlapWithLayer(parcel as never, farmlandLayer as never).overlap;
  const redline = overlapWithLayer(parcel as never, redlineLayer as never).overlap;
  const cultivated = overlapWithLayer(parcel as never, cultivatedLayer as never).overlap;
  const otherM2 = Math.max(0, area.squareMetres - cultivated.squareMetres);
  const tier = decideApprovalTier({ basicFarmlandM2: farmland.squareMetres, cultivatedM2: cultivated.squareMetres, otherLandM2: otherM2, provinceCode: province }, settings);
  const ha = (m2: number) => round(m2 / 10_000, 4);
  const summary = [
    `用地面积 ${ha(area.squareMetres)} 公顷(${round(area.mu, 2)} 亩)`,
    `其中耕地 ${ha(cultivated.squareMetres)} 公顷，其他土地 ${ha(otherM2)} 公顷`,
    `占用永久基本农田 ${ha(farmland.squareMetres)} 公顷`,
    `压占生态保护红线 ${ha(redline.squareMetres)} 公顷`,
    tier.stateCouncilThresholdMet
      ? `达到国务院审批标准(${tier.reasons.join("、")})${tier.delegatedToProvince ? "，依委托由省级人民政府审批" : "，报国务院审批"}`
      : "由省级人民政府审批",
  ].join("；");
  return {
    parcelAreaM2: area.squareMetres,
    parcelAreaMu: area.mu,
    parcelAreaHa: area.hectares,
    basicFarmlandM2: farmland.squareMetres,
    ecologicalRedlineM2: redline.squareMetres,
    redlineConflict: redline.squareMetres > 0.01,
    cultivatedM2: cultivated.squareMetres,
    otherLandM2: otherM2,
    approvalTier: tier.approvalTier,
    stateCouncilThresholdMet: tier.stateCouncilThresholdMet,
    delegatedToProvince: tier.delegatedToProvince,
    tierReasons: tier.reasons,
    countersignDepartments: settings.countersignDepartments,
    gisSummary: summary,
  };
}

export function subscribeGisOverlapWorker(client: Client, settings: ConstructionLandSettings): void {
  client.subscribe(GIS_OVERLAP_TOPIC, { variables: ["parcel", "countyCode"], processDefinitionKey: "construction-land-approval" },
    externalTaskHandler(async (task: ExternalTask) => {
      const parcel = task.variables.get("parcel");
      const countyCode = task.variables.get("countyCode");
      if (parcel == null) throw new Error("process variable 'parcel' (用地范围) is missing");
      if (typeof countyCode !== "string") throw new Error("process variable 'countyCode' is missing");
      return analyseParcel(typeof parcel === "string" ? JSON.parse(parcel) : parcel, countyCode, settings);
    }));
}
