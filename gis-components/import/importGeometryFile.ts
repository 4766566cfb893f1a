// Picks the importer from the file name, for upload buttons that accept any of the three formats.
import type { FeatureCollection, Polygon } from "geojson";
import { importGeoJsonText } from "./geojson";
import { GeometryImportError } from "./GeometryImportError";
import { importShapefileZip } from "./shapefile";
import { importWkt } from "./wkt";
import { looksLikeZip } from "./zipEntries";

export const IMPORTABLE_EXTENSIONS = [".geojson", ".json", ".zip", ".wkt", ".txt"] as const;

export async function importGeometryFile(fileName: string, content: ArrayBuffer | Uint8Array): Promise<FeatureCollection<Polygon>> {
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  const lower = fileName.toLowerCase();
  const source = `文件 ${fileName} `;
  if (lower.endsWith(".zip") || looksLikeZip(bytes)) return importShapefileZip(bytes, source);
  if (lower.endsWith(".shp")) {
    throw new GeometryImportError(
      "zip-without-shp",
      `请上传包含 .shp、.shx、.dbf、.prj 的 zip 压缩包,而不是单独的 ${fileName}`,
      `upload a zip holding the .shp, .shx, .dbf and .prj files, not ${fileName} alone`,
    );
  }
  const text = new TextDecoder().decode(bytes);
  if (lower.endsWith(".geojson") || lower.endsWith(".json")) return importGeoJsonText(text, source);
  if (lower.endsWith(".wkt")) return importWkt(text, source);
  const start = text.trimStart().replace(/^\uFEFF/, "");
  if (start.startsWith("{")) return importGeoJsonText(text, source);
  if (/^(SRID=\d+;)?\s*(MULTI)?POLYGON|^(POINT|LINESTRING|MULTIPOINT|MULTILINESTRING|GEOMETRYCOLLECTION)/i.test(start)) {
    return importWkt(text, source);
  }
  throw new GeometryImportError(
    "unknown-format",
    `无法识别 ${fileName} 的格式;支持 GeoJSON(.geojson/.json)、zip 压缩的 shapefile(.zip)和 WKT(.wkt)`,
    `cannot tell the format of ${fileName}; supported: GeoJSON (.geojson/.json), zipped shapefile (.zip), WKT (.wkt)`,
  );
}
