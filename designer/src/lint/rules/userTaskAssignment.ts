// jintu/user-task-assignment: a user task nobody can see in an inbox would stall the case silently,
// so it needs an assignee, candidate users or candidate groups (办理人 / 候选人 / 候选组).
import { camundaAttr, isBlank } from "../camundaAttr";
import { isType, type LintRule } from "../ruleTypes";

export default function userTaskAssignment(): LintRule {
  return {
    check(node, reporter) {
      if (!isType(node, "bpmn:UserTask")) return;
      const assigned = ["assignee", "candidateUsers", "candidateGroups"].some((name) => !isBlank(camundaAttr(node, name)));
      if (!assigned) {
        reporter.report(node.id, "User task has no assignee, candidate users or candidate groups");
      }
    },
  };
}
