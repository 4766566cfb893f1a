// Shared last step of every importer: keep the polygons, refuse anything else with a message that
// names what was found, and refuse coordinates that cannot be longitude/latitude.
import type { Feature, FeatureCollection, Geometry, Polygon, Position } from "geojson";
import { polygonFeatures } from "../geometry/collections";
import { GeometryImportError } from "./GeometryImportError";

function geometryTypes(collection: FeatureCollection<Geometry | null>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (geometry: Geometry | null) => {
    const type = geometry ? geometry.type : "null";
    if (geometry?.type === "GeometryCollection") geometry.geometries.forEach(add);
    else counts.set(type, (counts.get(type) ?? 0) + 1);
  };
  collection.features.forEach((feature) => add(feature.geometry));
  return counts;
}

const describeCounts = (counts: Map<string, number>) =>
  [...counts].map(([type, count]) => `${type} ×${count}`).join(", ");

function assertLonLat(features: Feature<Polygon>[], source: string): void {
  for (const feature of features) {
    for (const ring of feature.geometry.coordinates) {
      for (const position of ring as Position[]) {
        const [lon, lat] = position;
        if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat)) {
          throw new GeometryImportError("bad-coordinates", `${source}中有非数字坐标`, `${source} has a non-numeric coordinate`);
        }
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
          throw new GeometryImportError(
            "bad-coordinates",
            `${source}的坐标 (${lon}, ${lat}) 不是经纬度,可能是投影坐标(如 CGCS2000 高斯-克吕格);请转换为 WGS84/CGCS2000 经纬度,或在 shapefile 中附带 .prj 文件`,
            `${source} coordinate (${lon}, ${lat}) is not longitude/latitude; probably projected (e.g. CGCS2000 Gauss-Krüger). Convert to WGS84/CGCS2000 lon/lat, or include the .prj file in the shapefile zip`,
          );
        }
      }
    }
  }
}

export function toParcelCollection(collection: FeatureCollection<Geometry | null>, source: string): FeatureCollection<Polygon> {
  const counts = geometryTypes(collection);
  const polygons = polygonFeatures(collection);
  const others = new Map([...counts].filter(([type]) => type !== "Polygon" && type !== "MultiPolygon"));
  if (polygons.length === 0) {
    const found = counts.size ? describeCounts(counts) : "无要素 / nothing";
    throw new GeometryImportError(
      "no-polygon",
      `${source}中没有多边形(找到:${found});地块必须是面要素`,
      `${source} contains no polygon (found: ${found}); a parcel must be a polygon`,
    );
  }
  if (others.size > 0) {
    throw new GeometryImportError(
      "unsupported-geometry",
      `${source}中含有非面要素(${describeCounts(others)});地块只能由多边形组成,请删除点、线要素后再导入`,
      `${source} contains geometries that are not polygons (${describeCounts(others)}); remove points and lines and import again`,
    );
  }
  assertLonLat(polygons, source);
  return { type: "FeatureCollection", features: polygons };
}
