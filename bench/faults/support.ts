// Shared helpers of the fault tests: short mode in the normal test run, full length with JINTU_FAULTS=full
// (npm run bench:faults); databases; a Basic-auth REST client; a seeded RNG; consistency checks in SQL.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Db } from "../../engine";
import { basicAuthHeader } from "../lib/serverProcess";

export const full = process.env.JINTU_FAULTS === "full";
/** Short mode value or full-length value. */
export const size = <T>(short: T, long: T): T => (full ? long : short);

export const postgresBase = process.env.JINTU_TEST_DATABASE_URL && /^postgres/.test(process.env.JINTU_TEST_DATABASE_URL) ? process.env.JINTU_TEST_DATABASE_URL : null;

export async function faultDatabase(dialect: "sqlite" | "postgres"): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === "sqlite") return { url: "file:" + path.join(mkdtempSync(path.join(tmpdir(), "jintu-fault-")), "fault.db"), async drop() {} };
  if (!postgresBase) throw new Error("JINTU_TEST_DATABASE_URL is not a PostgreSQL URL");
  const name = `jintu_fault_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: postgresBase });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(postgresBase);
  u.pathname = "/" + name;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresBase! });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).finally(() => c.end());
    },
  };
}

/** mulberry32: a small seeded PRNG, so a failing fuzz case can be replayed from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}

export class Rest {
  constructor(public baseUrl: string, private readonly auth = { username: "demo", password: "demo" }) {}

  async call(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
    const headers: Record<string, string> = { authorization: basicAuthHeader(this.auth), ...extraHeaders };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof body === "string") payload = body;
    else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + "/engine-rest" + path, { method, headers, body: payload, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    let json: any = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  }
}

/** Rows per table of the engine's runtime and history tables (to check that rejected input wrote nothing). */
export const ENGINE_TABLES = [
  "deployment", "resource", "process_definition", "execution", "task", "identity_link", "variable", "blob", "job", "external_task",
  "event_subscription", "incident", "hi_process_instance", "hi_activity_instance", "hi_task_instance", "hi_variable_instance",
  "hi_variable_update", "hi_operation_log",
];

export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ENGINE_TABLES) out[t] = Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))?.n ?? 0);
  return out;
}

export { openDatabase };

/**
 * Every instance of a single-user-task model is consistent: a running one has its root, exactly one token
 * in the user task, exactly one task with its candidate link, one open historic task and activity; an
 * ended one has no runtime rows left and a closed history. Returns a list of violations (empty = fine).
 */
export async function userTaskModelViolations(db: Db, processKey: string, taskActivity: string): Promise<string[]> {
  const problems: string[] = [];
  const his = await db.all<{ id: string; business_key: string; end_time: number | null; state: string }>(
    `SELECT "id", "business_key", "end_time", "state" FROM "hi_process_instance" WHERE "process_definition_key" = ?`, [processKey]);
  const count = async (sql: string, id: string) => Number((await db.get<{ n: number }>(sql, [id]))?.n ?? 0);
  for (const h of his) {
    const executions = await count(`SELECT COUNT(*) AS n FROM "execution" WHERE "process_instance_id" = ?`, h.id);
    const tasks = await count(`SELECT COUNT(*) AS n FROM "task" WHERE "process_instance_id" = ?`, h.id);
    const links = await count(`SELECT COUNT(*) AS n FROM "identity_link" WHERE "process_instance_id" = ?`, h.id);
    const openTasks = await count(`SELECT COUNT(*) AS n FROM "hi_task_instance" WHERE "process_instance_id" = ? AND "end_time" IS NULL`, h.id);
    const openActs = await count(`SELECT COUNT(*) AS n FROM "hi_activity_instance" WHERE "process_instance_id" = ? AND "end_time" IS NULL`, h.id);
    const jobs = await count(`SELECT COUNT(*) AS n FROM "job" WHERE "process_instance_id" = ?`, h.id);
    const vars = await count(`SELECT COUNT(*) AS n FROM "variable" WHERE "process_instance_id" = ?`, h.id);
    const taskActs = await count(`SELECT COUNT(*) AS n FROM "hi_activity_instance" WHERE "process_instance_id" = ? AND "activity_id" = '${taskActivity}'`, h.id);
    const where = `instance ${h.id} (${h.business_key})`;
    if (h.end_time === null) {
      if (executions !== 2) problems.push(`${where} running with ${executions} executions (expected root + 1 token)`);
      if (tasks !== 1) problems.push(`${where} running with ${tasks} tasks`);
      if (links !== 1) problems.push(`${where} running with ${links} identity links`);
      if (openTasks !== 1) problems.push(`${where} running with ${openTasks} open historic tasks`);
      if (openActs !== 1) problems.push(`${where} running with ${openActs} open historic activities`);
      if (jobs !== 0) problems.push(`${where} running with ${jobs} jobs`);
    } else {
      if (h.state !== "COMPLETED") problems.push(`${where} ended in state ${h.state}`);
      if (executions + tasks + links + jobs + vars !== 0) problems.push(`${where} ended but keeps runtime rows: ${executions} executions, ${tasks} tasks, ${links} links, ${jobs} jobs, ${vars} variables`);
      if (openTasks + openActs !== 0) problems.push(`${where} ended with ${openTasks} open historic tasks and ${openActs} open activities`);
    }
    if (taskActs !== 1) problems.push(`${where} entered ${taskActivity} ${taskActs} times (token lost or duplicated)`);
  }
  const orphans = await db.all<{ id: string }>(`SELECT t."id" FROM "task" t LEFT JOIN "hi_process_instance" h ON h."id" = t."process_instance_id" WHERE h."id" IS NULL`);
  for (const o of orphans) problems.push(`task ${o.id} without a process instance`);
  return problems;
}
