// Variable filters as Camunda's GET query strings deliver them: every value is text, so a numeric, boolean
// or date text must also find numeric, Boolean and Date variables — and still a String variable with
// that very text. Checked through getTasks({processVariables}) and getProcessInstances({variables}).
import { beforeEach, describe, expect, test } from "vitest";
import type { Engine, VariableFilter } from "../api";
import { chain, engineWith } from "./helpers";

const waitModel = `<bpmn:startEvent id="start"/><bpmn:userTask id="wait"/><bpmn:endEvent id="end"/>${chain("start", "wait", "end")}`;

/** 2026-11-25 09:30 in Beijing = 01:30 UTC. */
const DEADLINE = new Date("2026-11-25T01:30:00.000Z");

// One case per business key; the variables differ in type, not only in value.
const CASES: Record<string, Record<string, unknown>> = {
  "long-80": { priority: 80, urgent: true, deadline: DEADLINE },
  "double-80": { priority: 80.0001, urgent: false, deadline: new Date(DEADLINE.getTime() + 60_000) },
  "double-exact-80": { priority: { value: 80, type: "Double" }, urgent: { value: "true", type: "String" } },
  "string-80": { priority: "80", urgent: "false", deadline: "2026-11-25T09:30:00.000+0800" },
  "string-080": { priority: "080", urgent: "yes" },
  "short-5": { priority: { value: 5, type: "Short" }, deadline: new Date(DEADLINE.getTime() - 86_400_000) },
  "json-80": { priority: { value: "80", type: "Json" } },
};

let engine: Engine;

beforeEach(async () => {
  ({ engine } = await engineWith("p", waitModel));
  for (const [businessKey, variables] of Object.entries(CASES)) {
    await engine.startProcessInstanceByKey("p", { businessKey, variables });
  }
});

async function viaTasks(...filters: VariableFilter[]): Promise<string[]> {
  const tasks = await engine.getTasks({ processVariables: filters });
  if (tasks.length === 0) return [];
  const instances = await engine.getProcessInstances({ processInstanceIds: tasks.map((t) => t.processInstanceId) });
  return instances.map((p) => p.businessKey!).sort();
}
async function viaInstances(...filters: VariableFilter[]): Promise<string[]> {
  return (await engine.getProcessInstances({ variables: filters })).map((p) => p.businessKey!).sort();
}
/** Both queries must agree; returns their answer. */
async function matching(...filters: VariableFilter[]): Promise<string[]> {
  const [a, b] = [await viaTasks(...filters), await viaInstances(...filters)];
  expect(a).toEqual(b);
  return a;
}
const f = (name: string, operator: VariableFilter["operator"], value: unknown): VariableFilter => ({ name, operator, value });

describe("numeric text (priority_eq_80)", () => {
  test("matches Long and Double variables equal to 80 and the String '80', not '080' or Json text", async () => {
    expect(await matching(f("priority", "eq", "80"))).toEqual(["double-exact-80", "long-80", "string-80"]);
    // a String variable compares as text: '080' finds only the String '080' — and the numbers equal to 80
    expect(await matching(f("priority", "eq", "080"))).toEqual(["double-exact-80", "long-80", "string-080"]);
  });

  test("orders numerically against numeric variables (80.0001 > 80 > 5)", async () => {
    const numbers = ["double-80", "double-exact-80", "long-80", "short-5"];
    const numeric = (keys: string[]) => keys.filter((k) => numbers.includes(k));
    expect(numeric(await matching(f("priority", "gt", "80")))).toEqual(["double-80"]);
    expect(numeric(await matching(f("priority", "gteq", "80")))).toEqual(["double-80", "double-exact-80", "long-80"]);
    expect(numeric(await matching(f("priority", "lt", "10")))).toEqual(["short-5"]);
    expect(numeric(await matching(f("priority", "lteq", "80.0001")))).toEqual(["double-80", "double-exact-80", "long-80", "short-5"]);
  });

  test("neq excludes every variable equal to 80, whatever its type", async () => {
    expect(await matching(f("priority", "neq", "80"))).toEqual(["double-80", "short-5", "string-080"]);
  });

  test("a typed number (POST form) matches numeric variables only", async () => {
    expect(await matching(f("priority", "eq", 80))).toEqual(["double-exact-80", "long-80"]);
    expect(await matching(f("priority", "gt", 79.5))).toEqual(["double-80", "double-exact-80", "long-80"]);
  });

  test("like never converts", async () => {
    expect(await matching(f("priority", "like", "8%"))).toEqual(["string-80"]);
  });
});

describe("boolean text (urgent_eq_true)", () => {
  test("matches Boolean variables and String variables with that text", async () => {
    expect(await matching(f("urgent", "eq", "true"))).toEqual(["double-exact-80", "long-80"]);
    expect(await matching(f("urgent", "eq", "false"))).toEqual(["double-80", "string-80"]);
    expect(await matching(f("urgent", "eq", true))).toEqual(["long-80"]); // typed: the Boolean only
    expect(await matching(f("urgent", "neq", "true"))).toEqual(["double-80", "string-080", "string-80"]);
  });

  test("a Boolean is not the number 1 or 0", async () => {
    expect(await matching(f("urgent", "eq", 1))).toEqual([]);
    expect(await matching(f("urgent", "eq", "1"))).toEqual([]);
  });
});

describe("date text (deadline_lt_2026-11-25T09:30:00.000+0800)", () => {
  test("compares Date variables as instants, in Camunda's format and in ISO 8601", async () => {
    for (const text of ["2026-11-25T09:30:00.000+0800", "2026-11-25T01:30:00Z", "2026-11-25T09:30:00+08:00"]) {
      const dates = (keys: string[]) => keys.filter((k) => k !== "string-80");
      expect(dates(await matching(f("deadline", "eq", text))), text).toEqual(["long-80"]);
      expect(dates(await matching(f("deadline", "lt", text))), text).toEqual(["short-5"]);
      expect(dates(await matching(f("deadline", "gteq", text))), text).toEqual(["double-80", "long-80"]);
    }
  });

  test("still finds a String variable holding the same text, and a typed Date only Dates", async () => {
    expect(await matching(f("deadline", "eq", "2026-11-25T09:30:00.000+0800"))).toEqual(["long-80", "string-80"]);
    expect(await matching(f("deadline", "eq", "2026-11-25T01:30:00Z"))).toEqual(["long-80"]);
    expect(await matching(f("deadline", "eq", DEADLINE))).toEqual(["long-80"]);
    expect(await matching(f("deadline", "gt", new Date(DEADLINE.getTime() - 1)))).toEqual(["double-80", "long-80"]);
  });

  test("a date without an offset is plain text (its instant would depend on the server's time zone)", async () => {
    expect(await matching(f("deadline", "eq", "2026-11-25T09:30:00"))).toEqual([]);
    // A number is a number, not epoch milliseconds of a Date.
    expect(await matching(f("deadline", "eq", DEADLINE.getTime()))).toEqual([]);
  });
});

describe("bad filter values", () => {
  test("an object value or an unknown comparator is refused with a clear message", async () => {
    await expect(engine.getProcessInstances({ variables: [f("priority", "eq", { value: 80 })] })).rejects.toThrow(/values can be strings, numbers, booleans, dates or null, not object/);
    await expect(engine.getTasks({ processVariables: [f("priority", "between" as never, "80")] })).rejects.toThrow(/Invalid variable comparator specified: between/);
  });
});
