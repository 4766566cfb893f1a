// opinion: 审批意见 written by reviewers on a case's tasks.
import { randomUUID } from "node:crypto";
import type { Db } from "../../engine";
import type { Clock } from "../../engine";

export interface OpinionRecord {
  id: string;
  processInstanceId: string;
  taskId: string | null;
  activityId: string | null;
  taskName: string | null;
  userId: string;
  decision: string | null;
  message: string;
  tenantId: string | null;
  time: Date;
}

interface OpinionRow { id: string; process_instance_id: string; task_id: string | null; activity_id: string | null; task_name: string | null; user_id: string; decision: string | null; message: string; tenant_id: string | null; time: number }

export class OpinionRepository {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async add(o: Omit<OpinionRecord, "id" | "time">): Promise<OpinionRecord> {
    const record: OpinionRecord = { ...o, id: randomUUID(), time: this.clock.now() };
    await this.db.run(
      `INSERT INTO opinion (id, process_instance_id, task_id, activity_id, task_name, user_id, decision, message, tenant_id, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [record.id, o.processInstanceId, o.taskId, o.activityId, o.taskName, o.userId, o.decision, o.message, o.tenantId, record.time.getTime()]);
    return record;
  }

  async forProcessInstance(processInstanceId: string): Promise<OpinionRecord[]> {
    const rows = await this.db.all<OpinionRow>(`SELECT * FROM opinion WHERE process_instance_id = ? ORDER BY time, id`, [processInstanceId]);
    return rows.map((r) => ({
      id: r.id, processInstanceId: r.process_instance_id, taskId: r.task_id, activityId: r.activity_id, taskName: r.task_name,
      userId: r.user_id, decision: r.decision, message: r.message, tenantId: r.tenant_id, time: new Date(Number(r.time)),
    }));
  }
}
