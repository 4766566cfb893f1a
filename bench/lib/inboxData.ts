// Bulk-loads open user tasks straight into the engine's schema with one INSERT … SELECT per table (the
// same SQL on both databases; only the number series differs): a root and a child execution per
// instance, the task, and its candidate-group identity links. Distribution: three counties (西湖 50 %,
// 余杭 30 %, 海曙 20 %) × five flows, one candidate group per task (role@county) and a second one
// (leader@city) on 30 %, 20 % assigned to a county user (2 % of 西湖's to xihu-clerk), created over a year.
import type { Queryable } from "../../engine";

export const INBOX_FLOWS = ["construction-land-approval", "mining-right-registration", "land-supply", "geohazard-report", "enforcement-case"];
export const INBOX_ROLES = ["land-reviewer", "mining-reviewer", "acceptance-clerk", "geohazard-officer", "enforcement-officer"];

const county = `CASE WHEN g % 10 < 5 THEN '330106' WHEN g % 10 < 8 THEN '330110' ELSE '330203' END`;
const city = `CASE WHEN g % 10 < 8 THEN '330100' ELSE '330200' END`;
const flowIdx = `((g / 10) % 5)`;
const caseOf = (values: string[], idx: string) => `CASE ${idx} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(" ")} END`;
const flow = caseOf(INBOX_FLOWS, flowIdx);
const role = caseOf(INBOX_ROLES, flowIdx);
const assigned = `((g * 7) % 100 < 20)`;
const assignee = `CASE WHEN NOT ${assigned} THEN NULL WHEN g % 10 < 5 AND (g * 7) % 100 < 2 THEN 'xihu-clerk' ELSE 'user-' || ${county} || '-' || (g % 40) END`;

function series(dialect: "sqlite" | "postgres", from: number, to: number): { source: string; prefix: string } {
  return dialect === "postgres"
    ? { prefix: "", source: `generate_series(${from}::bigint, ${to}::bigint) AS s(g)` }
    : { prefix: `WITH RECURSIVE s(g) AS (SELECT ${from} UNION ALL SELECT g + 1 FROM s WHERE g < ${to}) `, source: "s" };
}

/** Adds tasks number `from`..`to` (inclusive). `now` anchors create times (spread over the year before). */
export async function loadInboxTasks(db: { dialect: "sqlite" | "postgres"; transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, from: number, to: number, now: number): Promise<void> {
  const { prefix, source } = series(db.dialect, from, to);
  const created = `(${now} - ((g * 7919) % 31536000) * 1000)`;
  const def = `${flow} || ':1:bench'`;
  await db.transaction(async (tx) => {
    // root execution of the instance, then the token waiting in the user task
    await tx.run(`${prefix}INSERT INTO "execution" ("id", "process_instance_id", "parent_id", "process_definition_id", "process_definition_key", "activity_id", "activity_instance_id", "business_key", "root_process_instance_id", "is_active", "is_scope", "tenant_id", "start_time", "revision")
      SELECT 'pi-' || g, 'pi-' || g, NULL, ${def}, ${flow}, ${flow}, 'pi-' || g, 'BK-' || g, 'pi-' || g, 1, 1, ${county}, ${created}, 1 FROM ${source}`);
    await tx.run(`${prefix}INSERT INTO "execution" ("id", "process_instance_id", "parent_id", "process_definition_id", "process_definition_key", "activity_id", "activity_instance_id", "root_process_instance_id", "is_active", "is_scope", "tenant_id", "start_time", "revision")
      SELECT 'ex-' || g, 'pi-' || g, 'pi-' || g, ${def}, ${flow}, 'review', 'ai-' || g, 'pi-' || g, 1, 0, ${county}, ${created}, 1 FROM ${source}`);
    await tx.run(`${prefix}INSERT INTO "task" ("id", "name", "task_definition_key", "process_instance_id", "execution_id", "process_definition_id", "process_definition_key", "business_key", "activity_instance_id", "assignee", "priority", "due_date", "create_time", "tenant_id", "suspended", "revision")
      SELECT 'task-' || g, '审查', 'review', 'pi-' || g, 'ex-' || g, ${def}, ${flow}, 'BK-' || g, 'ai-' || g, ${assignee}, 50, ${created} + 20 * 86400000, ${created}, ${county}, 0, 1 FROM ${source}`);
    await tx.run(`${prefix}INSERT INTO "identity_link" ("id", "task_id", "process_instance_id", "type", "user_id", "group_id")
      SELECT 'il-' || g, 'task-' || g, 'pi-' || g, 'candidate', NULL, ${role} || '@' || ${county} FROM ${source}`);
    await tx.run(`${prefix}INSERT INTO "identity_link" ("id", "task_id", "process_instance_id", "type", "user_id", "group_id")
      SELECT 'il2-' || g, 'task-' || g, 'pi-' || g, 'candidate', NULL, 'leader@' || ${city} FROM ${source} WHERE (g * 3) % 10 < 3`);
  });
}
