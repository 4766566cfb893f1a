// jintu/due-date-format: camunda:dueDate must be something the engine's calendar can read: an ISO date /
// date-time, an ISO duration (P10D, PT4H), a working-day duration (P20WD, 工作日), or an expression.
import { camundaAttr, isBlank } from "../camundaAttr";
import { isType, type LintRule } from "../ruleTypes";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const WORKING_DAYS = /^P\d+WD$/;
const EXPRESSION = /^[$#]\{.+\}$/;

export function isValidDueDate(value: string): boolean {
  const text = value.trim();
  return ISO_DATE.test(text) || ISO_DURATION.test(text) || WORKING_DAYS.test(text) || EXPRESSION.test(text);
}

export default function dueDateFormat(): LintRule {
  return {
    check(node, reporter) {
      if (!isType(node, "bpmn:UserTask")) return;
      for (const name of ["dueDate", "followUpDate"]) {
        const value = camundaAttr(node, name);
        if (!isBlank(value) && !isValidDueDate(value!)) {
          reporter.report(node.id, `Due date <${value}> is neither ISO 8601, working days (P20WD) nor an expression`);
        }
      }
    },
  };
}
