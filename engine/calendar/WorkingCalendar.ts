// 工作日历: Chinese working days (法定节假日 and 调休) in one time zone (Asia/Shanghai by default).
// Deadlines such as "十五个工作日" are counted here. Data comes from the chinese-days package, and an
// administrator can load a year the package does not cover yet from the State Council's notice.
import { type YearDays, packageYear } from "./packageHolidays";
import {
  type CivilDate,
  addCivilDays,
  assertTimeZone,
  assertValidDate,
  civilKey,
  compareCivil,
  dayOfWeek,
  fromLocal,
  toLocal,
} from "./zonedTime";

export interface YearCalendar {
  year: number;
  holidays: string[]; // 'YYYY-MM-DD' days off
  workdays: string[]; // 'YYYY-MM-DD' weekend days that are working days (调休上班)
}

export interface WorkingCalendarOptions {
  years?: YearCalendar[];
  timeZone?: string; // default 'Asia/Shanghai'
  /** Treat an uncovered year as plain weekdays instead of throwing; see uncoveredYears() to warn. */
  fallbackToWeekdays?: boolean;
}

export class CalendarNotCoveredError extends Error {
  readonly year: number;
  constructor(year: number) {
    super(
      `The working-day calendar does not cover ${year} (工作日历未覆盖 ${year} 年): the bundled holiday data ` +
        `has no State Council notice for it. An administrator must load ${year}'s holidays and ` +
        `调休 working days before working-day deadlines can be computed.`,
    );
    this.name = "CalendarNotCoveredError";
    this.year = year;
  }
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
// No real notice has more than ~10 consecutive days off; a long run means bad administrator data.
const MAX_CONSECUTIVE_DAYS_OFF = 60;

function parseDateKey(key: string, what: string): CivilDate {
  const match = DATE_KEY.exec(key);
  if (!match) throw new Error(`${what}: '${key}' is not a date in the form YYYY-MM-DD`);
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (civilKey(addCivilDays(date, 0)) !== key) throw new Error(`${what}: '${key}' is not a real calendar date`);
  return date;
}

export class WorkingCalendar {
  readonly timeZone: string;
  readonly fallbackToWeekdays: boolean;
  private readonly adminYears = new Map<number, YearDays>();
  private readonly fallbackYears = new Set<number>();

  constructor(opts: WorkingCalendarOptions = {}) {
    this.timeZone = opts.timeZone ?? "Asia/Shanghai";
    assertTimeZone(this.timeZone);
    this.fallbackToWeekdays = opts.fallbackToWeekdays ?? false;
    for (const year of opts.years ?? []) this.setYear(year);
  }

  /**
   * Loads (or replaces) an administrator-maintained year. It wins over the package's data for that
   * year, so a corrected notice can also be applied to a covered year.
   */
  setYear(y: YearCalendar): void {
    if (!Number.isInteger(y.year) || y.year < 1000 || y.year > 9999) {
      throw new Error(`Working calendar: year must be a four-digit integer, got ${String(y.year)}`);
    }
    const what = `Working calendar ${y.year}`;
    if (!Array.isArray(y.holidays) || !Array.isArray(y.workdays)) {
      throw new Error(`${what}: holidays and workdays must be arrays of 'YYYY-MM-DD' strings`);
    }
    const holidays = y.holidays.map((key) => parseDateKey(key, `${what} holiday`));
    const workdays = y.workdays.map((key) => parseDateKey(key, `${what} workday`));
    for (const date of [...holidays, ...workdays]) {
      // A notice may reach a few days into a neighbouring year (e.g. a 调休 on 12-31 for 元旦).
      if (Math.abs(date.year - y.year) > 1) throw new Error(`${what}: ${civilKey(date)} is not in or next to ${y.year}`);
    }
    const holidayKeys = new Set(holidays.map(civilKey));
    for (const date of workdays) {
      const key = civilKey(date);
      if (holidayKeys.has(key)) throw new Error(`${what}: ${key} is listed both as a holiday and as a working day`);
      const weekday = dayOfWeek(date);
      if (weekday !== 0 && weekday !== 6) {
        throw new Error(`${what}: ${key} is a weekday; workdays lists only weekend days worked in lieu (调休上班)`);
      }
    }
    // Replaces what an earlier load of this year set.
    this.adminYears.set(y.year, { holidays: holidayKeys, workdays: new Set(workdays.map(civilKey)) });
    this.fallbackYears.delete(y.year);
  }

  coversYear(year: number): boolean {
    return this.adminYears.has(year) || packageYear(year) !== null;
  }

  /** Years (local, inclusive) between two instants that neither the package nor an administrator covers. */
  uncoveredYears(from: Date, to: Date): number[] {
    assertValidDate(from, "from date");
    assertValidDate(to, "to date");
    let first = toLocal(from, this.timeZone).year;
    let last = toLocal(to, this.timeZone).year;
    if (first > last) [first, last] = [last, first];
    const years: number[] = [];
    for (let year = first; year <= last; year++) if (!this.coversYear(year)) years.push(year);
    return years;
  }

  /** Uncovered years this calendar has already answered with plain weekdays (fallback mode only). */
  fallbackYearsUsed(): number[] {
    return [...this.fallbackYears].sort((a, b) => a - b);
  }

  isWorkingDay(date: Date): boolean {
    assertValidDate(date);
    return this.isWorkingCivilDate(toLocal(date, this.timeZone));
  }

  /**
   * The instant n working days after (n < 0: before) `from`, at the same local time of day. Like
   * chinese-days' findWorkday, counting starts with the next day, so a start on a holiday still
   * counts its following working days: 2026-09-25 (中秋) + 15 → 2026-10-22.
   */
  addWorkingDays(from: Date, n: number): Date {
    assertValidDate(from, "from date");
    if (!Number.isSafeInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
    if (n === 0) return new Date(from.getTime());
    const local = toLocal(from, this.timeZone);
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let date: CivilDate = local;
    let daysOff = 0;
    while (remaining > 0) {
      date = addCivilDays(date, step);
      if (this.isWorkingCivilDate(date)) {
        remaining--;
        daysOff = 0;
      } else if (++daysOff > MAX_CONSECUTIVE_DAYS_OFF) {
        throw new Error(`Working calendar: more than ${MAX_CONSECUTIVE_DAYS_OFF} consecutive days off around ${civilKey(date)}; check the holiday data`);
      }
    }
    return fromLocal({ ...local, year: date.year, month: date.month, day: date.day }, this.timeZone);
  }

  /**
   * Working days d with from < d ≤ to (local dates), negative when to is before from; so
   * workingDaysBetween(from, addWorkingDays(from, n)) === n.
   */
  workingDaysBetween(from: Date, to: Date): number {
    assertValidDate(from, "from date");
    assertValidDate(to, "to date");
    let start: CivilDate = toLocal(from, this.timeZone);
    let end: CivilDate = toLocal(to, this.timeZone);
    let sign = 1;
    if (compareCivil(start, end) > 0) {
      [start, end] = [end, start];
      sign = -1;
    }
    let count = 0;
    for (let date = addCivilDays(start, 1); compareCivil(date, end) <= 0; date = addCivilDays(date, 1)) {
      if (this.isWorkingCivilDate(date)) count++;
    }
    return sign * count;
  }

  private isWorkingCivilDate(date: CivilDate): boolean {
    const key = civilKey(date);
    // An administrator's notice for this year or a neighbouring one may name this date.
    for (const year of [date.year, date.year - 1, date.year + 1]) {
      const admin = this.adminYears.get(year);
      if (admin?.workdays.has(key)) return true;
      if (admin?.holidays.has(key)) return false;
    }
    const weekday = dayOfWeek(date);
    const isWeekday = weekday >= 1 && weekday <= 5;
    if (this.adminYears.has(date.year)) return isWeekday;
    const data = packageYear(date.year);
    if (data) return data.workdays.has(key) || (isWeekday && !data.holidays.has(key));
    if (!this.fallbackToWeekdays) throw new CalendarNotCoveredError(date.year);
    this.fallbackYears.add(date.year);
    return isWeekday;
  }
}
