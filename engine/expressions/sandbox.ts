// What an expression may read. Only own data properties of plain objects, list indexes and Map
// entries are visible; prototypes, accessors and functions never are. This is the wall between a
// modeler's ${...} and the Node.js process (process, require, globalThis, the file system).
import { describeValue, isPlainObject, toNumber } from "./coercion";
import { ExpressionEvaluationError } from "./errors";

const BLOCKED_NAMES = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);

export function assertAllowedName(name: string, where: string): void {
  if (BLOCKED_NAMES.has(name)) {
    throw new ExpressionEvaluationError(`Access to '${name}' is not allowed in expression ${where}`);
  }
}

/** A value an expression may hold: anything but a function (which could be called or walked). */
export function safeValue(value: unknown, where: string): unknown {
  if (value === undefined) return null;
  if (typeof value === "function" || typeof value === "symbol") {
    throw new ExpressionEvaluationError(`A ${typeof value} is not a value an expression can use (in ${where})`);
  }
  return value;
}

function listIndex(key: unknown, where: string): number | null {
  if (typeof key === "number" || (typeof key === "string" && /^\d+$/.test(key))) {
    const index = toNumber(key, where);
    return Number.isInteger(index) ? index : null;
  }
  return null;
}

/** base.key / base[key] with EL's null-tolerance: a null base or a missing map key gives null. */
export function readProperty(base: unknown, key: unknown, where: string): unknown {
  if (base === null || base === undefined) return null;
  if (typeof key === "string") assertAllowedName(key, where);
  if (Array.isArray(base)) {
    const index = listIndex(key, where);
    if (index === null) {
      throw new ExpressionEvaluationError(`Cannot read property ${describeValue(key)} of a list in expression ${where}; use an index such as [0]`);
    }
    return index >= 0 && index < base.length && Object.hasOwn(base, index) ? safeValue(base[index], where) : null;
  }
  if (base instanceof Map) return base.has(key) ? safeValue(base.get(key), where) : null;
  if (isPlainObject(base)) {
    if (typeof key !== "string" && typeof key !== "number") {
      throw new ExpressionEvaluationError(`Map keys must be strings or numbers in expression ${where}`);
    }
    const descriptor = Object.getOwnPropertyDescriptor(base, String(key));
    if (!descriptor) return null;
    if (!("value" in descriptor)) {
      throw new ExpressionEvaluationError(`Property '${String(key)}' is computed and cannot be read in expression ${where}`);
    }
    return safeValue(descriptor.value, where);
  }
  throw new ExpressionEvaluationError(`Cannot read property ${describeValue(key)} of ${describeValue(base)} in expression ${where}`);
}
