// Public surface of the working-day calendar (工作日历), durations and timers.
export { WorkingCalendar, CalendarNotCoveredError } from "./WorkingCalendar";
export type { YearCalendar, WorkingCalendarOptions } from "./WorkingCalendar";
export { parseDuration, addDuration, formatDuration, DurationFormatError } from "./duration";
export type { Duration } from "./duration";
export { scheduleTimer, nextCycle, validateTimer, parseDateTime, TimerDefinitionError } from "./timers";
export type { TimerDefinition, TimerSchedule } from "./timers";
