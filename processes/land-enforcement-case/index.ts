// 土地执法监察 — Land enforcement case: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeEnforcementWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const landEnforcementCase: FlowEntry = {
  key: "land-enforcement-case",
  name: "土地执法监察",
  nameEn: "Land enforcement case",
  dir,
  bpmn: path.join(dir, "land-enforcement-case.bpmn"),
  forms: flowForms(dir, ["lec-clue", "lec-verify", "lec-filing", "lec-investigate", "lec-penalty-review", "lec-notice", "lec-hearing",
    "lec-decision", "lec-serve", "lec-execute", "lec-close"]),
  topics: TOPICS,
  subscribeWorkers: subscribeEnforcementWorkers,
};
