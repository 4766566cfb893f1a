// 建设用地审批 — Construction land approval: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeConstructionLandWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const constructionLandApproval: FlowEntry = {
  key: "construction-land-approval",
  name: "建设用地审批",
  nameEn: "Construction land approval",
  dir,
  bpmn: path.join(dir, "construction-land-approval.bpmn"),
  forms: flowForms(dir, [
    "cla-apply", "cla-accept", "cla-compensation-notice", "cla-county-review", "cla-city-review", "cla-province-review",
    "cla-countersign", "cla-province-decision", "cla-approval", "cla-publish",
  ]),
  topics: TOPICS,
  subscribeWorkers: subscribeConstructionLandWorkers,
};

export { decideApprovalTier } from "./approvalTier";
export { constructionLandSettings, DEFAULT_SETTINGS as CONSTRUCTION_LAND_DEFAULTS } from "./settings";
