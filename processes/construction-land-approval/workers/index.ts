// The external-task workers of 建设用地审批.
import type { Client } from "camunda-external-task-client-js";
import type { FlowWorkerOptions } from "../../shared/flow";
import type { WorkerAuth } from "../../shared/workers";
import { constructionLandSettings } from "../settings";
import { ARCHIVE_TOPIC, subscribeArchiveWorker } from "./archiveWorker";
import { COUNTERSIGN_SUMMARY_TOPIC, subscribeCountersignSummaryWorker } from "./countersignSummaryWorker";
import { GIS_OVERLAP_TOPIC, subscribeGisOverlapWorker } from "./gisOverlapWorker";

export const TOPICS = [GIS_OVERLAP_TOPIC, COUNTERSIGN_SUMMARY_TOPIC, ARCHIVE_TOPIC];

export function subscribeConstructionLandWorkers(client: Client, connection: { engineRestUrl: string; auth: WorkerAuth }, options: FlowWorkerOptions = {}): void {
  const settings = constructionLandSettings(options.settings);
  subscribeGisOverlapWorker(client, settings);
  subscribeCountersignSummaryWorker(client, connection.engineRestUrl, connection.auth);
  subscribeArchiveWorker(client);
}
