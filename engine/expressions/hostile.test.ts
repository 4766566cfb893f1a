// Expressions written by an attacker (or a careless modeler) must never reach the Node.js process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExpressionEvaluationError, ExpressionSyntaxError, compileExpression, scopeOf } from "./index";

const variables = {
  obj: { a: 1 },
  list: [1, 2],
  text: "abc",
  parsed: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}'),
  getterHolder: Object.defineProperty({}, "secret", { get: () => "from a getter", enumerable: true }),
  instance: new (class Secret { value = 1; })(),
  fn: () => "a function",
};
const scope = scopeOf(variables);
const helpers = { cityOf: (code: unknown) => String(code) };

// If any expression reached the real process, these would change.
const marker = "__jintu_expression_pwned";
beforeAll(() => {
  delete (globalThis as Record<string, unknown>)[marker];
});
afterAll(() => {
  expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const refusedAtRun = [
  "${''.constructor.constructor('return process')()}",
  `\${''.constructor.constructor('globalThis.${marker} = 1')()}`,
  "${text.constructor}",
  "${obj.constructor}",
  "${obj['constructor']}",
  "${obj['const' == 'x' ? 'a' : 'constructor']}",
  "${obj.__proto__}",
  "${obj['__proto__'].polluted}",
  "${list.constructor.prototype}",
  "${list['constructor']}",
  "${obj.__defineGetter__}",
  "${parsed.__proto__}",
  "${parsed['constructor']}",
  "${obj.hasOwnProperty('a')}",
  "${obj.toString()}",
  "${text.constructor('x')}",
  "${text['length']}",
  "${list.map(x)}",
  "${obj.a.constructor}",
  "${getterHolder.secret}",
  "${instance.value}",
  "${fn}",
  "${process}",
  "${globalThis}",
  "${require('fs')}",
  "${cityOf.constructor}",
  "${cityOf('x').constructor}",
  "${(cityOf)('x')}",
  "${obj.a(1)}",
  "${execution.getVariable('process')}",
  "= obj.constructor.constructor(\"return process\")()",
  "= fn()",
  "= cityOf.constructor",
];

describe("hostile expressions", () => {
  it.each(refusedAtRun)("%s is refused", (source) => {
    let result: unknown;
    try {
      result = compileExpression(source).evaluate(scope, helpers);
    } catch (err) {
      expect([ExpressionEvaluationError, ExpressionSyntaxError].some((type) => err instanceof type)).toBe(true);
      return;
    }
    // FEEL's answer to a missing key is null; anything else would be a leak.
    expect(source.startsWith("=")).toBe(true);
    expect(result).toBeNull();
  });

  it("fails the classic constructor walk at evaluation time, not silently", () => {
    expect(() => compileExpression("${''.constructor.constructor('return process')()}").evaluate(scope)).toThrow(ExpressionEvaluationError);
    expect(() => compileExpression("${obj.constructor}").evaluate(scope)).toThrow(/Access to 'constructor' is not allowed/);
    expect(() => compileExpression("${obj.__proto__}").evaluate(scope)).toThrow(/Access to '__proto__' is not allowed/);
    expect(() => compileExpression("${getterHolder.secret}").evaluate(scope)).toThrow(/computed/);
    expect(() => compileExpression("${instance.value}").evaluate(scope)).toThrow(/of an object/);
    expect(() => compileExpression("${fn}").evaluate(scope)).toThrow(/not a value/);
    expect(() => compileExpression("${process}").evaluate(scope)).toThrow(/Cannot resolve identifier 'process'/);
  });

  it("bounds nesting depth and length at compile time", () => {
    const deepParens = `\${${"(".repeat(500)}1${")".repeat(500)}}`;
    const deepNot = `\${${"!".repeat(5000)}true}`;
    const longChain = `\${${Array.from({ length: 2000 }, () => "1").join("+")}}`;
    const deepMembers = `\${obj${".a".repeat(1000)}}`;
    const tooLong = `\${'${"x".repeat(20_000)}'}`;
    const deepTernary = `\${${"true ? ".repeat(300)}1${" : 0".repeat(300)}}`;
    for (const source of [deepParens, deepNot, longChain, deepMembers, tooLong, deepTernary]) {
      expect(() => compileExpression(source)).toThrow(ExpressionSyntaxError);
      expect(() => compileExpression(source)).toThrow(/nested too deeply|too long/);
    }
    // Reasonable nesting still works.
    expect(compileExpression(`\${${"(".repeat(20)}1${")".repeat(20)}}`).evaluate(scope)).toBe(1);
    expect(compileExpression(`\${${Array.from({ length: 50 }, () => "1").join("+")}}`).evaluate(scope)).toBe(50);
  });

  it("bounds regular expressions in matches()", () => {
    const evil = compileExpression("${text.matches('(a+)+$')}");
    expect(() => evil.evaluate(scope)).toThrow(/nested quantifiers/);
    const long = scopeOf({ s: "a".repeat(5000) });
    expect(() => compileExpression("${s.matches('a*')}").evaluate(long)).toThrow(/longer than/);
    expect(() => compileExpression(`\${text.matches('${"a".repeat(300)}')}`).evaluate(scope)).toThrow(/longer than 200/);
  });

  it("does not let helpers run with a this binding or leak their results' prototypes", () => {
    const seen: unknown[] = [];
    const spy = {
      who(this: unknown) {
        seen.push(this);
        return { ok: true };
      },
    };
    expect(compileExpression("${who().ok}").evaluate(scope, spy)).toBe(true);
    expect(seen).toEqual([undefined]);
    expect(() => compileExpression("${who().constructor}").evaluate(scope, spy)).toThrow(ExpressionEvaluationError);
  });
});
