// app_user: logins. Passwords are argon2id hashes (server/auth/passwords.ts).
import type { Db } from "../../engine";
import type { Clock } from "../../engine";

export interface UserRecord {
  id: string;
  displayName: string;
  passwordHash: string | null;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface UserRow {
  id: string; display_name: string; password_hash: string | null; email: string | null; phone: string | null;
  disabled: number; created_at: number; updated_at: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id, displayName: r.display_name, passwordHash: r.password_hash, email: r.email, phone: r.phone,
  disabled: Number(r.disabled) === 1, createdAt: new Date(Number(r.created_at)), updatedAt: new Date(Number(r.updated_at)),
});

export class UserRepository {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async find(id: string): Promise<UserRecord | null> {
    const row = await this.db.get<UserRow>(`SELECT * FROM app_user WHERE id = ?`, [id]);
    return row ? toUser(row) : null;
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.all<UserRow>(`SELECT * FROM app_user ORDER BY id`)).map(toUser);
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM app_user`);
    return Number(row?.n ?? 0);
  }

  async create(user: { id: string; displayName: string; passwordHash: string | null; email?: string | null; phone?: string | null }): Promise<UserRecord> {
    const now = this.clock.now().getTime();
    await this.db.run(
      `INSERT INTO app_user (id, display_name, password_hash, email, phone, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
      [user.id, user.displayName, user.passwordHash, user.email ?? null, user.phone ?? null, now, now]);
    return (await this.find(user.id))!;
  }

  async update(id: string, changes: { displayName?: string; passwordHash?: string; email?: string | null; phone?: string | null; disabled?: boolean }): Promise<UserRecord | null> {
    const sets: string[] = [];
    const params: (string | number | null)[] = [];
    if (changes.displayName !== undefined) { sets.push("display_name = ?"); params.push(changes.displayName); }
    if (changes.passwordHash !== undefined) { sets.push("password_hash = ?"); params.push(changes.passwordHash); }
    if (changes.email !== undefined) { sets.push("email = ?"); params.push(changes.email); }
    if (changes.phone !== undefined) { sets.push("phone = ?"); params.push(changes.phone); }
    if (changes.disabled !== undefined) { sets.push("disabled = ?"); params.push(changes.disabled ? 1 : 0); }
    sets.push("updated_at = ?");
    params.push(this.clock.now().getTime());
    const n = await this.db.run(`UPDATE app_user SET ${sets.join(", ")} WHERE id = ?`, [...params, id]);
    return n ? this.find(id) : null;
  }
}
