// 土地整治项目管理 — Land consolidation project: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeConsolidationWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const landConsolidationProject: FlowEntry = {
  key: "land-consolidation-project",
  name: "土地整治项目管理",
  nameEn: "Land consolidation project",
  dir,
  bpmn: path.join(dir, "land-consolidation-project.bpmn"),
  forms: flowForms(dir, ["lcp-apply", "lcp-approve", "lcp-design", "lcp-implement", "lcp-self-check", "lcp-county-acceptance", "lcp-city-acceptance"]),
  topics: TOPICS,
  subscribeWorkers: subscribeConsolidationWorkers,
};
