// Deadlines on working days: the `workdays(n)` expression helper (camunda:dueDate="${workdays(20)}")
// and the warnings about due dates that fall in calendar years without holiday data.
import type { CalendarWarnings, Clock, ExpressionFunction } from "../../api";
import type { WorkingCalendar } from "../../calendar";
import type { Queryable } from "../../persistence/db";

/** `workdays(n)`: the instant n Chinese working days after now (法定节假日 and 调休 counted). */
export function workdaysFunction(calendar: WorkingCalendar, clock: Clock): ExpressionFunction {
  return (n: unknown) => {
    const days = typeof n === "string" && /^\d+$/.test(n.trim()) ? Number(n) : n;
    if (typeof days !== "number" || !Number.isSafeInteger(days) || days < 0) {
      throw new Error(`workdays(n) needs a whole, non-negative number of working days, got ${JSON.stringify(n)}`);
    }
    return calendar.addWorkingDays(clock.now(), days);
  };
}

const yearOf = (calendar: WorkingCalendar, at: Date): number =>
  Number(new Intl.DateTimeFormat("en-CA", { timeZone: calendar.timeZone, year: "numeric" }).format(at));

/**
 * Open tasks and timers due in a year the calendar does not cover, and the uncovered years this
 * engine has already counted as plain weekdays. Only due dates from the current year on are examined:
 * the package covers every past year.
 */
export async function calendarWarnings(db: Queryable, calendar: WorkingCalendar, now: Date): Promise<CalendarWarnings> {
  let first = yearOf(calendar, now);
  while (calendar.coversYear(first) && first < 9999) first++;
  const from = Date.UTC(first - 1, 11, 31);
  const tasks = await db.all<{ id: string; process_instance_id: string; name: string | null; due_date: number }>(
    `SELECT "id", "process_instance_id", "name", "due_date" FROM "task" WHERE "due_date" >= ? ORDER BY "due_date"`, [from]);
  const timers = await db.all<{ id: string; process_instance_id: string | null; activity_id: string | null; due_date: number }>(
    `SELECT "id", "process_instance_id", "activity_id", "due_date" FROM "job" WHERE "type" = 'timer' AND "due_date" >= ? ORDER BY "due_date"`, [from]);
  const dueDates: CalendarWarnings["dueDates"] = [];
  const add = (kind: "task" | "timer", id: string, processInstanceId: string | null, name: string | null, dueMs: number) => {
    const due = new Date(Number(dueMs));
    const year = yearOf(calendar, due);
    if (!calendar.coversYear(year)) dueDates.push({ kind, id, processInstanceId, name, due, year });
  };
  for (const t of tasks) add("task", t.id, t.process_instance_id, t.name, t.due_date);
  for (const j of timers) add("timer", j.id, j.process_instance_id, j.activity_id, j.due_date);
  return { fallbackYears: calendar.fallbackYearsUsed(), dueDates };
}
