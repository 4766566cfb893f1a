// Wall-clock arithmetic in an IANA time zone without a date library: Intl gives the local fields of
// an instant, and a two-pass offset search turns local fields back into an instant. Working days are
// decided on the local (Beijing) date, never on the UTC date.

export interface LocalDateTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new RangeError(`Unknown time zone '${timeZone}' (expected an IANA name such as 'Asia/Shanghai')`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a clear RangeError when the time zone is not a known IANA name. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export function assertValidDate(date: Date, what = "date"): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`Invalid ${what}: expected a valid Date`);
  }
}

export function toLocal(date: Date, timeZone: string): LocalDateTime {
  const parts = formatterFor(timeZone).formatToParts(date);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  return {
    year: field("year"),
    month: field("month"),
    day: field("day"),
    hour: field("hour"),
    minute: field("minute"),
    second: field("second"),
    millisecond: ms,
  };
}

function localAsUtcMs(local: LocalDateTime): number {
  const d = new Date(0);
  // setUTCFullYear keeps years 0-99 literal (Date.UTC would map them to 1900-1999).
  d.setUTCFullYear(local.year, local.month - 1, local.day);
  d.setUTCHours(local.hour, local.minute, local.second, local.millisecond);
  return d.getTime();
}

/** Offset of the zone from UTC at the given instant, in milliseconds. */
export function offsetMs(instantMs: number, timeZone: string): number {
  const local = toLocal(new Date(instantMs), timeZone);
  return localAsUtcMs({ ...local, millisecond: ((instantMs % 1000) + 1000) % 1000 }) - instantMs;
}

/**
 * The instant whose wall clock in timeZone shows `local`. A wall time that a DST jump skips resolves
 * with the offset in force after the jump (China has had no DST since 1991; other zones are handled).
 */
export function fromLocal(local: LocalDateTime, timeZone: string): Date {
  const wall = localAsUtcMs(local);
  const offset = offsetMs(wall - offsetMs(wall, timeZone), timeZone);
  const candidate = wall - offset;
  if (offsetMs(candidate, timeZone) === offset) return new Date(candidate);
  return new Date(wall - offsetMs(candidate, timeZone));
}

/** Adds days to a calendar date (no time zone involved). */
export function addCivilDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d.getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

export function civilKey(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-01-02T08:00:00+08:00. */
export function formatWithOffset(date: Date, timeZone: string): string {
  const local = toLocal(date, timeZone);
  const offsetMinutes = Math.round(offsetMs(date.getTime(), timeZone) / 60000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const millis = local.millisecond ? `.${pad(local.millisecond, 3)}` : "";
  return `${civilKey(local)}T${pad(local.hour)}:${pad(local.minute)}:${pad(local.second)}${millis}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
