// What the Jintu engine executes (DESIGN.md §1, narrowed by the designer brief).
// Shared by the lint rule that rejects anything else and by the palette / context pad / replace-menu
// filters, so the modeler never offers an element the linter would then complain about.

/** Flow nodes the engine runs. Plain and manual tasks pass straight through, as in Camunda 7. */
export const SUPPORTED_FLOW_NODES: readonly string[] = [
  "bpmn:StartEvent",
  "bpmn:EndEvent",
  "bpmn:IntermediateCatchEvent",
  "bpmn:IntermediateThrowEvent",
  "bpmn:BoundaryEvent",
  "bpmn:Task",
  "bpmn:ManualTask",
  "bpmn:UserTask",
  "bpmn:ServiceTask",
  "bpmn:SendTask",
  "bpmn:ReceiveTask",
  "bpmn:BusinessRuleTask",
  "bpmn:ExclusiveGateway",
  "bpmn:ParallelGateway",
  "bpmn:InclusiveGateway",
  "bpmn:EventBasedGateway",
  "bpmn:SubProcess",
  "bpmn:CallActivity",
];

/** Event definitions the engine understands (timer, message, error, signal, escalation, terminate). */
export const SUPPORTED_EVENT_DEFINITIONS: readonly string[] = [
  "bpmn:MessageEventDefinition",
  "bpmn:TimerEventDefinition",
  "bpmn:ErrorEventDefinition",
  "bpmn:SignalEventDefinition",
  "bpmn:EscalationEventDefinition",
  "bpmn:TerminateEventDefinition",
];

/**
 * Elements that look executable but that Jintu rejects, each with the reason shown to IT staff.
 * Data objects / data stores, groups, text annotations, pools and lanes are NOT listed: the engine
 * ignores them, so they stay available as documentation of the flow (数据对象、泳道只作说明).
 */
export const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  "bpmn:ScriptTask": "script tasks (no scripts run in the engine sandbox)",
  "bpmn:ComplexGateway": "complex gateways",
  "bpmn:Transaction": "transaction sub-processes",
  "bpmn:AdHocSubProcess": "ad-hoc sub-processes",
  "bpmn:CompensateEventDefinition": "compensation events",
  "bpmn:ConditionalEventDefinition": "conditional events",
  "bpmn:LinkEventDefinition": "link events",
  "bpmn:CancelEventDefinition": "cancel events (they need a transaction)",
  "bpmn:StandardLoopCharacteristics": "standard loops (use multi-instance)",
};

/** Replace-menu entries (ids from bpmn-js ReplaceOptions) that would create an unsupported element. */
export const BLOCKED_REPLACE_ENTRY =
  /^(replace-with-.*(script-task|transaction|ad-hoc-subprocess|complex-gateway|conditional-(?:start|intermediate|boundary)|compensation|link|cancel|event-based-instantiate-gateway).*|toggle-loop)$/;

/** Context-pad entries removed for the same reason. */
export const BLOCKED_CONTEXT_PAD_ENTRIES: readonly string[] = [
  "append.condition-intermediate-event",
  "append.compensation-activity",
];
