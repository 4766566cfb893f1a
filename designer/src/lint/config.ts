// The bundled bpmnlint configuration ({ config, resolver }) used by bpmn-js-bpmnlint in the browser and by
// the unit tests in Node.
//
// Why hand-packed: bpmnlint-pack-config / rollup-plugin-bpmnlint compile a .bpmnlintrc by resolving each
// rule as an npm package (bpmnlint-plugin-<name>), and Jintu's rules live in this repository, not in a
// package. So this module does what their generated code does: import every enabled rule statically (the
// bundler then includes exactly those) and serve them from a cache through bpmnlint's StaticResolver.
import StaticResolver from "bpmnlint/lib/resolver/static-resolver";
import startEventRequired from "bpmnlint/rules/start-event-required";
import endEventRequired from "bpmnlint/rules/end-event-required";
import noDisconnected from "bpmnlint/rules/no-disconnected";
import noImplicitSplit from "bpmnlint/rules/no-implicit-split";
import noDuplicateSequenceFlows from "bpmnlint/rules/no-duplicate-sequence-flows";
import singleBlankStartEvent from "bpmnlint/rules/single-blank-start-event";
import singleEventDefinition from "bpmnlint/rules/single-event-definition";
import conditionalFlows from "bpmnlint/rules/conditional-flows";
import labelRequired from "bpmnlint/rules/label-required";
import fakeJoin from "bpmnlint/rules/fake-join";
import eventSubProcessTypedStartEvent from "bpmnlint/rules/event-sub-process-typed-start-event";
import subProcessBlankStartEvent from "bpmnlint/rules/sub-process-blank-start-event";
import superfluousGateway from "bpmnlint/rules/superfluous-gateway";
import unsupportedElement from "./rules/unsupportedElement";
import userTaskAssignment from "./rules/userTaskAssignment";
import exclusiveGatewayDefault from "./rules/exclusiveGatewayDefault";
import externalTaskTopic from "./rules/externalTaskTopic";
import assignmentFormat from "./rules/assignmentFormat";
import dueDateFormat from "./rules/dueDateFormat";
import type { LintRuleFactory } from "./ruleTypes";

/** Severity per rule; "error" blocks deployment in the designer, "warn" is shown only. */
export const JINTU_LINT_RULES: Readonly<Record<string, "error" | "warn">> = {
  "bpmnlint/start-event-required": "error",
  "bpmnlint/end-event-required": "error",
  "bpmnlint/no-disconnected": "error",
  "bpmnlint/no-implicit-split": "warn",
  "bpmnlint/no-duplicate-sequence-flows": "error",
  "bpmnlint/single-blank-start-event": "error",
  "bpmnlint/single-event-definition": "error",
  "bpmnlint/conditional-flows": "error",
  "bpmnlint/label-required": "warn",
  "bpmnlint/fake-join": "warn",
  "bpmnlint/event-sub-process-typed-start-event": "error",
  "bpmnlint/sub-process-blank-start-event": "error",
  "bpmnlint/superfluous-gateway": "warn",
  "jintu/unsupported-element": "error",
  "jintu/user-task-assignment": "error",
  "jintu/exclusive-gateway-default": "warn",
  "jintu/external-task-topic": "error",
  "jintu/assignment-format": "warn",
  "jintu/due-date-format": "error",
};

const BUILT_IN: Record<string, unknown> = {
  "start-event-required": startEventRequired,
  "end-event-required": endEventRequired,
  "no-disconnected": noDisconnected,
  "no-implicit-split": noImplicitSplit,
  "no-duplicate-sequence-flows": noDuplicateSequenceFlows,
  "single-blank-start-event": singleBlankStartEvent,
  "single-event-definition": singleEventDefinition,
  "conditional-flows": conditionalFlows,
  "label-required": labelRequired,
  "fake-join": fakeJoin,
  "event-sub-process-typed-start-event": eventSubProcessTypedStartEvent,
  "sub-process-blank-start-event": subProcessBlankStartEvent,
  "superfluous-gateway": superfluousGateway,
};

const JINTU: Record<string, LintRuleFactory> = {
  "unsupported-element": unsupportedElement,
  "user-task-assignment": userTaskAssignment,
  "exclusive-gateway-default": exclusiveGatewayDefault,
  "external-task-topic": externalTaskTopic,
  "assignment-format": assignmentFormat,
  "due-date-format": dueDateFormat,
};

function buildCache(): Record<string, unknown> {
  const cache: Record<string, unknown> = {};
  for (const [name, factory] of Object.entries(BUILT_IN)) cache[`rule:bpmnlint/${name}`] = factory;
  // bpmnlint maps the rule prefix "jintu/" to the package name "bpmnlint-plugin-jintu".
  for (const [name, factory] of Object.entries(JINTU)) cache[`rule:bpmnlint-plugin-jintu/${name}`] = factory;
  return cache;
}

export interface PackedLintConfig {
  config: { rules: Record<string, string> };
  resolver: { resolveRule(pkg: string, name: string): unknown; resolveConfig(pkg: string, name: string): unknown };
}

export const jintuLintConfig: PackedLintConfig = {
  config: { rules: { ...JINTU_LINT_RULES } },
  resolver: new StaticResolver(buildCache()),
};
