// jintu/external-task-topic: Jintu's workers fetch external tasks by topic; an external task without
// one would never be picked up. Also catches service-like tasks with no implementation at all, which
// Camunda 7 (and so Jintu) refuses to deploy.
import { camundaAttr, isBlank } from "../camundaAttr";
import { isType, type LintRule } from "../ruleTypes";

const SERVICE_LIKE = ["bpmn:ServiceTask", "bpmn:SendTask", "bpmn:BusinessRuleTask"];

export default function externalTaskTopic(): LintRule {
  return {
    check(node, reporter) {
      if (!SERVICE_LIKE.some((type) => isType(node, type))) return;
      const type = camundaAttr(node, "type");
      if (type === "external") {
        if (isBlank(camundaAttr(node, "topic"))) {
          reporter.report(node.id, "External task has no topic");
        }
        return;
      }
      // Send tasks may also be message-throwing in the engine; only service tasks must say how they run.
      if (!isType(node, "bpmn:ServiceTask")) return;
      const implemented = ["class", "delegateExpression", "expression"].some((name) => !isBlank(camundaAttr(node, name)))
        || hasConnector(node);
      if (!implemented) {
        reporter.report(node.id, "Service task has no implementation: set an external task topic");
      }
    },
  };
}

function hasConnector(node: any): boolean {
  const values: any[] = node.extensionElements?.values ?? [];
  return values.some((value) => value.$type === "camunda:Connector" || value.$type === "camunda:connector");
}
