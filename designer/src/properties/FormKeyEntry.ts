// Properties-panel entry "表单": a select listing the Jintu forms; writes camunda:formKey="jintu-form:<key>"
// and drops Camunda-Forms references that would compete with it.
import { h } from "@bpmn-io/properties-panel/preact";
import { useEffect, useState } from "@bpmn-io/properties-panel/preact/hooks";
import { SelectEntry } from "@bpmn-io/properties-panel";
import { useService } from "bpmn-js-properties-panel";
import { FORM_KEY_PREFIX } from "../deploy/buildDeployment";
import type FormCatalog from "../modeler/FormCatalog";
import type { FormSummary } from "../api";

export function readFormKey(element: any): string {
  const formKey = element.businessObject.get("camunda:formKey");
  return typeof formKey === "string" && formKey.startsWith(FORM_KEY_PREFIX) ? formKey.slice(FORM_KEY_PREFIX.length) : "";
}

export function FormKeyEntry(props: { element: any; id: string }) {
  const { element, id } = props;
  const modeling = useService("modeling");
  const translate = useService("translate");
  const catalog: FormCatalog = useService("jintuFormCatalog");
  const [forms, setForms] = useState<FormSummary[]>(catalog.list());
  useEffect(() => catalog.subscribe(setForms), [catalog]);

  const getValue = () => readFormKey(element);
  const setValue = (key: string) => {
    modeling.updateProperties(element, {
      "camunda:formKey": key ? `${FORM_KEY_PREFIX}${key}` : undefined,
      "camunda:formRef": undefined,
      "camunda:formRefBinding": undefined,
      "camunda:formRefVersion": undefined,
    });
  };
  const getOptions = () => {
    const current = readFormKey(element);
    const options = [{ value: "", label: translate("<none>") }];
    for (const form of forms) options.push({ value: form.key, label: `${form.name}（${form.key} v${form.version}）` });
    if (current && !forms.some((form) => form.key === current)) {
      options.push({ value: current, label: `${current}（${translate("not found")}）` });
    }
    return options;
  };
  return h(SelectEntry, {
    element,
    id,
    label: translate("Form"),
    description: translate("Forms are designed under Forms in the toolbar"),
    getValue,
    setValue,
    getOptions,
  });
}
