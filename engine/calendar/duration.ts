// ISO 8601 durations as Camunda 7 timers use them (PnYnMnWnDTnHnMnS), plus Jintu's working-day
// component nWD (工作日): 'P20WD' is twenty working days, 'P3WDT4H' three working days and four hours.
import type { WorkingCalendar } from "./WorkingCalendar";
import { addCivilDays, assertValidDate, daysInMonth, fromLocal, toLocal } from "./zonedTime";

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  workingDays: number;
}

const INT = "(\\d{1,9})";
const DEC = "(\\d{1,9}(?:[.,]\\d{1,9})?)";
// W(?!D) keeps the working-day designator WD from being read as weeks followed by days.
const DURATION = new RegExp(
  `^P(?:${INT}Y)?(?:${INT}M)?(?:${INT}W(?!D))?(?:${INT}WD)?(?:${INT}D)?(?:T(?:${DEC}H)?(?:${DEC}M)?(?:${DEC}S)?)?$`,
);

export class DurationFormatError extends Error {
  constructor(input: string, reason: string) {
    super(
      `Invalid ISO 8601 duration '${input}': ${reason}. Expected e.g. P1D, PT4H, P1Y2M, P2W, ` +
        `or working days P20WD / P3WDT4H`,
    );
    this.name = "DurationFormatError";
  }
}

export function parseDuration(iso: string): Duration {
  if (typeof iso !== "string") throw new DurationFormatError(String(iso), "not a string");
  const text = iso.trim().toUpperCase();
  if (text.startsWith("-")) throw new DurationFormatError(iso, "negative durations are not supported");
  if (!text.startsWith("P")) throw new DurationFormatError(iso, "must start with 'P'");
  if (text === "P" || text.endsWith("T")) throw new DurationFormatError(iso, "no duration component after 'P' or 'T'");
  const match = DURATION.exec(text);
  if (!match) throw new DurationFormatError(iso, "components must appear in the order Y M W WD D T H M S, each once");
  const num = (i: number): number => (match[i] ? Number(match[i].replace(",", ".")) : 0);
  return {
    years: num(1),
    months: num(2),
    weeks: num(3),
    workingDays: num(4),
    days: num(5),
    hours: num(6),
    minutes: num(7),
    seconds: num(8),
  };
}

/** Canonical text of a duration (used when a cycle spec is rewritten). */
export function formatDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ""}${d.months ? `${d.months}M` : ""}${d.weeks ? `${d.weeks}W` : ""}` +
    `${d.workingDays ? `${d.workingDays}WD` : ""}${d.days ? `${d.days}D` : ""}`;
  const time = `${d.hours ? `${d.hours}H` : ""}${d.minutes ? `${d.minutes}M` : ""}${d.seconds ? `${d.seconds}S` : ""}`;
  const text = `P${date}${time ? `T${time}` : ""}`;
  return text === "P" ? "PT0S" : text;
}

export function isZeroDuration(d: Duration): boolean {
  return Object.values(d).every((v) => v === 0);
}

/** Milliseconds of the fixed-length part (hours, minutes, seconds). */
export function fixedMillis(d: Duration): number {
  return Math.round(((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/**
 * Adds a duration in three steps: calendar parts (years, months, weeks, days) on the local date in
 * the calendar's time zone, keeping the time of day and clamping to the month's end like Java's
 * plusMonths (01-31 + P1M = 02-28); then working days; then hours, minutes and seconds as elapsed time.
 * Throws CalendarNotCoveredError when working days fall in an uncovered year.
 */
export function addDuration(from: Date, d: Duration, cal: WorkingCalendar): Date {
  assertValidDate(from, "start date");
  let result = new Date(from.getTime());
  if (d.years || d.months || d.weeks || d.days) {
    const local = toLocal(result, cal.timeZone);
    const monthIndex = local.year * 12 + (local.month - 1) + d.years * 12 + d.months;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(local.day, daysInMonth(year, month));
    const shifted = addCivilDays({ year, month, day }, d.weeks * 7 + d.days);
    result = fromLocal({ ...local, ...shifted }, cal.timeZone);
  }
  if (d.workingDays) result = cal.addWorkingDays(result, d.workingDays);
  const millis = fixedMillis(d);
  if (millis) result = new Date(result.getTime() + millis);
  return result;
}
