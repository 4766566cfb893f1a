// Deploys BPMN resources: parses and validates every resource before anything is written (a broken file
// refuses the whole deployment), versions each process per key and tenant, and replaces the start-event
// timers/subscriptions of the previous version.
import { createHash } from "node:crypto";
import type { DeployOptions } from "../api";
import { scheduleTimer } from "../calendar";
import { logOperation, type Command } from "../commandExecutor";
import { badRequest } from "../errors";
import { newId } from "../ids";
import type { ProcessGraph } from "../parse/graph";
import { parseBpmn } from "../parse/parser";

export const isBpmnResource = (name: string) => /\.(bpmn|bpmn20\.xml)$/i.test(name);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

export interface ParsedResource {
  name: string;
  content: Buffer;
  hash: string;
  graphs: ProcessGraph[];
}

/** Parse outside the transaction: pure CPU work, and failures must not touch the database. */
export async function parseResources(options: DeployOptions): Promise<ParsedResource[]> {
  if (!options.resources?.length) throw badRequest("Deployment must contain at least one resource");
  const names = new Set<string>();
  const out: ParsedResource[] = [];
  for (const r of options.resources) {
    if (!r.name) throw badRequest("every deployment resource needs a name");
    if (names.has(r.name)) throw badRequest(`duplicate resource name '${r.name}' in the deployment`);
    names.add(r.name);
    const content = Buffer.isBuffer(r.content) ? r.content : Buffer.from(String(r.content), "utf8");
    const graphs = isBpmnResource(r.name) ? await parseBpmn(content.toString("utf8"), r.name) : [];
    out.push({ name: r.name, content, hash: sha256(content), graphs });
  }
  const keys = new Set<string>();
  for (const r of out) for (const g of r.graphs) {
    if (keys.has(g.id)) throw badRequest(`The deployment contains definitions with the same key '${g.id}' (id attribute), this is not allowed`);
    keys.add(g.id);
  }
  return out;
}

export function deployCommand(options: DeployOptions, parsed: ParsedResource[]): Command<{ deploymentId: string; definitionIds: string[]; duplicate: boolean }> {
  return async (ctx) => {
    const tx = ctx.tx;
    const tenantId = options.tenantId ?? null;
    let toDeploy = parsed;
    if (options.enableDuplicateFiltering && options.name) {
      const previous = await tx.get<{ id: string }>(
        `SELECT "id" FROM "deployment" WHERE "name" = ? AND ${tenantId ? `"tenant_id" = ?` : `"tenant_id" IS NULL`} ORDER BY "deployment_time" DESC LIMIT 1`,
        tenantId ? [options.name, tenantId] : [options.name]);
      if (previous) {
        const old = new Map((await tx.all<{ name: string; hash: string }>(`SELECT "name", "hash" FROM "resource" WHERE "deployment_id" = ?`, [previous.id])).map((r) => [r.name, r.hash]));
        const changed = parsed.filter((r) => old.get(r.name) !== r.hash);
        if (changed.length === 0) return { deploymentId: previous.id, definitionIds: [], duplicate: true };
        if (options.deployChangedOnly) toDeploy = changed;
      }
    }
    const deploymentId = newId();
    const now = ctx.now();
    await tx.run(`INSERT INTO "deployment" ("id", "name", "source", "tenant_id", "deployment_time", "deployed_by", "note") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [deploymentId, options.name ?? null, options.source ?? null, tenantId, now, options.deployedBy ?? ctx.userId, options.note ?? null]);
    const definitionIds: string[] = [];
    for (const r of toDeploy) {
      await tx.run(`INSERT INTO "resource" ("id", "deployment_id", "name", "content", "hash") VALUES (?, ?, ?, ?, ?)`, [newId(), deploymentId, r.name, r.content, r.hash]);
      for (const g of r.graphs) {
        if (tx.dialect === "postgres") await tx.get(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`${g.id}|${tenantId ?? ""}`]);
        const prev = await tx.get<{ id: string; version: number }>(
          `SELECT "id", "version" FROM "process_definition" WHERE "key" = ? AND ${tenantId ? `"tenant_id" = ?` : `"tenant_id" IS NULL`} ORDER BY "version" DESC LIMIT 1`,
          tenantId ? [g.id, tenantId] : [g.id]);
        const version = (prev ? Number(prev.version) : 0) + 1;
        const id = `${g.id}:${version}:${newId()}`;
        await tx.run(`INSERT INTO "process_definition" ("id", "key", "version", "name", "description", "version_tag", "deployment_id", "resource_name", "tenant_id", "suspended", "startable_in_tasklist", "history_ttl", "start_form_key") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          [id, g.id, version, g.name, g.documentation, g.versionTag, deploymentId, r.name, tenantId, g.startableInTasklist ? 1 : 0, g.historyTimeToLive, g.startFormKey]);
        definitionIds.push(id);
        if (prev) await removeStartEventTriggers(ctx, prev.id);
        await addStartEventTriggers(ctx, g, { id, key: g.id, tenantId });
      }
    }
    logOperation(ctx, { operationType: "Create", entityType: "Deployment", deploymentId, newValue: options.name ?? null, category: "Operator" });
    return { deploymentId, definitionIds, duplicate: false };
  };
}

async function removeStartEventTriggers(ctx: Parameters<Command<unknown>>[0], definitionId: string): Promise<void> {
  await ctx.tx.run(`DELETE FROM "event_subscription" WHERE "process_definition_id" = ? AND "execution_id" IS NULL`, [definitionId]);
  await ctx.tx.run(`DELETE FROM "job" WHERE "process_definition_id" = ? AND "handler_type" = 'timer-start'`, [definitionId]);
}

async function addStartEventTriggers(ctx: Parameters<Command<unknown>>[0], g: ProcessGraph, def: { id: string; key: string; tenantId: string | null }): Promise<void> {
  for (const startId of g.container.startEvents) {
    const el = g.elements[startId];
    const ev = el.event;
    if (!ev || ev.kind === "none") continue;
    if (ev.kind === "message" || ev.kind === "signal") {
      ctx.uow.insert("eventSubscription", {
        id: newId(), eventType: ev.kind, eventName: ev.name?.source ?? "", executionId: null, processInstanceId: null,
        processDefinitionId: def.id, activityId: el.id, tenantId: def.tenantId, createTime: ctx.now(), data: { kind: "start" },
      });
    } else if (ev.kind === "timer" && ev.timer) {
      const schedule = scheduleTimer({ type: ev.timer.type, value: ev.timer.value }, new Date(ctx.now()), ctx.services.calendar);
      ctx.uow.insert("job", {
        id: newId(), type: "timer", handlerType: "timer-start", handlerConfig: { activityId: el.id }, processInstanceId: null, executionId: null,
        processDefinitionId: def.id, processDefinitionKey: def.key, activityId: el.id, dueDate: schedule.dueDate.getTime(),
        repeat: ev.timer.type === "cycle" ? ev.timer.value : null, retries: 3, retryTimeCycle: el.retryTimeCycle ?? null, exceptionMessage: null,
        exceptionStacktrace: null, lockOwner: null, lockExpiration: null, suspended: false, priority: 0, tenantId: def.tenantId,
        createTime: ctx.now(), revision: 1,
      });
    }
  }
}
