// bpmn-js translate module: replaces diagram-js' default `translate` service, which every bpmn-js
// component, the properties panel and bpmn-js-bpmnlint call for their texts.
import { currentLanguage } from "./language";
import { toChinese } from "./bpmnZh";

export function translate(template: string, replacements: Record<string, unknown> = {}): string {
  const text = currentLanguage() === "zh" ? toChinese(template) ?? template : template;
  return text.replace(/{([^}]+)}/g, (_, key: string) => (key in replacements ? String(replacements[key]) : `{${key}}`));
}

export const translateModule = { translate: ["value", translate] };
