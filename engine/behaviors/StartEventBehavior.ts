import type { Behavior } from "./Behavior";

/** Start events pass straight through: the event (none, message, timer, signal, error…) already happened. */
export const StartEventBehavior: Behavior = {
  async execute(flow, token, el) {
    await flow.leave(token, el);
  },
};
