// FEEL expressions (source starting with '='), evaluated by the feelin interpreter. feelin never
// walks JavaScript prototypes (x.constructor is a missing context entry), so the sandbox work here is
// to pass it only data: the variables the expression names, with functions removed, plus helpers.
import { evaluate, parseExpression } from "feelin";
import { isPlainObject } from "./coercion";
import { ExpressionEvaluationError, ExpressionSyntaxError } from "./errors";
import type { ExpressionHelpers, ExpressionScope } from "./types";

const MAX_VALUE_DEPTH = 64;

export interface CompiledFeel {
  expression: string; // without the leading '='
  names: ReadonlySet<string>; // every name the expression refers to (variables, helpers, bound names)
}

export function compileFeel(source: string, offset: number): CompiledFeel {
  const expression = source.slice(offset);
  if (expression.trim() === "") {
    throw new ExpressionSyntaxError(`Syntax error in FEEL expression '${source}': nothing after '='`, offset);
  }
  let tree;
  try {
    tree = parseExpression(expression, {}, undefined);
  } catch (err) {
    throw new ExpressionSyntaxError(`Syntax error in FEEL expression '${source}': ${(err as Error).message}`, offset);
  }
  const names = new Set<string>();
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) {
      const position = offset + cursor.from;
      const found = expression.slice(cursor.from, cursor.to);
      const detail = found ? `unexpected '${found}'` : "incomplete expression";
      throw new ExpressionSyntaxError(`Syntax error in FEEL expression '${source}' at position ${position}: ${detail}`, position);
    }
    if (cursor.name === "VariableName") names.add(expression.slice(cursor.from, cursor.to).trim());
  } while (cursor.next());
  return { expression, names };
}

/** A copy of a variable's value that holds only data: functions become null, Maps plain objects. */
function toFeelValue(value: unknown, depth = 0): unknown {
  if (typeof value === "function" || typeof value === "symbol" || value === undefined) return null;
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (depth > MAX_VALUE_DEPTH) throw new ExpressionEvaluationError("A variable is nested too deeply for a FEEL expression");
  if (Array.isArray(value)) return value.map((item) => toFeelValue(item, depth + 1));
  const entries = value instanceof Map ? [...value.entries()] : isPlainObject(value) ? Object.entries(value) : null;
  if (!entries) return null; // class instances are not FEEL data
  const copy: Record<string, unknown> = {};
  for (const [key, item] of entries) {
    Object.defineProperty(copy, String(key), { value: toFeelValue(item, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

export function evaluateFeel(compiled: CompiledFeel, source: string, scope: ExpressionScope, helpers?: ExpressionHelpers): unknown {
  const context: Record<string, unknown> = {};
  let helperFailure: { name: string; error: unknown } | null = null;
  for (const name of compiled.names) {
    if (scope.has(name)) {
      context[name] = toFeelValue(scope.get(name));
    } else if (helpers && Object.hasOwn(helpers, name) && typeof helpers[name] === "function") {
      const helper = helpers[name];
      const wrapper = (...args: unknown[]) => {
        try {
          return Reflect.apply(helper, undefined, args);
        } catch (error) {
          helperFailure = { name, error };
          throw error;
        }
      };
      // feelin reads parameter names from a function's source; declare the wrapper variadic.
      Object.defineProperty(wrapper, "$args", { value: ["...args"] });
      context[name] = wrapper;
    }
  }
  let result;
  try {
    result = evaluate(compiled.expression, context);
  } catch (err) {
    if (!helperFailure) throw new ExpressionEvaluationError(`FEEL expression '${source}' failed: ${(err as Error).message}`, { cause: err });
  }
  if (helperFailure || !result) {
    const { name, error } = helperFailure ?? { name: "?", error: new Error("no result") };
    throw new ExpressionEvaluationError(`Function '${name}' failed in expression ${source}: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  // Like JUEL, an unknown variable is an error rather than a silent null that could route a gateway wrongly.
  for (const warning of result.warnings) {
    if (warning.type === "NO_VARIABLE_FOUND" || warning.type === "NO_FUNCTION_FOUND" || warning.type === "FUNCTION_INVOCATION_FAILURE") {
      throw new ExpressionEvaluationError(`FEEL expression '${source}' failed: ${warning.message}`);
    }
  }
  return result.value === undefined ? null : result.value;
}
