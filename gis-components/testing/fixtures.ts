// Test fixtures: parcels of known size and tiny writers for shapefiles and zips, so importer tests build
// their input files instead of checking in binaries.
import { crc32 } from "node:zlib";
import type { Feature, FeatureCollection, Polygon, Position } from "geojson";

/** WGS84 ellipsoid (CGCS2000 differs only in the 9th digit of the flattening). */
export const WGS84 = { a: 6_378_137, f: 1 / 298.257223563 };
const e2 = WGS84.f * (2 - WGS84.f);
const e = Math.sqrt(e2);
const b = WGS84.a * (1 - WGS84.f);
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Radius of curvature along the meridian (M) and of the parallel's prime vertical (N) at latitude φ. */
export function radiiOfCurvature(latDeg: number): { M: number; N: number } {
  const s = Math.sin(rad(latDeg));
  const w = 1 - e2 * s * s;
  return { M: (WGS84.a * (1 - e2)) / Math.pow(w, 1.5), N: WGS84.a / Math.sqrt(w) };
}

/**
 * Exact area on the ellipsoid of the cell between two parallels and two meridians (authalic-latitude
 * formula): S = b²·Δλ/2 · [q(φ₂) − q(φ₁)], q(φ) = sinφ/(1−e²sin²φ) + ln((1+e·sinφ)/(1−e·sinφ))/(2e).
 */
export function ellipsoidalCellArea(west: number, south: number, east: number, north: number): number {
  const q = (latDeg: number) => {
    const s = Math.sin(rad(latDeg));
    return s / (1 - e2 * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
  };
  return ((b * b * rad(east - west)) / 2) * (q(north) - q(south));
}

/** A lon/lat cell whose sides measure `metres` on the ellipsoid, with its south-west corner at (lon, lat). */
export function squareCell(lon: number, lat: number, metres: number): [number, number, number, number] {
  // Latitude step from the meridian radius at the cell's middle; longitude step from the parallel radius.
  let dLat = metres / radiiOfCurvature(lat).M;
  dLat = metres / radiiOfCurvature(lat + (dLat * 180) / Math.PI / 2).M;
  const north = lat + (dLat * 180) / Math.PI;
  const midLat = (lat + north) / 2;
  const dLon = metres / (radiiOfCurvature(midLat).N * Math.cos(rad(midLat)));
  return [lon, lat, lon + (dLon * 180) / Math.PI, north];
}

export function rectangle([west, south, east, north]: [number, number, number, number], properties = {}): Feature<Polygon> {
  return {
    type: "Feature",
    properties,
    geometry: { type: "Polygon", coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] },
  };
}

export function collection(...features: Feature<Polygon>[]): FeatureCollection<Polygon> {
  return { type: "FeatureCollection", features };
}

/** An ESRI .shp file (shape type 5, Polygon) holding one record per polygon; rings as given. */
export function writePolygonShp(polygons: Position[][][]): Uint8Array {
  const recordSizes = polygons.map((rings) => {
    const points = rings.reduce((n, ring) => n + ring.length, 0);
    return 44 + 4 * rings.length + 16 * points;
  });
  const total = 100 + recordSizes.reduce((n, size) => n + 8 + size, 0);
  const buffer = new ArrayBuffer(total);
  const view = new DataView(buffer);
  const all = polygons.flat(2);
  const box = [
    Math.min(...all.map((p) => p[0]!)), Math.min(...all.map((p) => p[1]!)),
    Math.max(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[1]!)),
  ];
  view.setInt32(0, 9994, false);
  view.setInt32(24, total / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  box.forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
  let offset = 100;
  polygons.forEach((rings, index) => {
    view.setInt32(offset, index + 1, false);
    view.setInt32(offset + 4, recordSizes[index]! / 2, false);
    let o = offset + 8;
    const points = rings.flat();
    view.setInt32(o, 5, true);
    [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))]
      .forEach((v, i) => view.setFloat64(o + 4 + 8 * i, v, true));
    view.setInt32(o + 36, rings.length, true);
    view.setInt32(o + 40, points.length, true);
    o += 44;
    let start = 0;
    for (const ring of rings) {
      view.setInt32(o, start, true);
      o += 4;
      start += ring.length;
    }
    for (const [x, y] of points) {
      view.setFloat64(o, x!, true);
      view.setFloat64(o + 8, y!, true);
      o += 16;
    }
    offset += 8 + recordSizes[index]!;
  });
  return new Uint8Array(buffer);
}

/** A zip archive with the given files stored uncompressed. */
export function writeZip(files: Record<string, Uint8Array | string>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? encoder.encode(content) : content;
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length + data.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    local.set(data, 30 + nameBytes.length);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, centrals.length, true);
  ev.setUint16(10, centrals.length, true);
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + centralSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
