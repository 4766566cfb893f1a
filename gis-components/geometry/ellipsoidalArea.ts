// Area on the WGS84 ellipsoid (geographiclib-geodesic, Karney's algorithm), for every area figure a clerk
// or a gateway reads. @turf/area integrates on a sphere and overstates areas by about +0.11 % at 30°N
// (+0.45 % at the equator): enough to push a true 34.97 公顷 parcel over the 35 公顷 threshold.
// CGCS2000 (China's datum) has the same a and a flattening that differs from WGS84's in the 9th digit
// (1/298.257222101 vs 1/298.257223563): a relative area difference of about 1e-10, i.e. 0.00004 m² on
// 35 公顷 — negligible, so WGS84 serves both.
//
// Edges: a GeoJSON edge is a straight line in lon/lat (RFC 7946 §3.1.1), which is also what turf's
// intersect/union assume; geographiclib joins points by geodesics. The two differ by a thin lens per edge
// (a sagitta ∝ length²), so each edge is first split into pieces of at most EDGE_STEP_DEGREES, which makes
// the lens area negligible (see ellipsoidalArea.test.ts for the figures).
import geodesic from "geographiclib-geodesic";
import type { Polygon, Position } from "geojson";
import { type AreaGeometryInput, polygonFeatures } from "./collections";

const WGS84 = geodesic.Geodesic.WGS84;

/** Longest lon/lat step of an edge before it is split (≈ 11 m of latitude). */
export const EDGE_STEP_DEGREES = 1e-4;

/** Area in m² enclosed by one ring (either winding order), edges read as straight lines in lon/lat. */
export function ringArea(ring: readonly Position[], edgeStepDegrees = EDGE_STEP_DEGREES): number {
  if (ring.length < 3) return 0;
  const planimeter = WGS84.Polygon(false);
  const last = ring.length - 1;
  // GeoJSON rings repeat the first position at the end; the planimeter closes the ring itself.
  const closed = ring[0]![0] === ring[last]![0] && ring[0]![1] === ring[last]![1];
  const count = closed ? last : ring.length;
  for (let i = 0; i < count; i++) {
    const [lon1, lat1] = ring[i]!;
    const [lon2, lat2] = ring[(i + 1) % count]!;
    const pieces = Math.max(1, Math.ceil(Math.max(Math.abs(lon2! - lon1!), Math.abs(lat2! - lat1!)) / edgeStepDegrees));
    for (let k = 0; k < pieces; k++) {
      const t = k / pieces;
      planimeter.AddPoint(lat1! + t * (lat2! - lat1!), lon1! + t * (lon2! - lon1!));
    }
  }
  // sign = true: a clockwise ring gives a negative area instead of "the rest of the earth".
  const { area } = planimeter.Compute(false, true);
  return Math.abs(area ?? 0);
}

/** Area of one polygon in m²: the outer ring minus its holes (内环). */
export function polygonArea(polygon: Polygon | Position[][]): number {
  const rings = Array.isArray(polygon) ? polygon : polygon.coordinates;
  if (rings.length === 0) return 0;
  const [outer, ...holes] = rings;
  const area = ringArea(outer!) - holes.reduce((sum, hole) => sum + ringArea(hole), 0);
  return Math.max(0, area);
}

/**
 * Ellipsoidal area in m² of every Polygon / MultiPolygon part of the input, summed. Parts that overlap
 * each other count twice: dissolve first (parcelArea does) when that matters.
 */
export function ellipsoidalArea(input: AreaGeometryInput | null | undefined): number {
  return polygonFeatures(input).reduce((sum, feature) => sum + polygonArea(feature.geometry), 0);
}
