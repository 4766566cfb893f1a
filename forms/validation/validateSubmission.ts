// Server-side validation of a submission's Jintu fields (parcelMap, pointPicker, regionSelect) with the
// same gis-components code the browser used, so the overlap figure a gateway reads is the one the clerk saw.
import type { FeatureCollection, Geometry } from "geojson";
import { asFeatureCollection } from "../../gis-components/index";
import { PARCEL_MAP, POINT_PICKER, REGION_SELECT, type FieldMessage, type ParcelMapSettings, type PointPickerSettings, type RegionSelectSettings } from "../schema";
import { checkParcelMapValue, type ParcelFigures } from "./parcelMap";
import { checkPointPickerValue } from "./pointPicker";
import { checkRegionSelectValue } from "./regionSelect";
import { type FormComponentJson, walkComponents } from "./walkComponents";

export interface ValidateSubmissionOptions {
  /**
   * Loads the GeoJSON behind a layer or region-boundary URL (e.g. "/api/gis/layers/basic-farmland.geojson"
   * read from the server's own layer store). Throwing means "unavailable".
   */
  loadGeoJson?: (url: string) => Promise<unknown>;
}

export interface SubmissionValidation {
  valid: boolean;
  /** Blocking problems by data path ("parcel", "plots[0].parcel"). */
  errors: Record<string, FieldMessage[]>;
  /** Non-blocking findings by data path, e.g. overlap with 永久基本农田. */
  warnings: Record<string, FieldMessage[]>;
  /** Area and overlap figures of each parcelMap field by data path. */
  figures: Record<string, ParcelFigures>;
}

type Loaded = FeatureCollection<Geometry | null> | null;

async function resolveGeoJson(source: { url?: string; geojson?: unknown }, load: ValidateSubmissionOptions["loadGeoJson"], url = source.url): Promise<Loaded> {
  try {
    if (source.geojson) return asFeatureCollection(source.geojson);
    if (url && load) return asFeatureCollection(await load(url));
  } catch {
    return null;
  }
  return null;
}

export async function validateSubmission(
  form: { components?: FormComponentJson[] },
  data: Record<string, unknown>,
  options: ValidateSubmissionOptions = {},
): Promise<SubmissionValidation> {
  const result: SubmissionValidation = { valid: true, errors: {}, warnings: {}, figures: {} };
  const add = (bucket: Record<string, FieldMessage[]>, path: string, messages: FieldMessage[]) => {
    if (messages.length) bucket[path] = [...(bucket[path] ?? []), ...messages];
  };
  const pending: Promise<void>[] = [];
  const layerCache = new Map<string, Promise<Loaded>>();
  const cachedLoad = (source: { url?: string; geojson?: unknown }, url?: string) => {
    const cacheKey = source.geojson ? JSON.stringify(source.geojson) : `url:${url ?? source.url}`;
    if (!layerCache.has(cacheKey)) layerCache.set(cacheKey, resolveGeoJson(source, options.loadGeoJson, url));
    return layerCache.get(cacheKey)!;
  };

  walkComponents(form.components ?? [], data ?? {}, ({ component, path, value, scope }) => {
    if (component.type === REGION_SELECT) add(result.errors, path, checkRegionSelectValue(value, component as unknown as RegionSelectSettings));
    if (component.type === POINT_PICKER) add(result.errors, path, checkPointPickerValue(value, component as unknown as PointPickerSettings));
    if (component.type === PARCEL_MAP) {
      const settings = component as unknown as ParcelMapSettings;
      pending.push(
        (async () => {
          const layers = new Map<string, Loaded>();
          for (const layer of settings.overlayLayers ?? []) layers.set(layer.name, await cachedLoad(layer));
          let regionBoundary: Loaded | undefined;
          const boundary = settings.regionBoundary;
          if (boundary && (boundary.url || boundary.geojson)) {
            const code = boundary.regionField ? String(scope[boundary.regionField] ?? data[boundary.regionField] ?? "") : "";
            const url = boundary.url?.replace("{regionCode}", encodeURIComponent(code));
            // No region chosen yet: the regionSelect's own "required" reports that; nothing to check against.
            regionBoundary = boundary.url?.includes("{regionCode}") && !code ? undefined : await cachedLoad(boundary, url);
          }
          const check = checkParcelMapValue(value, settings, { layers, regionBoundary, regionLabel: boundary?.label });
          add(result.errors, path, check.errors);
          add(result.warnings, path, check.warnings);
          if (check.figures) result.figures[path] = check.figures;
        })(),
      );
    }
  });
  await Promise.all(pending);
  result.valid = Object.keys(result.errors).length === 0;
  return result;
}
