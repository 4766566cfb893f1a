// 工作日历 administration: no package has holiday data for a year until the State Council publishes its
// notice (see notes/domain.md), so an administrator loads each new year here. Saved years are stored in
// holiday_year and handed to the engine's calendar at once (and on every start).
import { z } from "zod";
import { badRequest, notFound } from "../errors";
import { defineRoute } from "./route";
import type { RouteModule } from "./services";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD");
const Year = z.coerce.number().int().min(2000).max(2100);

const HolidayYear = z.object({
  year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()),
  source: z.string().nullable(), loadedBy: z.string().nullable(), loadedAt: z.date(),
}).openapi("HolidayYear");

export const holidayRoutes: RouteModule = (router, registry, { engine, repos }) => {
  defineRoute(router, registry, {
    method: "get", path: "/holidays", tags: ["calendar"],
    summary: "Loaded holiday years and the calendar's warnings (years answered with plain weekdays, due dates in them)",
    response: z.object({
      years: z.array(z.object({ year: z.number(), holidays: z.number(), workdays: z.number(), source: z.string().nullable(),
        loadedBy: z.string().nullable(), loadedAt: z.date() })),
      warnings: z.object({
        fallbackYears: z.array(z.number()),
        dueDates: z.array(z.object({ kind: z.enum(["task", "timer"]), id: z.string(), processInstanceId: z.string().nullable(),
          name: z.string().nullable(), due: z.date(), year: z.number() })),
      }),
    }),
    permission: { object: "calendar", action: "read" },
    async handler() {
      const years = (await repos.holidays.all()).map((y) => ({ ...y, holidays: y.holidays.length, workdays: y.workdays.length }));
      return { years, warnings: await engine.getCalendarWarnings() };
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/holidays/:year", tags: ["calendar"], summary: "One loaded year",
    params: z.object({ year: Year }), response: HolidayYear, permission: { object: "calendar", action: "read" },
    async handler({ params }) {
      const year = await repos.holidays.get(params.year);
      if (!year) throw notFound(`No holiday calendar loaded for ${params.year}`);
      return year;
    },
  });

  defineRoute(router, registry, {
    method: "put", path: "/holidays/:year", tags: ["calendar"],
    summary: "Load a year's days off and 调休 working days (replaces what was loaded for that year)",
    params: z.object({ year: Year }),
    body: z.object({
      holidays: z.array(Day).max(366), workdays: z.array(Day).max(366),
      source: z.string().max(500).optional().openapi({ example: "国务院办公厅关于2027年部分节假日安排的通知" }),
    }).openapi("HolidayYearSave"),
    response: HolidayYear, permission: { object: "calendar", action: "write" },
    async handler({ params, body, principal, audit }) {
      audit({ target: String(params.year) });
      const outside = [...body.holidays, ...body.workdays].filter((d) => !d.startsWith(`${params.year}-`));
      if (outside.length) throw badRequest(`Dates outside ${params.year}: ${outside.slice(0, 5).join(", ")}`);
      const both = body.holidays.filter((d) => body.workdays.includes(d));
      if (both.length) throw badRequest(`Both a day off and a working day: ${both.join(", ")}`);
      const year = { year: params.year, holidays: [...new Set(body.holidays)].sort(), workdays: [...new Set(body.workdays)].sort() };
      try {
        engine.setCalendarYear(year); // validates the dates (2027-02-30 …) before anything is stored
      } catch (error) {
        throw badRequest((error as Error).message);
      }
      return repos.holidays.save({ ...year, source: body.source ?? null, loadedBy: principal.userId });
    },
  });
};
