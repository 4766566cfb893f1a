// The external-task workers of 土地整治项目: 新增耕地核算 (GIS) and 新增耕地核定报备.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import path from "node:path";
import { describeIssue, overlapWithLayer, parcelArea, validateParcelGeometry } from "../../../gis-components/index";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { loadLayerFile } from "../../shared/layers";
import { externalTaskHandler } from "../../shared/workers";

const PROCESS = "land-consolidation-project";
export const TOPICS = ["consolidation-gis", "consolidation-filing"];

export interface ConsolidationSettings {
  /** the survey must show at least this share of the planned new cultivated land */
  planShare: number;
  /** cultivated land before the project (国土调查): patches on it are not new */
  existingCultivatedLayer: string;
}

export const DEFAULT_SETTINGS: ConsolidationSettings = {
  planShare: 0.95,
  existingCultivatedLayer: path.resolve(import.meta.dirname, "../data/existing-cultivated.geojson"),
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/** New cultivated land = surveyed patches minus what was cultivated before (dissolved, so overlaps count once). */
export async function measureNewCultivatedLand(patches: unknown, plannedHa: number, settings: ConsolidationSettings) {
  const issues = validateParcelGeometry(patches);
  if (issues.length) throw new Error(`实测图斑无效 invalid survey patches: ${issues.map(describeIssue).join("; ")}`);
  if (!(plannedHa > 0)) throw new Error(`plannedNewCultivatedHa must be positive, got ${String(plannedHa)}`);
  const surveyed = parcelArea(patches as never);
  const existing = overlapWithLayer(patches as never, (await loadLayerFile(settings.existingCultivatedLayer)) as never).overlap;
  const newM2 = Math.max(0, surveyed.squareMetres - existing.squareMetres);
  const newHa = newM2 / 10_000;
  const meetsPlan = newHa >= plannedHa * settings.planShare;
  return {
    surveyedHa: surveyed.hectares, existingCultivatedHa: existing.hectares, newCultivatedM2: newM2, newCultivatedHa: newHa, newCultivatedMu: newM2 / (10_000 / 15),
    meetsPlan,
    gisSummary: `实测耕地 ${round2(surveyed.hectares)} 公顷，其中原有耕地 ${round2(existing.hectares)} 公顷，新增耕地 ${round2(newHa)} 公顷(${round2(newM2 / (10_000 / 15))} 亩)；` +
      `计划新增 ${round2(plannedHa)} 公顷，${meetsPlan ? "达到" : "未达到"}计划的 ${Math.round(settings.planShare * 100)}%`,
  };
}

export function subscribeConsolidationWorkers(client: Client, _connection: WorkerConnection, options: FlowWorkerOptions = {}): void {
  const settings: ConsolidationSettings = { ...DEFAULT_SETTINGS, ...(options.settings as Partial<ConsolidationSettings> | undefined) };
  client.subscribe("consolidation-gis", { variables: ["completionPatches", "plannedNewCultivatedHa"], processDefinitionKey: PROCESS },
    externalTaskHandler(async (task: ExternalTask) => {
      const patches = task.variables.get("completionPatches");
      if (patches == null) throw new Error("process variable 'completionPatches' (实测耕地图斑) is missing");
      return measureNewCultivatedLand(typeof patches === "string" ? JSON.parse(patches) : patches, Number(task.variables.get("plannedNewCultivatedHa")), settings);
    }));
  client.subscribe("consolidation-filing", { variables: ["countyCode", "cityAcceptanceDate", "newCultivatedHa"], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => {
      const v = task.variables.getAll();
      const year = new Date(String(v.cityAcceptanceDate)).getFullYear();
      if (!Number.isFinite(year)) throw new Error(`cityAcceptanceDate '${String(v.cityAcceptanceDate)}' is not a date`);
      if (!task.businessKey) throw new Error("the project has no business key (项目编号)");
      return { filingNumber: `XZGD-${String(v.countyCode)}-${year}-${task.businessKey}`, filedNewCultivatedHa: Number(v.newCultivatedHa) };
    }));
}
