import { EngineError } from "../errors";
import type { Behavior } from "./Behavior";
import { runImplementation } from "./implementation";

/** End events: none, terminate, error, escalation, signal, message. */
export const EndEventBehavior: Behavior = {
  async execute(flow, token, el) {
    const ctx = flow.ctx;
    const kind = el.event?.kind ?? "none";
    const finish = async () => {
      await flow.invokeListeners(token, el, "end");
      flow.endHistoricActivity(token, false);
      await flow.endToken(token);
    };
    switch (kind) {
      case "terminate": {
        // terminates the scope it is in: every other token of that scope is cancelled
        const scope = ctx.parent(token)!;
        flow.cancelChildren(scope, `terminate end event ${el.id}`, token);
        if (scope.parentId === null) {
          flow.endHistoricActivity(token, false);
          ctx.uow.delete("execution", token);
          await flow.endProcessInstance(scope, "COMPLETED", null, el.id);
          return;
        }
        await finish();
        return;
      }
      case "error": {
        flow.endHistoricActivity(token, false);
        const code = el.event!.code;
        if (code && (await flow.propagateError(token, code, el.event!.errorMessage))) return;
        // an uncaught error end event behaves as a none end event (Camunda 7)
        if (ctx.uow.get("execution", token.id)) await flow.endToken(token);
        return;
      }
      case "escalation": {
        flow.endHistoricActivity(token, false);
        await flow.propagateEscalation(token, el.event!.code ?? "");
        if (ctx.uow.get("execution", token.id)) await flow.endToken(token);
        return;
      }
      case "signal":
        await flow.throwSignal(String(flow.evaluate(el.event!.name!, token)), undefined, token.tenantId);
        await finish();
        return;
      case "message":
        if (el.implementation && el.implementation.kind !== "none") {
          await runImplementation(flow, token, el, finish);
          return;
        }
        await finish();
        return;
      case "none":
        await finish();
        return;
      default:
        throw new EngineError("ProcessEngine", `end event '${el.id}': unsupported event ${kind}`);
    }
  },
};
