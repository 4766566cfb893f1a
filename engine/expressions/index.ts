// Public surface of the expression module: Camunda 7 JUEL-style ${...}/#{...} and FEEL (=...),
// compiled once per source string and evaluated in a sandbox over a variable scope.
import type { TemplatePart } from "./ast";
import { toText } from "./coercion";
import { evaluateNode } from "./evaluator";
import { compileFeel, evaluateFeel } from "./feel";
import { parseTemplate } from "./parser";
import type { CompiledExpression, ExpressionHelpers, ExpressionScope } from "./types";

export { ExpressionSyntaxError, ExpressionEvaluationError } from "./errors";
export type { CompiledExpression, ExpressionHelpers, ExpressionScope } from "./types";

const MAX_CACHED = 5_000;
const cache = new Map<string, CompiledExpression>();

function feelOffset(source: string): number | null {
  const offset = source.length - source.trimStart().length;
  return source[offset] === "=" ? offset + 1 : null;
}

/** True for FEEL (=...) and for text holding ${...} or #{...}; plain strings are literals. */
export function isExpression(source: string): boolean {
  if (typeof source !== "string") return false;
  return feelOffset(source) !== null || /(^|[^\\])[$#]\{/.test(source);
}

function compileJuel(source: string): CompiledExpression {
  const parts: TemplatePart[] = parseTemplate(source);
  const isLiteral = parts.every((part) => typeof part === "string");
  const literal = parts.join("");
  return {
    source,
    isLiteral,
    evaluate(scope: ExpressionScope, helpers?: ExpressionHelpers): unknown {
      if (isLiteral) return literal;
      const ctx = { scope, helpers, where: source };
      // ${x} alone keeps its type; text around or between expressions makes a string.
      if (parts.length === 1) return evaluateNode(parts[0] as Exclude<TemplatePart, string>, ctx);
      return parts.map((part) => (typeof part === "string" ? part : toText(evaluateNode(part, ctx)))).join("");
    },
  };
}

function compileFeelExpression(source: string, offset: number): CompiledExpression {
  const compiled = compileFeel(source, offset);
  return {
    source,
    isLiteral: false,
    evaluate: (scope, helpers) => evaluateFeel(compiled, source, scope, helpers),
  };
}

export function compileExpression(source: string): CompiledExpression {
  if (typeof source !== "string") throw new TypeError("Expression source must be a string");
  const cached = cache.get(source);
  if (cached) return cached;
  const offset = feelOffset(source);
  const compiled = offset === null ? compileJuel(source) : compileFeelExpression(source, offset);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

/** A scope over a plain object's own properties (tests, and callers without an execution). */
export function scopeOf(variables: Record<string, unknown>): ExpressionScope {
  return {
    has: (name) => Object.hasOwn(variables, name),
    get: (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined),
  };
}
