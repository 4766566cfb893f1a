// 调用活动 call activity: starts the called process (cross-tier calls pick the tenant, i.e. the region, with
// camunda:calledElementTenantId) and continues when it completes, copying variables in and out.
import { EngineError } from "../errors";
import type { VariableMapping } from "../parse/graph";
import type { ExecutionEntity } from "../persistence/tables";
import type { Flow } from "../runtime/flow";
import type { Behavior } from "./Behavior";

function mapVariables(flow: Flow, mappings: VariableMapping[], from: ExecutionEntity, fromAll: () => Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of mappings) {
    if (m.kind === "all") Object.assign(out, fromAll());
    else out[m.target] = m.sourceExpression ? flow.evaluate(m.sourceExpression, from) : flow.ctx.getVariable(from, m.source ?? m.target);
  }
  return out;
}

export const CallActivityBehavior: Behavior = {
  async execute(flow, token, el) {
    const ctx = flow.ctx;
    const cfg = el.callActivity!;
    const key = String(flow.evaluate(cfg.calledElement, token));
    const tenantId = cfg.tenantId ? String(flow.evaluate(cfg.tenantId, token) ?? "") || null : token.tenantId;
    const services = ctx.services;
    let deployed;
    if (cfg.binding === "latest") deployed = await services.definitions.latest(ctx.tx, key, tenantId);
    else {
      const caller = (await ctx.definition(token.processDefinitionId)).definition;
      const where = cfg.binding === "deployment" ? `"deployment_id" = ?` : cfg.binding === "version" ? `"version" = ?` : `"version_tag" = ?`;
      const value = cfg.binding === "deployment" ? caller.deploymentId : cfg.binding === "version" ? Number(flow.evaluate(cfg.version!, token)) : String(flow.evaluate(cfg.versionTag!, token));
      // versions are counted per tenant (Camunda: findDeployedProcessDefinitionByKeyVersionAndTenantId)
      const tenantWhere = tenantId ? `"tenant_id" = ?` : `"tenant_id" IS NULL`;
      const row = await ctx.tx.get<{ id: string }>(`SELECT id FROM process_definition WHERE "key" = ? AND ${where} AND ${tenantWhere} ORDER BY version DESC LIMIT 1`, tenantId ? [key, value, tenantId] : [key, value]);
      deployed = row ? await flow.preload(row.id) : null;
    }
    if (!deployed) throw new EngineError("ProcessEngine", `call activity '${el.id}': no process definition with key '${key}'${tenantId ? ` for tenant ${tenantId}` : ""}`);
    const variables = mapVariables(flow, cfg.inputs, token, () => Object.fromEntries([...ctx.visibleVariables(token)].map(([n, v]) => [n, ctx.valueOf(v)])));
    const businessKey = cfg.businessKey ? String(flow.evaluate(cfg.businessKey, token) ?? "") || null : null;
    const sub = await flow.startInstance(deployed, { businessKey, variables, tenantId: tenantId ?? deployed.definition.tenantId, userId: ctx.userId, superExecution: token });
    const hi = ctx.uow.get("hiActivityInstance", token.activityInstanceId!);
    if (hi) hi.calledProcessInstanceId = sub.id;
  },

  async onCalledInstanceEnded(flow, token, el, calledRoot) {
    const ctx = flow.ctx;
    const cfg = el.callActivity!;
    // captured by Flow.endProcessInstance before the called instance's variables were removed
    const values = calledRoot.data?.finalVariables as Record<string, unknown> | undefined ?? {};
    const set = (local: boolean, name: string, value: unknown) => (local ? ctx.setVariableLocal(token, name, value) : ctx.setVariable(token, name, value));
    for (const m of cfg.outputs) {
      if (m.kind === "all") for (const [n, v] of Object.entries(values)) set(m.local, n, v);
      else {
        const value = m.sourceExpression ? m.sourceExpression.evaluate({ has: (n) => n in values, get: (n) => values[n] }, ctx.services.expressionFunctions as any) : values[m.source ?? m.target];
        set(m.local, m.target, value);
      }
    }
    await flow.leave(token, el);
  },
};
