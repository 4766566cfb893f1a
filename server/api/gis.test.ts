import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insideRegion, overlapWithLayer, parcelArea } from "../../gis-components/index";
import { startTestServer, type TestClient, type TestServer } from "../testing/testServer";

const sampleDir = new URL("../../gis-components/sample-layers/", import.meta.url);
const readSample = async (name: string) => JSON.parse(await readFile(new URL(`${name}.geojson`, sampleDir), "utf8"));

const rectangle = (w: number, s: number, e: number, n: number) => ({
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } }],
});
// The sample farmland patch JBNT-330106-001 spans lon 120.06–120.09; this parcel covers its western edge half-and-half.
const halfOnFarmland = rectangle(120.05, 30.165, 120.07, 30.175);

let server: TestServer;
let clerk: TestClient;

beforeAll(async () => {
  delete process.env.JINTU_GIS_LAYERS_DIR; // the synthetic samples
  server = await startTestServer();
  clerk = await server.login("xihu-clerk");
});
afterAll(async () => server?.stop());

async function expectError(res: Response, status: number, message: RegExp) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(Object.keys(body).sort()).toEqual(["message", "type"]);
  expect(body.message).toMatch(message);
  return body;
}

describe("GIS layers (synthetic samples outside production)", () => {
  it("lists the layers with Chinese/English titles and map styles, marked synthetic", async () => {
    const res = await clerk.get("/api/gis/layers");
    expect(res.status).toBe(200);
    const layers = await res.json();
    expect(layers.map((l: { name: string }) => l.name)).toEqual(["basic-farmland", "ecological-redline", "urban-boundary", "xihu-boundary"]);
    const farmland = layers[0];
    expect(farmland).toEqual({
      name: "basic-farmland", title: "永久基本农田(合成)", titleEn: "Permanent basic farmland (synthetic)",
      style: expect.objectContaining({ color: "#b8860b" }), synthetic: true, url: "/api/gis/layers/basic-farmland.geojson",
    });
  });

  it("serves a layer file as application/geo+json, identical to the sample", async () => {
    const res = await clerk.get("/api/gis/layers/basic-farmland.geojson");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/geo\+json/);
    expect(await res.json()).toEqual(await readSample("basic-farmland"));
  });

  it("answers 404 for an unknown layer and 400 for a name that could leave the folder", async () => {
    await expectError(await clerk.get("/api/gis/layers/no-such-layer.geojson"), 404, /No GIS layer 'no-such-layer'/);
    await expectError(await clerk.get("/api/gis/layers/..%2F..%2Fpackage.geojson"), 400, /Invalid path: name/);
    await expectError(await clerk.get("/api/gis/layers/.hidden.geojson"), 400, /name/);
  });

  it("serves the synthetic 西湖区 outline, and says clearly when a region has no boundary", async () => {
    const res = await clerk.get("/api/gis/regions/330106.geojson");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await readSample("xihu-boundary"));
    await expectError(await clerk.get("/api/gis/regions/330110.geojson"), 404, /No boundary is available for 330110 .*余杭区.*only the synthetic 西湖区 330106 outline/);
    await expectError(await clerk.get("/api/gis/regions/330199.geojson"), 404, /Unknown region code 330199/);
    await expectError(await clerk.get("/api/gis/regions/3301.geojson"), 400, /6-digit/);
  });

  it("needs a logged-in user", async () => {
    expect((await server.client().get("/api/gis/layers")).status).toBe(401);
    expect((await server.client().post("/api/gis/check", { json: { parcel: halfOnFarmland } })).status).toBe(401);
  });
});

describe("POST /api/gis/check", () => {
  it("returns the figures gis-components computes: area, overlaps per layer, inside the region", async () => {
    const res = await clerk.post("/api/gis/check", { json: { parcel: halfOnFarmland, layers: ["basic-farmland", "ecological-redline"], regionCode: "330106" } });
    expect(res.status).toBe(200);
    const result = await res.json();
    const farmland = await readSample("basic-farmland");
    expect(result.area).toEqual(parcelArea(halfOnFarmland as never));
    expect(result.overlaps).toHaveLength(2);
    expect(result.overlaps[0]).toMatchObject({ name: "basic-farmland", title: "永久基本农田(合成)" });
    expect(result.overlaps[0].overlap).toEqual(overlapWithLayer(halfOnFarmland as never, farmland).overlap);
    expect(result.overlaps[0].share).toBeCloseTo(0.5, 3);
    expect(result.overlaps[1]).toMatchObject({ name: "ecological-redline", share: 0, overlap: { squareMetres: 0 } });
    expect(result.region).toEqual({ code: "330106", name: "西湖区", inside: true, outside: { squareMetres: 0, mu: 0, hectares: 0 } });
    // 0.02° × 0.01° at 30.17°N ≈ 1 922 m × 1 109 m
    expect(result.area.hectares).toBeGreaterThan(210);
    expect(result.area.hectares).toBeLessThan(216);
  });

  it("reports the area outside the region", async () => {
    const crossing = rectangle(119.9, 30.2, 120.1, 30.21); // the synthetic outline's west edge is east of 119.9
    const res = await clerk.post("/api/gis/check", { json: { parcel: crossing, regionCode: "330106" } });
    expect(res.status).toBe(200);
    const result = await res.json();
    const expected = insideRegion(crossing as never, await readSample("xihu-boundary"));
    expect(result.region.inside).toBe(false);
    expect(result.region.outside).toEqual(expected.outside);
    expect(result.overlaps).toEqual([]);
  });

  it("rejects bad GeoJSON with 400 {type, message} naming the problem", async () => {
    const polygon = (coordinates: unknown) => ({ type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates } }] });
    const cases: [unknown, RegExp][] = [
      [{}, /parcel/],
      [{ parcel: "POLYGON((0 0))" }, /parcel/],
      [{ parcel: { type: "Feature", geometry: null } }, /parcel\.type: the parcel must be a GeoJSON FeatureCollection/],
      [{ parcel: { type: "FeatureCollection", features: [] } }, /parcel\.features: the parcel has no feature/],
      [{ parcel: { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [120, 30] } }] } }, /parcel\.features\.0\.geometry\.type: the geometry must be a Polygon or MultiPolygon/],
      [{ parcel: polygon([[[120, 30], ["a", 30], [120, 31], [120, 30]]]) }, /parcel\.features\.0\.geometry\.coordinates\.0\.1\.0/],
      [{ parcel: polygon([[[120, 30], [120.01, 30], [120.01, 30.01], [120, 30.01]]]) }, /Invalid parcel geometry: .*外环未闭合.* \/ polygon 1, outer ring is not closed/],
      [{ parcel: polygon([[[120, 30], [120.01, 30.01], [120.01, 30], [120, 30.01], [120, 30]]]) }, /intersects itself near 120\.005000, 30\.005000/],
      [{ parcel: polygon([[[40500000, 3350000], [40501000, 3350000], [40501000, 3351000], [40500000, 3350000]]]) }, /projected coordinates\?/],
      [{ parcel: halfOnFarmland, layers: ["../etc/passwd"] }, /layers\.0/],
      [{ parcel: halfOnFarmland, regionCode: "33" }, /regionCode/],
    ];
    for (const [body, message] of cases) {
      const error = await expectError(await clerk.post("/api/gis/check", { json: body }), 400, message);
      expect(error.type).toBe("InvalidRequestException");
    }
    const broken = await fetch(server.url + "/api/gis/check", { method: "POST", headers: { "content-type": "application/json", cookie: `jintu_session=${clerk.cookie("jintu_session")}` }, body: "{\"parcel\": {" });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ type: "InvalidRequestException" });
  });

  it("answers 404 for an unknown layer or a region without a boundary", async () => {
    await expectError(await clerk.post("/api/gis/check", { json: { parcel: halfOnFarmland, layers: ["no-such-layer"] } }), 404, /No GIS layer 'no-such-layer'/);
    await expectError(await clerk.post("/api/gis/check", { json: { parcel: halfOnFarmland, regionCode: "420106" } }), 404, /No boundary is available for 420106/);
  });

  it("is in the OpenAPI document", async () => {
    const doc = await (await server.client().get("/api/openapi.json")).json();
    for (const [p, method] of [["/api/gis/layers", "get"], ["/api/gis/layers/{name}.geojson", "get"], ["/api/gis/regions/{code}.geojson", "get"], ["/api/gis/check", "post"]] as const) {
      expect(doc.paths[p]?.[method], `${method} ${p}`).toBeDefined();
    }
    const body = doc.paths["/api/gis/check"].post.requestBody.content["application/json"].schema;
    expect(body.$ref).toBe("#/components/schemas/GisCheckRequest");
    expect(doc.components.schemas.GisCheckRequest.required).toEqual(["parcel"]);
    expect(doc.paths["/api/gis/layers/{name}.geojson"].get.parameters[0]).toMatchObject({ name: "name", in: "path" });
  });
});

describe("a deployer's layer folder (JINTU_GIS_LAYERS_DIR) and production", () => {
  let dir: string;
  let configured: TestServer;
  let production: TestServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "jintu-gis-"));
    const farmland = rectangle(120.06, 30.16, 120.09, 30.18);
    await writeFile(path.join(dir, "basic-farmland.geojson"), JSON.stringify(farmland));
    await writeFile(path.join(dir, "mine-areas.geojson"), JSON.stringify(rectangle(120.2, 30.2, 120.3, 30.3)));
    await writeFile(path.join(dir, "layers.json"), JSON.stringify({ "mine-areas": { title: "采矿权范围", titleEn: "Mining-right areas", style: { color: "#000000" } } }));
    await writeFile(path.join(dir, "broken.geojson"), "{not json");
    await mkdir(path.join(dir, "regions"));
    await writeFile(path.join(dir, "regions", "330110.geojson"), JSON.stringify(rectangle(119.8, 30.1, 120.2, 30.5)));
    process.env.JINTU_GIS_LAYERS_DIR = dir;
    configured = await startTestServer();
    delete process.env.JINTU_GIS_LAYERS_DIR;
    production = await startTestServer({ config: { production: true }, seedDemo: true });
  });
  afterAll(async () => {
    await configured?.stop();
    await production?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the configured files with the manifest's titles, not the samples", async () => {
    const client = await configured.login("xihu-clerk");
    const layers = await (await client.get("/api/gis/layers")).json();
    expect(layers.map((l: { name: string }) => l.name)).toEqual(["basic-farmland", "broken", "mine-areas"]);
    expect(layers[0]).toMatchObject({ title: "永久基本农田", titleEn: "Permanent basic farmland", synthetic: false });
    expect(layers[2]).toMatchObject({ title: "采矿权范围", titleEn: "Mining-right areas", style: { color: "#000000" } });
    expect(await (await client.get("/api/gis/layers/basic-farmland.geojson")).json()).toEqual(rectangle(120.06, 30.16, 120.09, 30.18));
    await expectError(await client.get("/api/gis/layers/ecological-redline.geojson"), 404, /No GIS layer/);
    await expectError(await client.get("/api/gis/layers/broken.geojson"), 500, /broken\.geojson is not valid JSON/);
    // Region boundaries come from regions/<code>.geojson; the synthetic Xihu outline is not mixed in.
    expect((await client.get("/api/gis/regions/330110.geojson")).status).toBe(200);
    await expectError(await client.get("/api/gis/regions/330106.geojson"), 404, /No boundary is available for 330106.*regions\/<code>\.geojson/);
    const check = await (await client.post("/api/gis/check", { json: { parcel: halfOnFarmland, layers: ["basic-farmland"], regionCode: "330110" } })).json();
    expect(check.overlaps[0].share).toBeCloseTo(0.5, 3);
    expect(check.region).toMatchObject({ code: "330110", name: "余杭区", inside: true });
  });

  it("serves no synthetic data in production without a configured folder", async () => {
    const client = await production.login("xihu-clerk");
    expect(await (await client.get("/api/gis/layers")).json()).toEqual([]);
    await expectError(await client.get("/api/gis/layers/basic-farmland.geojson"), 404, /No GIS layer 'basic-farmland'/);
    await expectError(await client.get("/api/gis/regions/330106.geojson"), 404, /set JINTU_GIS_LAYERS_DIR/);
  });
});
