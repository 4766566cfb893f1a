import type { Behavior } from "./Behavior";

/** 子流程 embedded subprocess: the token becomes the scope of its content and a child token starts inside. */
export const SubProcessBehavior: Behavior = {
  async execute(flow, token, el) {
    const container = el.container!;
    token.isScope = true;
    token.isActive = false;
    flow.registerEventSubprocesses(token, container.eventSubProcesses);
    const child = flow.newChild(token);
    const start = flow.element(token, container.noneStartEvent!);
    flow.ctx.schedule(() => flow.enter(child, start));
  },
};

/** Event subprocesses are started by their start event's trigger (Flow.triggerEventSubprocess), never by a flow. */
export const EventSubProcessBehavior: Behavior = {
  execute() {
    throw new Error("an event subprocess is not entered through a sequence flow");
  },
};
