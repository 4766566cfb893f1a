// A zipped ESRI shapefile (.shp + optional .dbf/.prj/.cpg) to a parcel FeatureCollection, via shpjs.
// With a .prj, shpjs reprojects to WGS84 lon/lat with proj4; without one the coordinates are taken as they
// are, and projected metres are caught by the lon/lat range check.
import { parseZip } from "shpjs";
import type { FeatureCollection, Geometry, Polygon } from "geojson";
import { GeometryImportError } from "./GeometryImportError";
import { toParcelCollection } from "./toParcelCollection";
import { looksLikeZip, zipEntryNames } from "./zipEntries";

function toBytes(input: ArrayBuffer | Uint8Array): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

const isMacMetadata = (name: string) => name.includes("__MACOSX/") || name.split("/").pop()!.startsWith("._");

export async function importShapefileZip(input: ArrayBuffer | Uint8Array, source = "Shapefile 压缩包"): Promise<FeatureCollection<Polygon>> {
  const bytes = toBytes(input);
  if (bytes.length === 0) throw new GeometryImportError("empty-file", `${source}是空的`, `${source} is empty`);
  if (!looksLikeZip(bytes)) {
    throw new GeometryImportError(
      "not-zip",
      `${source}不是 zip 文件;请把 .shp、.shx、.dbf、.prj 一起压缩成 .zip 后上传`,
      `${source} is not a zip file; zip the .shp, .shx, .dbf and .prj files together and upload the .zip`,
    );
  }
  const names = zipEntryNames(bytes);
  if (!names) {
    throw new GeometryImportError("not-zip", `${source}已损坏或不完整(找不到 zip 目录)`, `${source} is damaged or truncated (no zip central directory)`);
  }
  const files = names.filter((name) => !name.endsWith("/") && !isMacMetadata(name));
  const shpFiles = files.filter((name) => name.toLowerCase().endsWith(".shp"));
  if (shpFiles.length === 0) {
    const listed = files.length ? files.join(", ") : "空 / empty";
    throw new GeometryImportError(
      "zip-without-shp",
      `${source}中没有 .shp 文件(包含:${listed})`,
      `${source} contains no .shp file (it holds: ${listed})`,
    );
  }
  let parsed: unknown;
  try {
    // Whitelist nothing extra; shpjs would otherwise also read any .json it finds in the zip.
    parsed = await parseZip(bytes, []);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const projection = files.some((name) => name.toLowerCase().endsWith(".prj")) && /proj|projection|unknown/i.test(detail);
    throw projection
      ? new GeometryImportError("bad-projection", `${source}的 .prj 投影无法识别:${detail}`, `${source}: the .prj projection is not understood: ${detail}`, { cause: error })
      : new GeometryImportError("bad-shapefile", `${source}中的 shapefile 无法读取:${detail}`, `${source}: the shapefile could not be read: ${detail}`, { cause: error });
  }
  const layers = (Array.isArray(parsed) ? parsed : [parsed]) as FeatureCollection<Geometry | null>[];
  const features = layers.flatMap((layer) => layer.features ?? []);
  return toParcelCollection({ type: "FeatureCollection", features }, source);
}
