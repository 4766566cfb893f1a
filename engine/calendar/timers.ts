// Timer definitions as Camunda 7 accepts them (timeDate, timeDuration, timeCycle), evaluated against
// the working calendar so that 'P20WD' skips holidays. Expressions (${...}) inside a timer value are
// resolved by the engine before it calls these functions.
import { Cron } from "croner";
import { type Duration, addDuration, fixedMillis, formatDuration, isZeroDuration, parseDuration } from "./duration";
import type { WorkingCalendar } from "./WorkingCalendar";
import { assertValidDate, formatWithOffset, fromLocal } from "./zonedTime";

export type TimerDefinition = { type: "date" | "duration" | "cycle"; value: string };

export interface TimerSchedule {
  dueDate: Date;
  repeat?: {
    remaining: number | null; // firings still to come after dueDate; null = infinite
    next(after: Date): Date | null; // the due date that follows a firing at `after`
    spec: string; // the cycle as stored on the job; hand it to nextCycle() after the job fires
  };
}

export class TimerDefinitionError extends Error {
  constructor(def: { type: string; value: unknown }, reason: string) {
    super(`Invalid timer ${def.type} '${String(def.value)}': ${reason}`);
    this.name = "TimerDefinitionError";
  }
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * An ISO 8601 date or date-time. Without an offset it is read as local time in `timeZone`
 * (Camunda reads it in the server's default zone; Jintu's is the calendar's, Asia/Shanghai).
 */
export function parseDateTime(value: string, timeZone: string): Date {
  const text = value.trim();
  const match = DATE_TIME.exec(text);
  const def = { type: "date", value };
  if (!match) throw new TimerDefinitionError(def, "expected an ISO 8601 date-time such as 2026-10-08T09:00:00+08:00");
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = match;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Math.floor(Number(`0.${frac || "0"}`) * 1000),
  };
  const probe = new Date(Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second));
  if (
    probe.getUTCMonth() !== fields.month - 1 ||
    probe.getUTCDate() !== fields.day ||
    probe.getUTCHours() !== fields.hour ||
    probe.getUTCMinutes() !== fields.minute ||
    fields.second > 59
  ) {
    throw new TimerDefinitionError(def, "not a real date and time");
  }
  if (!zone) return fromLocal(fields, timeZone);
  const wallMs = probe.getTime() + fields.millisecond;
  if (zone === "Z") return new Date(wallMs);
  const zoneMatch = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const offsetMinutes = (Number(zoneMatch[2]) * 60 + Number(zoneMatch[3] ?? 0)) * (zoneMatch[1] === "-" ? -1 : 1);
  if (Math.abs(offsetMinutes) > 18 * 60) throw new TimerDefinitionError(def, `offset ${zone} is out of range`);
  return new Date(wallMs - offsetMinutes * 60_000);
}

type Cycle =
  | { kind: "repeat"; times: number | null; start: Date | null; period: Duration; periodText: string }
  | { kind: "cron"; cron: Cron; pattern: string };

function isExpressionValue(value: string): boolean {
  return value.includes("${") || value.includes("#{");
}

function parseCycle(value: string, timeZone: string): Cycle {
  const def = { type: "cycle", value };
  const text = value.trim();
  if (/^R\d*\//i.test(text)) {
    const parts = text.split("/");
    const count = parts[0].slice(1);
    const times = count === "" ? null : Number(count);
    if (times !== null && (!Number.isSafeInteger(times) || times < 1)) {
      throw new TimerDefinitionError(def, "the repetition count after R must be at least 1 (or empty for no end)");
    }
    let start: Date | null = null;
    let periodText: string;
    if (parts.length === 2) {
      periodText = parts[1];
    } else if (parts.length === 3 && !/^P/i.test(parts[1])) {
      start = parseDateTimeForCycle(parts[1], def, timeZone);
      periodText = parts[2];
    } else {
      throw new TimerDefinitionError(def, "supported forms are Rn/duration, R/duration and Rn/start/duration (no end date)");
    }
    let period: Duration;
    try {
      period = parseDuration(periodText);
    } catch (err) {
      throw new TimerDefinitionError(def, (err as Error).message);
    }
    if (isZeroDuration(period)) throw new TimerDefinitionError(def, "the period must be longer than zero");
    return { kind: "repeat", times, start, period, periodText: periodText.trim().toUpperCase() };
  }
  const fields = text.split(/\s+/);
  if (fields.length === 6 || fields.length === 7) {
    try {
      // Quartz, as Camunda 7 uses it: seconds first, optional year, '?' for "no specific value",
      // weekdays 1 = Sunday … 7 = Saturday. Fired in the calendar's time zone.
      const cron = new Cron(text, {
        paused: true,
        timezone: timeZone,
        mode: "6-or-7-parts",
        alternativeWeekdays: true,
      });
      return { kind: "cron", cron, pattern: text };
    } catch (err) {
      throw new TimerDefinitionError(def, `not a valid Quartz cron expression (${(err as Error).message})`);
    }
  }
  throw new TimerDefinitionError(
    def,
    "expected an ISO 8601 repeating interval (R3/PT10M, R/PT1H, R3/2026-01-01T08:00:00+08:00/P1D) or a Quartz cron expression with 6 or 7 fields (0 0 9 * * ?)",
  );
}

function parseDateTimeForCycle(text: string, def: { type: string; value: string }, timeZone: string): Date {
  try {
    return parseDateTime(text, timeZone);
  } catch {
    throw new TimerDefinitionError(def, `'${text}' is not an ISO 8601 start date-time`);
  }
}

function cronNext(cycle: { cron: Cron; pattern: string }, after: Date): Date | null {
  return cycle.cron.nextRun(after);
}

// Enough to walk a per-minute cycle across two months; longer catch-ups use arithmetic (fixed periods).
const MAX_CATCH_UP_STEPS = 100_000;

export function validateTimer(def: TimerDefinition): void {
  if (!def || typeof def.value !== "string" || def.value.trim() === "") {
    throw new TimerDefinitionError(def ?? { type: "?", value: "" }, "the timer has no value");
  }
  if (isExpressionValue(def.value)) return; // checked when the engine has evaluated it
  switch (def.type) {
    case "date":
      parseDateTime(def.value, "UTC");
      return;
    case "duration":
      try {
        parseDuration(def.value);
      } catch (err) {
        throw new TimerDefinitionError(def, (err as Error).message);
      }
      return;
    case "cycle":
      parseCycle(def.value, "UTC");
      return;
    default:
      throw new TimerDefinitionError(def, "type must be date, duration or cycle");
  }
}

export function scheduleTimer(def: TimerDefinition, now: Date, cal: WorkingCalendar): TimerSchedule {
  assertValidDate(now, "current time");
  validateTimer(def);
  if (isExpressionValue(def.value)) throw new TimerDefinitionError(def, "evaluate the expression before scheduling");
  if (def.type === "date") return { dueDate: parseDateTime(def.value, cal.timeZone) };
  if (def.type === "duration") return { dueDate: addDuration(now, parseDuration(def.value), cal) };

  const spec = def.value.trim();
  const cycle = parseCycle(spec, cal.timeZone);
  if (cycle.kind === "cron") {
    const dueDate = cronNext(cycle, now);
    if (!dueDate) throw new TimerDefinitionError(def, "the cron expression has no future firing time");
    return { dueDate, repeat: { remaining: null, spec, next: (after) => cronNext(cycle, after) } };
  }

  const { period, times } = cycle;
  let dueDate: Date;
  let fired = 0; // occurrences of an anchored cycle already in the past
  if (!cycle.start) {
    dueDate = addDuration(now, period, cal);
  } else if (cycle.start.getTime() >= now.getTime()) {
    dueDate = cycle.start;
  } else {
    const isFixed = !period.years && !period.months && !period.weeks && !period.days && !period.workingDays;
    if (isFixed) {
      const step = fixedMillis(period);
      fired = Math.ceil((now.getTime() - cycle.start.getTime()) / step);
      dueDate = new Date(cycle.start.getTime() + fired * step);
    } else {
      dueDate = cycle.start;
      while (dueDate.getTime() < now.getTime()) {
        if (++fired > MAX_CATCH_UP_STEPS) throw new TimerDefinitionError(def, "the start date is too far in the past for this period");
        dueDate = addDuration(dueDate, period, cal);
      }
    }
    if (times !== null && fired >= times) {
      throw new TimerDefinitionError(def, `all ${times} repetitions lie before ${now.toISOString()}`);
    }
  }
  const remaining = times === null ? null : times - 1 - fired;
  // The spec stored on the job describes this job: after a catch-up its count and start move on.
  const jobSpec =
    cycle.start && fired > 0
      ? `${times === null ? "R" : `R${times - fired}`}/${formatWithOffset(dueDate, cal.timeZone)}/${formatDuration(period)}`
      : spec;
  return {
    dueDate,
    repeat: {
      remaining,
      spec: jobSpec,
      next: (after) => (remaining === 0 ? null : addDuration(after, period, cal)),
    },
  };
}

/**
 * After a cycle job fired at previousDue: the next due date and the spec to store on the new job,
 * counting down like Camunda 7 (R3/PT10M → R2/PT10M → R1/PT10M → done), or null when it was the last.
 * An anchored spec gets the next due date as its new start, so it stays self-describing.
 */
export function nextCycle(spec: string, previousDue: Date, cal: WorkingCalendar): { dueDate: Date; spec: string } | null {
  assertValidDate(previousDue, "previous due date");
  const cycle = parseCycle(spec, cal.timeZone);
  if (cycle.kind === "cron") {
    const dueDate = cronNext(cycle, previousDue);
    return dueDate ? { dueDate, spec: cycle.pattern } : null;
  }
  if (cycle.times === 1) return null;
  const dueDate = addDuration(previousDue, cycle.period, cal);
  const count = cycle.times === null ? "R" : `R${cycle.times - 1}`;
  const period = formatDuration(cycle.period);
  const nextSpec = cycle.start ? `${count}/${formatWithOffset(dueDate, cal.timeZone)}/${period}` : `${count}/${period}`;
  return { dueDate, spec: nextSpec };
}
