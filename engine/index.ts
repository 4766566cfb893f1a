// Jintu's BPMN engine: the public surface other folders import.
export { createEngine, createEngineOnDb } from "./engine";
export { ControlledClock, systemClock } from "./clock";
export { EngineError, BpmnError } from "./errors";
export { BpmnParseError } from "./parse/parser";
export { openDatabase, dialectOf } from "./persistence/db";
export type { Db, Queryable, SqlValue } from "./persistence/db";
export { migrate } from "./persistence/migrate";
export { WorkingCalendar, CalendarNotCoveredError } from "./calendar";
export type { YearCalendar } from "./calendar";
export type * from "./api";
