// 加签 add a signer to a running countersign (会签). Parallel: a new inner instance with its own task
// (nrOfInstances + 1, the element variable = the user). Sequential: the user is appended to the
// signers still to come.
import type { SignerTarget } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import { activeSigners, counter, findCountersign, startInner } from "./countersign";

export function addSignerCommand(target: SignerTarget, user: string): Command<void> {
  return async (ctx, flow) => {
    const signer = user?.trim();
    if (!signer) throw new EngineError("BadRequest", "addSigner needs the user to add");
    const cs = await findCountersign(ctx, flow, target);
    const { body } = cs;
    const total = counter(ctx, body, "nrOfInstances");
    const active = activeSigners(ctx, cs);
    if (active.some((a) => a.user === signer)) throw new EngineError("BadRequest", `${signer} is already a signer of '${cs.el.id}' and has not signed yet`);
    if (cs.sequential) {
      const collection = [...((body.data?.collection as unknown[] | undefined) ?? [])];
      const current = active[0]?.loopCounter ?? collection.length - 1;
      if (collection.slice(current + 1).includes(signer)) throw new EngineError("BadRequest", `${signer} is already waiting to sign '${cs.el.id}'`);
      collection.push(signer);
      body.data = { ...body.data, collection };
      ctx.setVariableLocal(body, "nrOfInstances", total + 1);
    } else {
      ctx.setVariableLocal(body, "nrOfInstances", total + 1);
      ctx.setVariableLocal(body, "nrOfActiveInstances", counter(ctx, body, "nrOfActiveInstances") + 1);
      await startInner(ctx, flow, cs, total, signer);
    }
    logOperation(ctx, {
      operationType: "AddSigner", entityType: "Task", property: cs.elementVariable, newValue: signer, taskId: cs.taskId,
      processInstanceId: body.processInstanceId, processDefinitionId: body.processDefinitionId, processDefinitionKey: body.processDefinitionKey,
      executionId: body.id,
    });
  };
}
