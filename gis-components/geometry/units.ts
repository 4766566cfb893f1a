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

/**
 * Tolerance of threshold comparisons: 1 m². It is the resolution of the figure a clerk reads (公顷 with
 * 4 decimals), far above the numerical noise of clipping and of the ellipsoidal area (< 0.01 m² on a
 * 35 公顷 parcel) and far below the error the spherical model used to make (≈ 400 m² at 35 公顷).
 */
export const THRESHOLD_TOLERANCE_SQUARE_METRES = 1;

/**
 * Whether an area is "超过" (more than) `limitHectares`, as the Land Administration Law counts its
 * 35 / 70 公顷 thresholds: exactly the limit does not exceed it, and neither does anything within 1 m²
 * above it. Without the tolerance a parcel surveyed as 35.0000 公顷 could read 350 000.004 m² after
 * union/intersection and floating-point rounding and be routed to the State Council, while the page shows
 * 35.0000 公顷 — the decision must follow the figure everyone sees, not the last bits of a double.
 */
export function exceedsHectares(figures: AreaFigures, limitHectares: number): boolean {
  if (!Number.isFinite(limitHectares) || limitHectares < 0) throw new Error(`面积阈值无效 / invalid area limit: ${limitHectares} ha`);
  return figures.squareMetres > limitHectares * SQUARE_METRES_PER_HECTARE + THRESHOLD_TOLERANCE_SQUARE_METRES;
}
