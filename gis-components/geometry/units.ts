// Area units used by China's land administration. 亩 (mu) is defined as 10000/15 m², so
// 1 公顷 (hectare) = 15 亩 exactly; the statutory thresholds are 35 公顷 = 525 亩 and 70 公顷 = 1050 亩.

/** Square metres in one 亩 (mu): 10000 / 15 ≈ 666.67 m². */
export const SQUARE_METRES_PER_MU = 10_000 / 15;
/** Square metres in one 公顷 (hectare). */
export const SQUARE_METRES_PER_HECTARE = 10_000;

export interface AreaFigures {
  /** 平方米 */
  squareMetres: number;
  /** 亩 */
  mu: number;
  /** 公顷 */
  hectares: number;
}

export function squareMetresToMu(squareMetres: number): number {
  return squareMetres / SQUARE_METRES_PER_MU;
}

export function squareMetresToHectares(squareMetres: number): number {
  return squareMetres / SQUARE_METRES_PER_HECTARE;
}

export function hectaresToMu(hectares: number): number {
  return squareMetresToMu(hectares * SQUARE_METRES_PER_HECTARE);
}

export function muToHectares(mu: number): number {
  return squareMetresToHectares(mu * SQUARE_METRES_PER_MU);
}

export function areaFigures(squareMetres: number): AreaFigures {
  return {
    squareMetres,
    mu: squareMetresToMu(squareMetres),
    hectares: squareMetresToHectares(squareMetres),
  };
}

/**
 * The text a clerk reads, e.g. "233,450.12 平方米 / 350.18 亩 / 23.3450 公顷". Rounding happens only
 * here, for display: every comparison works on the unrounded numbers.
 */
export function formatArea(figures: AreaFigures, language: "zh" | "en" = "zh"): string {
  const m2 = figures.squareMetres.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const mu = figures.mu.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const ha = figures.hectares.toLocaleString("en-US", { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  return language === "zh" ? `${m2} 平方米 / ${mu} 亩 / ${ha} 公顷` : `${m2} m² / ${mu} mu / ${ha} ha`;
}
