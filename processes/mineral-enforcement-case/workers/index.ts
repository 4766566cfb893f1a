// The external-task workers of 矿产资源执法监察: 立案登记 and 越界面积与违法所得核算.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import path from "node:path";
import { describeIssue, overlapWithLayer, parcelArea, regionByCode, validateParcelGeometry } from "../../../gis-components/index";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { loadLayerFile } from "../../shared/layers";
import { externalTaskHandler } from "../../shared/workers";
import { assessIllegalMining, DEFAULT_SETTINGS, nextMineralCaseNumber, type MineralEnforcementSettings } from "../rules";

const PROCESS = "mineral-enforcement-case";
export const TOPICS = ["mineral-enforcement-filing", "mineral-enforcement-assess"];
const LICENSED_AREAS = path.resolve(import.meta.dirname, "../data/licensed-areas.geojson");

async function existingNumbers(connection: WorkerConnection): Promise<string[]> {
  const res = await fetch(`${connection.engineRestUrl}/history/variable-instance?variableName=caseNumber`, {
    headers: { authorization: `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`, "utf8").toString("base64")}` },
  });
  if (!res.ok) throw new Error(`reading case numbers failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { value: unknown }[]).map((r) => String(r.value ?? ""));
}

export function subscribeMineralEnforcementWorkers(client: Client, connection: WorkerConnection, options: FlowWorkerOptions = {}): void {
  const settings: MineralEnforcementSettings = { ...DEFAULT_SETTINGS, ...(options.settings as Partial<MineralEnforcementSettings> | undefined) };
  const licensedLayer = String(options.settings?.licensedAreasLayer ?? LICENSED_AREAS);
  let numbering = Promise.resolve(); // one number at a time in this worker
  const filing = externalTaskHandler(async (task: ExternalTask) => {
    const county = regionByCode(String(task.variables.get("countyCode")));
    if (!county) throw new Error(`countyCode '${String(task.variables.get("countyCode"))}' is not a GB/T 2260 region code`);
    const year = Number(String(task.variables.get("filingDate") ?? "").slice(0, 4));
    if (!(year > 2000)) throw new Error(`filingDate '${String(task.variables.get("filingDate"))}' is not a date`);
    return { caseNumber: nextMineralCaseNumber(county.name, year, await existingNumbers(connection)) };
  });
  client.subscribe("mineral-enforcement-filing", { variables: ["countyCode", "filingDate"], processDefinitionKey: PROCESS }, async (args) => {
    const run = numbering.then(() => filing(args));
    numbering = run.catch(() => undefined);
    await run;
  });
  client.subscribe("mineral-enforcement-assess", { variables: ["minedArea", "minedTonnes", "pricePerTonne", "violationType"], processDefinitionKey: PROCESS },
    externalTaskHandler(async (task: ExternalTask) => {
      const v = task.variables.getAll();
      const area = typeof v.minedArea === "string" ? JSON.parse(v.minedArea) : v.minedArea;
      const issues = validateParcelGeometry(area);
      if (issues.length) throw new Error(`开采范围图形无效 invalid mined area: ${issues.map(describeIssue).join("; ")}`);
      const total = parcelArea(area);
      const inside = overlapWithLayer(area, (await loadLayerFile(licensedLayer)) as never).overlap;
      // 无证开采: everything mined is outside any licence; 越界开采: the part outside the licensed area
      const outsideM2 = v.violationType === "unlicensed" ? total.squareMetres : Math.max(0, total.squareMetres - inside.squareMetres);
      const assessment = assessIllegalMining({ minedTonnes: Number(v.minedTonnes), pricePerTonne: Number(v.pricePerTonne), outsideM2, violationType: String(v.violationType) }, settings);
      return {
        minedAreaM2: total.squareMetres, outsideLicenceM2: outsideM2, ...assessment,
        assessmentSummary: `开采范围 ${(total.squareMetres / 10_000).toFixed(2)} 公顷，其中许可范围外 ${(outsideM2 / 10_000).toFixed(2)} 公顷；矿产品价值 ${assessment.mineralValueYuan} 元` +
          (assessment.criminalReferral ? "，达到非法采矿罪追诉标准，应移送公安机关" : `，拟罚款 ${assessment.proposedFineYuan} 元`),
      };
    }));
}
