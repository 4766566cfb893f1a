import { EngineError } from "../errors";
import type { FlowElement, SequenceFlow } from "../parse/graph";
import type { ExecutionEntity } from "../persistence/tables";
import type { Flow } from "../runtime/flow";
import type { Behavior } from "./Behavior";

function noFlow(el: FlowElement): EngineError {
  return new EngineError("ProcessEngine", `ENGINE-02004 No outgoing sequence flow for the element with id '${el.id}' could be selected for continuing the process.`);
}

/** 排他网关 exclusive gateway: the first flow (in model order) whose condition holds, else the default flow. */
export const ExclusiveGatewayBehavior: Behavior = {
  async execute(flow, token, el) {
    const flows = flow.graphOf(token).flows;
    const chosen = el.outgoing.map((id) => flows[id]).find((f) => f.id !== el.defaultFlow && flow.evaluateCondition(f, token))
      ?? (el.defaultFlow ? flows[el.defaultFlow] : undefined);
    if (!chosen) {
      if (el.outgoing.length === 0) return void (await leaveGateway(flow, token, el, []));
      throw noFlow(el);
    }
    await leaveGateway(flow, token, el, [chosen]);
  },
};

/** 并行网关 parallel gateway: waits for a token on every incoming flow, then forks on every outgoing flow. */
export const ParallelGatewayBehavior: Behavior = {
  async execute(flow, token, el) {
    const joined = join(flow, token, el, el.incoming.length);
    if (!joined) return;
    const flows = flow.graphOf(joined).flows;
    await leaveGateway(flow, joined, el, el.outgoing.map((id) => flows[id]));
  },
};

/** 包容网关 inclusive gateway: joins when no other token of the scope can still arrive; forks on every true condition. */
export const InclusiveGatewayBehavior: Behavior = {
  async execute(flow, token, el) {
    if (el.incoming.length > 1) {
      token.isActive = false;
      token.data = { ...(token.data ?? {}), joining: true };
      if (!canJoinInclusive(flow, token, el)) return;
      token = activateJoin(flow, token, el);
    }
    await forkInclusive(flow, token, el);
  },
  async onScopeChanged(flow, token, el) {
    if (!canJoinInclusive(flow, token, el)) return;
    const joined = activateJoin(flow, token, el);
    await forkInclusive(flow, joined, el);
  },
};

async function forkInclusive(flow: Flow, token: ExecutionEntity, el: FlowElement): Promise<void> {
  const flows = flow.graphOf(token).flows;
  const chosen = el.outgoing.map((id) => flows[id]).filter((f) => f.id !== el.defaultFlow && flow.evaluateCondition(f, token));
  if (chosen.length === 0 && el.defaultFlow) chosen.push(flows[el.defaultFlow]);
  if (chosen.length === 0 && el.outgoing.length > 0) throw noFlow(el);
  await leaveGateway(flow, token, el, chosen);
}

/** Other tokens in the scope that are not waiting here and could still reach the gateway. */
function canJoinInclusive(flow: Flow, token: ExecutionEntity, el: FlowElement): boolean {
  const scope = flow.ctx.parent(token)!;
  const reach = new Set(flow.graphOf(token).reachableFrom[el.id] ?? []);
  return !flow.ctx.children(scope).some((t) => t !== token && !(t.activityId === el.id && t.data?.joining) && t.activityId !== null && reach.has(t.activityId));
}

function activateJoin(flow: Flow, token: ExecutionEntity, el: FlowElement): ExecutionEntity {
  const scope = flow.ctx.parent(token)!;
  const waiting = flow.ctx.children(scope).filter((t) => t.activityId === el.id && t.data?.joining);
  for (const t of waiting) if (t !== token) mergeInto(flow, t);
  token.data = null;
  token.isActive = true;
  return token;
}

/** Parallel join bookkeeping: returns the token that continues once `needed` tokens have arrived. */
function join(flow: Flow, token: ExecutionEntity, el: FlowElement, needed: number): ExecutionEntity | null {
  if (needed <= 1) return token;
  token.isActive = false;
  token.data = { ...(token.data ?? {}), joining: true };
  const scope = flow.ctx.parent(token)!;
  const waiting = flow.ctx.children(scope).filter((t) => t.activityId === el.id && t.data?.joining);
  if (waiting.length < needed) return null;
  const arrived = waiting.slice(0, needed);
  const survivor = arrived.includes(token) ? token : arrived[0];
  for (const t of arrived) if (t !== survivor) mergeInto(flow, t);
  survivor.data = null;
  survivor.isActive = true;
  return survivor;
}

/** A token absorbed by a join: its gateway visit ends in history and the row goes. */
function mergeInto(flow: Flow, t: ExecutionEntity): void {
  flow.endHistoricActivity(t, false);
  flow.ctx.removeLocalVariables(t);
  flow.ctx.uow.delete("execution", t);
}

async function leaveGateway(flow: Flow, token: ExecutionEntity, el: FlowElement, chosen: SequenceFlow[]): Promise<void> {
  await flow.invokeListeners(token, el, "end");
  flow.endHistoricActivity(token, false);
  if (el.asyncAfter) {
    flow.createJob(token, el, "async-continuation", "async-after", { activityId: el.id, flows: chosen.map((f) => f.id) }, flow.ctx.now());
    return;
  }
  flow.takeFlows(token, chosen);
}

/** 事件网关 event-based gateway: waits for the first of the following events; the others are withdrawn. */
export const EventBasedGatewayBehavior: Behavior = {
  execute(flow, token, el) {
    const flows = flow.graphOf(token).flows;
    for (const fid of el.outgoing) {
      const target = flow.element(token, flows[fid].targetRef);
      flow.awaitEvent(token, target, "gateway");
    }
  },
};
