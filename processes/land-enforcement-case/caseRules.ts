// The rules of a land enforcement case that the workers apply: hearing right, major case, criminal referral,
// the countersign groups, the case number and the 90-day decision deadline.
import { cityOf } from "../shared/regions";
import type { LandEnforcementSettings } from "./settings";

export interface CaseFigures {
  illegalAreaMu: number;
  farmlandMu: number;
  proposedPenalty: string;
  fineAmount: number;
  countyCode: string;
}

export function assessCase(f: CaseFigures, settings: LandEnforcementSettings) {
  if (!(f.fineAmount >= 0)) throw new Error(`fineAmount must be a non-negative amount, got ${String(f.fineAmount)}`);
  const hearingRight = settings.hearingPenalties.includes(f.proposedPenalty) || f.fineAmount >= settings.largeFineYuan;
  const majorCase = f.farmlandMu > 0 || f.illegalAreaMu >= settings.majorCaseMu;
  const criminalReferral = f.farmlandMu >= settings.criminalReferralFarmlandMu;
  // 集体讨论 by the county bureau's head; a major case also goes to the city for review (法制审核)
  const penaltyReviewGroups = [`leader@${f.countyCode}`, ...(majorCase ? [`leader@${cityOf(f.countyCode)}`] : [])];
  return { hearingRight, majorCase, criminalReferral, penaltyReviewGroups };
}

/** 案号: <county name>自然资执立〔year〕N号, N after the highest number of that county and year. */
export function nextCaseNumber(countyName: string, year: number, existing: string[]): string {
  if (!countyName) throw new Error("case number: no county name");
  const prefix = `${countyName}自然资执立〔${year}〕`;
  const numbers = existing.filter((n) => n.startsWith(prefix)).map((n) => Number(/〕(\d+)号$/.exec(n)?.[1] ?? 0));
  return `${prefix}${(numbers.length ? Math.max(...numbers) : 0) + 1}号`;
}

/** The decision is due `days` calendar days after 立案, at the end of the Beijing working day. */
export function decisionDeadline(filingDate: string, days: number): Date {
  if (!/^\d{4}-\d{2}-\d{2}/.test(filingDate)) throw new Error(`filingDate '${filingDate}' is not a date`);
  const deadline = new Date(`${filingDate.slice(0, 10)}T17:30:00+08:00`);
  deadline.setUTCDate(deadline.getUTCDate() + days);
  return deadline;
}
