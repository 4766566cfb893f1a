// 违法采矿 rules: illegal income, proposed fine, criminal referral and the case number.
export interface MineralEnforcementSettings {
  /** 非法采矿罪 "情节严重": value of the minerals mined from this amount (yuan); 10–30 万 by province (?) */
  criminalValueYuan: number;
  /** proposed fine as a share of the illegal income (实施细则: 违法所得 50% 以下 (?)) */
  fineShare: number;
}

export const DEFAULT_SETTINGS: MineralEnforcementSettings = { criminalValueYuan: 100_000, fineShare: 0.3 };

export function assessIllegalMining(input: { minedTonnes: number; pricePerTonne: number; outsideM2: number; violationType: string }, settings: MineralEnforcementSettings) {
  for (const key of ["minedTonnes", "pricePerTonne", "outsideM2"] as const) {
    if (!(input[key] >= 0)) throw new Error(`${key} must be a non-negative number, got ${String(input[key])}`);
  }
  if (input.violationType === "out-of-bounds" && input.outsideM2 <= 0.01) {
    throw new Error("越界开采 but the mined area lies inside the licensed area: check the survey or the violation type");
  }
  const mineralValueYuan = Math.round(input.minedTonnes * input.pricePerTonne);
  return {
    mineralValueYuan,
    proposedFineYuan: Math.round(mineralValueYuan * settings.fineShare),
    criminalReferral: mineralValueYuan >= settings.criminalValueYuan,
  };
}

export function nextMineralCaseNumber(countyName: string, year: number, existing: string[]): string {
  const prefix = `${countyName}自然资矿立〔${year}〕`;
  const used = existing.filter((n) => n.startsWith(prefix)).map((n) => Number(/〕(\d+)号$/.exec(n)?.[1] ?? 0));
  return `${prefix}${(used.length ? Math.max(...used) : 0) + 1}号`;
}
