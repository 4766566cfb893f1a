// The shape bpmnlint expects from a rule factory (bpmnlint/lib/types.d.ts, restated to stay typed here).
export interface LintReporter {
  report(id: string, message: string, path?: Array<string | number>): void;
}

export interface LintRule {
  check: ((node: any, reporter: LintReporter) => void) | {
    enter?: (node: any, reporter: LintReporter) => void | boolean;
    leave?: (node: any, reporter: LintReporter) => void;
  };
  meta?: { documentation?: { url?: string } };
}

export type LintRuleFactory = (config?: unknown) => LintRule;

/** True when `node` is (a subtype of) the BPMN type, like bpmnlint-utils' `is`. */
export function isType(node: any, type: string): boolean {
  return typeof node?.$instanceOf === "function" && node.$instanceOf(type);
}
