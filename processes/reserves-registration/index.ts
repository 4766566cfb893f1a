// 矿产资源储量评审备案 — Mineral reserves review and filing: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeReservesWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const reservesRegistration: FlowEntry = {
  key: "reserves-registration",
  name: "矿产资源储量评审备案",
  nameEn: "Mineral reserves review and filing",
  dir,
  bpmn: path.join(dir, "reserves-registration.bpmn"),
  forms: flowForms(dir, ["rr-apply", "rr-accept", "rr-correction", "rr-review", "rr-revise"]),
  topics: TOPICS,
  subscribeWorkers: subscribeReservesWorkers,
};
