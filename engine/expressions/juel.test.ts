import { describe, expect, it } from "vitest";
import {
  ExpressionEvaluationError,
  ExpressionSyntaxError,
  compileExpression,
  isExpression,
  scopeOf,
  type ExpressionHelpers,
} from "./index";

const variables = {
  amount: 150,
  zero: 0,
  nothing: null,
  text: "  Hello 金土  ",
  code: "330106",
  numeric: "42",
  flag: true,
  yes: "TRUE",
  list: [1, 2, 3],
  emptyList: [],
  names: ["张三", "李四"],
  applicant: { name: "张三", region: { code: "330106", level: "county" }, tags: ["a"] },
  emptyMap: {},
  when: new Date("2026-10-08T01:00:00Z"),
  later: new Date("2026-10-09T01:00:00Z"),
  "项目名称": "土地整治",
};
const scope = scopeOf(variables);
const run = (source: string, helpers?: ExpressionHelpers): unknown => compileExpression(source).evaluate(scope, helpers);

describe("literals and results", () => {
  it.each([
    ["${'single'}", "single"],
    ['${"double"}', "double"],
    ["${'it\\'s'}", "it's"],
    ['${"say \\"hi\\""}', 'say "hi"'],
    ["${'back\\\\slash'}", "back\\slash"],
    ["${'a\\nb'}", "a\\nb"], // EL has no \n escape: the backslash stays
    ["${42}", 42],
    ["${3.25}", 3.25],
    ["${1e3}", 1000],
    ["${true}", true],
    ["${false}", false],
    ["${null}", null],
    ["#{amount}", 150],
    ["${applicant}", variables.applicant],
  ])("%s → %j", (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it("keeps plain strings literal and unescapes \\${", () => {
    const literal = compileExpression("demo-assignee");
    expect(literal.isLiteral).toBe(true);
    expect(literal.evaluate(scope)).toBe("demo-assignee");
    expect(compileExpression("costs $5 {ok}").evaluate(scope)).toBe("costs $5 {ok}");
    expect(compileExpression("\\${amount}").isLiteral).toBe(true);
    expect(compileExpression("\\${amount}").evaluate(scope)).toBe("${amount}");
    expect(compileExpression("${amount}").isLiteral).toBe(false);
  });

  it("interpolates composite strings", () => {
    expect(run("申请人 ${applicant.name}, 面积 ${amount} 亩")).toBe("申请人 张三, 面积 150 亩");
    expect(run("${amount}${amount}")).toBe("150150");
    expect(run("[${nothing}]")).toBe("[]");
    expect(run("ok: ${flag}")).toBe("ok: true");
    expect(run("${'}'} and ${'${'}")).toBe("} and ${");
  });

  it("recognises expressions", () => {
    expect(isExpression("${x}")).toBe(true);
    expect(isExpression("a #{x} b")).toBe(true);
    expect(isExpression("= x > 1")).toBe(true);
    expect(isExpression("plain")).toBe(false);
    expect(isExpression("\\${x}")).toBe(false);
    expect(isExpression("$ {x}")).toBe(false);
  });

  it("caches by source string", () => {
    expect(compileExpression("${amount + 1}")).toBe(compileExpression("${amount + 1}"));
  });

  it("reads Unicode variable names", () => {
    expect(run("${项目名称}")).toBe("土地整治");
  });
});

describe("operators", () => {
  it.each([
    ["${amount == 150}", true],
    ["${amount eq 150}", true],
    ["${amount != 150}", false],
    ["${amount ne 151}", true],
    ["${amount < 200}", true],
    ["${amount lt 100}", false],
    ["${amount > 100}", true],
    ["${amount gt 150}", false],
    ["${amount <= 150}", true],
    ["${amount le 149}", false],
    ["${amount >= 150}", true],
    ["${amount ge 151}", false],
    ["${flag && amount > 100}", true],
    ["${flag and zero > 1}", false],
    ["${false || flag}", true],
    ["${false or false}", false],
    ["${!flag}", false],
    ["${not flag}", false],
    ["${empty nothing}", true],
    ["${empty ''}", true],
    ["${empty emptyList}", true],
    ["${empty emptyMap}", true],
    ["${empty list}", false],
    ["${not empty applicant.name}", true],
    ["${2 + 3}", 5],
    ["${amount - 50}", 100],
    ["${4 * 2.5}", 10],
    ["${7 / 2}", 3.5],
    ["${7 div 2}", 3.5],
    ["${7 % 4}", 3],
    ["${7 mod 4}", 3],
    ["${-amount}", -150],
    ["${- -3}", 3],
    ["${amount > 100 ? 'State Council' : 'province'}", "State Council"],
    ["${zero > 100 ? 'a' : zero > -1 ? 'b' : 'c'}", "b"],
    ["${(1 + 2) * 3}", 9],
    ["${1 + 2 * 3}", 7],
    ["${1 < 2 == true}", true],
    ["${flag || nothing.missing.deeper}", true], // short-circuit: right side never evaluated
  ])("%s → %j", (source, expected) => {
    expect(run(source)).toEqual(expected);
  });
});

describe("EL coercion", () => {
  it.each([
    ["${nothing + 1}", 1], // null is 0 in arithmetic
    ["${-nothing}", 0],
    ["${numeric + 1}", 43], // numeric strings are numbers in arithmetic
    ["${'' + 1}", 1],
    ["${numeric == 42}", true], // == with a number compares numerically
    ["${'42.0' == 42}", true],
    ["${numeric > 9}", true], // numeric compare, not '42' < '9' as strings
    ["${'b' > 'a'}", true], // two strings compare lexically
    ["${'10' < '9'}", true],
    ["${yes == true}", true], // a boolean side makes both booleans ('TRUE' → true)
    ["${flag == 'true'}", true],
    ["${nothing == null}", true],
    ["${nothing == 0}", false], // null equals only null
    ["${nothing < 1}", false], // null is never ordered
    ["${amount == '150'}", true],
    ["${code == 330106}", true],
    ["${applicant.region == applicant.region}", true],
    ["${when < later}", true],
    ["${!nothing}", true],
    ["${!''}", true],
    ["${yes ? 1 : 2}", 1],
    ["${7.5 % 2}", 1.5],
    ["${flag < true}", false], // EL: identical operands are equal, never less
    ["${flag <= true}", true],
  ])("%s → %j", (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it.each([
    ["${'abc' + 1}", /Cannot coerce 'abc' to a number/],
    ["${flag + 1}", /Cannot coerce boolean true to a number/],
    ["${'abc' == 1}", /Cannot coerce 'abc' to a number/],
    ["${amount && true}", /Cannot coerce number 150 to a boolean/],
    ["${list < 3}", /Cannot coerce a list to a number/],
    ["${flag < false}", /Cannot compare/],
    ["${5 % 0}", /Division by zero/],
  ])("%s is refused: %s", (source, message) => {
    expect(() => run(source)).toThrow(ExpressionEvaluationError);
    expect(() => run(source)).toThrow(message);
  });
});

describe("property access", () => {
  it.each([
    ["${applicant.name}", "张三"],
    ["${applicant['name']}", "张三"],
    ["${applicant.region.code}", "330106"],
    ["${applicant['re' + 'gion']}", undefined], // '+' is numeric in EL: this must fail, see below
  ])("%s", (source, expected) => {
    if (expected === undefined) expect(() => run(source)).toThrow(/Cannot coerce 're' to a number/);
    else expect(run(source)).toBe(expected);
  });

  it("indexes lists and tolerates nulls like EL", () => {
    expect(run("${list[0]}")).toBe(1);
    expect(run("${list['2']}")).toBe(3);
    expect(run("${list[9]}")).toBeNull();
    expect(run("${names[1]}")).toBe("李四");
    expect(run("${applicant.tags[0]}")).toBe("a");
    expect(run("${applicant.missing}")).toBeNull();
    expect(run("${nothing.anything}")).toBeNull();
    expect(() => run("${list.first}")).toThrow(/of a list/);
    expect(() => run("${text.length}")).toThrow(/Cannot read property 'length' of '/);
    expect(() => run("${amount.value}")).toThrow(/of number 150/);
  });

  it("reads Map values", () => {
    const mapScope = scopeOf({ m: new Map<unknown, unknown>([["k", "v"], [1, "one"]]) });
    expect(compileExpression("${m.k}").evaluate(mapScope)).toBe("v");
    expect(compileExpression("${m[1]}").evaluate(mapScope)).toBe("one");
    expect(compileExpression("${m.size()}").evaluate(mapScope)).toBe(2);
    expect(compileExpression("${m.containsKey('k')}").evaluate(mapScope)).toBe(true);
  });
});

describe("unknown identifiers", () => {
  it("fails like Camunda", () => {
    expect(() => run("${missing}")).toThrow(ExpressionEvaluationError);
    expect(() => run("${missing}")).toThrow("Unknown property used in expression: ${missing}. Cause: Cannot resolve identifier 'missing'");
    expect(() => run("Dear ${missing} ...")).toThrow("Unknown property used in expression: Dear ${missing} .... Cause: Cannot resolve identifier 'missing'");
    expect(() => run("${amount > 1 && missing}")).toThrow(/identifier 'missing'/);
  });

  it("resolves execution.getVariable / hasVariable through the scope", () => {
    const withExecution = scopeOf({ ...variables, execution: { id: "exec-1" } });
    const evaluate = (source: string) => compileExpression(source).evaluate(withExecution);
    expect(evaluate("${execution.getVariable('amount')}")).toBe(150);
    expect(evaluate("${execution.getVariable('absent')}")).toBeNull();
    expect(evaluate("${execution.hasVariable('amount')}")).toBe(true);
    expect(evaluate("${execution.hasVariable('absent')}")).toBe(false);
    expect(() => evaluate("${execution.getVariable(amount)}")).toThrow(/one variable name/);
    expect(() => evaluate("${execution.setVariable('a', 1)}")).toThrow(/not allowed on a map/);
    // Outside an execution, `execution` is an unknown identifier, as in Camunda.
    expect(() => run("${execution.getVariable('amount')}")).toThrow(/Cannot resolve identifier 'execution'/);
  });
});

describe("method whitelist", () => {
  it.each([
    ["${text.length()}", 12],
    ["${text.trim()}", "Hello 金土"],
    ["${text.trim().toUpperCase()}", "HELLO 金土"],
    ["${text.toLowerCase().contains('hello')}", true],
    ["${code.startsWith('33')}", true],
    ["${code.startsWith('01', 4)}", false],
    ["${code.endsWith('06')}", true],
    ["${code.equals('330106')}", true],
    ["${code.equals(330106)}", false], // Java equals: no coercion
    ["${'ABC'.equalsIgnoreCase('abc')}", true],
    ["${''.isEmpty()}", true],
    ["${code.substring(0, 4)}", "3301"],
    ["${code.substring(4)}", "06"],
    ["${code.indexOf('01')}", 2],
    ["${code.indexOf('x')}", -1],
    ["${code.matches('33\\\\d{4}')}", true],
    ["${code.matches('\\\\d{4}')}", false], // whole-string match, like Java
    ["${list.size()}", 3],
    ["${list.isEmpty()}", false],
    ["${list.contains(2)}", true],
    ["${names.contains('李四')}", true],
    ["${list.get(0)}", 1],
    ["${applicant.size()}", 3],
    ["${applicant.containsKey('name')}", true],
    ["${applicant.containsKey('toString')}", false],
    ["${applicant.get('name')}", "张三"],
    ["${applicant.region.get('level')}", "county"],
    ["${emptyMap.isEmpty()}", true],
  ])("%s → %j", (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it.each([
    ["${text.replace('a', 'b')}", /Method 'replace' is not allowed on a string/],
    ["${text.toString()}", /Method 'toString' is not allowed/],
    ["${list.push(4)}", /Method 'push' is not allowed on a list/],
    ["${applicant.keys()}", /Method 'keys' is not allowed on a map/],
    ["${amount.toFixed(2)}", /Cannot call 'toFixed\(\)' on number 150/],
    ["${nothing.length()}", /Cannot call 'length\(\)' on null/],
    ["${code.substring(3, 99)}", /out of range/],
    ["${list.get(5)}", /out of bounds/],
    ["${code.length(1)}", /takes 0 argument/],
    ["${code.matches('(')}", /Invalid regular expression/],
    ["${code.matches('(a+)+b')}", /nested quantifiers/],
    ["${code.matches('x'.substring(0,1))}", undefined],
  ])("%s is refused", (source, message) => {
    if (message === undefined) {
      expect(run(source)).toBe(false);
      return;
    }
    expect(() => run(source)).toThrow(ExpressionEvaluationError);
    expect(() => run(source)).toThrow(message);
  });
});

describe("helper functions", () => {
  const helpers: ExpressionHelpers = {
    cityOf: (code) => `${String(code).slice(0, 4)}00`,
    provinceOf: (code) => `${String(code).slice(0, 2)}0000`,
    workdays: (n) => `P${String(n)}WD`,
    now: () => new Date("2026-10-08T01:00:00Z"),
    broken: () => {
      throw new Error("region service down");
    },
    leaky: () => () => "a function",
    later: async () => 1,
  };

  it("calls helpers passed by the engine", () => {
    expect(run("${cityOf(applicant.region.code)}", helpers)).toBe("330100");
    expect(run("${provinceOf(code) == '330000'}", helpers)).toBe(true);
    expect(run("${workdays(20)}", helpers)).toBe("P20WD");
    expect(run("${now()}", helpers)).toEqual(new Date("2026-10-08T01:00:00Z"));
  });

  it("refuses unknown, failing, function-returning and async helpers", () => {
    expect(() => run("${cityOf(code)}")).toThrow(/Unknown function 'cityOf'/);
    expect(() => run("${hasOwnProperty('x')}", helpers)).toThrow(/Unknown function 'hasOwnProperty'/);
    expect(() => run("${toString()}", helpers)).toThrow(/Unknown function 'toString'/);
    expect(() => run("${broken()}", helpers)).toThrow(/Function 'broken' failed .*region service down/);
    expect(() => run("${leaky()}", helpers)).toThrow(/not a value/);
    expect(() => run("${later()}", helpers)).toThrow(/returned a Promise/);
  });
});

describe("syntax errors at compile time", () => {
  it.each([
    ["${amount +}", 10, /unexpected \}/],
    ["${amount", 8, /missing '\}'/],
    ["${}", 2, /empty expression/],
    ["${a = 1}", 4, /use '==' or 'eq'/],
    ["${a & b}", 4, /use '&&'/],
    ["${'open}", 2, /unterminated string/],
    ["${a.}", 4, /property or method name/],
    ["${a ? b}", 7, /expected ':'/],
    ["${(a}", 4, /expected '\)'/],
    ["${a b}", 4, /unexpected identifier b/],
    ["${a instanceof b}", 4, /unexpected identifier instanceof|instanceof/],
    ["${a @ b}", 4, /unexpected character '@'/],
    ["ok ${and}", 5, /unexpected keyword 'and'/],
  ])("%s fails at %i", (source, position, message) => {
    try {
      compileExpression(source);
      expect.unreachable(`${source} should not compile`);
    } catch (err) {
      expect(err).toBeInstanceOf(ExpressionSyntaxError);
      expect((err as ExpressionSyntaxError).position).toBe(position);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).toContain(source);
    }
  });
});
