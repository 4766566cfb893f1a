// notification: 催办 (urge) and 抄送 (CC) notices. A recipient is a user id, or `group:<role@region>` for a
// task's candidate group (the portal writes the same shape).
import { randomUUID } from "node:crypto";
import type { Clock, Db } from "../../engine";

export interface NotificationRecord {
  id: string;
  recipient: string;
  kind: string;
  senderId: string | null;
  processInstanceId: string | null;
  taskId: string | null;
  title: string;
  body: string | null;
  createdAt: Date;
  readAt: Date | null;
}

interface NotificationRow {
  id: string; recipient: string; kind: string; sender_id: string | null; process_instance_id: string | null; task_id: string | null;
  title: string; body: string | null; created_at: number; read_at: number | null;
}

const toRecord = (r: NotificationRow): NotificationRecord => ({
  id: r.id, recipient: r.recipient, kind: r.kind, senderId: r.sender_id, processInstanceId: r.process_instance_id, taskId: r.task_id,
  title: r.title, body: r.body, createdAt: new Date(Number(r.created_at)), readAt: r.read_at === null ? null : new Date(Number(r.read_at)),
});

export const groupRecipient = (group: string) => `group:${group}`;

export class NotificationRepository {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  /** One row per recipient, in one transaction. */
  async addForEach(recipients: string[], n: Omit<NotificationRecord, "id" | "recipient" | "createdAt" | "readAt">): Promise<number> {
    const createdAt = this.clock.now().getTime();
    await this.db.transaction(async (tx) => {
      for (const recipient of recipients) {
        await tx.run(`INSERT INTO notification (id, recipient, kind, sender_id, process_instance_id, task_id, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [randomUUID(), recipient, n.kind, n.senderId, n.processInstanceId, n.taskId, n.title, n.body, createdAt]);
      }
    });
    return recipients.length;
  }

  /** Newest first, for any of the recipients (a user and his groups). */
  async forRecipients(recipients: string[], options: { unreadOnly?: boolean; limit?: number } = {}): Promise<NotificationRecord[]> {
    if (recipients.length === 0) return [];
    const rows = await this.db.all<NotificationRow>(
      `SELECT * FROM notification WHERE recipient IN (${recipients.map(() => "?").join(", ")})${options.unreadOnly ? " AND read_at IS NULL" : ""}
        ORDER BY created_at DESC, id LIMIT ?`, [...recipients, options.limit ?? 50]);
    return rows.map(toRecord);
  }

  async find(id: string): Promise<NotificationRecord | null> {
    const row = await this.db.get<NotificationRow>(`SELECT * FROM notification WHERE id = ?`, [id]);
    return row ? toRecord(row) : null;
  }

  async markRead(id: string): Promise<void> {
    await this.db.run(`UPDATE notification SET read_at = ? WHERE id = ? AND read_at IS NULL`, [this.clock.now().getTime(), id]);
  }
}
