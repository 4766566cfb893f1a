// Area, overlap, inside-region, centroid and buffer on parcels. Every area is measured on the WGS84
// ellipsoid (ellipsoidalArea.ts, ≈ CGCS2000); turf does the clipping (union, intersect) in lon/lat.
import turfBbox from "@turf/bbox";
import turfBuffer from "@turf/buffer";
import booleanWithin from "@turf/boolean-within";
import turfCentroid from "@turf/centroid";
import turfIntersect from "@turf/intersect";
import turfUnion from "@turf/union";
import type { BBox, Feature, MultiPolygon, Point, Polygon } from "geojson";
import { type AreaGeometryInput, polygonFeatures } from "./collections";
import { ellipsoidalArea } from "./ellipsoidalArea";
import { type AreaFigures, areaFigures } from "./units";

type Areal = Feature<Polygon | MultiPolygon>;

/**
 * One geometry covering all polygons of the input, so overlapping parts are counted once.
 * Returns null when there is no polygon.
 */
export function dissolve(input: AreaGeometryInput | null | undefined): Areal | null {
  const polygons = polygonFeatures(input);
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return polygons[0]!;
  return turfUnion({ type: "FeatureCollection", features: polygons });
}

/** Area of a parcel (overlapping polygons counted once) in 平方米, 亩 and 公顷. */
export function parcelArea(parcel: AreaGeometryInput | null | undefined): AreaFigures {
  const whole = dissolve(parcel);
  return areaFigures(whole ? ellipsoidalArea(whole) : 0);
}

export interface OverlapResult {
  /** Area of the parcel itself. */
  parcel: AreaFigures;
  /** Area of the parcel that lies on the layer (layer polygons that overlap each other count once). */
  overlap: AreaFigures;
  /** overlap / parcel, between 0 and 1 (0 for an empty parcel). */
  share: number;
  /** The overlapping part, for highlighting on a map; null when there is none. */
  intersection: Areal | null;
}

function bboxesTouch(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** How much of the parcel lies on the layer (e.g. 永久基本农田 permanent basic farmland). */
export function overlapWithLayer(
  parcel: AreaGeometryInput | null | undefined,
  layer: AreaGeometryInput | null | undefined,
): OverlapResult {
  const whole = dissolve(parcel);
  const parcelFigures = areaFigures(whole ? ellipsoidalArea(whole) : 0);
  const none: OverlapResult = { parcel: parcelFigures, overlap: areaFigures(0), share: 0, intersection: null };
  if (!whole) return none;
  const parcelBox = turfBbox(whole);
  const pieces: Feature<Polygon>[] = [];
  for (const layerPolygon of polygonFeatures(layer)) {
    // A real layer has thousands of polygons; skip the ones that cannot touch the parcel.
    if (!bboxesTouch(parcelBox, turfBbox(layerPolygon))) continue;
    const piece = turfIntersect({ type: "FeatureCollection", features: [whole, layerPolygon] });
    if (piece) pieces.push(...polygonFeatures(piece));
  }
  const intersection = dissolve({ type: "FeatureCollection", features: pieces });
  if (!intersection) return none;
  const overlapM2 = ellipsoidalArea(intersection);
  return {
    parcel: parcelFigures,
    overlap: areaFigures(overlapM2),
    share: parcelFigures.squareMetres > 0 ? overlapM2 / parcelFigures.squareMetres : 0,
    intersection,
  };
}

export interface InsideRegionResult {
  inside: boolean;
  /** Area of the parcel outside the region (0 when inside). */
  outside: AreaFigures;
}

/** Whether every polygon of the parcel lies within the region polygon (e.g. the applicant's county). */
export function insideRegion(
  parcel: AreaGeometryInput | null | undefined,
  region: AreaGeometryInput | null | undefined,
): InsideRegionResult {
  const polygons = polygonFeatures(parcel);
  const regionWhole = dissolve(region);
  if (!regionWhole) throw new Error("区域边界不含多边形 / the region boundary has no polygon");
  if (polygons.length === 0) return { inside: true, outside: areaFigures(0) };
  const inside = polygons.every((polygon) => booleanWithin(polygon, regionWhole));
  if (inside) return { inside, outside: areaFigures(0) };
  const { parcel: total, overlap } = overlapWithLayer(parcel, regionWhole);
  return { inside, outside: areaFigures(Math.max(0, total.squareMetres - overlap.squareMetres)) };
}

/** Centroid (mean of the vertices, as @turf/centroid) of all parcel polygons; null when empty. */
export function parcelCentroid(parcel: AreaGeometryInput | null | undefined): Feature<Point> | null {
  const polygons = polygonFeatures(parcel);
  if (polygons.length === 0) return null;
  return turfCentroid({ type: "FeatureCollection", features: polygons });
}

/**
 * The area within `metres` of the geometry (a point with a radius becomes a circle, a parcel grows by
 * a setback). Negative distances shrink polygons. Returns null when nothing is left.
 */
export function bufferGeometry(
  geometry: Feature<Point | Polygon | MultiPolygon> | Point | Polygon | MultiPolygon,
  metres: number,
  steps = 16,
): Areal | null {
  if (!Number.isFinite(metres)) throw new Error(`缓冲距离无效 / invalid buffer distance: ${metres}`);
  const result = turfBuffer(geometry, metres, { units: "meters", steps });
  return (result as Areal | undefined) ?? null;
}
