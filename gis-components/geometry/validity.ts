// Checks a clerk's or applicant's parcel before anything is measured: structure, closed rings, enough
// distinct points, coordinates in lon/lat range, no self-intersection. Every issue carries a Chinese and
// an English message so the form and the server say the same thing.
import booleanValid from "@turf/boolean-valid";
import booleanWithin from "@turf/boolean-within";
import turfKinks from "@turf/kinks";
import turfArea from "@turf/area";
import type { Feature, Polygon, Position } from "geojson";

export type GeometryIssueCode =
  | "not-geojson"
  | "no-polygon"
  | "unsupported-geometry"
  | "bad-coordinates"
  | "ring-too-short"
  | "ring-not-closed"
  | "too-few-distinct-points"
  | "out-of-range"
  | "self-intersection"
  | "zero-area"
  | "invalid-topology";

export interface GeometryIssue {
  code: GeometryIssueCode;
  /** 0-based index of the polygon (after splitting MultiPolygons), when the issue belongs to one. */
  polygonIndex?: number;
  zh: string;
  en: string;
  /** Where the problem is, e.g. a self-intersection point [lon, lat]. */
  location?: Position;
}

function issue(code: GeometryIssueCode, zh: string, en: string, extra: Partial<GeometryIssue> = {}): GeometryIssue {
  return { code, zh, en, ...extra };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === "number" && Number.isFinite(n));

function ringLabel(ringIndex: number): { zh: string; en: string } {
  return ringIndex === 0
    ? { zh: "外环", en: "outer ring" }
    : { zh: `第 ${ringIndex} 个内环`, en: `hole ${ringIndex}` };
}

const formatPosition = (p: Position) => `${p[0]!.toFixed(6)}, ${p[1]!.toFixed(6)}`;

/** Collects the polygons' coordinate arrays from untrusted input, reporting what is not a polygon. */
function collectPolygons(input: unknown, issues: GeometryIssue[]): unknown[] {
  const polygons: unknown[] = [];
  const visitGeometry = (geometry: unknown, where: string, whereEn: string) => {
    if (!isRecord(geometry)) {
      issues.push(issue("not-geojson", `${where}缺少几何对象`, `${whereEn} has no geometry`));
      return;
    }
    if (geometry.type === "Polygon") polygons.push(geometry.coordinates);
    else if (geometry.type === "MultiPolygon" && Array.isArray(geometry.coordinates)) polygons.push(...geometry.coordinates);
    else if (geometry.type === "MultiPolygon") polygons.push(geometry.coordinates);
    else
      issues.push(
        issue(
          "unsupported-geometry",
          `${where}的几何类型 ${String(geometry.type)} 不是面(Polygon/MultiPolygon)`,
          `${whereEn} is a ${String(geometry.type)}, not a Polygon or MultiPolygon`,
        ),
      );
  };
  if (!isRecord(input)) {
    issues.push(issue("not-geojson", "地块数据不是 GeoJSON 对象", "the parcel is not a GeoJSON object"));
  } else if (input.type === "FeatureCollection") {
    if (!Array.isArray(input.features)) {
      issues.push(issue("not-geojson", "FeatureCollection 缺少 features 数组", "FeatureCollection has no features array"));
    } else {
      input.features.forEach((feature, i) => {
        if (!isRecord(feature) || feature.type !== "Feature")
          issues.push(issue("not-geojson", `第 ${i + 1} 个要素不是 Feature`, `item ${i + 1} is not a Feature`));
        else visitGeometry(feature.geometry, `第 ${i + 1} 个要素`, `feature ${i + 1}`);
      });
    }
  } else if (input.type === "Feature") {
    visitGeometry(input.geometry, "要素", "the feature");
  } else {
    visitGeometry(input, "几何对象", "the geometry");
  }
  return polygons;
}

/**
 * All problems of a parcel given as GeoJSON (FeatureCollection, Feature or Geometry of polygons).
 * An empty array means the parcel can be measured.
 */
export function validateParcelGeometry(input: unknown): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const polygons = collectPolygons(input, issues);
  if (issues.length === 0 && polygons.length === 0) {
    issues.push(issue("no-polygon", "没有绘制或导入任何地块多边形", "no parcel polygon was drawn or imported"));
  }
  polygons.forEach((rings, polygonIndex) => {
    const n = polygonIndex + 1;
    const at = { polygonIndex };
    if (!Array.isArray(rings) || rings.length === 0) {
      issues.push(issue("bad-coordinates", `第 ${n} 个多边形没有坐标`, `polygon ${n} has no coordinates`, at));
      return;
    }
    let structurallySound = true;
    rings.forEach((ring: unknown, ringIndex: number) => {
      const label = ringLabel(ringIndex);
      if (!Array.isArray(ring) || !ring.every(isPosition)) {
        issues.push(
          issue("bad-coordinates", `第 ${n} 个多边形的${label.zh}含有非数字坐标`, `polygon ${n}, ${label.en}: coordinates must be [lon, lat] numbers`, at),
        );
        structurallySound = false;
        return;
      }
      const positions = ring as Position[];
      const outOfRange = positions.find(([lon, lat]) => Math.abs(lon!) > 180 || Math.abs(lat!) > 90);
      if (outOfRange) {
        issues.push(
          issue(
            "out-of-range",
            `第 ${n} 个多边形的坐标 (${outOfRange.join(", ")}) 超出经纬度范围(经度 -180~180,纬度 -90~90);是否为投影坐标?请使用 WGS84/CGCS2000 经纬度`,
            `polygon ${n}: coordinate (${outOfRange.join(", ")}) is outside lon -180..180 / lat -90..90; projected coordinates? Use WGS84/CGCS2000 longitude/latitude`,
            { ...at, location: outOfRange },
          ),
        );
        structurallySound = false;
      }
      if (positions.length < 4) {
        issues.push(
          issue("ring-too-short", `第 ${n} 个多边形的${label.zh}只有 ${positions.length} 个坐标点,至少需要 4 个(首尾相同)`, `polygon ${n}, ${label.en}: ${positions.length} positions, at least 4 needed (first = last)`, at),
        );
        structurallySound = false;
      }
      const first = positions[0];
      const last = positions[positions.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        issues.push(
          issue("ring-not-closed", `第 ${n} 个多边形的${label.zh}未闭合:首点 (${formatPosition(first)}) 与末点 (${formatPosition(last)}) 不同`, `polygon ${n}, ${label.en} is not closed: first point (${formatPosition(first)}) differs from last (${formatPosition(last)})`, at),
        );
        structurallySound = false;
      }
      const distinct = new Set(positions.map((p) => `${p[0]},${p[1]}`));
      if (distinct.size < 3) {
        issues.push(
          issue("too-few-distinct-points", `第 ${n} 个多边形的${label.zh}只有 ${distinct.size} 个不同的点,至少需要 3 个`, `polygon ${n}, ${label.en} has ${distinct.size} distinct points, at least 3 needed`, at),
        );
        structurallySound = false;
      }
    });
    if (!structurallySound) return;
    const feature: Feature<Polygon> = { type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: rings as Position[][] } };
    const kinks = turfKinks(feature);
    if (kinks.features.length > 0) {
      const where = kinks.features[0]!.geometry.coordinates;
      issues.push(
        issue("self-intersection", `第 ${n} 个多边形边界自相交(在 ${formatPosition(where)} 附近),请调整顶点顺序`, `polygon ${n} intersects itself near ${formatPosition(where)}; reorder its vertices`, { ...at, location: where }),
      );
      return;
    }
    const outerRingOnly: Polygon = { type: "Polygon", coordinates: [(rings as Position[][])[0]!] };
    if (turfArea(outerRingOnly) <= 0) {
      issues.push(issue("zero-area", `第 ${n} 个多边形面积为零(各点共线)`, `polygon ${n} has zero area (its points are collinear)`, at));
      return;
    }
    // A hole (内环) must lie inside the outer ring; @turf/boolean-valid does not check this.
    const holes = (rings as Position[][]).slice(1);
    const strayHole = holes.findIndex((hole) => !booleanWithin({ type: "Polygon", coordinates: [hole] }, outerRingOnly));
    if (strayHole >= 0) {
      issues.push(issue("invalid-topology", `第 ${n} 个多边形的第 ${strayHole + 1} 个内环不在外环之内`, `polygon ${n}: hole ${strayHole + 1} is not inside the outer ring`, at));
      return;
    }
    // Remaining OGC rules (rings not crossing each other, …).
    if (!booleanValid(feature)) {
      issues.push(issue("invalid-topology", `第 ${n} 个多边形拓扑无效(内环不在外环内或环相交)`, `polygon ${n} is topologically invalid (a hole outside its shell, or rings crossing)`, at));
    }
  });
  return issues;
}

/** "中文 / English" text of an issue, for logs and error messages. */
export function describeIssue(issue: GeometryIssue): string {
  return `${issue.zh} / ${issue.en}`;
}
