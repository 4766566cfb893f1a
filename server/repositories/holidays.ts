// holiday_year: working-day calendars an administrator loaded for years no bundled package covers yet
// (国务院办公厅放假通知). The engine's calendar is fed from here on start and on every save.
import type { Clock, Db } from "../../engine";

export interface HolidayYearRecord {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string | null;
  loadedBy: string | null;
  loadedAt: Date;
}

interface HolidayRow { year: number; days: string; source: string | null; loaded_by: string | null; loaded_at: number }

const toRecord = (r: HolidayRow): HolidayYearRecord => {
  const days = JSON.parse(r.days) as { holidays: string[]; workdays: string[] };
  return { year: Number(r.year), holidays: days.holidays, workdays: days.workdays, source: r.source, loadedBy: r.loaded_by, loadedAt: new Date(Number(r.loaded_at)) };
};

export class HolidayRepository {
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async all(): Promise<HolidayYearRecord[]> {
    return (await this.db.all<HolidayRow>(`SELECT * FROM holiday_year ORDER BY year`)).map(toRecord);
  }

  async get(year: number): Promise<HolidayYearRecord | null> {
    const row = await this.db.get<HolidayRow>(`SELECT * FROM holiday_year WHERE year = ?`, [year]);
    return row ? toRecord(row) : null;
  }

  async save(y: { year: number; holidays: string[]; workdays: string[]; source?: string | null; loadedBy?: string | null }): Promise<HolidayYearRecord> {
    const days = JSON.stringify({ holidays: y.holidays, workdays: y.workdays });
    const now = this.clock.now().getTime();
    await this.db.transaction(async (tx) => {
      await tx.run(`DELETE FROM holiday_year WHERE year = ?`, [y.year]);
      await tx.run(`INSERT INTO holiday_year (year, days, source, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?)`,
        [y.year, days, y.source ?? null, y.loadedBy ?? null, now]);
    });
    return (await this.get(y.year))!;
  }
}
