// jintu/exclusive-gateway-default: an exclusive gateway whose outgoing flows carry conditions but no
// default flow raises an incident at run time when no condition holds. Warning, not error: conditions
// may be exhaustive (${approved} / ${!approved}).
import { isType, type LintRule } from "../ruleTypes";

export default function exclusiveGatewayDefault(): LintRule {
  return {
    check(node, reporter) {
      if (!isType(node, "bpmn:ExclusiveGateway")) return;
      const outgoing: any[] = node.outgoing ?? [];
      const conditional = outgoing.some((flow) => !!flow.conditionExpression);
      if (conditional && !node.default) {
        reporter.report(node.id, "Exclusive gateway has conditional flows but no default flow");
      }
    },
  };
}
