// Running a job (timer, async continuation) and recording its failure: retries per
// camunda:failedJobRetryTimeCycle (default 3, at once), then an incident.
import { parseDuration, addDuration } from "../calendar";
import { logOperation, type Command } from "../commandExecutor";
import { EngineError, notFound } from "../errors";
import { newId } from "../ids";
import type { JobEntity } from "../persistence/tables";
import type { CommandContext } from "../runtime/context";
import type { Flow } from "../runtime/flow";

async function loadJob(ctx: CommandContext, flow: Flow, id: string): Promise<JobEntity | undefined> {
  const row = await ctx.tx.get(`SELECT * FROM "job" WHERE "id" = ?`, [id]);
  if (!row) return undefined;
  if (row.process_instance_id) await flow.loadInstance(row.process_instance_id);
  else ctx.uow.adopt("job", [row]);
  return ctx.uow.get("job", id);
}

/** Executes a job. `lockOwner` set: only if this node still holds the lock (job executor); unset: explicitly (REST execute). */
export function executeJobCommand(id: string, lockOwner: string | null): Command<boolean> {
  return async (ctx, flow) => {
    const job = await loadJob(ctx, flow, id);
    if (!job) {
      if (lockOwner) return false; // already done by someone else
      throw notFound(`No job found with id '${id}'`);
    }
    if (lockOwner && job.lockOwner !== lockOwner) return false;
    if (job.suspended) throw new EngineError("Suspended", `Job ${id} is suspended`);
    ctx.uow.delete("job", job);
    const cfg = job.handlerConfig ?? {};
    if (job.handlerType === "timer-start") {
      const deployed = await flow.preload(job.processDefinitionId!);
      await flow.startInstance(deployed, { startEventId: job.activityId!, tenantId: job.tenantId, userId: null });
      const next = flow.nextTimerDue(job);
      if (next) ctx.uow.insert("job", { ...job, id: newId(), dueDate: next.dueDate, repeat: next.repeat, lockOwner: null, lockExpiration: null, revision: 1, createTime: ctx.now(), retries: 3, exceptionMessage: null, exceptionStacktrace: null });
      return true;
    }
    const token = ctx.uow.get("execution", job.executionId!);
    if (!token) return true; // its execution is gone: nothing to do
    const el = flow.element(token, String(cfg.activityId ?? job.activityId));
    switch (job.handlerType) {
      case "async-before":
        await flow.execute(token, el, { skipAsyncBefore: true });
        break;
      case "async-after": {
        token.isActive = true;
        const flows = cfg.flows as string[] | undefined;
        if (flows) flow.takeFlows(token, flows.map((f) => flow.graphOf(token).flows[f]));
        else await flow.takeOutgoing(token, el);
        break;
      }
      default: {
        // timers: boundary, intermediate catch, event-based gateway branch, event subprocess start
        const repeatsHere = (job.handlerType === "boundary" && el.cancelActivity === false) || (job.handlerType === "eventSubprocess" && el.isInterrupting === false);
        const next = repeatsHere ? flow.nextTimerDue(job) : null;
        if (next) ctx.uow.insert("job", { ...job, id: newId(), dueDate: next.dueDate, repeat: next.repeat, lockOwner: null, lockExpiration: null, revision: 1, createTime: ctx.now(), retries: 3, exceptionMessage: null, exceptionStacktrace: null });
        await flow.trigger(token, el, job.handlerType);
      }
    }
    return true;
  };
}

/** After a failed execution (rolled back): count down retries and raise an incident at zero. */
export function recordJobFailureCommand(id: string, error: unknown): Command<void> {
  return async (ctx, flow) => {
    const job = await loadJob(ctx, flow, id);
    if (!job) return;
    // a refusal (the job or its instance is suspended) is not a failure of the job: no retry is used up
    if (error instanceof EngineError && error.kind === "Suspended") return;
    const message = error instanceof Error ? error.message : String(error);
    const cycle = job.retryTimeCycle ? /^R(\d+)\/(.+)$/.exec(job.retryTimeCycle) : null;
    // the first failure with a retry cycle sets the retries to the cycle's count (Camunda's FoxJobRetryCmd)
    if (cycle && !job.exceptionMessage) job.retries = Number(cycle[1]);
    job.retries = Math.max(0, job.retries - 1);
    job.exceptionMessage = message.slice(0, 4000);
    job.exceptionStacktrace = error instanceof Error ? error.stack ?? null : null;
    job.lockOwner = null;
    job.lockExpiration = null;
    const interval = cycle ? addDuration(new Date(ctx.now()), parseDuration(cycle[2]), ctx.services.calendar).getTime() : ctx.now();
    job.dueDate = interval;
    if (job.retries === 0) {
      const incidentId = newId();
      ctx.uow.insert("incident", {
        id: incidentId, incidentType: "failedJob", incidentMessage: job.exceptionMessage, processDefinitionId: job.processDefinitionId,
        processInstanceId: job.processInstanceId, executionId: job.executionId, activityId: job.activityId, failedActivityId: job.activityId,
        causeIncidentId: incidentId, rootCauseIncidentId: incidentId, configuration: job.id, tenantId: job.tenantId, annotation: null, incidentTimestamp: ctx.now(),
      });
      ctx.emit({ type: "incidentCreated", processInstanceId: job.processInstanceId ?? "", id: incidentId });
    }
  };
}

export function setJobRetriesCommand(id: string, retries: number): Command<void> {
  return async (ctx, flow) => {
    const job = await loadJob(ctx, flow, id);
    if (!job) throw notFound(`No job found with id '${id}'`);
    if (!Number.isInteger(retries) || retries < 0) throw new EngineError("BadRequest", "The number of job retries must be a non-negative Integer");
    job.retries = retries;
    if (retries > 0) for (const inc of ctx.uow.find("incident", (i) => i.configuration === id)) ctx.uow.delete("incident", inc);
    logOperation(ctx, { operationType: "SetJobRetries", entityType: "Job", property: "retries", newValue: retries, jobId: id, processInstanceId: job.processInstanceId });
  };
}
