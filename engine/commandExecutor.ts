// Runs every state-changing API call as one command: one database transaction, the agenda run until
// every token waits, the unit of work flushed, then commit. A conflict with a concurrent command on the
// same instance (optimistic locking) or a transient database conflict rolls back and retries.
import { EngineError, OptimisticLockError } from "./errors";
import { newId } from "./ids";
import { CommandContext } from "./runtime/context";
import { Flow } from "./runtime/flow";
import type { EngineServices } from "./runtime/services";

export type Command<T> = (ctx: CommandContext, flow: Flow) => Promise<T>;

const MAX_ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  if (error instanceof OptimisticLockError) return true;
  const code = (error as { code?: string })?.code;
  // PostgreSQL serialization failure / deadlock; SQLite busy after the busy timeout
  return code === "40001" || code === "40P01" || code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT";
}

export async function runCommand<T>(services: EngineServices, userId: string | null, command: Command<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { result, events } = await services.db.transaction(async (tx) => {
        const ctx = new CommandContext(tx, services, userId);
        const flow = new Flow(ctx);
        const result = await command(ctx, flow);
        await ctx.runAgenda();
        await ctx.uow.flush();
        return { result, events: ctx.takeEvents() };
      });
      for (const event of events) services.emit(event);
      return result;
    } catch (error) {
      if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
        await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
        continue;
      }
      if (error instanceof OptimisticLockError) throw new EngineError("Conflict", `ENGINE-03005 ${error.message} (gave up after ${attempt} attempts)`);
      throw error;
    }
  }
}

/** Appends a user-operation-log entry (Camunda's ACT_HI_OP_LOG): who did what to which task/instance. */
export function logOperation(ctx: CommandContext, entry: {
  operationType: string; entityType: string; property?: string | null; orgValue?: unknown; newValue?: unknown;
  processInstanceId?: string | null; processDefinitionId?: string | null; processDefinitionKey?: string | null;
  executionId?: string | null; taskId?: string | null; jobId?: string | null; deploymentId?: string | null; annotation?: string | null;
  category?: string;
}): void {
  const str = (v: unknown) => (v === undefined || v === null ? null : typeof v === "string" ? v : JSON.stringify(v));
  ctx.uow.insert("hiOperationLog", {
    id: newId(), operationId: ctx.operationId, operationType: entry.operationType, entityType: entry.entityType,
    property: entry.property ?? null, orgValue: str(entry.orgValue), newValue: str(entry.newValue), userId: ctx.userId, timestamp: ctx.now(),
    processDefinitionId: entry.processDefinitionId ?? null, processDefinitionKey: entry.processDefinitionKey ?? null,
    processInstanceId: entry.processInstanceId ?? null, executionId: entry.executionId ?? null, taskId: entry.taskId ?? null,
    jobId: entry.jobId ?? null, deploymentId: entry.deploymentId ?? null, annotation: entry.annotation ?? null,
    category: entry.category ?? (entry.entityType === "Task" ? "TaskWorker" : "Operator"),
  });
}
