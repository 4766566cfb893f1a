import type { Behavior } from "./Behavior";
import { runImplementation } from "./implementation";

/** Service, send and business-rule tasks: an external task for a worker, or a registered handler. */
export const ServiceTaskBehavior: Behavior = {
  async execute(flow, token, el) {
    await runImplementation(flow, token, el, () => flow.leave(token, el));
  },
};

/** Manual tasks and plain tasks do nothing and continue. */
export const PassThroughBehavior: Behavior = {
  async execute(flow, token, el) {
    await flow.leave(token, el);
  },
};
