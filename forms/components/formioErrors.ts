// Turns Jintu's field messages into the error objects Form.io shows under a component.
import type { FieldMessage } from "../schema";
import type { FormioError, FormioFieldInstance } from "./formioTypes";
import { languageOf, messageText } from "./i18n";

export function toFormioErrors(instance: FormioFieldInstance, messages: FieldMessage[]): FormioError[] {
  const language = languageOf(instance.options);
  return messages.map((message) => {
    const text = messageText(message, language);
    return {
      message: text,
      errorKeyOrMessage: text,
      level: "error",
      ruleName: `jintu:${message.code}`,
      component: instance.component,
      context: { key: instance.component.key, label: instance.component.label, path: instance.path ?? instance.key, value: instance.dataValue },
    };
  });
}

/** Adds Jintu's errors to Form.io's own result (sync or async). Form.io reports "required" itself. */
export function withJintuErrors(instance: FormioFieldInstance, base: unknown[] | Promise<unknown[]>, messages: () => FieldMessage[]): unknown[] | Promise<unknown[]> {
  const extra = () => toFormioErrors(instance, messages().filter((m) => m.code !== "required"));
  const merge = (errors: unknown[]) => {
    const all = [...errors, ...extra()];
    instance._errors = all;
    return all;
  };
  return base instanceof Promise ? base.then(merge) : merge(base);
}
