// The external-task workers of 探矿权采矿权登记: 确定登记机关, GIS叠加, 登记发证, 注销登记.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import { overlapWithLayer, parcelArea, validateParcelGeometry, describeIssue } from "../../../gis-components/index";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { loadLayerFile } from "../../shared/layers";
import { externalTaskHandler } from "../../shared/workers";
import { nextCertificateNumber } from "../certificateNumber";
import { registrationAuthority } from "../registrationAuthority";
import { miningRegistrationSettings, type MiningRegistrationSettings } from "../settings";

const PROCESS = "mining-right-registration";
export const TOPICS = ["mining-authority", "mining-gis-overlap", "mining-certificate", "mining-register"];

const ha = (m2: number) => Math.round(m2 / 100) / 100;

export async function checkMiningArea(area: unknown, settings: MiningRegistrationSettings): Promise<Record<string, unknown>> {
  const issues = validateParcelGeometry(area);
  if (issues.length) throw new Error(`矿区范围图形无效 invalid area: ${issues.map(describeIssue).join("; ")}`);
  const [redline, rights] = await Promise.all([loadLayerFile(settings.layers.ecologicalRedline), loadLayerFile(settings.layers.existingRights)]);
  const total = parcelArea(area as never);
  const redlineM2 = overlapWithLayer(area as never, redline as never).overlap.squareMetres;
  const rightsM2 = overlapWithLayer(area as never, rights as never).overlap.squareMetres;
  const conflicts = [
    ...(redlineM2 > 0.01 ? [`与生态保护红线重叠 ${ha(redlineM2)} 公顷`] : []),
    ...(rightsM2 > 0.01 ? [`与已设矿业权重叠 ${ha(rightsM2)} 公顷`] : []),
  ];
  return {
    areaM2: total.squareMetres,
    ecologicalRedlineM2: redlineM2,
    existingRightsM2: rightsM2,
    areaConflict: conflicts.length > 0,
    gisSummary: `范围面积 ${ha(total.squareMetres)} 公顷；${conflicts.length ? conflicts.join("；") : "未压覆生态保护红线，与已设矿业权无重叠"}`,
  };
}

async function issuedNumbers(connection: WorkerConnection): Promise<string[]> {
  const res = await fetch(`${connection.engineRestUrl}/history/variable-instance?variableName=certificateNumber`, {
    headers: { authorization: `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`, "utf8").toString("base64")}` },
  });
  if (!res.ok) throw new Error(`reading issued certificate numbers failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { value: unknown }[]).map((r) => String(r.value ?? ""));
}

export function subscribeMiningWorkers(client: Client, connection: WorkerConnection, options: FlowWorkerOptions = {}): void {
  const settings = miningRegistrationSettings(options.settings);
  client.subscribe("mining-authority", { variables: ["mineral", "countyCode"], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => ({ ...registrationAuthority(task.variables.get("mineral"), task.variables.get("countyCode"), settings) })));

  client.subscribe("mining-gis-overlap", { variables: ["area"], processDefinitionKey: PROCESS },
    externalTaskHandler(async (task: ExternalTask) => {
      const area = task.variables.get("area");
      if (area == null) throw new Error("process variable 'area' (勘查区/矿区范围) is missing");
      return checkMiningArea(typeof area === "string" ? JSON.parse(area) : area, settings);
    }));

  // One certificate at a time in this worker, so two cases never draw the same sequence number here.
  let issuing = Promise.resolve();
  client.subscribe("mining-certificate", { variables: ["rightType", "registrationRegion", "decisionDate", "validityYears"], processDefinitionKey: PROCESS },
    async ({ task, taskService }) => {
      const run = issuing.then(() => externalTaskHandler(async (t: ExternalTask) => {
        const v = t.variables.getAll();
        const year = new Date(String(v.decisionDate)).getFullYear();
        const number = nextCertificateNumber(v.rightType, v.registrationRegion, year, await issuedNumbers(connection));
        const validFrom = new Date(String(v.decisionDate));
        const validUntil = new Date(validFrom);
        validUntil.setFullYear(validUntil.getFullYear() + Number(v.validityYears));
        return { certificateNumber: number, validFrom: validFrom.toISOString().slice(0, 10), validUntil: validUntil.toISOString().slice(0, 10) };
      })({ task, taskService }));
      issuing = run.catch(() => undefined);
      await run;
    });

  client.subscribe("mining-register", { variables: ["existingLicenceNumber", "cancelReason"], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => {
      const licence = String(task.variables.get("existingLicenceNumber") ?? "");
      if (!/^[TC]\d{10,}$/.test(licence)) throw new Error(`注销登记: '${licence}' is not a licence number (T/C + digits)`);
      return { registerEntry: `注销 ${licence}(${String(task.variables.get("cancelReason"))})`, cancelledLicenceNumber: licence };
    }));
}

