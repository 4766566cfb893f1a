import { describe, expect, it } from "vitest";
import { CalendarNotCoveredError, WorkingCalendar } from "./index";

// Beijing wall-clock instant, so the tests read like the dates clerks see.
const bj = (local: string): Date => new Date(`${local}+08:00`);
const localDay = (date: Date): string => date.toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });

describe("WorkingCalendar on the 2026 State Council notice", () => {
  const cal = new WorkingCalendar();

  it("knows the Spring Festival break and its 调休 Saturdays", () => {
    for (let day = 15; day <= 23; day++) {
      expect(cal.isWorkingDay(bj(`2026-02-${day}T10:00:00`)), `02-${day}`).toBe(false);
    }
    expect(cal.isWorkingDay(bj("2026-02-14T10:00:00"))).toBe(true); // Saturday worked in lieu
    expect(cal.isWorkingDay(bj("2026-02-28T10:00:00"))).toBe(true); // Saturday worked in lieu
    expect(cal.isWorkingDay(bj("2026-02-13T10:00:00"))).toBe(true); // ordinary Friday
    expect(cal.isWorkingDay(bj("2026-02-24T10:00:00"))).toBe(true); // first day back
    expect(cal.isWorkingDay(bj("2026-03-07T10:00:00"))).toBe(false); // ordinary Saturday
  });

  it("knows the National Day break and its make-up days", () => {
    expect(cal.isWorkingDay(bj("2026-10-01T10:00:00"))).toBe(false);
    expect(cal.isWorkingDay(bj("2026-10-07T10:00:00"))).toBe(false);
    expect(cal.isWorkingDay(bj("2026-10-08T10:00:00"))).toBe(true);
    expect(cal.isWorkingDay(bj("2026-09-20T10:00:00"))).toBe(true); // Sunday worked in lieu
    expect(cal.isWorkingDay(bj("2026-10-10T10:00:00"))).toBe(true); // Saturday worked in lieu
    expect(cal.isWorkingDay(bj("2026-01-04T10:00:00"))).toBe(true); // 元旦 make-up Sunday
    expect(cal.isWorkingDay(bj("2026-05-09T10:00:00"))).toBe(true); // 劳动节 make-up Saturday
  });

  it("adds working days like chinese-days findWorkday, keeping the local time", () => {
    const due = cal.addWorkingDays(bj("2026-09-25T09:30:00"), 15);
    expect(due.toISOString()).toBe(bj("2026-10-22T09:30:00").toISOString());
    expect(cal.workingDaysBetween(bj("2026-09-25T09:30:00"), due)).toBe(15);
  });

  it("counts 调休 Saturdays and skips the Spring Festival", () => {
    // Friday 02-13 + 1 → Saturday 02-14 (worked); + 2 → 02-24 (after the break).
    expect(localDay(cal.addWorkingDays(bj("2026-02-13T16:00:00"), 1))).toBe("2026-02-14");
    expect(localDay(cal.addWorkingDays(bj("2026-02-13T16:00:00"), 2))).toBe("2026-02-24");
    // Going backwards over the same break.
    expect(localDay(cal.addWorkingDays(bj("2026-02-24T16:00:00"), -1))).toBe("2026-02-14");
    expect(cal.workingDaysBetween(bj("2026-02-24T16:00:00"), bj("2026-02-13T16:00:00"))).toBe(-2);
  });

  it("returns the same instant for n = 0 and rejects fractions", () => {
    const from = bj("2026-10-03T11:00:00"); // a holiday: n = 0 does not move it
    expect(cal.addWorkingDays(from, 0).getTime()).toBe(from.getTime());
    expect(() => cal.addWorkingDays(from, 1.5)).toThrow(/whole number/);
  });

  it("decides on the Beijing date, not the UTC date", () => {
    // 2026-09-30T17:00Z is already 2026-10-01 01:00 in Beijing: National Day.
    const instant = new Date("2026-09-30T17:00:00Z");
    expect(cal.isWorkingDay(instant)).toBe(false);
    // In UTC the same instant is Wednesday 09-30, a working day.
    const utc = new WorkingCalendar({ timeZone: "UTC" });
    expect(utc.isWorkingDay(instant)).toBe(true);
    // One working day later in Beijing is 10-08, at 01:00 local time.
    expect(cal.addWorkingDays(instant, 1).toISOString()).toBe("2026-10-07T17:00:00.000Z");
  });

  it("keeps the local time of day across a DST change in zones that have one", () => {
    const berlin = new WorkingCalendar({ timeZone: "Europe/Berlin" });
    // Friday 2026-03-27 09:00 CET (08:00Z) + 1 working day → Monday 03-30 09:00 CEST (07:00Z).
    expect(berlin.addWorkingDays(new Date("2026-03-27T08:00:00Z"), 1).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("rejects an unknown time zone clearly", () => {
    expect(() => new WorkingCalendar({ timeZone: "Mars/Olympus" })).toThrow(/Unknown time zone 'Mars\/Olympus'/);
  });
});

describe("years the package does not cover", () => {
  it("detects coverage from the package data", () => {
    const cal = new WorkingCalendar();
    expect(cal.coversYear(2004)).toBe(true);
    expect(cal.coversYear(2026)).toBe(true);
    expect(cal.coversYear(2003)).toBe(false);
    expect(cal.coversYear(2027)).toBe(false);
    expect(cal.uncoveredYears(bj("2026-12-01T00:00:00"), bj("2028-02-01T00:00:00"))).toEqual([2027, 2028]);
  });

  it("refuses working-day math in 2027 instead of treating New Year's Day as a working day", () => {
    const cal = new WorkingCalendar();
    expect(() => cal.isWorkingDay(bj("2027-01-01T10:00:00"))).toThrow(CalendarNotCoveredError);
    try {
      cal.addWorkingDays(bj("2026-12-30T10:00:00"), 5);
      expect.unreachable("2027 is not covered");
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarNotCoveredError);
      expect((err as CalendarNotCoveredError).year).toBe(2027);
      expect((err as Error).message).toMatch(/2027/);
    }
  });

  it("falls back to weekdays when asked, and reports the year for a warning", () => {
    const cal = new WorkingCalendar({ fallbackToWeekdays: true });
    expect(cal.isWorkingDay(bj("2027-01-01T10:00:00"))).toBe(true); // Friday, as a plain weekday
    expect(cal.isWorkingDay(bj("2027-01-02T10:00:00"))).toBe(false); // Saturday
    expect(cal.fallbackYearsUsed()).toEqual([2027]);
    expect(cal.uncoveredYears(bj("2027-01-01T00:00:00"), bj("2027-06-01T00:00:00"))).toEqual([2027]);
  });

  it("honours an administrator-loaded 2027", () => {
    // Illustrative notice: 元旦 2027-01-01..03 off, Spring Festival 02-06..02-12 off, 02-13 (Sat) worked.
    const cal = new WorkingCalendar({
      years: [
        {
          year: 2027,
          holidays: ["2027-01-01", "2027-01-02", "2027-01-03", ...[6, 7, 8, 9, 10, 11, 12].map((d) => `2027-02-${String(d).padStart(2, "0")}`)],
          workdays: ["2027-02-13"],
        },
      ],
    });
    expect(cal.coversYear(2027)).toBe(true);
    expect(cal.uncoveredYears(bj("2027-01-01T00:00:00"), bj("2027-12-31T00:00:00"))).toEqual([]);
    expect(cal.isWorkingDay(bj("2027-01-01T10:00:00"))).toBe(false);
    expect(cal.isWorkingDay(bj("2027-01-04T10:00:00"))).toBe(true); // Monday
    expect(cal.isWorkingDay(bj("2027-02-13T10:00:00"))).toBe(true); // Saturday worked in lieu
    expect(cal.isWorkingDay(bj("2027-02-20T10:00:00"))).toBe(false); // ordinary Saturday
    // Thursday 2026-12-31: +1 → Monday 2027-01-04 (元旦 and the weekend skipped).
    expect(localDay(cal.addWorkingDays(bj("2026-12-31T09:00:00"), 1))).toBe("2027-01-04");
    // Friday 02-05: +1 → Saturday 02-13, +2 → Monday 02-15.
    expect(localDay(cal.addWorkingDays(bj("2027-02-05T09:00:00"), 2))).toBe("2027-02-15");
  });

  it("lets setYear replace a year and rejects bad administrator data", () => {
    const cal = new WorkingCalendar();
    cal.setYear({ year: 2027, holidays: ["2027-01-01"], workdays: [] });
    expect(cal.isWorkingDay(bj("2027-01-01T10:00:00"))).toBe(false);
    cal.setYear({ year: 2027, holidays: [], workdays: [] });
    expect(cal.isWorkingDay(bj("2027-01-01T10:00:00"))).toBe(true);

    expect(() => cal.setYear({ year: 2027, holidays: ["2027-02-30"], workdays: [] })).toThrow(/not a real calendar date/);
    expect(() => cal.setYear({ year: 2027, holidays: ["27-1-1"], workdays: [] })).toThrow(/YYYY-MM-DD/);
    expect(() => cal.setYear({ year: 2027, holidays: [], workdays: ["2027-01-04"] })).toThrow(/is a weekday/);
    expect(() => cal.setYear({ year: 2027, holidays: ["2027-02-13"], workdays: ["2027-02-13"] })).toThrow(/both/);
    expect(() => cal.setYear({ year: 2027, holidays: ["2030-01-01"], workdays: [] })).toThrow(/not in or next to 2027/);
  });
});
