import { describe, expect, it } from "vitest";
import { validateParcelGeometry } from "./validity";
import { collection, rectangle } from "../testing/fixtures";

const polygon = (ring: number[][]) => ({ type: "Polygon", coordinates: [ring] });
const codes = (input: unknown) => validateParcelGeometry(input).map((i) => i.code);

describe("validateParcelGeometry", () => {
  it("accepts a simple rectangle in a FeatureCollection, a Feature or a bare Polygon", () => {
    const r = rectangle([120.1, 30.25, 120.11, 30.26]);
    expect(validateParcelGeometry(collection(r))).toEqual([]);
    expect(validateParcelGeometry(r)).toEqual([]);
    expect(validateParcelGeometry(r.geometry)).toEqual([]);
  });

  it("reports an unclosed ring with both points, in Chinese and English", () => {
    const [issue] = validateParcelGeometry(polygon([[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01]]));
    expect(issue?.code).toBe("ring-not-closed");
    expect(issue?.zh).toContain("外环未闭合");
    expect(issue?.en).toContain("outer ring is not closed");
  });

  it("reports a self-intersecting (bow-tie) polygon with the crossing point", () => {
    const issues = validateParcelGeometry(polygon([[120, 30], [120.01, 30.01], [120.01, 30], [120, 30.01], [120, 30]]));
    expect(issues.map((i) => i.code)).toEqual(["self-intersection"]);
    expect(issues[0]!.location![0]).toBeCloseTo(120.005, 6);
    expect(issues[0]!.location![1]).toBeCloseTo(30.005, 6);
    expect(issues[0]!.zh).toContain("自相交");
  });

  it("needs at least 3 distinct points", () => {
    expect(codes(polygon([[120, 30], [120.01, 30], [120, 30], [120.01, 30], [120, 30]]))).toContain("too-few-distinct-points");
    expect(codes(polygon([[120, 30], [120.01, 30], [120, 30]]))).toContain("ring-too-short");
  });

  it("rejects projected coordinates that are out of lon/lat range", () => {
    const issues = validateParcelGeometry(polygon([[40500000, 3350000], [40501000, 3350000], [40501000, 3351000], [40500000, 3350000]]));
    expect(issues[0]?.code).toBe("out-of-range");
    expect(issues[0]?.zh).toContain("投影坐标");
  });

  it("rejects collinear points (zero area) and holes outside the shell", () => {
    expect(codes(polygon([[120, 30], [120.01, 30], [120.02, 30], [120, 30]]))).toEqual(["zero-area"]);
    const holeOutside = {
      type: "Polygon",
      coordinates: [rectangle([120, 30, 120.01, 30.01]).geometry.coordinates[0], rectangle([120.02, 30, 120.025, 30.005]).geometry.coordinates[0]!.slice().reverse()],
    };
    expect(codes(holeOutside)).toEqual(["invalid-topology"]);
  });

  it("names structural problems: not an object, no polygon, points, non-numeric coordinates", () => {
    expect(codes("POLYGON((0 0))")).toEqual(["not-geojson"]);
    expect(codes({ type: "FeatureCollection", features: [] })).toEqual(["no-polygon"]);
    const point = validateParcelGeometry({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [120, 30] } });
    expect(point[0]?.code).toBe("unsupported-geometry");
    expect(point[0]?.en).toContain("Point");
    expect(codes(polygon([[120, 30], ["a" as unknown as number, 30], [120, 31], [120, 30]]))).toEqual(["bad-coordinates"]);
  });

  it("numbers each polygon of a MultiPolygon", () => {
    const good = rectangle([120, 30, 120.01, 30.01]).geometry.coordinates;
    const open = [[[121, 30], [121.01, 30], [121.01, 30.01], [121, 30.01]]];
    const issues = validateParcelGeometry({ type: "MultiPolygon", coordinates: [good, open] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "ring-not-closed", polygonIndex: 1 });
    expect(issues[0]!.zh).toContain("第 2 个多边形");
  });
});
