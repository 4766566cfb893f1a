import { describe, expect, it } from "vitest";
import { GeometryImportError } from "./GeometryImportError";
import { importGeoJsonText } from "./geojson";
import { importGeometryFile } from "./importGeometryFile";
import { importShapefileZip } from "./shapefile";
import { importWkt } from "./wkt";
import { parcelArea } from "../geometry/measures";
import { rectangle, writePolygonShp, writeZip } from "../testing/fixtures";

/** Runs `action` and returns the GeometryImportError it throws (failing the test when it does not). */
async function importError(action: () => unknown): Promise<GeometryImportError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(GeometryImportError);
    return error as GeometryImportError;
  }
  throw new Error("expected a GeometryImportError");
}

const square = rectangle([120.1, 30.25, 120.11, 30.26]);
// Shapefile outer rings run clockwise.
const clockwise = (ring: number[][]) => ring.slice().reverse();
const squareRing = square.geometry.coordinates[0]!;

describe("GeoJSON import", () => {
  it("accepts a FeatureCollection, a Feature and a bare Polygon/MultiPolygon", () => {
    for (const input of [{ type: "FeatureCollection", features: [square] }, square, square.geometry, { type: "MultiPolygon", coordinates: [square.geometry.coordinates] }]) {
      const result = importGeoJsonText(JSON.stringify(input));
      expect(result.type).toBe("FeatureCollection");
      expect(result.features).toHaveLength(1);
      expect(result.features[0]!.geometry.type).toBe("Polygon");
    }
  });

  it("says the file is not JSON", async () => {
    const error = await importError(() => importGeoJsonText("{ not json"));
    expect(error.code).toBe("not-json");
    expect(error.zh).toContain("不是有效的 JSON");
  });

  it("says JSON that is not GeoJSON is not GeoJSON", async () => {
    expect((await importError(() => importGeoJsonText('{"name": "地块"}'))).code).toBe("not-geojson");
    expect((await importError(() => importGeoJsonText('{"type": "Topology"}'))).en).toContain('"type": "Topology"');
    expect((await importError(() => importGeoJsonText("[1, 2]"))).code).toBe("not-geojson");
  });

  it("says there is no polygon and what was found instead", async () => {
    const points = { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [120, 30] } }] };
    const error = await importError(() => importGeoJsonText(JSON.stringify(points)));
    expect(error.code).toBe("no-polygon");
    expect(error.en).toContain("Point ×1");
  });

  it("refuses polygons mixed with lines", async () => {
    const mixed = { type: "FeatureCollection", features: [square, { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[120, 30], [121, 31]] } }] };
    const error = await importError(() => importGeoJsonText(JSON.stringify(mixed)));
    expect(error.code).toBe("unsupported-geometry");
    expect(error.zh).toContain("LineString ×1");
  });

  it("refuses projected coordinates", async () => {
    const projected = { type: "Polygon", coordinates: [[[500000, 3350000], [501000, 3350000], [501000, 3351000], [500000, 3350000]]] };
    expect((await importError(() => importGeoJsonText(JSON.stringify(projected)))).code).toBe("bad-coordinates");
  });

  it("says an empty file is empty", async () => {
    expect((await importError(() => importGeoJsonText("  \n"))).code).toBe("empty-file");
  });
});

describe("WKT import", () => {
  it("reads POLYGON and MULTIPOLYGON, also with a CGCS2000 SRID", () => {
    expect(importWkt("POLYGON((120.1 30.25, 120.11 30.25, 120.11 30.26, 120.1 30.26, 120.1 30.25))").features).toHaveLength(1);
    expect(importWkt("SRID=4490;MULTIPOLYGON(((120.1 30.25, 120.11 30.25, 120.11 30.26, 120.1 30.25)),((121 30, 121.1 30, 121.1 30.1, 121 30)))").features).toHaveLength(2);
  });

  it("says text that is not WKT is not WKT", async () => {
    const error = await importError(() => importWkt("POLYGON((120.1 30.25, 120.11"));
    expect(error.code).toBe("not-wkt");
    expect(error.en).toContain("could not be parsed as WKT");
  });

  it("refuses a projected SRID and a POINT", async () => {
    expect((await importError(() => importWkt("SRID=4549;POLYGON((500000 3350000, 501000 3350000, 501000 3351000, 500000 3350000))"))).code).toBe("unsupported-crs");
    expect((await importError(() => importWkt("POINT(120 30)"))).code).toBe("no-polygon");
  });
});

describe("zipped shapefile import", () => {
  it("reads a polygon shapefile without .prj as lon/lat", async () => {
    const zip = writeZip({ "parcel.shp": writePolygonShp([[clockwise(squareRing)]]) });
    const result = await importShapefileZip(zip);
    expect(result.features).toHaveLength(1);
    expect(parcelArea(result).squareMetres).toBeCloseTo(parcelArea(square).squareMetres, 3);
  });

  it("reprojects CGCS2000 3-degree Gauss-Krüger coordinates using the .prj", async () => {
    const prj =
      'PROJCS["CGCS2000_3_Degree_GK_CM_120E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    // A 1 000 m × 1 000 m square in projected metres near Hangzhou.
    const ring = [[510000, 3350000], [510000, 3351000], [511000, 3351000], [511000, 3350000], [510000, 3350000]];
    const result = await importShapefileZip(writeZip({ "gk/parcel.shp": writePolygonShp([[ring]]), "gk/parcel.prj": prj }));
    const [lon, lat] = result.features[0]!.geometry.coordinates[0]![0]!;
    expect(lon).toBeCloseTo(120.1039, 3);
    expect(lat).toBeCloseTo(30.2696, 3);
    // Gauss-Krüger scale at 10 km from the central meridian is ~1.0000012, so the area stays ≈ 1 km²
    // (plus turf's spherical deviation of ~0.1 % at 30°N).
    expect(parcelArea(result).squareMetres / 1e6).toBeCloseTo(1, 2);
  });

  it("says a zip without .shp has no .shp and lists what it has", async () => {
    const error = await importError(() => importShapefileZip(writeZip({ "parcel.dbf": "x", "parcel.prj": "y" })));
    expect(error.code).toBe("zip-without-shp");
    expect(error.en).toContain("parcel.dbf, parcel.prj");
  });

  it("says a file that is not a zip is not a zip", async () => {
    const error = await importError(() => importShapefileZip(new TextEncoder().encode("hello")));
    expect(error.code).toBe("not-zip");
  });

  it("says a truncated zip is damaged", async () => {
    const zip = writeZip({ "parcel.shp": writePolygonShp([[clockwise(squareRing)]]) });
    expect((await importError(() => importShapefileZip(zip.subarray(0, 60)))).code).toBe("not-zip");
  });

  it("says projected coordinates without .prj need a .prj", async () => {
    const ring = [[510000, 3350000], [510000, 3351000], [511000, 3351000], [511000, 3350000], [510000, 3350000]];
    const error = await importError(() => importShapefileZip(writeZip({ "parcel.shp": writePolygonShp([[ring]]) })));
    expect(error.code).toBe("bad-coordinates");
    expect(error.en).toContain(".prj");
  });

  it("says a corrupt .shp cannot be read", async () => {
    const shp = writePolygonShp([[clockwise(squareRing)]]).slice(0, 120);
    const error = await importError(() => importShapefileZip(writeZip({ "parcel.shp": shp })));
    expect(["bad-shapefile", "no-polygon"]).toContain(error.code);
  });
});

describe("importGeometryFile picks the importer by name and content", () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  it("dispatches .geojson, .wkt, .zip and sniffs .txt", async () => {
    expect((await importGeometryFile("a.geojson", encode(JSON.stringify(square)))).features).toHaveLength(1);
    expect((await importGeometryFile("a.wkt", encode("POLYGON((120 30, 121 30, 121 31, 120 30))"))).features).toHaveLength(1);
    expect((await importGeometryFile("a.txt", encode("POLYGON((120 30, 121 30, 121 31, 120 30))"))).features).toHaveLength(1);
    expect((await importGeometryFile("a.zip", writeZip({ "a.shp": writePolygonShp([[clockwise(squareRing)]]) }))).features).toHaveLength(1);
  });

  it("refuses a bare .shp and unknown content", async () => {
    expect((await importError(() => importGeometryFile("a.shp", new Uint8Array([1, 2, 3])))).code).toBe("zip-without-shp");
    expect((await importError(() => importGeometryFile("a.docx", encode("hello")))).code).toBe("unknown-format");
  });
});
