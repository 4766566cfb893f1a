// Message correlation (Camunda's POST /message): find the waiting executions and message start events
// that match the name, business key, instance id and correlation keys, and trigger them.
import type { MessageCorrelation, MessageCorrelationResult } from "../api";
import type { Command } from "../commandExecutor";
import { EngineError } from "../errors";
import type { EventSubscriptionEntity } from "../persistence/tables";
import { toProcessInstance } from "./startProcessInstance";

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return new Date(a as any).getTime() === new Date(b as any).getTime();
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function plain(v: unknown): unknown {
  return v && typeof v === "object" && "value" in (v as any) && "type" in (v as any) ? (v as any).value : v;
}

export function correlateMessageCommand(c: MessageCorrelation): Command<MessageCorrelationResult[]> {
  return async (ctx, flow) => {
    const tx = ctx.tx;
    const where = [`s."event_type" = 'message'`, `s."event_name" = ?`, `s."execution_id" IS NOT NULL`, `r."suspended" = 0`];
    const params: (string | number)[] = [c.messageName];
    if (c.processInstanceId) { where.push(`s."process_instance_id" = ?`); params.push(c.processInstanceId); }
    if (c.businessKey) { where.push(`r."business_key" = ?`); params.push(c.businessKey); }
    if (c.tenantId) { where.push(`s."tenant_id" = ?`); params.push(c.tenantId); }
    if (c.withoutTenantId) where.push(`s."tenant_id" IS NULL`);
    const rows = await tx.all(`SELECT s.* FROM "event_subscription" s JOIN "execution" r ON r."id" = s."process_instance_id" WHERE ${where.join(" AND ")} ORDER BY s."create_time"`, params);
    const candidates: EventSubscriptionEntity[] = [];
    for (const row of rows) {
      await flow.loadInstance(row.process_instance_id);
      const sub = ctx.uow.get("eventSubscription", row.id);
      if (!sub) continue;
      const token = ctx.execution(sub.executionId!);
      const root = ctx.root(token);
      const keysMatch = Object.entries(c.correlationKeys ?? {}).every(([n, v]) => ctx.hasVariable(root, n) && sameValue(ctx.getVariable(root, n), plain(v)))
        && Object.entries(c.localCorrelationKeys ?? {}).every(([n, v]) => ctx.localVariables(token).some((x) => x.name === n && sameValue(ctx.valueOf(x), plain(v))));
      if (keysMatch) candidates.push(sub);
    }
    const startSubs = c.processInstanceId || (c.correlationKeys && Object.keys(c.correlationKeys).length) ? [] :
      await tx.all<{ id: string; process_definition_id: string; activity_id: string; tenant_id: string | null }>(
        `SELECT s."id", s."process_definition_id", s."activity_id", s."tenant_id" FROM "event_subscription" s JOIN "process_definition" d ON d."id" = s."process_definition_id" WHERE s."event_type" = 'message' AND s."event_name" = ? AND s."execution_id" IS NULL AND d."suspended" = 0${c.tenantId ? ` AND s."tenant_id" = ?` : ""}`,
        c.tenantId ? [c.messageName, c.tenantId] : [c.messageName]);
    const total = candidates.length + startSubs.length;
    if (total === 0) throw new EngineError("BadRequest", `Cannot correlate message '${c.messageName}': No process definition or execution matches the parameters`);
    if (!c.all && total > 1) throw new EngineError("BadRequest", `Cannot correlate a message with name '${c.messageName}' to a single execution. ${total} executions match the correlation keys: CorrelationSet [businessKey=${c.businessKey ?? null}, processInstanceId=${c.processInstanceId ?? null}, correlationKeys=${JSON.stringify(c.correlationKeys ?? null)}]`);
    const results: MessageCorrelationResult[] = [];
    const variables = c.processVariables as Record<string, unknown> | undefined;
    for (const sub of c.all ? candidates : candidates.slice(0, 1)) {
      const token = ctx.execution(sub.executionId!);
      const el = flow.element(token, sub.activityId);
      const kind = String(sub.data?.kind ?? "catch");
      const keep = (kind === "boundary" && el.cancelActivity === false) || (kind === "eventSubprocess" && el.isInterrupting === false);
      if (!keep) ctx.uow.delete("eventSubscription", sub);
      if (c.processVariablesLocal) ctx.setVariables(token, c.processVariablesLocal, true);
      ctx.schedule(() => flow.trigger(token, el, kind, variables));
      results.push({ resultType: "Execution", executionId: token.id, processInstance: toProcessInstance(ctx.root(token), false) });
    }
    if (c.all || candidates.length === 0) {
      for (const s of c.all ? startSubs : startSubs.slice(0, 1)) {
        const deployed = await flow.preload(s.process_definition_id);
        const root = await flow.startInstance(deployed, { startEventId: s.activity_id, businessKey: c.businessKey, variables, tenantId: s.tenant_id, userId: ctx.userId });
        results.push({ resultType: "ProcessDefinition", processInstance: toProcessInstance(root, false) });
      }
    }
    return results;
  };
}
