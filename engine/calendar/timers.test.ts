import { describe, expect, it } from "vitest";
import {
  CalendarNotCoveredError,
  WorkingCalendar,
  addDuration,
  nextCycle,
  parseDuration,
  scheduleTimer,
  validateTimer,
} from "./index";

const bj = (local: string): Date => new Date(`${local}+08:00`);
const cal = new WorkingCalendar();

describe("parseDuration", () => {
  it("reads every ISO 8601 component and the working-day extension", () => {
    expect(parseDuration("P1Y2M3W4DT5H6M7.5S")).toEqual({
      years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5, workingDays: 0,
    });
    expect(parseDuration("P20WD")).toMatchObject({ workingDays: 20, weeks: 0, days: 0 });
    expect(parseDuration("P3WDT4H")).toMatchObject({ workingDays: 3, hours: 4 });
    expect(parseDuration("P2W")).toMatchObject({ weeks: 2, workingDays: 0 });
    expect(parseDuration("pt10m")).toMatchObject({ minutes: 10 });
  });

  it.each([
    ["", /must start with 'P'/],
    ["10D", /must start with 'P'/],
    ["P", /no duration component/],
    ["PT", /no duration component/],
    ["P1DT", /no duration component/],
    ["-P1D", /negative/],
    ["P1H", /order/],
    ["PT1D", /order/],
    ["P1D2Y", /order/],
    ["P1.5D", /order/],
    ["P3WD2WD", /order/],
    ["P20 WD", /order/],
  ])("refuses %j with a clear message", (input, reason) => {
    expect(() => parseDuration(input)).toThrow(reason);
    expect(() => parseDuration(input)).toThrow(/Invalid ISO 8601 duration/);
  });
});

describe("addDuration", () => {
  it("counts working days across the Spring Festival with its 调休 Saturdays", () => {
    // Thursday 02-12 + 5 working days: 02-13, 02-14 (Sat, worked), 02-24, 02-25, 02-26.
    expect(addDuration(bj("2026-02-12T09:00:00"), parseDuration("P5WD"), cal)).toEqual(bj("2026-02-26T09:00:00"));
    // 02-27 (Fri) + 1 → 02-28 (Sat, worked) + 4 h.
    expect(addDuration(bj("2026-02-27T10:00:00"), parseDuration("P1WDT4H"), cal)).toEqual(bj("2026-02-28T14:00:00"));
  });

  it("counts working days across National Day", () => {
    expect(addDuration(bj("2026-09-25T09:30:00"), parseDuration("P15WD"), cal)).toEqual(bj("2026-10-22T09:30:00"));
    // Wednesday 09-30 + 1 working day: 10-01..10-07 off → Thursday 10-08.
    expect(addDuration(bj("2026-09-30T17:00:00"), parseDuration("P1WD"), cal)).toEqual(bj("2026-10-08T17:00:00"));
    // Calendar days ignore holidays: P10D lands on 10-10, itself a 调休 Saturday.
    expect(addDuration(bj("2026-09-30T17:00:00"), parseDuration("P10D"), cal)).toEqual(bj("2026-10-10T17:00:00"));
  });

  it("keeps Beijing local time for calendar parts and clamps to month end", () => {
    expect(addDuration(bj("2026-01-31T08:00:00"), parseDuration("P1M"), cal)).toEqual(bj("2026-02-28T08:00:00"));
    expect(addDuration(bj("2024-02-29T08:00:00"), parseDuration("P1Y"), cal)).toEqual(bj("2025-02-28T08:00:00"));
    expect(addDuration(bj("2026-03-01T08:00:00"), parseDuration("P1W1DT1H30M"), cal)).toEqual(bj("2026-03-09T09:30:00"));
  });

  it("refuses working days that reach an uncovered year", () => {
    expect(() => addDuration(bj("2026-12-20T09:00:00"), parseDuration("P20WD"), cal)).toThrow(CalendarNotCoveredError);
    // Calendar days need no holiday data.
    expect(addDuration(bj("2026-12-20T09:00:00"), parseDuration("P20D"), cal)).toEqual(bj("2027-01-09T09:00:00"));
  });
});

describe("scheduleTimer", () => {
  const now = bj("2026-09-28T10:00:00");

  it("schedules a date, with or without an offset", () => {
    expect(scheduleTimer({ type: "date", value: "2026-10-08T09:00:00+08:00" }, now, cal).dueDate).toEqual(bj("2026-10-08T09:00:00"));
    expect(scheduleTimer({ type: "date", value: "2026-10-08T01:00:00Z" }, now, cal).dueDate).toEqual(bj("2026-10-08T09:00:00"));
    // No offset: Beijing time.
    expect(scheduleTimer({ type: "date", value: "2026-10-08T09:00:00" }, now, cal).dueDate).toEqual(bj("2026-10-08T09:00:00"));
    expect(scheduleTimer({ type: "date", value: "2026-10-08" }, now, cal).dueDate).toEqual(bj("2026-10-08T00:00:00"));
  });

  it("schedules a working-day duration", () => {
    const schedule = scheduleTimer({ type: "duration", value: "P3WD" }, now, cal);
    // Monday 09-28: 09-29, 09-30, then 10-08.
    expect(schedule.dueDate).toEqual(bj("2026-10-08T10:00:00"));
    expect(schedule.repeat).toBeUndefined();
  });

  it("counts a cycle down like Camunda 7 (R3 → R2 → R1 → done)", () => {
    const first = scheduleTimer({ type: "cycle", value: "R3/PT10M" }, now, cal);
    expect(first.dueDate).toEqual(bj("2026-09-28T10:10:00"));
    expect(first.repeat?.remaining).toBe(2);
    const second = nextCycle(first.repeat!.spec, first.dueDate, cal);
    expect(second).toEqual({ dueDate: bj("2026-09-28T10:20:00"), spec: "R2/PT10M" });
    const third = nextCycle(second!.spec, second!.dueDate, cal);
    expect(third).toEqual({ dueDate: bj("2026-09-28T10:30:00"), spec: "R1/PT10M" });
    expect(nextCycle(third!.spec, third!.dueDate, cal)).toBeNull();
    expect(first.repeat!.next(first.dueDate)).toEqual(bj("2026-09-28T10:20:00"));
  });

  it("repeats forever with R/ and can step in working days", () => {
    const hourly = scheduleTimer({ type: "cycle", value: "R/PT1H" }, now, cal);
    expect(hourly.repeat?.remaining).toBeNull();
    expect(nextCycle("R/PT1H", hourly.dueDate, cal)).toEqual({ dueDate: bj("2026-09-28T12:00:00"), spec: "R/PT1H" });
    // A daily reminder on working days only (Jintu extension).
    expect(nextCycle("R/P1WD", bj("2026-09-30T09:00:00"), cal)?.dueDate).toEqual(bj("2026-10-08T09:00:00"));
  });

  it("anchors a cycle on its start date and catches up past occurrences", () => {
    const future = scheduleTimer({ type: "cycle", value: "R3/2026-10-01T08:00:00+08:00/P1D" }, now, cal);
    expect(future.dueDate).toEqual(bj("2026-10-01T08:00:00"));
    expect(future.repeat?.remaining).toBe(2);
    expect(nextCycle(future.repeat!.spec, future.dueDate, cal)).toEqual({
      dueDate: bj("2026-10-02T08:00:00"),
      spec: "R2/2026-10-02T08:00:00+08:00/P1D",
    });

    // Started 09-27 08:00; 09-27 and 09-28 08:00 are past at 09-28 10:00, the third is 09-29.
    const late = scheduleTimer({ type: "cycle", value: "R3/2026-09-27T08:00:00+08:00/P1D" }, now, cal);
    expect(late.dueDate).toEqual(bj("2026-09-29T08:00:00"));
    expect(late.repeat?.remaining).toBe(0);
    expect(late.repeat?.spec).toBe("R1/2026-09-29T08:00:00+08:00/P1D");
    expect(nextCycle(late.repeat!.spec, late.dueDate, cal)).toBeNull();
    expect(late.repeat!.next(late.dueDate)).toBeNull();

    const fixed = scheduleTimer({ type: "cycle", value: "R/2026-09-28T09:55:00+08:00/PT10M" }, now, cal);
    expect(fixed.dueDate).toEqual(bj("2026-09-28T10:05:00"));

    expect(() => scheduleTimer({ type: "cycle", value: "R2/2026-09-01T08:00:00+08:00/P1D" }, now, cal)).toThrow(/all 2 repetitions lie before/);
  });

  it("runs Quartz cron cycles in Beijing time", () => {
    // Every day at 09:00 Beijing; 10:00 has passed, so tomorrow.
    const daily = scheduleTimer({ type: "cycle", value: "0 0 9 * * ?" }, now, cal);
    expect(daily.dueDate).toEqual(bj("2026-09-29T09:00:00"));
    expect(daily.repeat?.remaining).toBeNull();
    expect(nextCycle("0 0 9 * * ?", daily.dueDate, cal)?.dueDate).toEqual(bj("2026-09-30T09:00:00"));
    // Quartz weekdays: 2-6 = Monday to Friday. Friday 10-02 10:00 → Monday 10-05 09:00.
    expect(scheduleTimer({ type: "cycle", value: "0 0 9 ? * 2-6" }, bj("2026-10-02T10:00:00"), cal).dueDate).toEqual(bj("2026-10-05T09:00:00"));
    // 7 fields with a year.
    expect(scheduleTimer({ type: "cycle", value: "0 30 8 1 1 ? 2027" }, now, cal).dueDate).toEqual(bj("2027-01-01T08:30:00"));
  });
});

describe("validateTimer", () => {
  it.each([
    [{ type: "date", value: "2026-10-08T09:00:00+08:00" }],
    [{ type: "date", value: "2026-10-08" }],
    [{ type: "duration", value: "P20WD" }],
    [{ type: "duration", value: "PT5M" }],
    [{ type: "cycle", value: "R3/PT10M" }],
    [{ type: "cycle", value: "R/PT1H" }],
    [{ type: "cycle", value: "R3/2026-01-01T08:00:00+08:00/P1D" }],
    [{ type: "cycle", value: "0 0 9 * * ?" }],
    [{ type: "duration", value: "${deadline}" }],
  ] as const)("accepts %j", (def) => {
    expect(() => validateTimer(def)).not.toThrow();
  });

  it.each([
    [{ type: "date", value: "2026-02-30T09:00:00" }, /not a real date/],
    [{ type: "date", value: "tomorrow" }, /ISO 8601 date-time/],
    [{ type: "date", value: "2026-10-08T24:30:00" }, /not a real date/],
    [{ type: "duration", value: "20 working days" }, /must start with 'P'/],
    [{ type: "duration", value: "" }, /no value/],
    [{ type: "cycle", value: "R0/PT10M" }, /at least 1/],
    [{ type: "cycle", value: "R3/PT0S" }, /longer than zero/],
    [{ type: "cycle", value: "PT10M" }, /repeating interval/],
    [{ type: "cycle", value: "R3/2026-01-01T08:00:00Z/2026-02-01T08:00:00Z" }, /Invalid ISO 8601 duration/],
    [{ type: "cycle", value: "R3/PT10M/2026-02-01T08:00:00Z" }, /supported forms/],
    [{ type: "cycle", value: "0 0 25 * * ?" }, /Quartz cron/],
    [{ type: "cycle", value: "* * * * *" }, /6 or 7 fields/],
    [{ type: "later", value: "PT1H" }, /type must be/],
  ] as const)("refuses %j", (def, reason) => {
    expect(() => validateTimer(def as never)).toThrow(reason);
  });
});
