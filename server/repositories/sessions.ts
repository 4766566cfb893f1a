// session: one row per login. The cookie carries a random 32-byte token; the table keeps only its
// SHA-256, so reading the table does not let anyone act as a user.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../engine";
import type { Clock } from "../../engine";

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export class SessionRepository {
  constructor(private readonly db: Db, private readonly clock: Clock, private readonly ttlMs: number) {}

  /** Creates a session; returns the token for the cookie (never stored). */
  async create(userId: string, meta: { clientAddress?: string | null; userAgent?: string | null }): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString("base64url");
    const now = this.clock.now().getTime();
    const expiresAt = now + this.ttlMs;
    await this.db.run(
      `INSERT INTO session (id, user_id, created_at, last_seen_at, expires_at, client_address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [hashToken(token), userId, now, now, expiresAt, meta.clientAddress ?? null, (meta.userAgent ?? "").slice(0, 300) || null]);
    return { token, expiresAt: new Date(expiresAt) };
  }

  /** The live session for a token, extending its expiry (sliding) at most once a minute. */
  async touch(token: string): Promise<SessionRecord | null> {
    const id = hashToken(token);
    const row = await this.db.get<{ user_id: string; created_at: number; last_seen_at: number; expires_at: number }>(
      `SELECT user_id, created_at, last_seen_at, expires_at FROM session WHERE id = ?`, [id]);
    const now = this.clock.now().getTime();
    if (!row) return null;
    if (Number(row.expires_at) <= now) {
      await this.db.run(`DELETE FROM session WHERE id = ?`, [id]);
      return null;
    }
    let expiresAt = Number(row.expires_at);
    if (now - Number(row.last_seen_at) > 60_000) {
      expiresAt = now + this.ttlMs;
      await this.db.run(`UPDATE session SET last_seen_at = ?, expires_at = ? WHERE id = ?`, [now, expiresAt, id]);
    }
    return { id, userId: row.user_id, createdAt: new Date(Number(row.created_at)), expiresAt: new Date(expiresAt) };
  }

  async delete(token: string): Promise<void> {
    await this.db.run(`DELETE FROM session WHERE id = ?`, [hashToken(token)]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.run(`DELETE FROM session WHERE user_id = ?`, [userId]);
  }

  async purgeExpired(): Promise<number> {
    return this.db.run(`DELETE FROM session WHERE expires_at <= ?`, [this.clock.now().getTime()]);
  }
}
