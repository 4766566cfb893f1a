// Loading an object by id for a caller: absent and invisible (other region) look the same, 404.
import type { Response } from "express";
import type { Engine, ProcessInstance, Task, VariableInstance } from "../../engine";
import { accessOf, canSeeTenant } from "./access";
import { notFound } from "./http";

export async function visibleInstance(engine: Engine, res: Response, id: string, missing = `Process instance with id ${id} does not exist`): Promise<ProcessInstance> {
  const p = await engine.getProcessInstance(id);
  if (!p || !canSeeTenant(accessOf(res), p.tenantId)) throw notFound(missing);
  return p;
}

export async function visibleTask(engine: Engine, res: Response, id: string, missing = `No matching task with id ${id}`): Promise<Task> {
  const t = await engine.getTask(id);
  if (!t || !canSeeTenant(accessOf(res), t.tenantId)) throw notFound(missing);
  return t;
}

/**
 * The variables a client gets back from `withVariablesInReturn`: the instance's variables after the
 * command, or — when the command ended the instance — the last values recorded in history.
 */
export async function variablesAfterCommand(engine: Engine, processInstanceId: string): Promise<Record<string, Pick<VariableInstance, "type" | "value" | "valueInfo">>> {
  const running = await engine.getProcessInstance(processInstanceId);
  if (running && !running.ended) return engine.getVariables(processInstanceId);
  const history = await engine.getHistoricVariableInstances({ processInstanceId });
  const out: Record<string, Pick<VariableInstance, "type" | "value" | "valueInfo">> = {};
  for (const h of history) if (h.state === "CREATED" && !h.taskId) out[h.name] = h;
  return out;
}
