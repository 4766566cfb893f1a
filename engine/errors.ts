import type { EngineErrorKind } from "./api";

/** Every error the engine means to show a caller. The REST layer maps `kind` to status and Camunda type. */
export class EngineError extends Error {
  constructor(readonly kind: EngineErrorKind, message: string, readonly details?: unknown) {
    super(message);
    this.name = "EngineError";
  }
}

export const notFound = (message: string) => new EngineError("NotFound", message);
export const badRequest = (message: string) => new EngineError("BadRequest", message);

/** Raised inside a command when a row changed under it; the command executor retries. */
export class OptimisticLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptimisticLockError";
  }
}

/** A BPMN error raised by a delegate handler or an external task worker, routed to error boundary events. */
export class BpmnError extends Error {
  constructor(readonly errorCode: string, message?: string) {
    super(message ?? errorCode);
    this.name = "BpmnError";
  }
}
