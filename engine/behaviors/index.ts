// Element kind → behaviour. One module per element kind (see DESIGN.md §8).
import type { FlowElement } from "../parse/graph";
import type { Behavior } from "./Behavior";
import { PassThroughBehavior, ServiceTaskBehavior } from "./ActivityBehaviors";
import { CallActivityBehavior } from "./CallActivityBehavior";
import { EndEventBehavior } from "./EndEventBehavior";
import { BoundaryEventBehavior, CatchEventBehavior, ThrowEventBehavior } from "./EventBehaviors";
import { EventBasedGatewayBehavior, ExclusiveGatewayBehavior, InclusiveGatewayBehavior, ParallelGatewayBehavior } from "./GatewayBehaviors";
import { StartEventBehavior } from "./StartEventBehavior";
import { EventSubProcessBehavior, SubProcessBehavior } from "./SubProcessBehavior";
import { UserTaskBehavior } from "./UserTaskBehavior";

const behaviors: Record<FlowElement["behavior"], Behavior> = {
  startEvent: StartEventBehavior,
  endEvent: EndEventBehavior,
  intermediateCatchEvent: CatchEventBehavior,
  intermediateThrowEvent: ThrowEventBehavior,
  boundaryEvent: BoundaryEventBehavior,
  userTask: UserTaskBehavior,
  serviceTask: ServiceTaskBehavior,
  receiveTask: CatchEventBehavior,
  manualTask: PassThroughBehavior,
  task: PassThroughBehavior,
  exclusiveGateway: ExclusiveGatewayBehavior,
  parallelGateway: ParallelGatewayBehavior,
  inclusiveGateway: InclusiveGatewayBehavior,
  eventBasedGateway: EventBasedGatewayBehavior,
  subProcess: SubProcessBehavior,
  eventSubProcess: EventSubProcessBehavior,
  callActivity: CallActivityBehavior,
};

export function behaviorFor(el: FlowElement): Behavior {
  return behaviors[el.behavior];
}
export type { Behavior };
