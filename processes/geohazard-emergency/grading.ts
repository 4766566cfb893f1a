// 灾情/险情分级 (国家突发地质灾害应急预案): the more severe of the disaster grade (deaths, direct loss) and
// the threat grade (people to relocate, potential loss) sets the response level Ⅰ–Ⅳ; the county reports
// 特大型/大型 within 4 hours and 中型/小型 within 12 hours (local plans differ: configurable).
export type Grade = 1 | 2 | 3 | 4;
export const GRADE_NAMES: Record<Grade, string> = { 1: "特大型", 2: "大型", 3: "中型", 4: "小型" };
export const LEVEL_NAMES: Record<Grade, string> = { 1: "Ⅰ级", 2: "Ⅱ级", 3: "Ⅲ级", 4: "Ⅳ级" };

export interface HazardFigures {
  deaths: number;
  /** 直接经济损失, yuan */
  directLossYuan: number;
  /** 受威胁需转移人数 */
  threatenedPeople: number;
  /** 潜在经济损失, yuan */
  potentialLossYuan: number;
}

export interface GradingSettings {
  /** hours to report by grade: {1: 4, 2: 4, 3: 12, 4: 12} */
  reportHours: Record<Grade, number>;
}

export const DEFAULT_GRADING: GradingSettings = { reportHours: { 1: 4, 2: 4, 3: 12, 4: 12 } };

const M = 1_000_000;
const byThresholds = (value: number, [g1, g2, g3]: [number, number, number]): Grade => (value >= g1 ? 1 : value >= g2 ? 2 : value >= g3 ? 3 : 4);

export function gradeHazard(f: HazardFigures, settings: GradingSettings = DEFAULT_GRADING, reportedAt?: Date) {
  for (const [name, value] of Object.entries(f)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got ${String(value)}`);
  }
  const disasterGrade = Math.min(byThresholds(f.deaths, [30, 10, 3]), byThresholds(f.directLossYuan, [10 * M, 5 * M, 1 * M])) as Grade;
  const threatGrade = Math.min(byThresholds(f.threatenedPeople, [1000, 500, 100]), byThresholds(f.potentialLossYuan, [100 * M, 50 * M, 5 * M])) as Grade;
  // a disaster that happened with nobody hurt and no loss is still at least 小型
  const responseLevel = Math.min(disasterGrade, threatGrade) as Grade;
  const hours = settings.reportHours[responseLevel];
  return {
    disasterGrade, disasterGradeName: GRADE_NAMES[disasterGrade],
    threatGrade, threatGradeName: GRADE_NAMES[threatGrade],
    responseLevel, responseLevelName: LEVEL_NAMES[responseLevel],
    reportHours: hours,
    ...(reportedAt ? { reportDeadline: new Date(reportedAt.getTime() + hours * 3600_000) } : {}),
  };
}
