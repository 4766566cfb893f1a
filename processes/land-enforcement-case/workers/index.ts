// The external-task workers of 土地执法监察: 立案登记 (case number, decision deadline) and 违法用地GIS分析.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import { describeIssue, overlapWithLayer, parcelArea, regionByCode, validateParcelGeometry } from "../../../gis-components/index";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { loadLayerFile } from "../../shared/layers";
import { externalTaskHandler } from "../../shared/workers";
import { assessCase, decisionDeadline, nextCaseNumber } from "../caseRules";
import { landEnforcementSettings } from "../settings";

const PROCESS = "land-enforcement-case";
export const TOPICS = ["enforcement-filing", "enforcement-gis"];

const round2 = (n: number) => Math.round(n * 100) / 100;

async function existingCaseNumbers(connection: WorkerConnection): Promise<string[]> {
  const res = await fetch(`${connection.engineRestUrl}/history/variable-instance?variableName=caseNumber`, {
    headers: { authorization: `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`, "utf8").toString("base64")}` },
  });
  if (!res.ok) throw new Error(`reading case numbers failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { value: unknown }[]).map((r) => String(r.value ?? ""));
}

export function subscribeEnforcementWorkers(client: Client, connection: WorkerConnection, options: FlowWorkerOptions = {}): void {
  const settings = landEnforcementSettings(options.settings);

  let numbering = Promise.resolve(); // one number at a time in this worker
  const filing = externalTaskHandler(async (task: ExternalTask) => {
    const countyCode = String(task.variables.get("countyCode"));
    const county = regionByCode(countyCode);
    if (!county) throw new Error(`countyCode '${countyCode}' is not a GB/T 2260 region code`);
    const filingDate = String(task.variables.get("filingDate") ?? "");
    const deadline = decisionDeadline(filingDate, settings.decisionDays);
    return { caseNumber: nextCaseNumber(county.name, Number(filingDate.slice(0, 4)), await existingCaseNumbers(connection)), decisionDeadline: deadline };
  });
  client.subscribe("enforcement-filing", { variables: ["countyCode", "filingDate"], processDefinitionKey: PROCESS }, async (args) => {
    const run = numbering.then(() => filing(args));
    numbering = run.catch(() => undefined);
    await run;
  });

  client.subscribe("enforcement-gis", { variables: ["parcel", "countyCode", "proposedPenalty", "fineAmount"], processDefinitionKey: PROCESS },
    externalTaskHandler(async (task: ExternalTask) => {
      const v = task.variables.getAll();
      const parcel = typeof v.parcel === "string" ? JSON.parse(v.parcel) : v.parcel;
      const issues = validateParcelGeometry(parcel);
      if (issues.length) throw new Error(`违法占地范围图形无效 invalid parcel: ${issues.map(describeIssue).join("; ")}`);
      const farmland = overlapWithLayer(parcel, (await loadLayerFile(settings.layers.basicFarmland)) as never).overlap;
      const area = parcelArea(parcel);
      const assessment = assessCase({ illegalAreaMu: area.mu, farmlandMu: farmland.mu, proposedPenalty: String(v.proposedPenalty),
        fineAmount: Number(v.fineAmount), countyCode: String(v.countyCode) }, settings);
      return {
        illegalAreaM2: area.squareMetres, illegalAreaMu: area.mu, farmlandOccupiedM2: farmland.squareMetres, farmlandOccupiedMu: farmland.mu,
        ...assessment,
        gisSummary: `违法占地 ${round2(area.mu)} 亩(${round2(area.hectares)} 公顷)，其中永久基本农田 ${round2(farmland.mu)} 亩` +
          `${assessment.majorCase ? "；重大案件" : ""}${assessment.hearingRight ? "；当事人可申请听证" : ""}` +
          `${assessment.criminalReferral ? "；占用永久基本农田五亩以上，应移送公安机关" : ""}`,
      };
    }));
}
