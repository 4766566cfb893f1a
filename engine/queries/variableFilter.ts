// Variable filters (Camunda's processVariables/taskVariables/variables: name, operator, value) as EXISTS
// subqueries on the variable table, typed by the value given.
import type { VariableFilter } from "../api";
import { badRequest } from "../errors";
import type { SqlValue } from "../persistence/db";

const OPS: Record<string, string> = { eq: "=", neq: "<>", gt: ">", gteq: ">=", lt: "<", lteq: "<=", like: "LIKE" };

export function variableFilterSql(ownerColumn: string, f: VariableFilter, scope: "process" | "task"): [string, ...SqlValue[]] {
  const op = OPS[f.operator];
  if (!op) throw badRequest(`Invalid variable comparator specified: ${f.operator}`);
  const owner = scope === "process" ? `v."process_instance_id" = ${ownerColumn} AND v."execution_id" = v."process_instance_id" AND v."task_id" IS NULL` : `v."task_id" = ${ownerColumn}`;
  let v = f.value;
  if (typeof v === "string" && /^(true|false)$/.test(v) && f.operator !== "like") v = v === "true";
  let column: string;
  let param: SqlValue;
  if (typeof v === "number") {
    column = Number.isInteger(v) ? `COALESCE(v."long_value", v."double_value")` : `COALESCE(v."double_value", v."long_value")`;
    param = v;
  } else if (typeof v === "boolean") {
    column = `v."long_value"`;
    param = v ? 1 : 0;
  } else if (v === null) {
    return [`EXISTS (SELECT 1 FROM "variable" v WHERE ${owner} AND v."name" = ? AND v."type" = 'Null')`, f.name];
  } else {
    column = `v."text_value"`;
    param = String(v);
  }
  return [`EXISTS (SELECT 1 FROM "variable" v WHERE ${owner} AND v."name" = ? AND ${column} ${op} ?)`, f.name, param];
}
