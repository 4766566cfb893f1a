// Properties-panel entry "审批方式" for user tasks: the usual 政务 approval idioms as presets over Camunda's
// multi-instance settings, which stay editable in the panel's 多实例 group.
//   单人办理 — no multi-instance
//   会签     — parallel, every signer must complete
//   或签     — parallel, completes when one signer has completed
//   依次审批 — sequential, every signer in turn
import { h } from "@bpmn-io/properties-panel/preact";
import { SelectEntry } from "@bpmn-io/properties-panel";
import { useService } from "bpmn-js-properties-panel";

export type ApprovalMode = "single" | "countersign" | "any" | "sequential";

export const ANY_ONE_CONDITION = "${nrOfCompletedInstances >= 1}";

export function readApprovalMode(businessObject: any): ApprovalMode {
  const loop = businessObject.loopCharacteristics;
  if (!loop || loop.$type !== "bpmn:MultiInstanceLoopCharacteristics") return "single";
  if (loop.isSequential) return "sequential";
  const condition: string = loop.completionCondition?.body ?? "";
  return /nrOfCompletedInstances\s*(>=|==)\s*1\b/.test(condition) ? "any" : "countersign";
}

export function ApprovalModeEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const modeling = useService("modeling");
  const bpmnFactory = useService("bpmnFactory");
  const translate = useService("translate");

  const setValue = (mode: ApprovalMode) => {
    const businessObject = element.businessObject;
    if (mode === "single") {
      modeling.updateProperties(element, { loopCharacteristics: undefined });
      return;
    }
    const previous = businessObject.loopCharacteristics;
    const loop = bpmnFactory.create("bpmn:MultiInstanceLoopCharacteristics", {
      isSequential: mode === "sequential",
      "camunda:collection": previous?.get("camunda:collection") || "${approvers}",
      "camunda:elementVariable": previous?.get("camunda:elementVariable") || "approver",
    });
    if (mode === "any") {
      loop.completionCondition = bpmnFactory.create("bpmn:FormalExpression", { body: ANY_ONE_CONDITION });
      loop.completionCondition.$parent = loop;
    }
    const properties: Record<string, unknown> = { loopCharacteristics: loop };
    if (!businessObject.get("camunda:assignee")) properties["camunda:assignee"] = "${approver}";
    modeling.updateProperties(element, properties);
  };

  return h(SelectEntry, {
    element,
    id,
    label: translate("Approval mode"),
    getValue: () => readApprovalMode(element.businessObject),
    setValue,
    getOptions: () => [
      { value: "single", label: translate("Single approver") },
      { value: "countersign", label: translate("Countersign (all must approve)") },
      { value: "any", label: translate("Any one approves") },
      { value: "sequential", label: translate("One after another") },
    ],
  });
}
