import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { overlapWithLayer, parcelArea } from "../../gis-components/index";
import { validateSubmission } from "./validateSubmission";

const layerDir = new URL("../../gis-components/sample-layers/", import.meta.url);
/** Stands in for the server's layer store: /api/gis/layers/<name>.geojson → the sample file. */
async function loadGeoJson(url: string): Promise<unknown> {
  const name = /^\/api\/gis\/layers\/([\w-]+)\.geojson$/.exec(url)?.[1];
  if (!name) throw new Error(`no such layer ${url}`);
  return JSON.parse(await readFile(new URL(`${name}.geojson`, layerDir), "utf8"));
}

const rectangle = (w: number, s: number, e: number, n: number) => ({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } }],
});

const form = {
  components: [
    { type: "regionSelect", key: "region", label: "行政区", validate: { required: true }, rootCode: "330000" },
    {
      type: "panel",
      key: "sitePanel",
      components: [
        {
          type: "parcelMap",
          key: "parcel",
          label: "用地范围",
          validate: { required: true },
          overlayLayers: [
            { name: "basic-farmland", label: "永久基本农田", url: "/api/gis/layers/basic-farmland.geojson" },
            { name: "ecological-redline", label: "生态保护红线", url: "/api/gis/layers/ecological-redline.geojson", onOverlap: "error" },
          ],
          regionBoundary: { url: "/api/gis/layers/{regionCode}.geojson", regionField: "region", label: "西湖区" },
        },
      ],
    },
    { type: "pointPicker", key: "site", label: "灾害点", maxRadius: 500 },
  ],
};

// The sample farmland patch JBNT-330106-001 spans lon 120.06–120.09; this parcel covers its western edge half-and-half.
const halfOnFarmland = rectangle(120.05, 30.165, 120.07, 30.175);

describe("validateSubmission", () => {
  it("computes the same figures as gis-components and warns about farmland overlap", async () => {
    // The region boundary URL resolves to xihu-boundary via the region code's stand-in name.
    const result = await validateSubmission(form, { region: "330106", parcel: halfOnFarmland }, { loadGeoJson: (url) => loadGeoJson(url.replace("330106", "xihu-boundary")) });
    const farmland = JSON.parse(await readFile(new URL("basic-farmland.geojson", layerDir), "utf8"));
    const expected = overlapWithLayer(halfOnFarmland as never, farmland);
    expect(result.errors).toEqual({});
    expect(result.valid).toBe(true);
    expect(result.figures.parcel!.area).toEqual(parcelArea(halfOnFarmland as never));
    const overlap = result.figures.parcel!.overlaps.find((o) => o.name === "basic-farmland")!;
    expect(overlap.overlap).toEqual(expected.overlap);
    expect(overlap.share).toBeCloseTo(0.5, 3);
    expect(result.warnings.parcel?.map((w) => w.code)).toEqual(["overlap:basic-farmland"]);
    expect(result.warnings.parcel?.[0]?.zh).toMatch(/永久基本农田重叠 .* 亩.*占地块 50\.0%/);
  });

  it("blocks overlap with a layer marked onOverlap: error, and a parcel outside the region", async () => {
    const onRedLine = rectangle(120.11, 30.21, 120.12, 30.22);
    const result = await validateSubmission(form, { region: "330106", parcel: onRedLine }, { loadGeoJson: (url) => loadGeoJson(url.replace("330106", "xihu-boundary")) });
    expect(result.errors.parcel?.map((e) => e.code)).toEqual(["overlap:ecological-redline"]);
    const outside = rectangle(119.9, 30.2, 119.99, 30.21);
    const result2 = await validateSubmission(form, { region: "330106", parcel: outside }, { loadGeoJson: (url) => loadGeoJson(url.replace("330106", "xihu-boundary")) });
    expect(result2.errors.parcel?.map((e) => e.code)).toEqual(["outside-region"]);
    expect(result2.errors.parcel?.[0]?.zh).toContain("地块超出西湖区范围");
  });

  it("fails closed when a blocking layer or the region boundary cannot be loaded", async () => {
    const result = await validateSubmission(form, { region: "330106", parcel: halfOnFarmland }, { loadGeoJson: async () => { throw new Error("down"); } });
    expect(result.errors.parcel?.map((e) => e.code).sort()).toEqual(["layer-unavailable", "region-unavailable"]);
    expect(result.warnings.parcel?.map((e) => e.code)).toEqual(["layer-unavailable"]);
  });

  it("reports required fields, invalid geometry, bad codes and bad points by data path", async () => {
    const bowTie = { type: "Polygon", coordinates: [[[120, 30], [120.01, 30.01], [120.01, 30], [120, 30.01], [120, 30]]] };
    const result = await validateSubmission(form, { region: "420106", parcel: bowTie, site: { type: "Feature", properties: { radius: 900 }, geometry: { type: "Point", coordinates: [120.1, 30.2] } } }, { loadGeoJson });
    expect(result.valid).toBe(false);
    expect(result.errors.region?.[0]?.code).toBe("outside-root");
    expect(result.errors.parcel?.map((e) => e.code)).toEqual(["self-intersection"]);
    expect(result.errors.site?.map((e) => e.code)).toEqual(["radius-too-large"]);
    const empty = await validateSubmission(form, {}, { loadGeoJson });
    expect(Object.keys(empty.errors).sort()).toEqual(["parcel", "region"]);
    expect(empty.errors.parcel?.[0]?.code).toBe("required");
  });

  it("checks regionSelect depth: 杭州 is incomplete, 东莞 (no counties) is complete", async () => {
    const f = { components: [{ type: "regionSelect", key: "r", requiredTier: "county" }] };
    expect((await validateSubmission(f, { r: "330100" })).errors.r?.[0]?.code).toBe("incomplete");
    expect((await validateSubmission(f, { r: "441900" })).valid).toBe(true);
    expect((await validateSubmission(f, { r: "429004" })).valid).toBe(true);
    expect((await validateSubmission(f, { r: "33010" })).errors.r?.[0]?.code).toBe("bad-code");
    expect((await validateSubmission(f, { r: "330199" })).errors.r?.[0]?.code).toBe("unknown-code");
  });

  it("follows datagrid rows and skips conditionally hidden fields", async () => {
    const f = {
      components: [
        { type: "checkbox", key: "hasSite" },
        { type: "pointPicker", key: "site", validate: { required: true }, conditional: { show: true, when: "hasSite", eq: "true" } },
        { type: "datagrid", key: "plots", components: [{ type: "parcelMap", key: "parcel", validate: { required: true } }] },
      ],
    };
    const result = await validateSubmission(f, { hasSite: false, plots: [{ parcel: halfOnFarmland }, { parcel: null }] });
    expect(Object.keys(result.errors)).toEqual(["plots[1].parcel"]);
    expect(Object.keys(result.figures)).toEqual(["plots[0].parcel"]);
    const shown = await validateSubmission(f, { hasSite: true, plots: [] });
    expect(Object.keys(shown.errors)).toEqual(["site"]);
  });
});
