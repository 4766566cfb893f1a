import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importGeoJsonText, insideRegion, parcelArea, validateParcelGeometry } from "../index";

const read = (name: string) => readFileSync(new URL(`${name}.geojson`, import.meta.url), "utf8");
const boundary = importGeoJsonText(read("xihu-boundary"));

describe("synthetic sample layers near 西湖区 330106", () => {
  it.each(["basic-farmland", "ecological-redline", "urban-boundary"])("%s is valid, marked synthetic and lies in the district", (name) => {
    const layer = importGeoJsonText(read(name));
    expect(validateParcelGeometry(layer)).toEqual([]);
    expect(layer.features.every((f) => f.properties?.synthetic === true)).toBe(true);
    expect(JSON.parse(read(name)).description).toContain("SYNTHETIC");
    expect(insideRegion(layer, boundary).inside).toBe(true);
    expect(parcelArea(layer).hectares).toBeGreaterThan(50);
  });
});
