// form_definition: Form.io definitions, versioned. Saving a key again makes the next version.
import { randomUUID } from "node:crypto";
import type { Db } from "../../engine";
import type { Clock } from "../../engine";

export interface FormRecord {
  key: string;
  version: number;
  name: string;
  definition: unknown;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
}

interface FormRow { key: string; version: number; name: string; definition: string; note: string | null; created_by: string | null; created_at: number }

const toForm = (r: FormRow): FormRecord => ({
  key: r.key, version: Number(r.version), name: r.name, definition: JSON.parse(r.definition), note: r.note,
  createdBy: r.created_by, createdAt: new Date(Number(r.created_at)),
});

export class FormRepository {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /** The latest version of each form. */
  async listLatest(): Promise<{ key: string; name: string; version: number; updatedAt: Date }[]> {
    const rows = await this.db.all<{ key: string; name: string; version: number; created_at: number }>(
      `SELECT f.key, f.name, f.version, f.created_at FROM form_definition f
        WHERE f.version = (SELECT MAX(g.version) FROM form_definition g WHERE g.key = f.key) ORDER BY f.key`);
    return rows.map((r) => ({ key: r.key, name: r.name, version: Number(r.version), updatedAt: new Date(Number(r.created_at)) }));
  }

  async get(key: string, version?: number): Promise<FormRecord | null> {
    const row = version === undefined
      ? await this.db.get<FormRow>(`SELECT * FROM form_definition WHERE key = ? ORDER BY version DESC LIMIT 1`, [key])
      : await this.db.get<FormRow>(`SELECT * FROM form_definition WHERE key = ? AND version = ?`, [key, version]);
    return row ? toForm(row) : null;
  }

  async versions(key: string): Promise<{ version: number; note: string | null; createdBy: string | null; createdAt: Date }[]> {
    const rows = await this.db.all<FormRow>(`SELECT version, note, created_by, created_at FROM form_definition WHERE key = ? ORDER BY version DESC`, [key]);
    return rows.map((r) => ({ version: Number(r.version), note: r.note, createdBy: r.created_by, createdAt: new Date(Number(r.created_at)) }));
  }

  /** Saves a new version (the unique (key, version) index makes concurrent saves of one key safe). */
  async save(form: { key: string; name: string; definition: unknown; note?: string | null; createdBy?: string | null }): Promise<{ key: string; version: number }> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM form_definition WHERE key = ?`, [form.key]);
      const version = Number(row?.v ?? 0) + 1;
      await tx.run(
        `INSERT INTO form_definition (id, key, version, name, definition, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [randomUUID(), form.key, version, form.name, JSON.stringify(form.definition), form.note ?? null, form.createdBy ?? null, this.clock.now().getTime()]);
      return { key: form.key, version };
    });
  }
}
