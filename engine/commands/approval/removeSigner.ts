// 减签 remove a signer from a running countersign (会签) who has not signed yet: his inner instance (and
// task) goes, nrOfInstances - 1. A signer who already signed cannot be removed. When the remaining
// signers have all signed, the countersign completes.
import type { SignerTarget } from "../../api";
import { logOperation, type Command } from "../../commandExecutor";
import { EngineError } from "../../errors";
import type { CommandContext } from "../../runtime/context";
import type { Flow } from "../../runtime/flow";
import { activeSigners, counter, findCountersign, hasSigned, startInner, type Countersign } from "./countersign";

export function removeSignerCommand(target: SignerTarget, user: string): Command<void> {
  return async (ctx, flow) => {
    const signer = user?.trim();
    if (!signer) throw new EngineError("BadRequest", "removeSigner needs the user to remove");
    const cs = await findCountersign(ctx, flow, target);
    const { body } = cs;
    const total = counter(ctx, body, "nrOfInstances");
    const active = activeSigners(ctx, cs);
    const mine = active.find((a) => a.user === signer);
    const collection = [...((body.data?.collection as unknown[] | undefined) ?? [])];
    const current = active[0]?.loopCounter ?? -1;
    const waitingAt = cs.sequential ? collection.findIndex((u, i) => i > current && u === signer) : -1;
    if (!mine && waitingAt < 0) {
      if (await hasSigned(ctx, cs, signer)) throw new EngineError("BadRequest", `${signer} has already signed '${cs.el.id}': a completed countersign vote cannot be removed`);
      throw new EngineError("BadRequest", `${signer} is not a signer of '${cs.el.id}'`);
    }
    if (total <= 1) throw new EngineError("BadRequest", `${signer} is the only signer of '${cs.el.id}': the last signer cannot be removed`);
    logOperation(ctx, {
      operationType: "RemoveSigner", entityType: "Task", property: cs.elementVariable, orgValue: signer, taskId: cs.taskId,
      processInstanceId: body.processInstanceId, processDefinitionId: body.processDefinitionId, processDefinitionKey: body.processDefinitionKey,
      executionId: body.id,
    });
    ctx.setVariableLocal(body, "nrOfInstances", total - 1);
    if (cs.sequential) {
      if (mine) {
        // the current signer goes: the next one in the list takes his place
        flow.cancelExecution(mine.inner, `signer ${signer} removed`);
        collection.splice(mine.loopCounter, 1);
        body.data = { ...body.data, collection };
        if (!(await completeIfDone(ctx, flow, cs))) await startInner(ctx, flow, cs, mine.loopCounter, collection[mine.loopCounter]);
      } else {
        collection.splice(waitingAt, 1);
        body.data = { ...body.data, collection };
      }
      return;
    }
    flow.cancelExecution(mine!.inner, `signer ${signer} removed`);
    ctx.setVariableLocal(body, "nrOfActiveInstances", counter(ctx, body, "nrOfActiveInstances") - 1);
    await completeIfDone(ctx, flow, cs);
  };
}

/** Everyone left has signed (or the completion condition now holds): the countersign completes. */
async function completeIfDone(ctx: CommandContext, flow: Flow, cs: Countersign): Promise<boolean> {
  const { body, el } = cs;
  let done = counter(ctx, body, "nrOfCompletedInstances") >= counter(ctx, body, "nrOfInstances");
  const condition = el.multiInstance!.completionCondition;
  if (!done && condition) {
    try {
      done = flow.evaluate(condition, body) === true;
    } catch {
      done = false; // the condition needs an inner instance's variables: leave it to the next vote
    }
  }
  if (!done) return false;
  for (const other of ctx.children(body)) flow.cancelExecution(other, "multi-instance completion condition met");
  await flow.leave(body, el);
  return true;
}
