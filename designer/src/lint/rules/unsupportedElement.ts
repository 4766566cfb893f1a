// jintu/unsupported-element: anything the Jintu engine would reject at deploy time, reported while
// modelling instead (the engine names the element too, but only after the deploy button).
import { SUPPORTED_EVENT_DEFINITIONS, SUPPORTED_FLOW_NODES } from "../supportedElements";
import { isType, type LintRule } from "../ruleTypes";

export default function unsupportedElement(): LintRule {
  return {
    check(node, reporter) {
      const type: string = node.$type;
      if (isType(node, "bpmn:FlowNode") && !SUPPORTED_FLOW_NODES.includes(type)) {
        reporter.report(node.id, `Element type <${type}> is not supported by the Jintu engine`);
        return;
      }
      if (isType(node, "bpmn:Event")) {
        for (const definition of node.eventDefinitions ?? []) {
          if (!SUPPORTED_EVENT_DEFINITIONS.includes(definition.$type)) {
            reporter.report(node.id, `Event definition <${definition.$type}> is not supported by the Jintu engine`);
          }
        }
      }
      if (isType(node, "bpmn:Activity")) {
        if (node.loopCharacteristics && isType(node.loopCharacteristics, "bpmn:StandardLoopCharacteristics")) {
          reporter.report(node.id, "Standard loops are not supported by the Jintu engine: use multi-instance");
        }
        if (node.isForCompensation) {
          reporter.report(node.id, "Compensation handlers are not supported by the Jintu engine");
        }
      }
    },
  };
}
