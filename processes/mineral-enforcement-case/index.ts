// 矿产资源执法监察 — Mineral enforcement case: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeMineralEnforcementWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const mineralEnforcementCase: FlowEntry = {
  key: "mineral-enforcement-case",
  name: "矿产资源执法监察",
  nameEn: "Mineral enforcement case",
  dir,
  bpmn: path.join(dir, "mineral-enforcement-case.bpmn"),
  forms: flowForms(dir, ["mec-clue", "mec-verify", "mec-filing", "mec-investigate", "mec-transfer", "mec-notice", "mec-hearing", "mec-decision", "mec-execute", "mec-close"]),
  topics: TOPICS,
  subscribeWorkers: subscribeMineralEnforcementWorkers,
};
