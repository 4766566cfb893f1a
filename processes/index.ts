// Public surface of processes/: the registry of business flows, their deployment resources, their workers,
// and the expression functions their candidate groups use (`land-reviewer@${cityOf(countyCode)}`).
import type { DeployOptions, Deployment } from "../engine";
import { deploymentResources, type FlowEntry } from "./shared/flow";
import type { WorkerAuth } from "./shared/workers";
import { FLOWS } from "./registry";
import { startFlowWorkers, type RunningWorkers, type StartWorkersOptions } from "./workers";

export { FLOWS } from "./registry";
export { deploymentResources, deployFlowOverHttp, readForm, FORM_KEY_PREFIX, type FlowEntry, type FlowForm } from "./shared/flow";
export { flowExpressionFunctions, cityOf, provinceOf } from "./shared/regions";
export type { WorkerAuth } from "./shared/workers";
export type { RunningWorkers, StartWorkersOptions } from "./workers";

export function flowByKey(key: string): FlowEntry | undefined {
  return FLOWS.find((f) => f.key === key);
}

/** Templates for GET /api/templates: key, names, BPMN path, forms and worker topics of every flow. */
export function flowTemplates(): { key: string; name: string; nameEn: string; bpmn: string; forms: string[]; topics: string[] }[] {
  return FLOWS.map((f) => ({ key: f.key, name: f.name, nameEn: f.nameEn, bpmn: f.bpmn, forms: f.forms.map((x) => x.key), topics: f.topics }));
}

/**
 * Deploys every flow (BPMN + `<formKey>.form.json` forms) into the engine, skipping unchanged ones
 * (duplicate filtering by deployment name = flow key). For `npm start`.
 */
export async function deployAllFlows(engine: { deploy(options: DeployOptions): Promise<Deployment> }, deployedBy: string | null = null): Promise<Deployment[]> {
  const deployments: Deployment[] = [];
  for (const flow of FLOWS) {
    deployments.push(await engine.deploy({ name: flow.key, source: "jintu-processes", resources: deploymentResources(flow),
      enableDuplicateFiltering: true, deployedBy, note: `processes/${flow.key}` }));
  }
  return deployments;
}

/** Starts every flow's external-task workers in this process against `baseUrl` (e.g. http://127.0.0.1:8080). */
export function startWorkers(baseUrl: string, auth: WorkerAuth, options: StartWorkersOptions = {}): RunningWorkers {
  return startFlowWorkers(baseUrl, auth, options);
}
