// 挂起/激活 and deadlines: a suspended case's timers keep the time they had left. On suspend each timer
// remembers its remaining milliseconds; on resume it is due that long after now. Without this a
// five-working-day deadline would fire the moment a case suspended for two weeks is resumed.
import type { JobEntity } from "../../persistence/tables";
import type { CommandContext } from "../../runtime/context";

const REMAINING = "suspendedRemainingMs";

export function freezeTimers(ctx: CommandContext, jobs: JobEntity[]): void {
  for (const job of jobs) {
    if (job.type !== "timer" || job.suspended || job.dueDate === null) continue;
    job.handlerConfig = { ...(job.handlerConfig ?? {}), [REMAINING]: Math.max(0, job.dueDate - ctx.now()) };
  }
}

export function thawTimers(ctx: CommandContext, jobs: JobEntity[]): void {
  for (const job of jobs) {
    const remaining = job.handlerConfig?.[REMAINING];
    if (job.type !== "timer" || !job.suspended || typeof remaining !== "number") continue;
    job.dueDate = ctx.now() + remaining;
    const { [REMAINING]: _dropped, ...config } = job.handlerConfig!;
    job.handlerConfig = config;
  }
}
