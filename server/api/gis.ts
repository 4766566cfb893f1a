// GIS routes for the map components (forms/ parcelMap) and for workers: the overlay layers
// (永久基本农田, 生态保护红线, 城镇开发边界 …), region boundaries, and a server-side parcel check whose
// figures come from gis-components — the same functions the browser shows the clerk.
//
// Where layers come from: `JINTU_GIS_LAYERS_DIR` (read when the routes are mounted), a folder of
// `<name>.geojson` files in WGS84/CGCS2000 lon/lat, with optional `layers.json` ({"<name>": {title,
// titleEn, style}}) and region outlines in `regions/<code>.geojson`. Without it, outside production, the
// SYNTHETIC samples of gis-components/sample-layers are served (marked `synthetic: true`); in production
// nothing is served, so a form checks against no made-up farmland (the forms then fail closed).
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { FeatureCollection, Geometry } from "geojson";
import { z } from "zod";
import {
  type AreaFigures,
  describeIssue,
  fullName,
  insideRegion,
  overlapWithLayer,
  parcelArea,
  regionByCode,
  validateParcelGeometry,
} from "../../gis-components/index";
import { ApiError, badRequest, notFound } from "../errors";
import { defineRoute, regionCode } from "./route";
import type { RouteModule } from "./services";

const SAMPLE_DIR = path.resolve(import.meta.dirname, "../../gis-components/sample-layers");
/** The only region outline that ships with Jintu (synthetic): 西湖区. */
const SAMPLE_REGIONS: Record<string, string> = { "330106": "xihu-boundary" };

const LayerName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, "letters, digits, _ and - (at most 100), e.g. basic-farmland");

const LayerStyle = z.object({
  color: z.string(),
  fillColor: z.string().optional(),
  fillOpacity: z.number().min(0).max(1).optional(),
  weight: z.number().min(0).optional(),
  dashArray: z.string().optional(),
  fill: z.boolean().optional(),
}).openapi("GisLayerStyle");
type LayerStyle = z.infer<typeof LayerStyle>;

const LayerInfo = z.object({
  name: z.string(),
  title: z.string().openapi({ example: "永久基本农田" }),
  titleEn: z.string().openapi({ example: "Permanent basic farmland" }),
  style: LayerStyle,
  synthetic: z.boolean().openapi({ description: "true for Jintu's made-up sample data: never for a real decision" }),
  url: z.string().openapi({ example: "/api/gis/layers/basic-farmland.geojson" }),
}).openapi("GisLayer");
type LayerInfo = z.infer<typeof LayerInfo>;

const Manifest = z.record(LayerName, z.object({ title: z.string().optional(), titleEn: z.string().optional(), style: LayerStyle.optional() }));

// The layers land clerks know by colour (same colours as gis-components/leaflet/overlayStyles.ts).
const KNOWN_LAYERS: Record<string, { title: string; titleEn: string; style: LayerStyle }> = {
  "basic-farmland": { title: "永久基本农田", titleEn: "Permanent basic farmland", style: { color: "#b8860b", fillColor: "#f4d03f", fillOpacity: 0.35, weight: 1.5 } },
  "ecological-redline": { title: "生态保护红线", titleEn: "Ecological protection red line", style: { color: "#c0392b", fillColor: "#e74c3c", fillOpacity: 0.25, weight: 2 } },
  "urban-boundary": { title: "城镇开发边界", titleEn: "Urban development boundary", style: { color: "#7d3c98", fillOpacity: 0.05, weight: 2, dashArray: "6 4" } },
  "cultivated-land": { title: "耕地", titleEn: "Cultivated land", style: { color: "#1e8449", fillColor: "#82e0aa", fillOpacity: 0.3, weight: 1.5 } },
  "xihu-boundary": { title: "西湖区行政区界", titleEn: "Xihu district boundary", style: { color: "#34495e", fill: false, weight: 2, dashArray: "2 6" } },
};
const DEFAULT_STYLE: LayerStyle = { color: "#2e86c1", fillColor: "#5dade2", fillOpacity: 0.2, weight: 1.5 };

// ------------------------------------------------------------------------------------------- schemas
// Structure only; geometry rules (closed rings, self-intersection, lon/lat range …) are checked by
// gis-components' validateParcelGeometry so the server and the form say the same thing.
const Position = z.array(z.number()).min(2, "a position is [longitude, latitude]").max(3, "a position is [longitude, latitude] or [lon, lat, height]");
const Ring = z.array(Position);
const PolygonGeometry = z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1, "a polygon needs its outer ring") });
const MultiPolygonGeometry = z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1, "a polygon needs its outer ring")).min(1) });
const ParcelFeature = z.looseObject({
  type: z.literal("Feature"),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  geometry: z.discriminatedUnion("type", [PolygonGeometry, MultiPolygonGeometry], { error: "the geometry must be a Polygon or MultiPolygon (lon/lat)" }),
});
const ParcelCollection = z.looseObject({
  type: z.literal("FeatureCollection", { error: "the parcel must be a GeoJSON FeatureCollection" }),
  features: z.array(ParcelFeature).min(1, "the parcel has no feature").max(1000, "at most 1000 features"),
}).openapi("ParcelFeatureCollection");

const Figures = z.object({ squareMetres: z.number(), mu: z.number(), hectares: z.number() }).openapi("AreaFigures", {
  description: "平方米 / 亩 / 公顷, unrounded, on the WGS84 ellipsoid",
});
const CheckBody = z.object({
  parcel: ParcelCollection,
  layers: z.array(LayerName).max(20, "at most 20 layers").default([]),
  regionCode: regionCode.optional().openapi({ description: "also check that the parcel lies in this region (needs its boundary)" }),
}).openapi("GisCheckRequest");
const CheckResult = z.object({
  area: Figures,
  overlaps: z.array(z.object({ name: z.string(), title: z.string(), overlap: Figures, share: z.number().openapi({ description: "overlap / parcel, 0..1" }) })),
  region: z.object({ code: z.string(), name: z.string(), inside: z.boolean(), outside: Figures }).optional(),
}).openapi("GisCheckResult");

const GeoJsonCollection = z.looseObject({ type: z.literal("FeatureCollection"), features: z.array(z.looseObject({})) }).openapi("GeoJsonFeatureCollection");
const asResponse = (collection: FeatureCollection<Geometry | null>) => collection as unknown as z.infer<typeof GeoJsonCollection>;

// ---------------------------------------------------------------------------------------- the store
interface LayerStore {
  synthetic: boolean;
  list(): Promise<LayerInfo[]>;
  /** null when there is no such layer. */
  layer(name: string): Promise<FeatureCollection<Geometry | null> | null>;
  /** null when no boundary is available for the region. */
  region(code: string): Promise<FeatureCollection<Geometry | null> | null>;
  /** Why a region has no boundary, for the 404 message. */
  regionHint: string;
}

const exists = (file: string) => stat(file).then((s) => s.isFile(), () => false);

function createLayerStore(dir: string | null): LayerStore {
  // Parsed files, kept while their size and modification time are unchanged (workers check often).
  const cache = new Map<string, { mtimeMs: number; size: number; data: FeatureCollection<Geometry | null> }>();
  const readGeoJson = async (file: string): Promise<FeatureCollection<Geometry | null> | null> => {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.data;
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new ApiError(500, "ProcessEngineException", `GIS file ${path.basename(file)} is not valid JSON: ${(error as Error).message}`);
    }
    const parsed = GeoJsonCollection.safeParse(data);
    if (!parsed.success) throw new ApiError(500, "ProcessEngineException", `GIS file ${path.basename(file)} is not a GeoJSON FeatureCollection`);
    const collection = parsed.data as unknown as FeatureCollection<Geometry | null>;
    cache.set(file, { mtimeMs: info.mtimeMs, size: info.size, data: collection });
    return collection;
  };

  if (dir === null) {
    return {
      synthetic: false,
      list: async () => [],
      layer: async () => null,
      region: async () => null,
      regionHint: "no GIS directory is configured (set JINTU_GIS_LAYERS_DIR; Jintu's synthetic samples are not served in production)",
    };
  }
  const synthetic = dir === SAMPLE_DIR;
  const manifest = async () => {
    const file = path.join(dir, "layers.json");
    if (!(await exists(file))) return {};
    const parsed = Manifest.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success) throw new ApiError(500, "ProcessEngineException", `${file} is not a valid layer manifest`);
    return parsed.data;
  };
  return {
    synthetic,
    async list() {
      const names = (await readdir(dir)).filter((f) => f.endsWith(".geojson")).map((f) => f.slice(0, -".geojson".length))
        .filter((name) => LayerName.safeParse(name).success).sort();
      const meta = await manifest();
      return names.map((name) => {
        const known = KNOWN_LAYERS[name];
        const own = meta[name] ?? {};
        const suffix = synthetic ? { zh: "(合成)", en: " (synthetic)" } : { zh: "", en: "" };
        return {
          name,
          title: (own.title ?? known?.title ?? name) + suffix.zh,
          titleEn: (own.titleEn ?? known?.titleEn ?? name) + suffix.en,
          style: own.style ?? known?.style ?? DEFAULT_STYLE,
          synthetic,
          url: `/api/gis/layers/${name}.geojson`,
        };
      });
    },
    layer: (name) => readGeoJson(path.join(dir, `${name}.geojson`)),
    async region(code) {
      if (synthetic) return SAMPLE_REGIONS[code] ? readGeoJson(path.join(dir, `${SAMPLE_REGIONS[code]}.geojson`)) : null;
      return readGeoJson(path.join(dir, "regions", `${code}.geojson`));
    },
    regionHint: synthetic
      ? "only the synthetic 西湖区 330106 outline ships with Jintu; a deployer puts real boundaries in $JINTU_GIS_LAYERS_DIR/regions/<code>.geojson"
      : `no file regions/<code>.geojson in the GIS directory`,
  };
}

function layerDirectory(env: NodeJS.ProcessEnv, production: boolean): string | null {
  if (env.JINTU_GIS_LAYERS_DIR) return path.resolve(env.JINTU_GIS_LAYERS_DIR);
  return production ? null : SAMPLE_DIR;
}

// ---------------------------------------------------------------------------------------- the routes
export const gisRoutes: RouteModule = (router, registry, { config }) => {
  const store = createLayerStore(layerDirectory(process.env, config.production));
  const regionLabel = (code: string) => fullName(code) ?? code;

  async function loadLayer(name: string) {
    const layer = await store.layer(name);
    if (!layer) throw notFound(`No GIS layer '${name}'; GET /api/gis/layers lists the available ones`);
    return layer;
  }
  async function loadRegion(code: string) {
    if (!regionByCode(code)) throw notFound(`Unknown region code ${code} (GB/T 2260)`);
    const boundary = await store.region(code);
    if (!boundary) throw notFound(`No boundary is available for ${code} ${regionLabel(code)}: ${store.regionHint}`);
    return boundary;
  }

  defineRoute(router, registry, {
    method: "get", path: "/gis/layers", tags: ["gis"], summary: "The overlay layers (永久基本农田 …): name, Chinese/English title, map style",
    response: z.array(LayerInfo),
    permission: "authenticated",
    async handler() { return store.list(); },
  });

  defineRoute(router, registry, {
    method: "get", path: "/gis/layers/:name.geojson", tags: ["gis"], summary: "One layer as GeoJSON (WGS84/CGCS2000 lon/lat)",
    params: z.object({ name: LayerName }),
    response: GeoJsonCollection,
    permission: "authenticated",
    async handler({ params, res }) {
      const layer = await loadLayer(params.name);
      res.type("application/geo+json");
      return asResponse(layer);
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/gis/regions/:code.geojson", tags: ["gis"], summary: "A region's boundary as GeoJSON, when one is available",
    params: z.object({ code: regionCode }),
    response: GeoJsonCollection,
    permission: "authenticated",
    async handler({ params, res }) {
      const boundary = await loadRegion(params.code);
      res.type("application/geo+json");
      return asResponse(boundary);
    },
  });

  defineRoute(router, registry, {
    method: "post", path: "/gis/check", tags: ["gis"],
    summary: "Area (平方米/亩/公顷) of a parcel, its overlap with layers, optionally whether it lies in a region — computed by gis-components",
    body: CheckBody,
    response: CheckResult,
    permission: "authenticated",
    async handler({ body, audit }) {
      const issues = validateParcelGeometry(body.parcel);
      if (issues.length) throw badRequest(`Invalid parcel geometry: ${issues.map(describeIssue).join("; ")}`);
      const parcel = body.parcel as unknown as FeatureCollection<Geometry | null>;
      const layers = await Promise.all(body.layers.map(async (name) => [name, await loadLayer(name)] as const));
      const titles = new Map((await store.list()).map((l) => [l.name, l.title]));
      const area: AreaFigures = parcelArea(parcel);
      const overlaps = layers.map(([name, layer]) => {
        const { overlap, share } = overlapWithLayer(parcel, layer);
        return { name, title: titles.get(name) ?? name, overlap, share };
      });
      if (!body.regionCode) return { area, overlaps };
      audit({ region: body.regionCode });
      const { inside, outside } = insideRegion(parcel, await loadRegion(body.regionCode));
      return { area, overlaps, region: { code: body.regionCode, name: regionByCode(body.regionCode)?.name ?? body.regionCode, inside, outside } };
    },
  });
};
