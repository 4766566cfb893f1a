// The interface every element behaviour implements (one module per element kind in this folder).
import type { FlowElement } from "../parse/graph";
import type { ExecutionEntity } from "../persistence/tables";
import type { EnterOptions, Flow } from "../runtime/flow";

export interface Behavior {
  /** The token has entered the element (history, listeners, input mappings and boundary events are set up). */
  execute(flow: Flow, token: ExecutionEntity, el: FlowElement, opts: EnterOptions): Promise<void> | void;
  /** Joins: something changed in the scope (a token ended) while this token waits at the gateway. */
  onScopeChanged?(flow: Flow, token: ExecutionEntity, el: FlowElement): Promise<void> | void;
  /** Call activities: the called process instance has completed. */
  onCalledInstanceEnded?(flow: Flow, token: ExecutionEntity, el: FlowElement, calledRoot: ExecutionEntity): Promise<void> | void;
}
