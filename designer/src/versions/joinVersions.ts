// Joins the engine's process definitions of one key with Jintu's deployment records (note, author).
import type { DeploymentRecord, ProcessDefinition } from "../api";

export interface VersionRow {
  definition: ProcessDefinition;
  deployment?: DeploymentRecord;
}

/** Engine definitions (newest first) with the Jintu deployment each came from. */
export function joinVersions(definitions: ProcessDefinition[], deployments: DeploymentRecord[]): VersionRow[] {
  const byDefinitionId = new Map<string, DeploymentRecord>();
  for (const deployment of deployments) {
    for (const definition of deployment.processDefinitions ?? []) byDefinitionId.set(definition.id, deployment);
  }
  const byDeploymentId = new Map(deployments.map((deployment) => [deployment.id, deployment]));
  return [...definitions]
    .sort((a, b) => b.version - a.version)
    .map((definition) => ({ definition, deployment: byDefinitionId.get(definition.id) ?? byDeploymentId.get(definition.deploymentId) }));
}
