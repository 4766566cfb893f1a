// casbin RBAC with region domains over the casbin_rule table. user_role is the list of role assignments
// the admin UI edits; each assignment is mirrored as a casbin `g` rule in the same transaction.
// Subjects are prefixed (user:xihu-clerk, role:clerk) so that a login named like a role gains nothing.
import { newEnforcer, newModelFromString, type Enforcer } from "casbin";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../../engine";
import type { Clock } from "../../engine";
import { insertRule, SqlCasbinAdapter } from "./casbinAdapter";
import { isWithin, NATIONAL } from "./regionCodes";
import { PERMISSIONS, ROLES } from "./roles";

export interface RoleAssignment {
  userId: string;
  role: string;
  region: string;
}

export interface Authorizer {
  /** May `userId` do `action` on `object` in `region`? Roles held at a region cover the regions below. */
  enforce(userId: string, region: string, object: string, action: string): Promise<boolean>;
  /** Adds the assignment; false when the user already held it. */
  grant(assignment: RoleAssignment, grantedBy?: string | null): Promise<boolean>;
  /** Removes the assignment; false when there was none. */
  revoke(assignment: RoleAssignment): Promise<boolean>;
  rolesOf(userId: string): Promise<{ role: string; region: string }[]>;
  assignments(filter?: { region?: string; role?: string }): Promise<RoleAssignment[]>;
  /** Reloads the policy when another server process changed casbin_rule (checked at most every few seconds). */
  refresh(force?: boolean): Promise<void>;
}

export const userSubject = (userId: string) => `user:${userId}`;
export const roleSubject = (role: string) => `role:${role}`;

const MODEL_TEXT = readFileSync(path.join(import.meta.dirname, "model.conf"), "utf8");
const REFRESH_INTERVAL_MS = 5_000;

/** The static rules (permissions and role inheritance) as casbin_rule rows. */
function staticRules(): [string, string[]][] {
  const rules: [string, string[]][] = [];
  for (const [role, region, object, action] of PERMISSIONS) rules.push(["p", [roleSubject(role), region, object, action]]);
  for (const role of ROLES) if (role.parent) rules.push(["g", [roleSubject(role.name), roleSubject(role.parent), NATIONAL]]);
  return rules;
}

/** `read|write` lists alternatives; `*` allows every action. */
export function actionMatch(requested: string, allowed: string): boolean {
  return allowed === "*" || allowed.split("|").includes(requested);
}

export async function createAuthorizer(db: Db, clock: Clock): Promise<Authorizer> {
  await syncStaticRules(db);
  await syncAssignmentRules(db);

  const enforcer: Enforcer = await newEnforcer(newModelFromString(MODEL_TEXT), new SqlCasbinAdapter(db));
  // Writes go through our own transactions below; the enforcer only mirrors them in memory.
  enforcer.enableAutoSave(false);
  await enforcer.addFunction("regionWithin", (request: string, granted: string) => isWithin(request, granted));
  await enforcer.addFunction("actionMatch", (requested: string, allowed: string) => actionMatch(requested, allowed));
  await enforcer.addNamedDomainMatchingFunc("g", (request: string, granted: string) => isWithin(request, granted));
  await enforcer.loadPolicy();

  let fingerprint = await policyFingerprint(db);
  let checkedAt = Date.now();

  const authorizer: Authorizer = {
    async enforce(userId, region, object, action) {
      await authorizer.refresh();
      return enforcer.enforce(userSubject(userId), region, object, action);
    },

    async grant({ userId, role, region }, grantedBy = null) {
      const rule = [userSubject(userId), roleSubject(role), region];
      const added = await db.transaction(async (tx) => {
        const existing = await tx.get(`SELECT id FROM user_role WHERE user_id = ? AND role = ? AND region = ?`, [userId, role, region]);
        if (existing) return false;
        await tx.run(`INSERT INTO user_role (id, user_id, role, region, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)`,
          [randomUUID(), userId, role, region, clock.now().getTime(), grantedBy]);
        await insertRule(tx, "g", rule);
        return true;
      });
      if (added) await enforcer.selfAddPolicy("g", "g", rule);
      fingerprint = await policyFingerprint(db);
      return added;
    },

    async revoke({ userId, role, region }) {
      const rule = [userSubject(userId), roleSubject(role), region];
      const removed = await db.transaction(async (tx) => {
        const n = await tx.run(`DELETE FROM user_role WHERE user_id = ? AND role = ? AND region = ?`, [userId, role, region]);
        await tx.run(`DELETE FROM casbin_rule WHERE ptype = 'g' AND v0 = ? AND v1 = ? AND v2 = ?`, rule);
        return n > 0;
      });
      if (removed) await enforcer.selfRemovePolicy("g", "g", rule);
      fingerprint = await policyFingerprint(db);
      return removed;
    },

    async rolesOf(userId) {
      return db.all<{ role: string; region: string }>(
        `SELECT role, region FROM user_role WHERE user_id = ? ORDER BY region, role`, [userId]);
    },

    async assignments(filter = {}) {
      const rows = await db.all<{ user_id: string; role: string; region: string }>(
        `SELECT user_id, role, region FROM user_role ORDER BY region, role, user_id`);
      return rows
        .filter((r) => (!filter.role || r.role === filter.role) && (!filter.region || isWithin(r.region, filter.region)))
        .map((r) => ({ userId: r.user_id, role: r.role, region: r.region }));
    },

    async refresh(force = false) {
      if (!force && Date.now() - checkedAt < REFRESH_INTERVAL_MS) return;
      checkedAt = Date.now();
      const now = await policyFingerprint(db);
      if (force || now !== fingerprint) {
        fingerprint = now;
        await enforcer.loadPolicy();
      }
    },
  };
  return authorizer;
}

async function policyFingerprint(db: Db): Promise<string> {
  const row = await db.get<{ n: number; m: number | null }>(`SELECT COUNT(*) AS n, MAX(id) AS m FROM casbin_rule`);
  return `${row?.n ?? 0}:${row?.m ?? 0}`;
}

const ruleKey = (ptype: string, values: (string | null)[]) => JSON.stringify([ptype, ...values.filter((v) => v !== null && v !== "")]);

/** Makes casbin_rule's permission and role-inheritance rows equal roles.ts (only writes when they differ). */
async function syncStaticRules(db: Db): Promise<void> {
  const wanted = staticRules();
  await db.transaction(async (tx) => {
    // Several nodes may start at once on one PostgreSQL.
    if (db.dialect === "postgres") await tx.get("SELECT pg_advisory_xact_lock(72943)");
    const rows = await tx.all<{ ptype: string; v0: string; v1: string | null; v2: string | null; v3: string | null }>(
      `SELECT ptype, v0, v1, v2, v3 FROM casbin_rule WHERE ptype = 'p' OR (ptype = 'g' AND v0 LIKE 'role:%')`);
    const have = new Set(rows.map((r) => ruleKey(r.ptype, [r.v0, r.v1, r.v2, r.v3])));
    const want = new Set(wanted.map(([ptype, rule]) => ruleKey(ptype, rule)));
    if (have.size === want.size && [...want].every((k) => have.has(k)) && rows.length === want.size) return;
    await tx.run(`DELETE FROM casbin_rule WHERE ptype = 'p' OR (ptype = 'g' AND v0 LIKE 'role:%')`);
    for (const [ptype, rule] of wanted) await insertRule(tx, ptype, rule);
  });
}

/** Makes the user `g` rules equal user_role (repairs a hand-edited database). */
async function syncAssignmentRules(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    if (db.dialect === "postgres") await tx.get("SELECT pg_advisory_xact_lock(72943)");
    const assignments = await tx.all<{ user_id: string; role: string; region: string }>(`SELECT user_id, role, region FROM user_role`);
    const rules = await tx.all<{ v0: string; v1: string; v2: string }>(`SELECT v0, v1, v2 FROM casbin_rule WHERE ptype = 'g' AND v0 LIKE 'user:%'`);
    const want = new Set(assignments.map((a) => ruleKey("g", [userSubject(a.user_id), roleSubject(a.role), a.region])));
    const have = rules.map((r) => ruleKey("g", [r.v0, r.v1, r.v2]));
    if (have.length === want.size && have.every((k) => want.has(k))) return;
    await tx.run(`DELETE FROM casbin_rule WHERE ptype = 'g' AND v0 LIKE 'user:%'`);
    for (const a of assignments) await insertRule(tx, "g", [userSubject(a.user_id), roleSubject(a.role), a.region]);
  });
}
