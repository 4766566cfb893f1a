// Variable filters (Camunda's processVariables/taskVariables/variables: name, operator, value) as EXISTS
// subqueries on the variable table, typed by the value given.
//
// Values from Camunda's GET query strings are always text (`priority_eq_80`, `urgent_eq_true`,
// `deadline_lt_2026-11-25T09:30:00.000+0800`), so a text value is read every way it can mean:
//   numeric text  → numeric variables (Integer/Short/Long/Double) compared as numbers, or String variables
//   "true"/"false" → Boolean variables, or String variables
//   an ISO date with a time and an offset (Camunda's `yyyy-MM-dd'T'HH:mm:ss.SSSZ` or ISO 8601 `…+08:00`/`Z`)
//                 → Date variables (epoch ms in long_value) compared as instants, or String variables
//   other text    → String variables only.
// A String variable always compares as text (so `county_eq_330106` still finds the String "330106", and
// "007" is not "7" there). `like` never converts. Typed values (numbers, booleans, Dates from the POST
// form or the engine API) match variables of their own kind only, as in Camunda.
import type { VariableFilter } from "../api";
import { badRequest } from "../errors";
import type { SqlValue } from "../persistence/db";
import { parseCamundaDate } from "../runtime/typedValues";

const OPS: Record<string, string> = { eq: "=", neq: "<>", gt: ">", gteq: ">=", lt: "<", lteq: "<=", like: "LIKE" };

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
/** A date and a time with an explicit offset: without one the instant would depend on the server's zone. */
const DATE_TIME_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One way of reading the filter value: which variables it can match and the value to compare with. */
interface Reading {
  condition: string;
  param: SqlValue;
}

const numeric = (n: number): Reading => ({
  condition: `v."type" IN ('Integer', 'Short', 'Long', 'Double') AND COALESCE(v."long_value", v."double_value")`,
  param: n,
});
const boolean = (b: boolean): Reading => ({ condition: `v."type" = 'Boolean' AND v."long_value"`, param: b ? 1 : 0 });
const date = (epochMs: number): Reading => ({ condition: `v."type" = 'Date' AND v."long_value"`, param: epochMs });
const text = (s: string): Reading => ({ condition: `v."type" = 'String' AND v."text_value"`, param: s });

/** The number a numeric text stands for, when it does so exactly (no digits lost beyond 2^53). */
function numberOf(s: string): number | null {
  if (!NUMERIC_TEXT.test(s)) return null;
  const n = Number(s);
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) return null;
  return n;
}

function dateOf(s: string): number | null {
  if (!DATE_TIME_TEXT.test(s)) return null;
  const ms = parseCamundaDate(s).getTime();
  return Number.isNaN(ms) ? null : ms;
}

function readingsOf(f: VariableFilter): Reading[] {
  const v = f.value;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw badRequest(`Variable filter '${f.name}': ${v} is not a number that can be compared`);
    return [numeric(v)];
  }
  if (typeof v === "boolean") return [boolean(v)];
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw badRequest(`Variable filter '${f.name}': invalid date`);
    return [date(v.getTime())];
  }
  if (typeof v !== "string") {
    throw badRequest(`Variable filter '${f.name}': values can be strings, numbers, booleans, dates or null, not ${Array.isArray(v) ? "an array" : typeof v}`);
  }
  if (f.operator === "like") return [text(v)];
  const readings = [text(v)];
  const n = numberOf(v);
  if (n !== null) readings.push(numeric(n));
  if (v === "true" || v === "false") readings.push(boolean(v === "true"));
  const ms = dateOf(v);
  if (ms !== null) readings.push(date(ms));
  return readings;
}

export function variableFilterSql(ownerColumn: string, f: VariableFilter, scope: "process" | "task"): [string, ...SqlValue[]] {
  const op = OPS[f.operator];
  if (!op) throw badRequest(`Invalid variable comparator specified: ${f.operator}`);
  const owner = scope === "process" ? `v."process_instance_id" = ${ownerColumn} AND v."execution_id" = v."process_instance_id" AND v."task_id" IS NULL` : `v."task_id" = ${ownerColumn}`;
  if (f.value === null || f.value === undefined) {
    return [`EXISTS (SELECT 1 FROM "variable" v WHERE ${owner} AND v."name" = ? AND v."type" = 'Null')`, f.name];
  }
  const readings = readingsOf(f);
  const matches = readings.map((r) => `(${r.condition} ${op} ?)`).join(" OR ");
  return [`EXISTS (SELECT 1 FROM "variable" v WHERE ${owner} AND v."name" = ? AND (${matches}))`, f.name, ...readings.map((r) => r.param)];
}
