// The checks of a parcelMap value, shared by the browser component (what the clerk sees) and the server
// (what a gateway reads): same gis-components functions, same numbers.
import type { FeatureCollection, Geometry } from "geojson";
import {
  type AreaFigures,
  formatArea,
  insideRegion,
  overlapWithLayer,
  parcelArea,
  validateParcelGeometry,
} from "../../gis-components/index";
import type { FieldMessage, OverlayLayerSetting, ParcelMapSettings } from "../schema";

/** Overlaps below 0.01 m² are floating-point noise of polygons that only share an edge. */
export const OVERLAP_NOISE_SQUARE_METRES = 0.01;

export interface LayerOverlap {
  name: string;
  label: string;
  overlap: AreaFigures;
  /** overlap / parcel area, 0..1 */
  share: number;
}

export interface ParcelFigures {
  area: AreaFigures;
  overlaps: LayerOverlap[];
}

export interface ParcelCheckContext {
  /** Loaded overlay layers by name: a FeatureCollection, or null when it could not be loaded. Absent: not loaded (yet). */
  layers: Map<string, FeatureCollection<Geometry | null> | null>;
  /** undefined: no region check configured; null: configured but could not be loaded. */
  regionBoundary?: FeatureCollection<Geometry | null> | null;
  regionLabel?: string;
}

export interface ParcelCheckResult {
  errors: FieldMessage[];
  warnings: FieldMessage[];
  figures: ParcelFigures | null;
}

export function isEmptyParcel(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  const features = (value as { features?: unknown }).features;
  return (value as { type?: unknown }).type === "FeatureCollection" && Array.isArray(features) && features.length === 0;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export function checkParcelMapValue(value: unknown, settings: ParcelMapSettings, context: ParcelCheckContext): ParcelCheckResult {
  const label = settings.label ?? settings.key;
  const errors: FieldMessage[] = [];
  const warnings: FieldMessage[] = [];
  if (isEmptyParcel(value)) {
    if (settings.validate?.required) errors.push({ code: "required", zh: `${label}:请绘制或导入地块`, en: `${label}: draw or import the parcel` });
    return { errors, warnings, figures: null };
  }
  const issues = validateParcelGeometry(value);
  if (issues.length) {
    return { errors: issues.map((issue) => ({ code: issue.code, zh: issue.zh, en: issue.en })), warnings, figures: null };
  }
  const parcel = value as FeatureCollection<Geometry | null>;
  const figures: ParcelFigures = { area: parcelArea(parcel), overlaps: [] };
  for (const layer of settings.overlayLayers ?? []) {
    checkLayer(parcel, layer, context, figures, errors, warnings);
  }
  if (context.regionBoundary === null) {
    errors.push({ code: "region-unavailable", zh: `无法加载${context.regionLabel ?? "区域"}边界,不能核对地块是否在辖区内`, en: `the ${context.regionLabel ?? "region"} boundary could not be loaded, so the parcel cannot be checked against it` });
  } else if (context.regionBoundary) {
    const result = insideRegion(parcel, context.regionBoundary);
    if (!result.inside) {
      errors.push({
        code: "outside-region",
        zh: `地块超出${context.regionLabel ?? "辖区"}范围(区外面积 ${formatArea(result.outside, "zh")})`,
        en: `the parcel extends outside ${context.regionLabel ?? "the region"} (${formatArea(result.outside, "en")} outside)`,
      });
    }
  }
  return { errors, warnings, figures };
}

function checkLayer(
  parcel: FeatureCollection<Geometry | null>,
  layer: OverlayLayerSetting,
  context: ParcelCheckContext,
  figures: ParcelFigures,
  errors: FieldMessage[],
  warnings: FieldMessage[],
): void {
  // Overlapping a layer marked onOverlap: "error" (e.g. 生态保护红线 in some flows) blocks the form.
  const sink = layer.onOverlap === "error" ? errors : warnings;
  const geojson = context.layers.get(layer.name);
  if (geojson === undefined) return; // still loading in the browser; the server always loads every layer
  if (geojson === null) {
    const message = { code: "layer-unavailable", zh: `无法加载图层"${layer.label}",未核对重叠`, en: `layer "${layer.labelEn ?? layer.label}" could not be loaded; overlap not checked` };
    sink.push(message);
    return;
  }
  const result = overlapWithLayer(parcel, geojson);
  figures.overlaps.push({ name: layer.name, label: layer.label, overlap: result.overlap, share: result.share });
  if (result.overlap.squareMetres > OVERLAP_NOISE_SQUARE_METRES) {
    sink.push({
      code: `overlap:${layer.name}`,
      zh: `地块与${layer.label}重叠 ${formatArea(result.overlap, "zh")}(占地块 ${percent(result.share)})`,
      en: `the parcel overlaps ${layer.labelEn ?? layer.label} by ${formatArea(result.overlap, "en")} (${percent(result.share)} of the parcel)`,
    });
  }
}
