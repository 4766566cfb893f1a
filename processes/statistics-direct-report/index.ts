// 自然资源统计网上直报 — Statistics direct reporting: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeStatisticsWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const statisticsDirectReport: FlowEntry = {
  key: "statistics-direct-report",
  name: "自然资源统计网上直报",
  nameEn: "Statistics direct reporting",
  dir,
  bpmn: path.join(dir, "statistics-direct-report.bpmn"),
  forms: flowForms(dir, ["stat-assign", "stat-fill", "stat-urge", "stat-city-review", "stat-province-confirm"]),
  topics: TOPICS,
  subscribeWorkers: subscribeStatisticsWorkers,
};
