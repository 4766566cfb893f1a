// What every resource module receives: the engine, the optional database handle of server/ and the
// router's options.
import type { Engine, Task, VariableInput } from "../../engine";

export interface EngineRestOptions {
  /** false: requests without res.locals.principal act as an administrator (router unit tests only). */
  authorize?: boolean;
  /** Largest accepted deployment resource, bytes (default 10 MiB). */
  maxResourceBytes?: number;
  /** Largest accepted JSON body, bytes (default 10 MiB: File variables travel base64 inside JSON). */
  maxJsonBytes?: number;
  /**
   * Checks the variables of POST /task/{id}/complete and /submit-form before anything changes (server/
   * validates them with the task's deployed Jintu form). A returned message answers 400
   * InvalidRequestException; null lets the task complete.
   */
  checkTaskSubmission?: (task: Task, variables: VariableInput | undefined) => Promise<string | null>;
}

export interface RestContext {
  engine: Engine;
  db?: unknown;
  options: Required<Omit<EngineRestOptions, "checkTaskSubmission">> & Pick<EngineRestOptions, "checkTaskSubmission">;
}
