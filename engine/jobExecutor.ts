// The background job executor of one node: acquires due jobs with row locks (so several nodes share the
// work without running a job twice), runs each as its own command, and records failures for retry.
import type { EngineServices } from "./runtime/services";
import { acquireJobs } from "./persistence/acquisition";
import { runCommand } from "./commandExecutor";
import { executeJobCommand, recordJobFailureCommand } from "./commands/jobCommands";

export interface JobExecutorOptions {
  maxJobsPerAcquisition: number;
  lockTimeMs: number;
  idleWaitMs: number;
}

/** Acquires and runs due jobs until none is left (or `maxJobs` ran); returns how many ran. */
export async function runDueJobs(services: EngineServices, opts: JobExecutorOptions, maxJobs = Infinity): Promise<number> {
  let ran = 0;
  while (ran < maxJobs) {
    const now = services.clock.now().getTime();
    const ids = await acquireJobs(services.db, services.nodeId, now, opts.lockTimeMs, Math.min(opts.maxJobsPerAcquisition, maxJobs - ran));
    if (ids.length === 0) break;
    for (const id of ids) {
      try {
        if (await runCommand(services, null, executeJobCommand(id, services.nodeId))) ran++;
      } catch (error) {
        await runCommand(services, null, recordJobFailureCommand(id, error)).catch(() => undefined);
        ran++;
      }
    }
  }
  return ran;
}

export class JobExecutor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;
  private wake = false;

  constructor(private readonly services: EngineServices, private readonly opts: JobExecutorOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** A job was created in this process: run the next cycle now instead of after the idle wait. */
  hint(): void {
    if (this.stopped) return;
    if (this.running) this.wake = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.cycle(), ms);
    this.timer.unref?.();
  }

  private async cycle(): Promise<void> {
    if (this.stopped || this.running) return;
    this.wake = false;
    this.running = runDueJobs(this.services, this.opts).catch(() => 0);
    const ran = (await this.running) as number;
    this.running = null;
    if (!this.stopped) this.schedule(ran > 0 || this.wake ? 0 : this.opts.idleWaitMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
