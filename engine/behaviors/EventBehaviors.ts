import type { Behavior } from "./Behavior";
import { runImplementation } from "./implementation";

/** Intermediate catch events (message, timer, signal) and receive tasks: wait for the event, then continue. */
export const CatchEventBehavior: Behavior = {
  async execute(flow, token, el, opts) {
    if (opts.triggered) {
      // reached through an event-based gateway whose branch fired: the event already happened
      await flow.leave(token, el);
      return;
    }
    flow.awaitEvent(token, el, "catch");
  },
};

/** Intermediate throw events: none passes, signal broadcasts, escalation propagates, message runs its implementation. */
export const ThrowEventBehavior: Behavior = {
  async execute(flow, token, el) {
    switch (el.event?.kind) {
      case "signal":
        await flow.throwSignal(String(flow.evaluate(el.event.name!, token)), undefined, token.tenantId);
        break;
      case "escalation":
        await flow.propagateEscalation(token, el.event.code ?? "");
        if (!flow.ctx.uow.get("execution", token.id)) return; // an interrupting catch cancelled this token
        break;
      case "message":
        if (el.implementation && el.implementation.kind !== "none") return runImplementation(flow, token, el, () => flow.leave(token, el));
        break;
      default:
        break;
    }
    await flow.leave(token, el);
  },
};

/** Boundary events are entered only when triggered (Flow.triggerBoundary); they continue along their flows. */
export const BoundaryEventBehavior: Behavior = {
  async execute(flow, token, el) {
    await flow.leave(token, el);
  },
};
