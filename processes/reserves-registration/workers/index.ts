// The external-task workers of 矿产资源储量评审备案: 确定评审备案机关 and 备案登记.
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { externalTaskHandler } from "../../shared/workers";
import { nextFilingNumber, reviewAuthority } from "../rules";

const PROCESS = "reserves-registration";
export const TOPICS = ["reserves-authority", "reserves-filing"];

async function existingNumbers(connection: WorkerConnection): Promise<string[]> {
  const res = await fetch(`${connection.engineRestUrl}/history/variable-instance?variableName=filingNumber`, {
    headers: { authorization: `Basic ${Buffer.from(`${connection.auth.username}:${connection.auth.password}`, "utf8").toString("base64")}` },
  });
  if (!res.ok) throw new Error(`reading filing numbers failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { value: unknown }[]).map((r) => String(r.value ?? ""));
}

export function subscribeReservesWorkers(client: Client, connection: WorkerConnection, _options: FlowWorkerOptions = {}): void {
  client.subscribe("reserves-authority", { variables: ["reason", "licenceNumber", "countyCode"], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => {
      const v = task.variables.getAll();
      return reviewAuthority(String(v.reason), v.licenceNumber as string | undefined, String(v.countyCode));
    }));
  let numbering = Promise.resolve(); // one number at a time in this worker
  const filing = externalTaskHandler(async (task: ExternalTask) => {
    const v = task.variables.getAll();
    const year = new Date(String(v.reviewDate)).getFullYear();
    if (!Number.isFinite(year)) throw new Error(`reviewDate '${String(v.reviewDate)}' is not a date`);
    return { filingNumber: nextFilingNumber(String(v.reviewRegion), year, await existingNumbers(connection)) };
  });
  client.subscribe("reserves-filing", { variables: ["reviewRegion", "reviewDate"], processDefinitionKey: PROCESS }, async (args) => {
    const run = numbering.then(() => filing(args));
    numbering = run.catch(() => undefined);
    await run;
  });
}
