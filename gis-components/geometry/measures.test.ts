import turfArea from "@turf/area";
import { describe, expect, it } from "vitest";
import { bufferGeometry, insideRegion, overlapWithLayer, parcelArea, parcelCentroid } from "./measures";
import { hectaresToMu, muToHectares, areaFigures, exceedsHectares, formatArea, SQUARE_METRES_PER_MU } from "./units";
import { collection, ellipsoidalCellArea, rectangle, squareCell } from "../testing/fixtures";

const TURF_EARTH_RADIUS = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;
/** What a sphere of turf's radius gives for a lon/lat cell: R²·Δλ·(sin φ₂ − sin φ₁). */
const sphericalCellArea = ([w, s, e, n]: number[]) => TURF_EARTH_RADIUS ** 2 * rad(e! - w!) * (Math.sin(rad(n!)) - Math.sin(rad(s!)));

/** The northern latitude that gives a cell of exactly `squareMetres` on the ellipsoid (bisection on the closed form). */
function cellOfArea(west: number, south: number, east: number, squareMetres: number): [number, number, number, number] {
  let low = south;
  let high = south + 1;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (ellipsoidalCellArea(west, south, east, mid) < squareMetres) low = mid;
    else high = mid;
  }
  return [west, south, east, (low + high) / 2];
}

describe("parcel area on the WGS84 ellipsoid", () => {
  // Reference: the closed-form (authalic-latitude) area of a cell between two meridians and two parallels
  // (testing/fixtures.ts) — independent of geographiclib. A GeoJSON rectangle's edges are such meridians
  // and parallels (straight lines in lon/lat), so the two must agree to the last millimetre².
  it.each([
    ["the equator", 0],
    ["30°N (Hangzhou)", 30],
    ["45°N (Harbin)", 45],
  ])("1 km × 1 km square at %s matches the exact ellipsoidal area to 0.001 %%", (_label, lat) => {
    const cell = squareCell(120, lat, 1000);
    const exact = ellipsoidalCellArea(...cell);
    expect(exact / 1e6).toBeCloseTo(1, 4); // the fixture really is 1 km² on the ellipsoid
    const measured = parcelArea(rectangle(cell)).squareMetres;
    const spherical = turfArea(rectangle(cell));
    console.info(
      `1 km² cell at ${lat}°: exact ${exact.toFixed(3)} m², Jintu ${measured.toFixed(3)} m² (${(((measured - exact) / exact) * 100).toExponential(1)} %), ` +
        `@turf/area ${spherical.toFixed(1)} m² (${(((spherical - exact) / exact) * 100).toFixed(3)} %)`,
    );
    expect(Math.abs(measured - exact) / exact).toBeLessThan(0.001 / 100);
    // What the spherical model used to report: the overstatement this change removes.
    expect(spherical / sphericalCellArea(cell)).toBeCloseTo(1, 9);
    expect(Math.abs(spherical - exact)).toBeGreaterThan(1000); // the sphere is off by more than 0.1 % at each of these latitudes
  });

  it("keeps a true 34.97 公顷 parcel under the 35 公顷 threshold (the sphere read it as 35.01)", () => {
    const cell = cellOfArea(120.1, 30.2, 120.1 + 0.0062, 349_700);
    const figures = parcelArea(rectangle(cell));
    expect(figures.squareMetres).toBeCloseTo(349_700, 1);
    expect(exceedsHectares(figures, 35)).toBe(false);
    const spherical = turfArea(rectangle(cell));
    console.info(`34.97 ha cell at 30.2°N: @turf/area ${(spherical / 1e4).toFixed(4)} ha, ellipsoid ${figures.hectares.toFixed(4)} ha`);
    expect(spherical).toBeGreaterThan(350_000);
  });

  it("leaves a parcel of exactly 35.00 公顷 with the province (超过 means more than), and sends 35.001 公顷 up", () => {
    const exactly35 = parcelArea(rectangle(cellOfArea(120.1, 30.2, 120.1062, 350_000)));
    expect(Math.abs(exactly35.squareMetres - 350_000)).toBeLessThan(0.01);
    expect(exceedsHectares(exactly35, 35)).toBe(false);
    // Anything within the 1 m² tolerance counts as "exactly" — floating-point and clipping noise never decide.
    expect(exceedsHectares(areaFigures(350_000.9), 35)).toBe(false);
    expect(exceedsHectares(areaFigures(350_001.1), 35)).toBe(true);
    const over = parcelArea(rectangle(cellOfArea(120.1, 30.2, 120.1062, 350_010)));
    expect(exceedsHectares(over, 35)).toBe(true);
    expect(exceedsHectares(areaFigures(700_000), 70)).toBe(false);
    expect(exceedsHectares(areaFigures(700_100), 70)).toBe(true);
    expect(() => exceedsHectares(exactly35, Number.NaN)).toThrow(/invalid area limit/);
  });

  it("subtracts holes and adds the parts of a MultiPolygon, whatever the winding order", () => {
    const outer = [120.1, 30.2, 120.11, 30.21] as const;
    const inner = [120.102, 30.202, 120.105, 30.206] as const;
    const outerRing = rectangle([...outer]).geometry.coordinates[0]!;
    const holeRing = rectangle([...inner]).geometry.coordinates[0]!.slice().reverse();
    const withHole = { type: "Polygon" as const, coordinates: [outerRing, holeRing] };
    const expected = ellipsoidalCellArea(...outer) - ellipsoidalCellArea(...inner);
    expect(parcelArea(withHole).squareMetres).toBeCloseTo(expected, 2);
    // Clockwise outer ring, counter-clockwise hole: same area.
    const reversed = { type: "Polygon" as const, coordinates: [outerRing.slice().reverse(), holeRing.slice().reverse()] };
    expect(parcelArea(reversed).squareMetres).toBeCloseTo(expected, 2);
    const second = [120.2, 30.3, 120.203, 30.303] as const;
    const multi = { type: "MultiPolygon" as const, coordinates: [withHole.coordinates, rectangle([...second]).geometry.coordinates] };
    expect(parcelArea(multi).squareMetres).toBeCloseTo(expected + ellipsoidalCellArea(...second), 2);
    // A parcel drawn inside the hole does not overlap the polygon at all.
    const inHole = collection(rectangle([120.103, 30.203, 120.104, 30.204]));
    expect(overlapWithLayer(inHole, withHole).overlap.squareMetres).toBe(0);
  });

  it("counts overlapping polygons of one parcel once", () => {
    const a = rectangle([120.1, 30.25, 120.11, 30.26]);
    const b = rectangle([120.105, 30.25, 120.115, 30.26]);
    const union = parcelArea(rectangle([120.1, 30.25, 120.115, 30.26])).squareMetres;
    expect(parcelArea(collection(a, b)).squareMetres).toBeCloseTo(union, 3);
    expect(parcelArea(collection(a)).squareMetres).toBeLessThan(union);
  });

  it("gives 0 for an empty parcel", () => {
    expect(parcelArea(collection()).squareMetres).toBe(0);
    expect(parcelArea(null).mu).toBe(0);
  });
});

describe("units: 亩 and 公顷", () => {
  it("converts the statutory thresholds: 35 ha = 525 亩, 70 ha = 1050 亩", () => {
    expect(hectaresToMu(35)).toBeCloseTo(525, 9);
    expect(hectaresToMu(70)).toBeCloseTo(1050, 9);
    expect(muToHectares(525)).toBeCloseTo(35, 9);
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.6667, 4);
    const figures = areaFigures(350_000);
    expect(figures.hectares).toBe(35);
    expect(figures.mu).toBeCloseTo(525, 9);
    expect(formatArea(figures)).toBe("350,000.00 平方米 / 525.00 亩 / 35.0000 公顷");
    expect(formatArea(figures, "en")).toBe("350,000.00 m² / 525.00 mu / 35.0000 ha");
  });

  it("measures a drawn parcel consistently in all three units", () => {
    const figures = parcelArea(rectangle(squareCell(120.1, 30.2, 600)));
    expect(figures.mu).toBeCloseTo(figures.hectares * 15, 9);
    expect(figures.squareMetres).toBeCloseTo(figures.hectares * 10_000, 6);
  });
});

describe("overlap with a layer", () => {
  const parcel = collection(rectangle([120.1, 30.25, 120.11, 30.26]));

  it("finds ≈ 50 % for a parcel half inside a farmland polygon", () => {
    // 永久基本农田 covering the eastern half of the parcel and beyond.
    const farmland = collection(rectangle([120.105, 30.24, 120.13, 30.27], { name: "基本农田" }));
    const result = overlapWithLayer(parcel, farmland);
    expect(result.share).toBeGreaterThan(0.4999);
    expect(result.share).toBeLessThan(0.5001);
    expect(result.overlap.squareMetres).toBeCloseTo(result.parcel.squareMetres / 2, 0);
    expect(result.intersection?.geometry.type).toBe("Polygon");
  });

  it("counts farmland polygons that overlap each other once", () => {
    const farmland = collection(rectangle([120.105, 30.24, 120.13, 30.27]), rectangle([120.107, 30.25, 120.12, 30.26]));
    expect(overlapWithLayer(parcel, farmland).share).toBeCloseTo(0.5, 4);
  });

  it("is zero for a layer elsewhere", () => {
    const elsewhere = collection(rectangle([121, 31, 121.01, 31.01]));
    const result = overlapWithLayer(parcel, elsewhere);
    expect(result.overlap.squareMetres).toBe(0);
    expect(result.share).toBe(0);
    expect(result.intersection).toBeNull();
  });

  it("handles MultiPolygon layers", () => {
    const multi = {
      type: "Feature" as const,
      properties: {},
      geometry: {
        type: "MultiPolygon" as const,
        coordinates: [rectangle([120.1, 30.25, 120.1025, 30.26]).geometry.coordinates, rectangle([120.1075, 30.25, 120.11, 30.26]).geometry.coordinates],
      },
    };
    expect(overlapWithLayer(parcel, multi).share).toBeCloseTo(0.5, 4);
  });
});

describe("inside region, centroid, buffer", () => {
  const region = collection(rectangle([120.0, 30.1, 120.2, 30.3]));

  it("accepts a parcel inside the region", () => {
    const result = insideRegion(collection(rectangle([120.1, 30.25, 120.11, 30.26])), region);
    expect(result).toEqual({ inside: true, outside: expect.objectContaining({ squareMetres: 0 }) });
  });

  it("rejects a parcel crossing the boundary and says how much is outside", () => {
    const parcel = collection(rectangle([120.19, 30.25, 120.21, 30.26]));
    const result = insideRegion(parcel, region);
    expect(result.inside).toBe(false);
    expect(result.outside.squareMetres / parcelArea(parcel).squareMetres).toBeCloseTo(0.5, 3);
  });

  it("throws on an empty region", () => {
    expect(() => insideRegion(collection(rectangle([120.1, 30.25, 120.11, 30.26])), collection())).toThrow(/region boundary has no polygon/);
  });

  it("puts the centroid of a rectangle in its middle", () => {
    const c = parcelCentroid(collection(rectangle([120.1, 30.25, 120.11, 30.26])));
    expect(c?.geometry.coordinates[0]).toBeCloseTo(120.105, 9);
    expect(c?.geometry.coordinates[1]).toBeCloseTo(30.255, 9);
    expect(parcelCentroid(collection())).toBeNull();
  });

  it("buffers a point by a radius in metres into a circle of area ≈ πr²", () => {
    const circle = bufferGeometry({ type: "Point", coordinates: [120.15, 30.25] }, 100, 32);
    const area = parcelArea(circle).squareMetres;
    expect(Math.abs(area / (Math.PI * 100 * 100) - 1)).toBeLessThan(0.01);
    expect(() => bufferGeometry({ type: "Point", coordinates: [120, 30] }, Number.NaN)).toThrow(/invalid buffer distance/);
  });
});
