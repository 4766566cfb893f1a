// 探矿权采矿权登记 — Mining and exploration right registration: the flow's registry entry.
import path from "node:path";
import { flowForms, type FlowEntry } from "../shared/flow";
import { subscribeMiningWorkers, TOPICS } from "./workers/index";

const dir = import.meta.dirname;

export const miningRightRegistration: FlowEntry = {
  key: "mining-right-registration",
  name: "探矿权采矿权登记",
  nameEn: "Mining and exploration right registration",
  dir,
  bpmn: path.join(dir, "mining-right-registration.bpmn"),
  forms: flowForms(dir, ["mrr-apply", "mrr-accept", "mrr-correction", "mrr-cancel-review", "mrr-refusal", "mrr-review", "mrr-decision",
    "mrr-publicity", "mrr-objection", "mrr-collect"]),
  topics: TOPICS,
  subscribeWorkers: subscribeMiningWorkers,
};
