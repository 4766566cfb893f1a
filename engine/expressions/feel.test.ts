import { describe, expect, it } from "vitest";
import { ExpressionEvaluationError, ExpressionSyntaxError, compileExpression, scopeOf, type ExpressionScope } from "./index";

const variables = {
  amount: 150,
  x: true,
  items: [{ name: "耕地", area: 30 }, { name: "林地", area: 80 }],
  applicant: { name: "张三", region: { code: "330106" } },
  counts: new Map([["a", 1]]),
  callback: () => "should never be called",
  nested: { fn: () => "hidden", ok: 1 },
};
const scope = scopeOf(variables);
const run = (source: string, s: ExpressionScope = scope, helpers?: Record<string, (...args: unknown[]) => unknown>) =>
  compileExpression(source).evaluate(s, helpers);

describe("FEEL via feelin", () => {
  it("evaluates comparisons, if-then-else, lists and contexts", () => {
    expect(run("= amount > 100")).toBe(true);
    expect(run("=amount > 200")).toBe(false);
    expect(run('= if x then "a" else "b"')).toBe("a");
    expect(run('= if amount < 100 then "a" else "b"')).toBe("b");
    expect(run("= items[1].name")).toBe("耕地"); // FEEL lists are 1-based
    expect(run("= items[area > 50].name")).toEqual(["林地"]);
    expect(run("= sum(items.area)")).toBe(110);
    expect(run("= applicant.region.code")).toBe("330106");
    expect(run('= {total: amount * 2}.total')).toBe(300);
    expect(run("= for i in [1, 2] return i * amount")).toEqual([150, 300]);
    expect(run("= counts.a")).toBe(1); // a Map arrives as a FEEL context
    expect(run("= nested.ok")).toBe(1);
    expect(compileExpression("= amount > 100").isLiteral).toBe(false);
  });

  it("passes only the variables the expression names", () => {
    const asked: string[] = [];
    const spying: ExpressionScope = {
      has: (name) => {
        asked.push(name);
        return Object.hasOwn(variables, name);
      },
      get: (name) => (variables as Record<string, unknown>)[name],
    };
    expect(run("= amount > 100 and x", spying)).toBe(true);
    expect(asked.sort()).toEqual(["amount", "x"]);
  });

  it("calls helpers and reports their failures", () => {
    const helpers = {
      cityOf: (code: unknown) => `${String(code).slice(0, 4)}00`,
      broken: () => {
        throw new Error("region service down");
      },
    };
    expect(run("= cityOf(applicant.region.code)", scope, helpers)).toBe("330100");
    expect(() => run("= broken()", scope, helpers)).toThrow(/Function 'broken' failed .*region service down/);
    expect(() => run("= broken(amount)", scope, helpers)).toThrow(/Function 'broken' failed .*region service down/);
    expect(() => run("= nowhere(1)", scope, helpers)).toThrow(ExpressionEvaluationError);
  });

  it("refuses unknown variables instead of yielding a silent null", () => {
    expect(() => run("= missing > 1")).toThrow(ExpressionEvaluationError);
    expect(() => run("= missing > 1")).toThrow(/Variable 'missing' not found/);
  });

  it("never hands functions from variables to FEEL", () => {
    expect(() => run("= callback()")).toThrow(ExpressionEvaluationError);
    expect(() => run("= nested.fn()")).toThrow(ExpressionEvaluationError);
    expect(run("= callback")).toBeNull();
  });

  it("reports syntax errors at compile time with a position", () => {
    for (const [source, position] of [["= amount >", 10], ["= if x then 1", 13], ["=", 1]] as const) {
      try {
        compileExpression(source);
        expect.unreachable(`${source} should not compile`);
      } catch (err) {
        expect(err).toBeInstanceOf(ExpressionSyntaxError);
        expect((err as ExpressionSyntaxError).position).toBe(position);
        expect((err as Error).message).toContain(source);
      }
    }
  });
});
