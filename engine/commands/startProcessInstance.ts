import type { ProcessInstance, StartOptions } from "../api";
import type { Command } from "../commandExecutor";
import { EngineError, notFound } from "../errors";
import type { ExecutionEntity } from "../persistence/tables";
import type { DeployedProcess } from "../runtime/services";
import type { CommandContext } from "../runtime/context";

export function toProcessInstance(root: ExecutionEntity, ended: boolean): ProcessInstance {
  return {
    id: root.id, processDefinitionId: root.processDefinitionId, processDefinitionKey: root.processDefinitionKey, businessKey: root.businessKey,
    tenantId: root.tenantId, ended, suspended: root.suspended, startTime: new Date(root.startTime),
    rootProcessInstanceId: root.rootProcessInstanceId, superProcessInstanceId: null,
  };
}

export function startProcessInstanceCommand(resolve: (ctx: CommandContext) => Promise<DeployedProcess | null>, describe: string, options: StartOptions): Command<ProcessInstance> {
  return async (ctx, flow) => {
    const deployed = await resolve(ctx);
    if (!deployed) throw notFound(`No matching process definition ${describe}`);
    if (deployed.definition.suspended) throw new EngineError("Suspended", `Cannot start process instance. Process definition ${deployed.definition.name ?? deployed.definition.key} (id = ${deployed.definition.id}) is suspended`);
    if (!deployed.graph.container.noneStartEvent) throw new EngineError("BadRequest", `process '${deployed.definition.key}' has no none start event; it starts by message, signal or timer`);
    const root = await flow.startInstance(deployed, { businessKey: options.businessKey, variables: options.variables as Record<string, unknown>, tenantId: options.tenantId, userId: options.userId ?? ctx.userId });
    await ctx.runAgenda();
    return toProcessInstance(root, !ctx.uow.get("execution", root.id));
  };
}
