// Shared by service/send/business-rule tasks and message throw events: run the element's implementation
// (an external task for a worker, or a registered TypeScript handler) and continue when it is done.
import { EngineError, BpmnError } from "../errors";
import { newId } from "../ids";
import type { FlowElement } from "../parse/graph";
import type { ExecutionEntity } from "../persistence/tables";
import type { Flow } from "../runtime/flow";

export async function runImplementation(flow: Flow, token: ExecutionEntity, el: FlowElement, done: () => Promise<void>): Promise<void> {
  const impl = el.implementation!;
  if (impl.kind === "external") {
    const ctx = flow.ctx;
    const topic = String(flow.evaluate(impl.topic, token));
    const priority = impl.priority ? Number(flow.evaluate(impl.priority, token)) : 0;
    const root = ctx.root(token);
    const def = (await ctx.definition(token.processDefinitionId)).definition;
    const task = ctx.uow.insert("externalTask", {
      id: newId(), topicName: topic, workerId: null, lockExpiration: null, retries: null, errorMessage: null, errorDetails: null,
      processInstanceId: token.processInstanceId, executionId: token.id, processDefinitionId: token.processDefinitionId,
      processDefinitionKey: token.processDefinitionKey, versionTag: def.versionTag, activityId: el.id,
      activityInstanceId: token.activityInstanceId!, businessKey: root.businessKey, priority: Number.isFinite(priority) ? priority : 0,
      suspended: token.suspended, tenantId: token.tenantId, createTime: ctx.now(), extensionProperties: el.extensionProperties, revision: 1,
    });
    ctx.emit({ type: "externalTaskCreated", processInstanceId: token.processInstanceId, id: task.id, topicName: topic });
    return; // waits for a worker: completeExternalTask continues the token
  }
  if (impl.kind === "delegate") {
    try {
      await flow.callHandler(impl.handler, token, null, undefined, { expressionAllowed: true });
    } catch (error) {
      if (error instanceof BpmnError) {
        if (await flow.propagateError(token, error.errorCode, error.message)) return;
        throw new EngineError("ProcessEngine", `BPMN error '${error.errorCode}' thrown by '${el.id}' was not caught by any error event`);
      }
      throw error;
    }
  }
  await done();
}

/** Continues after an element's implementation finished (an external task completed by its worker). */
export async function continueAfterImplementation(flow: Flow, token: ExecutionEntity, el: FlowElement): Promise<void> {
  if (el.behavior === "endEvent") {
    await flow.invokeListeners(token, el, "end");
    flow.endHistoricActivity(token, false);
    await flow.endToken(token);
    return;
  }
  await flow.leave(token, el);
}
