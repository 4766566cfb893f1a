// WKT / EWKT text (POLYGON, MULTIPOLYGON, optionally "SRID=4490;" in front) to a parcel FeatureCollection.
import wellknown from "wellknown";
import type { FeatureCollection, Geometry, Polygon } from "geojson";
import { GeometryImportError } from "./GeometryImportError";
import { toParcelCollection } from "./toParcelCollection";

/** Geographic CRSs whose coordinates are longitude/latitude: WGS84 and CGCS2000 (China's national datum). */
const LON_LAT_SRIDS = new Set(["4326", "4490", "4479", "4480"]);

export function importWkt(text: string, source = "WKT"): FeatureCollection<Polygon> {
  const trimmed = text.trim().replace(/^\uFEFF/, "");
  if (trimmed === "") throw new GeometryImportError("empty-file", `${source}是空的`, `${source} is empty`);
  const srid = /^SRID=(\d+);/i.exec(trimmed)?.[1];
  if (srid && !LON_LAT_SRIDS.has(srid)) {
    throw new GeometryImportError(
      "unsupported-crs",
      `${source}使用坐标系 EPSG:${srid},只支持经纬度坐标系 EPSG:4490(CGCS2000)或 EPSG:4326(WGS84)`,
      `${source} uses EPSG:${srid}; only longitude/latitude EPSG:4490 (CGCS2000) or EPSG:4326 (WGS84) is supported`,
    );
  }
  const geometry = wellknown.parse(trimmed) as Geometry | null;
  if (!geometry) {
    const head = trimmed.slice(0, 40);
    throw new GeometryImportError(
      "not-wkt",
      `${source}无法解析为 WKT(开头为 "${head}");应类似 POLYGON((120.1 30.2, ...))`,
      `${source} could not be parsed as WKT (starts with "${head}"); expected e.g. POLYGON((120.1 30.2, ...))`,
    );
  }
  delete (geometry as { crs?: unknown }).crs;
  return toParcelCollection({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry }] }, source);
}
