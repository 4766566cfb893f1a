// Adds the "金土表单" group (form picker; approval mode on user tasks) to the Camunda 7 properties panel,
// right after the General group so IT staff find it first.
import { isSelectEntryEdited } from "@bpmn-io/properties-panel";
import { FormKeyEntry } from "./FormKeyEntry";
import { ApprovalModeEntry } from "./ApprovalModeEntry";

function isType(element: any, type: string): boolean {
  return element?.businessObject?.$instanceOf?.(type) ?? false;
}

export default class JintuPropertiesProvider {
  static $inject = ["propertiesPanel", "translate"];

  constructor(propertiesPanel: any, private translate: (s: string) => string) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: any) {
    return (groups: Array<{ id: string }>) => {
      const userTask = isType(element, "bpmn:UserTask");
      if (!userTask && !isType(element, "bpmn:StartEvent")) return groups;
      const entries: unknown[] = [{ id: "jintuFormKey", component: FormKeyEntry, isEdited: isSelectEntryEdited }];
      if (userTask) entries.push({ id: "jintuApprovalMode", component: ApprovalModeEntry, isEdited: isSelectEntryEdited });
      const group = { id: "Jintu__Form", label: this.translate("Jintu form"), entries };
      const generalIndex = groups.findIndex((candidate) => candidate.id === "general");
      groups.splice(generalIndex + 1, 0, group);
      return groups;
    };
  }
}
