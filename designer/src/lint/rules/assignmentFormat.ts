// jintu/assignment-format: candidate groups are Jintu roles scoped to a region, written role@region
// (e.g. land-reviewer@330106, land-reviewer@${cityOf(countyCode)}); the region is a GB/T 2260 code or an
// expression. A bare role would match nobody in the casbin domain model.
import { camundaAttr, splitList } from "../camundaAttr";
import { isType, type LintRule } from "../ruleTypes";

const ROLE_AT_REGION = /^[a-z][a-z0-9_-]*@(\d{6}|\$\{[^}]+\})$/;
const EXPRESSION = /^\$\{[^}]+\}$/;

export function isValidCandidateGroup(group: string): boolean {
  return ROLE_AT_REGION.test(group) || EXPRESSION.test(group);
}

export default function assignmentFormat(): LintRule {
  return {
    check(node, reporter) {
      if (!isType(node, "bpmn:UserTask")) return;
      for (const group of splitList(camundaAttr(node, "candidateGroups"))) {
        if (!isValidCandidateGroup(group)) {
          reporter.report(node.id, `Candidate group <${group}> is not written role@region`);
        }
      }
    },
  };
}
