// casbin adapter over Jintu's SQL layer: policies live in the casbin_rule table (standard columns
// ptype, v0…v5) of the same database as everything else, on SQLite and PostgreSQL alike.
import type { Adapter, Model } from "casbin";
import { Helper } from "casbin";
import type { Db, Queryable, SqlValue } from "../../engine";

const COLUMNS = ["v0", "v1", "v2", "v3", "v4", "v5"] as const;

interface CasbinRow {
  ptype: string;
  v0: string | null; v1: string | null; v2: string | null; v3: string | null; v4: string | null; v5: string | null;
}

export class SqlCasbinAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async loadPolicy(model: Model): Promise<void> {
    const rows = await this.db.all<CasbinRow>(`SELECT ptype, v0, v1, v2, v3, v4, v5 FROM casbin_rule ORDER BY id`);
    for (const row of rows) {
      const values = COLUMNS.map((c) => row[c]);
      while (values.length && (values[values.length - 1] === null || values[values.length - 1] === "")) values.pop();
      // Helper takes one CSV line; quote each value so commas inside values survive.
      const line = [row.ptype, ...values.map((v) => `"${String(v ?? "").replace(/"/g, '""')}"`)].join(", ");
      Helper.loadPolicyLine(line, model);
    }
  }

  async savePolicy(model: Model): Promise<boolean> {
    await this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM casbin_rule`);
      for (const sec of ["p", "g"]) {
        const assertions = model.model.get(sec);
        if (!assertions) continue;
        for (const [ptype, ast] of assertions) {
          for (const rule of ast.policy) await insertRule(tx, ptype, rule);
        }
      }
    });
    return true;
  }

  async addPolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    await insertRule(this.db, ptype, rule);
  }

  async removePolicy(_sec: string, ptype: string, rule: string[]): Promise<void> {
    const { where, params } = ruleCondition(ptype, 0, rule);
    await this.db.run(`DELETE FROM casbin_rule WHERE ${where}`, params);
  }

  async removeFilteredPolicy(_sec: string, ptype: string, fieldIndex: number, ...fieldValues: string[]): Promise<void> {
    const { where, params } = ruleCondition(ptype, fieldIndex, fieldValues);
    await this.db.run(`DELETE FROM casbin_rule WHERE ${where}`, params);
  }
}

export async function insertRule(q: Queryable, ptype: string, rule: string[]): Promise<void> {
  if (rule.length > COLUMNS.length) throw new Error(`casbin rule has ${rule.length} values; casbin_rule holds at most 6`);
  const values: SqlValue[] = COLUMNS.map((_, i) => rule[i] ?? null);
  await q.run(`INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4, v5) VALUES (?, ?, ?, ?, ?, ?, ?)`, [ptype, ...values]);
}

/** WHERE clause for a rule or a filter: empty strings in a filter match anything (casbin's convention). */
function ruleCondition(ptype: string, fieldIndex: number, values: string[]): { where: string; params: SqlValue[] } {
  const clauses = ["ptype = ?"];
  const params: SqlValue[] = [ptype];
  values.forEach((value, i) => {
    const column = COLUMNS[fieldIndex + i];
    if (!column || value === "" || value === undefined) return;
    clauses.push(`${column} = ?`);
    params.push(value);
  });
  return { where: clauses.join(" AND "), params };
}
