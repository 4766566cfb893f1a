// Normalising GeoJSON input into the one shape every other function works on:
// a FeatureCollection whose features are Polygons (MultiPolygons are split into their parts).
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry, MultiPolygon, Polygon } from "geojson";

export type PolygonCollection = FeatureCollection<Polygon, GeoJsonProperties>;
export type AreaGeometryInput =
  | FeatureCollection<Geometry | null>
  | Feature<Geometry | null>
  | Geometry;

/** Every Polygon in the input, MultiPolygons split into parts; other geometry types are skipped. */
export function polygonFeatures(input: AreaGeometryInput | null | undefined): Feature<Polygon>[] {
  if (!input) return [];
  const out: Feature<Polygon>[] = [];
  const visit = (geometry: Geometry | null | undefined, properties: GeoJsonProperties) => {
    if (!geometry) return;
    if (geometry.type === "Polygon") {
      out.push({ type: "Feature", properties: properties ?? {}, geometry });
    } else if (geometry.type === "MultiPolygon") {
      for (const coordinates of (geometry as MultiPolygon).coordinates) {
        out.push({ type: "Feature", properties: properties ?? {}, geometry: { type: "Polygon", coordinates } });
      }
    } else if (geometry.type === "GeometryCollection") {
      for (const child of geometry.geometries) visit(child, properties);
    }
  };
  if (input.type === "FeatureCollection") {
    for (const feature of input.features) visit(feature.geometry, feature.properties);
  } else if (input.type === "Feature") {
    visit(input.geometry, input.properties);
  } else {
    visit(input, {});
  }
  return out;
}

export function toPolygonCollection(input: AreaGeometryInput | null | undefined): PolygonCollection {
  return { type: "FeatureCollection", features: polygonFeatures(input) };
}
