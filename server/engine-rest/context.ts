// What every resource module receives: the engine, the optional database handle of server/ and the
// router's options.
import type { Engine } from "../../engine";

export interface EngineRestOptions {
  /** false: requests without res.locals.principal act as an administrator (router unit tests only). */
  authorize?: boolean;
  /** Largest accepted deployment resource, bytes (default 10 MiB). */
  maxResourceBytes?: number;
  /** Largest accepted JSON body, bytes (default 10 MiB: File variables travel base64 inside JSON). */
  maxJsonBytes?: number;
}

export interface RestContext {
  engine: Engine;
  db?: unknown;
  options: Required<EngineRestOptions>;
}
