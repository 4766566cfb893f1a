// 地质灾害应急 — Geohazard emergency: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeGeohazardWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const geohazardEmergency: FlowEntry = {
  key: "geohazard-emergency",
  name: "地质灾害应急处置",
  nameEn: "Geohazard emergency response",
  dir,
  bpmn: path.join(dir, "geohazard-emergency.bpmn"),
  forms: flowForms(dir, ["geo-alert", "geo-activate", "geo-team", "geo-report", "geo-supervise", "geo-command", "geo-expert", "geo-close"]),
  topics: TOPICS,
  subscribeWorkers: subscribeGeohazardWorkers,
};
