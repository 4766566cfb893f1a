import { describe, expect, it } from "vitest";
import { EDGE_STEP_DEGREES, ellipsoidalArea, polygonArea, ringArea } from "./ellipsoidalArea";
import { ellipsoidalCellArea, rectangle } from "../testing/fixtures";

// A right triangle at 30°N with a 1.4 km diagonal: its hypotenuse is a straight line in lon/lat (GeoJSON),
// not a geodesic, so the geodesic polygon through its three corners alone misses a thin lens.
const triangle = [[120.1, 30.2], [120.11, 30.2], [120.11, 30.209], [120.1, 30.2]];

describe("ellipsoidal ring area", () => {
  it("splits edges so that lon/lat-straight edges are measured, not geodesics", () => {
    const fine = ringArea(triangle, 1e-5);
    const corners = ringArea(triangle, Number.POSITIVE_INFINITY);
    const standard = ringArea(triangle);
    console.info(`1.4 km triangle at 30°N: corners only ${(corners - fine).toFixed(3)} m², step ${EDGE_STEP_DEGREES}° ${(standard - fine).toFixed(4)} m² from a 1e-5° subdivision`);
    expect(Math.abs(corners - fine)).toBeGreaterThan(5); // the lens is real …
    expect(Math.abs(standard - fine)).toBeLessThan(0.01); // … and the default step removes it
  });

  it("reads rings closed or open, in either winding order", () => {
    const open = triangle.slice(0, 3);
    expect(ringArea(open)).toBeCloseTo(ringArea(triangle), 6);
    expect(ringArea(triangle.slice().reverse())).toBeCloseTo(ringArea(triangle), 6);
    expect(ringArea(triangle.slice(0, 2))).toBe(0);
  });

  it("gives a 0.1° × 0.1° cell its exact area (edges along meridians and parallels)", () => {
    const cell = [120, 30, 120.1, 30.1] as const;
    expect(polygonArea(rectangle([...cell]).geometry)).toBeCloseTo(ellipsoidalCellArea(...cell), 1);
  });

  it("sums the polygons of a collection and skips points and lines", () => {
    const a = rectangle([120, 30, 120.01, 30.01]);
    const b = rectangle([121, 31, 121.01, 31.01]);
    const point = { type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [120, 30] } };
    const total = ellipsoidalArea({ type: "FeatureCollection", features: [a, b, point] });
    expect(total).toBeCloseTo(ellipsoidalCellArea(120, 30, 120.01, 30.01) + ellipsoidalCellArea(121, 31, 121.01, 31.01), 2);
    expect(ellipsoidalArea(null)).toBe(0);
  });
});
