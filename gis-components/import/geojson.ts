// GeoJSON text (a FeatureCollection, a Feature or a bare Geometry) to a parcel FeatureCollection.
import type { FeatureCollection, Geometry, Polygon } from "geojson";
import { GeometryImportError } from "./GeometryImportError";
import { toParcelCollection } from "./toParcelCollection";

const GEOMETRY_TYPES = new Set(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]);

/** Checks the parsed JSON is GeoJSON and wraps it in a FeatureCollection. */
export function asFeatureCollection(value: unknown, source = "GeoJSON"): FeatureCollection<Geometry | null> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GeometryImportError("not-geojson", `${source}不是 GeoJSON 对象`, `${source} is not a GeoJSON object`);
  }
  const object = value as { type?: unknown; features?: unknown; geometry?: unknown; coordinates?: unknown; geometries?: unknown };
  if (object.type === "FeatureCollection") {
    if (!Array.isArray(object.features)) {
      throw new GeometryImportError("not-geojson", `${source}的 FeatureCollection 缺少 features 数组`, `${source}: FeatureCollection has no "features" array`);
    }
    object.features.forEach((feature: unknown, i: number) => {
      if (typeof feature !== "object" || feature === null || (feature as { type?: unknown }).type !== "Feature") {
        throw new GeometryImportError("not-geojson", `${source}的第 ${i + 1} 个要素不是 Feature`, `${source}: item ${i + 1} of "features" is not a Feature`);
      }
    });
    return value as FeatureCollection<Geometry | null>;
  }
  if (object.type === "Feature") {
    return { type: "FeatureCollection", features: [value as FeatureCollection<Geometry | null>["features"][number]] };
  }
  if (typeof object.type === "string" && GEOMETRY_TYPES.has(object.type)) {
    if (object.type === "GeometryCollection" ? !Array.isArray(object.geometries) : !Array.isArray(object.coordinates)) {
      throw new GeometryImportError("not-geojson", `${source}的 ${object.type} 缺少坐标`, `${source}: ${object.type} has no coordinates`);
    }
    return { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: value as Geometry }] };
  }
  const found = typeof object.type === "string" ? `"type": "${object.type}"` : "没有 type 字段 / no \"type\" member";
  throw new GeometryImportError(
    "not-geojson",
    `${source}不是 GeoJSON(${found});应为 FeatureCollection、Feature 或几何对象`,
    `${source} is not GeoJSON (${found}); expected a FeatureCollection, a Feature or a Geometry`,
  );
}

export function importGeoJsonText(text: string, source = "GeoJSON 文件"): FeatureCollection<Polygon> {
  if (text.trim() === "") throw new GeometryImportError("empty-file", `${source}是空的`, `${source} is empty`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new GeometryImportError("not-json", `${source}不是有效的 JSON:${detail}`, `${source} is not valid JSON: ${detail}`, { cause: error });
  }
  return toParcelCollection(asFeatureCollection(parsed, source), source);
}
