// Holiday data bundled in the chinese-days package, read once per year. The package answers
// "is this a workday" for any date, but for a year it has no State Council notice for it silently
// answers with plain weekdays (2027-01-01 would be a working day). A year counts as covered only
// when the package holds at least one holiday (放假) date in it.
import chineseDays from "chinese-days";

export interface YearDays {
  holidays: ReadonlySet<string>; // 'YYYY-MM-DD' days off (法定节假日 and their bridging days)
  workdays: ReadonlySet<string>; // weekend days that are working days (调休上班)
}

const cache = new Map<number, YearDays | null>();

function isWeekendKey(key: string): boolean {
  const day = new Date(`${key}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** The package's data for one Gregorian year, or null when the package has no notice for it. */
export function packageYear(year: number): YearDays | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (cache.has(year)) return cache.get(year) ?? null;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  // includeWeekends=false: only the dates the package lists as holidays, not ordinary weekends.
  const holidays = chineseDays.getHolidaysInRange(start, end, false);
  let data: YearDays | null = null;
  if (holidays.length > 0) {
    const workdays = chineseDays.getWorkdaysInRange(start, end, true).filter(isWeekendKey);
    data = { holidays: new Set(holidays), workdays: new Set(workdays) };
  }
  cache.set(year, data);
  return data;
}
