// EL 2.2 coercion rules (JSR 245 §1.18) as JUEL, Camunda 7's EL implementation, applies them:
// null is 0 in arithmetic, '' and null are false, == compares numerically when either side is a number.
import { ExpressionEvaluationError } from "./errors";

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MAX_EQUALITY_DEPTH = 32;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return "a list";
  if (value instanceof Map || isPlainObject(value)) return "a map";
  if (value instanceof Date) return "a date";
  return "an object";
}

export function toNumber(value: unknown, where: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    if (value === "") return 0;
    if (NUMERIC.test(value)) return Number(value);
  }
  throw new ExpressionEvaluationError(`Cannot coerce ${describeValue(value)} to a number in expression ${where}`);
}

export function toBoolean(value: unknown, where: string): boolean {
  if (value === null || value === undefined || value === "") return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase() === "true";
  throw new ExpressionEvaluationError(`Cannot coerce ${describeValue(value)} to a boolean in expression ${where}`);
}

export function toText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || isPlainObject(value)) {
    try {
      return JSON.stringify(value);
    } catch {
      return "[object]";
    }
  }
  if (value instanceof Map) return toText(Object.fromEntries(value));
  return "[object]";
}

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** Java's equals(): no coercion, structural for lists and maps (List.contains, String.equals …). */
export function javaEquals(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return a == b;
  if (depth > MAX_EQUALITY_DEPTH) throw new ExpressionEvaluationError("Values are nested too deeply to compare");
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => javaEquals(item, b[i], depth + 1));
  }
  const entriesOf = (v: unknown): [unknown, unknown][] | null =>
    v instanceof Map ? [...v.entries()] : isPlainObject(v) ? Object.entries(v) : null;
  const left = entriesOf(a);
  const right = entriesOf(b);
  if (left && right) {
    if (left.length !== right.length) return false;
    const rightMap = new Map(right);
    return left.every(([key, value]) => rightMap.has(key) && javaEquals(value, rightMap.get(key), depth + 1));
  }
  return false;
}

/** EL's == (A == B). */
export function elEquals(a: unknown, b: unknown, where: string): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === "number" || typeof b === "number") return toNumber(a, where) === toNumber(b, where);
  if (typeof a === "boolean" || typeof b === "boolean") return toBoolean(a, where) === toBoolean(b, where);
  if (typeof a === "string" || typeof b === "string") return toText(a) === toText(b);
  return javaEquals(a, b);
}

/** EL's relational operators. */
export function elCompare(operator: "<" | ">" | "<=" | ">=", a: unknown, b: unknown, where: string): boolean {
  if (a === b && a !== null && a !== undefined) return operator === "<=" || operator === ">=";
  if (a === null || a === undefined || b === null || b === undefined) return false;
  let order: number;
  if (typeof a === "number" || typeof b === "number") {
    const x = toNumber(a, where);
    const y = toNumber(b, where);
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    order = x < y ? -1 : x > y ? 1 : 0;
  } else if (typeof a === "string" || typeof b === "string") {
    const x = toText(a);
    const y = toText(b);
    order = x < y ? -1 : x > y ? 1 : 0;
  } else if (a instanceof Date && b instanceof Date) {
    order = a.getTime() - b.getTime();
  } else {
    throw new ExpressionEvaluationError(`Cannot compare ${describeValue(a)} with ${describeValue(b)} in expression ${where}`);
  }
  switch (operator) {
    case "<":
      return order < 0;
    case ">":
      return order > 0;
    case "<=":
      return order <= 0;
    default:
      return order >= 0;
  }
}
