// What every command can reach besides its own transaction: configuration, handlers, the calendar, the
// process-definition cache and the event emitter.
import type { Clock, DelegateHandler, EngineEvent, ExpressionFunction, ProcessDefinition } from "../api";
import type { WorkingCalendar } from "../calendar";
import type { Db, Queryable } from "../persistence/db";
import type { ProcessGraph } from "../parse/graph";

export interface DeployedProcess {
  definition: ProcessDefinition;
  graph: ProcessGraph;
}

export interface DefinitionCache {
  byId(q: Queryable, id: string): Promise<DeployedProcess>;
  latest(q: Queryable, key: string, tenantId: string | null | undefined): Promise<DeployedProcess | null>;
  evict(id: string): void;
}

export interface EngineServices {
  db: Db;
  clock: Clock;
  nodeId: string;
  handlers: Record<string, DelegateHandler>;
  expressionFunctions: Record<string, ExpressionFunction>;
  calendar: WorkingCalendar;
  definitions: DefinitionCache;
  emit(event: EngineEvent): void;
}
