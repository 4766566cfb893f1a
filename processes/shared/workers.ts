// Shared plumbing of the flows' external-task workers: a camunda-external-task-client-js Client with HTTP
// Basic auth, and a handler wrapper that completes with variables, turns BusinessRuleViolation into a BPMN
// error and anything else into a failure with one retry fewer (an incident when retries run out).
import { BasicAuthInterceptor, Client, Variables, type ExternalTask, type Handler } from "camunda-external-task-client-js";

export interface WorkerAuth {
  username: string;
  password: string;
}

export interface WorkerClientOptions {
  /** e.g. http://127.0.0.1:8080/engine-rest */
  engineRestUrl: string;
  auth: WorkerAuth;
  workerId: string;
  /** Long-polling wait in ms (default 10 s); tests use shorter waits so stop() is quick. */
  asyncResponseTimeout?: number;
  /** Pause between polls in ms (default 300). */
  interval?: number;
  lockDuration?: number;
}

export function createWorkerClient(options: WorkerClientOptions): Client {
  return new Client({
    baseUrl: options.engineRestUrl,
    workerId: options.workerId,
    interceptors: new BasicAuthInterceptor(options.auth),
    asyncResponseTimeout: options.asyncResponseTimeout ?? 10_000,
    interval: options.interval ?? 300,
    lockDuration: options.lockDuration ?? 60_000,
    maxTasks: 10,
    // no `use: logger`: workers report through the engine (failures become incidents), not stdout
  });
}

/** A rule of the flow that routes the case through a BPMN error boundary event. */
export class BusinessRuleViolation extends Error {
  constructor(readonly errorCode: string, message: string, readonly variables: Record<string, unknown> = {}) {
    super(message);
  }
}

export type TaskWork = (task: ExternalTask) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** How many times a failing task is retried before it becomes an incident for the supervisors. */
export const DEFAULT_RETRIES = 3;

export function externalTaskHandler(work: TaskWork, retryTimeoutMs = 5_000): Handler {
  return async ({ task, taskService }) => {
    let output: Record<string, unknown>;
    try {
      output = await work(task);
    } catch (error) {
      if (error instanceof BusinessRuleViolation) {
        await taskService.handleBpmnError(task, error.errorCode, error.message, new Variables().setAll(error.variables));
        return;
      }
      const retries = task.retries == null ? DEFAULT_RETRIES - 1 : task.retries - 1;
      await taskService.handleFailure(task, {
        errorMessage: error instanceof Error ? error.message : String(error),
        errorDetails: error instanceof Error ? error.stack ?? error.message : String(error),
        retries: Math.max(0, retries),
        retryTimeout: retryTimeoutMs,
      });
      return;
    }
    await taskService.complete(task, new Variables().setAll(output));
  };
}
