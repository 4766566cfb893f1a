// The external-task worker of 地质灾害应急: 灾情险情分级 (grades, response level, report deadline).
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { externalTaskHandler } from "../../shared/workers";
import { DEFAULT_GRADING, gradeHazard, type GradingSettings } from "../grading";

export const TOPICS = ["geohazard-grade"];

export function subscribeGeohazardWorkers(client: Client, _connection: WorkerConnection, options: FlowWorkerOptions = {}): void {
  const settings: GradingSettings = { reportHours: { ...DEFAULT_GRADING.reportHours, ...(options.settings?.reportHours as object | undefined) } };
  client.subscribe("geohazard-grade", { variables: ["deaths", "directLossYuan", "threatenedPeople", "potentialLossYuan", "reportedAt"], processDefinitionKey: "geohazard-emergency" },
    externalTaskHandler((task: ExternalTask) => {
      const v = task.variables.getAll();
      const reportedAt = new Date(String(v.reportedAt));
      if (Number.isNaN(reportedAt.getTime())) throw new Error(`reportedAt '${String(v.reportedAt)}' is not a date-time`);
      return gradeHazard({ deaths: Number(v.deaths ?? 0), directLossYuan: Number(v.directLossYuan ?? 0), threatenedPeople: Number(v.threatenedPeople ?? 0),
        potentialLossYuan: Number(v.potentialLossYuan ?? 0) }, settings, reportedAt);
    }));
}
