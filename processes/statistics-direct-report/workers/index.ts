// The external-task workers of 统计网上直报: 数据校验 and 报送(数据交换包).
import type { Client, ExternalTask } from "camunda-external-task-client-js";
import type { FlowWorkerOptions, WorkerConnection } from "../../shared/flow";
import { externalTaskHandler } from "../../shared/workers";
import { buildSubmissionPackage } from "../submissionPackage";
import { INDICATORS, validateLandUseReport } from "../validation";

const PROCESS = "statistics-direct-report";
export const TOPICS = ["statistics-validate", "statistics-submit"];

export function subscribeStatisticsWorkers(client: Client, _connection: WorkerConnection, _options: FlowWorkerOptions = {}): void {
  client.subscribe("statistics-validate", { variables: [...INDICATORS], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => {
      const errors = validateLandUseReport(task.variables.getAll());
      return { validationPassed: errors.length === 0, validationErrors: errors };
    }));
  client.subscribe("statistics-submit", { variables: ["reportType", "reportPeriod", "countyCode", "confirmedBy", ...INDICATORS], processDefinitionKey: PROCESS },
    externalTaskHandler((task: ExternalTask) => buildSubmissionPackage(task.variables.getAll())));
}
