// Tree-walking evaluator for the JUEL subset. Every value read goes through sandbox.ts and every
// call through methods.ts or the caller's helper functions: there is no path to eval or to
// arbitrary JavaScript properties.
import type { Node } from "./ast";
import { elCompare, elEquals, isEmpty, toBoolean, toNumber } from "./coercion";
import { ExpressionEvaluationError } from "./errors";
import { callMethod } from "./methods";
import { readProperty, safeValue } from "./sandbox";
import type { ExpressionHelpers, ExpressionScope } from "./types";

interface EvaluationContext {
  scope: ExpressionScope;
  helpers: ExpressionHelpers | undefined;
  where: string; // the expression source, for messages
}

// Camunda resolves execution.getVariable('x') through the current execution; here through the scope.
const EXECUTION_METHODS = new Set(["getVariable", "hasVariable"]);

export function evaluateNode(node: Node, ctx: EvaluationContext): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "identifier":
      return resolveIdentifier(node.name, ctx);
    case "member":
      return readProperty(evaluateNode(node.object, ctx), evaluateNode(node.property, ctx), ctx.where);
    case "method":
      return evaluateMethod(node, ctx);
    case "function":
      return callHelper(node.name, node.args.map((arg) => evaluateNode(arg, ctx)), ctx);
    case "invoke":
      throw new ExpressionEvaluationError(
        `Only whitelisted methods and helper functions can be called, not the result of another expression (in ${ctx.where})`,
      );
    case "unary":
      return evaluateUnary(node.operator, evaluateNode(node.argument, ctx), ctx);
    case "binary":
      return evaluateBinary(node, ctx);
    case "conditional":
      return toBoolean(evaluateNode(node.test, ctx), ctx.where)
        ? evaluateNode(node.consequent, ctx)
        : evaluateNode(node.alternate, ctx);
  }
}

function resolveIdentifier(name: string, ctx: EvaluationContext): unknown {
  if (!ctx.scope.has(name)) {
    throw new ExpressionEvaluationError(`Unknown property used in expression: ${ctx.where}. Cause: Cannot resolve identifier '${name}'`);
  }
  return safeValue(ctx.scope.get(name), ctx.where);
}

function evaluateMethod(node: Extract<Node, { type: "method" }>, ctx: EvaluationContext): unknown {
  const { object, name } = node;
  if (object.type === "identifier" && object.name === "execution" && EXECUTION_METHODS.has(name)) {
    resolveIdentifier("execution", ctx); // outside an execution this is Camunda's unknown-property error
    const args = node.args.map((arg) => evaluateNode(arg, ctx));
    if (args.length !== 1 || typeof args[0] !== "string") {
      throw new ExpressionEvaluationError(`execution.${name}() takes one variable name in expression ${ctx.where}`);
    }
    const variable = args[0];
    if (name === "hasVariable") return ctx.scope.has(variable);
    return ctx.scope.has(variable) ? safeValue(ctx.scope.get(variable), ctx.where) : null;
  }
  const target = evaluateNode(object, ctx);
  return callMethod(target, name, node.args.map((arg) => evaluateNode(arg, ctx)), ctx.where);
}

function callHelper(name: string, args: unknown[], ctx: EvaluationContext): unknown {
  const helpers = ctx.helpers;
  const fn = helpers && Object.hasOwn(helpers, name) ? helpers[name] : undefined;
  if (typeof fn !== "function") {
    throw new ExpressionEvaluationError(`Unknown function '${name}' in expression ${ctx.where}`);
  }
  let result: unknown;
  try {
    result = Reflect.apply(fn, undefined, args);
  } catch (err) {
    throw new ExpressionEvaluationError(`Function '${name}' failed in expression ${ctx.where}: ${(err as Error)?.message ?? String(err)}`, { cause: err });
  }
  if (result instanceof Promise) {
    result.catch(() => undefined); // nobody awaits it; keep the rejection from going unhandled
    throw new ExpressionEvaluationError(`Function '${name}' returned a Promise; helpers must be synchronous (in ${ctx.where})`);
  }
  return safeValue(result, ctx.where);
}

function evaluateUnary(operator: "-" | "!" | "empty", value: unknown, ctx: EvaluationContext): unknown {
  switch (operator) {
    case "-":
      return 0 - toNumber(value, ctx.where); // never -0: Java longs have none
    case "!":
      return !toBoolean(value, ctx.where);
    case "empty":
      return isEmpty(value);
  }
}

function evaluateBinary(node: Extract<Node, { type: "binary" }>, ctx: EvaluationContext): unknown {
  const operator = node.operator;
  const where = ctx.where;
  // && and || short-circuit, like Java.
  if (operator === "&&") return toBoolean(evaluateNode(node.left, ctx), where) && toBoolean(evaluateNode(node.right, ctx), where);
  if (operator === "||") return toBoolean(evaluateNode(node.left, ctx), where) || toBoolean(evaluateNode(node.right, ctx), where);
  const left = evaluateNode(node.left, ctx);
  const right = evaluateNode(node.right, ctx);
  switch (operator) {
    case "==":
      return elEquals(left, right, where);
    case "!=":
      return !elEquals(left, right, where);
    case "<":
    case ">":
    case "<=":
    case ">=":
      return elCompare(operator, left, right, where);
    case "+":
      return toNumber(left, where) + toNumber(right, where);
    case "-":
      return toNumber(left, where) - toNumber(right, where);
    case "*":
      return toNumber(left, where) * toNumber(right, where);
    case "/":
      return toNumber(left, where) / toNumber(right, where); // EL division is always floating point
    case "%": {
      const divisor = toNumber(right, where);
      const dividend = toNumber(left, where);
      if (divisor === 0 && Number.isInteger(dividend)) {
        throw new ExpressionEvaluationError(`Division by zero in expression ${where}`);
      }
      return dividend % divisor;
    }
  }
}
