// Server-side checks of Form.io's standard fields, what Form.io checks in the browser and a crafted request
// could skip: required, the value's type (text is a string, number a finite number, checkbox a boolean,
// datetime a date, radio/select one of the offered values), pattern, min/max, minLength/maxLength.
// Jintu's own components (parcelMap, pointPicker, regionSelect) are checked by validateSubmission.
import { JINTU_COMPONENT_TYPES, type FieldMessage } from "../schema";
import { walkComponents, type FormComponentJson } from "./walkComponents";

const TEXT = new Set(["textfield", "textarea", "email", "phoneNumber", "password", "url"]);
const NUMBER = new Set(["number", "currency"]);
const DATE = new Set(["datetime", "day", "time"]);
const CHOICE = new Set(["radio", "select"]);
/** Not data: layout, buttons and display-only content. */
const NOT_DATA = new Set(["button", "content", "htmlelement", "panel", "columns", "fieldset", "table", "tabs", "well"]);

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

interface Rules {
  required?: boolean;
  pattern?: string;
  min?: number | string;
  max?: number | string;
  minLength?: number | string;
  maxLength?: number | string;
}

const labelOf = (c: FormComponentJson) => String(c.label ?? c.key);
const num = (v: unknown): number | null => (v === undefined || v === null || v === "" || !Number.isFinite(Number(v)) ? null : Number(v));

/** The values a radio or a static-values select offers; null when they come from elsewhere (URL, resource …). */
function offeredValues(c: FormComponentJson): string[] | null {
  const values = c.type === "radio" ? c.values : c.dataSrc === undefined || c.dataSrc === "values" ? (c.data as { values?: unknown } | undefined)?.values : undefined;
  if (!Array.isArray(values) || values.length === 0) return null;
  return values.map((v) => String((v as { value?: unknown })?.value ?? ""));
}

function isDate(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

/** The type problem of one (non-empty) value, or null. */
function typeProblem(c: FormComponentJson, value: unknown): FieldMessage | null {
  const label = labelOf(c);
  const type = c.type ?? "";
  const wrong = (zh: string, en: string): FieldMessage => ({ code: "type", zh: `${label}${zh}`, en: `${label} ${en}` });
  if (TEXT.has(type)) return typeof value === "string" ? null : wrong("必须是文本", "must be text");
  if (NUMBER.has(type)) return typeof value === "number" && Number.isFinite(value) ? null : wrong("必须是数字", "must be a number");
  if (type === "checkbox") return typeof value === "boolean" ? null : wrong("必须是是/否", "must be true or false");
  if (DATE.has(type)) return isDate(value) ? null : wrong("必须是日期", "must be a date");
  if (CHOICE.has(type)) {
    const offered = offeredValues(c);
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return wrong("必须是一个选项", "must be one of the options");
    if (offered && !offered.includes(String(value))) {
      return { code: "option", zh: `${label}:${String(value)} 不是可选项`, en: `${label}: '${String(value)}' is not one of ${offered.join(", ")}` };
    }
    return null;
  }
  if (type === "selectboxes") {
    const ok = typeof value === "object" && !Array.isArray(value) && Object.values(value as object).every((v) => typeof v === "boolean");
    return ok ? null : wrong("必须是多选结果", "must map each option to true or false");
  }
  if (type === "tags") {
    const ok = c.storeas === "array" ? Array.isArray(value) && value.every((v) => typeof v === "string") : typeof value === "string";
    return ok ? null : wrong(c.storeas === "array" ? "必须是文本列表" : "必须是文本", c.storeas === "array" ? "must be a list of text" : "must be text");
  }
  return null;
}

function ruleProblems(c: FormComponentJson, value: unknown, rules: Rules): FieldMessage[] {
  const label = labelOf(c);
  const out: FieldMessage[] = [];
  if (typeof value === "string" && value !== "") {
    if (rules.pattern) {
      let pattern: RegExp | null = null;
      try {
        pattern = new RegExp(`^(?:${rules.pattern})$`);
      } catch {
        // a broken pattern is the form author's problem; Form.io ignores it too
      }
      if (pattern && !pattern.test(value)) out.push({ code: "pattern", zh: `${label}格式不正确`, en: `${label} does not have the expected format` });
    }
    const minLength = num(rules.minLength);
    const maxLength = num(rules.maxLength);
    if (minLength !== null && value.length < minLength) out.push({ code: "minLength", zh: `${label}至少 ${minLength} 个字符`, en: `${label} needs at least ${minLength} characters` });
    if (maxLength !== null && value.length > maxLength) out.push({ code: "maxLength", zh: `${label}至多 ${maxLength} 个字符`, en: `${label} allows at most ${maxLength} characters` });
  }
  if (typeof value === "number") {
    const min = num(rules.min);
    const max = num(rules.max);
    if (min !== null && value < min) out.push({ code: "min", zh: `${label}不能小于 ${min}`, en: `${label} must be at least ${min}` });
    if (max !== null && value > max) out.push({ code: "max", zh: `${label}不能大于 ${max}`, en: `${label} must be at most ${max}` });
  }
  return out;
}

/**
 * Errors of the standard fields of a form by data path ("projectName", "review.opinion"). Fields that are
 * disabled or not persisted (display only) and conditionally hidden fields are not checked.
 */
export function checkStandardFields(components: FormComponentJson[], data: Record<string, unknown>): Record<string, FieldMessage[]> {
  const errors: Record<string, FieldMessage[]> = {};
  walkComponents(components, data ?? {}, ({ component: c, path, value }) => {
    const type = c.type ?? "";
    if (NOT_DATA.has(type) || (JINTU_COMPONENT_TYPES as readonly string[]).includes(type)) return;
    if (c.input === false || c.disabled === true || c.persistent === false) return;
    const rules = (c.validate ?? {}) as Rules;
    const messages: FieldMessage[] = [];
    if (isEmptyValue(value)) {
      if (rules.required) messages.push({ code: "required", zh: `${labelOf(c)}为必填项`, en: `${labelOf(c)} is required` });
    } else if (c.multiple === true && type !== "tags") {
      const items = Array.isArray(value) ? value : [value];
      if (!Array.isArray(value)) messages.push({ code: "type", zh: `${labelOf(c)}必须是列表`, en: `${labelOf(c)} must be a list` });
      else for (const item of items) {
        const problem = typeProblem(c, item);
        if (problem) { messages.push(problem); break; }
      }
    } else {
      const problem = typeProblem(c, value);
      if (problem) messages.push(problem);
      else messages.push(...ruleProblems(c, value, rules));
    }
    if (messages.length) errors[path] = [...(errors[path] ?? []), ...messages];
  });
  return errors;
}
