// The JSON settings of Jintu's custom Form.io components, as stored in a form definition. Node-safe:
// the server validation and the browser components read the same settings.
import type { GeoJsonObject } from "geojson";

export const PARCEL_MAP = "parcelMap";
export const POINT_PICKER = "pointPicker";
export const REGION_SELECT = "regionSelect";
export const JINTU_COMPONENT_TYPES = [PARCEL_MAP, POINT_PICKER, REGION_SELECT] as const;

export interface BaseComponentSettings {
  type: string;
  key: string;
  label?: string;
  hidden?: boolean;
  validate?: { required?: boolean };
  /** Form.io's simple conditional; JSON-logic and JavaScript conditionals are not evaluated server-side. */
  conditional?: { show?: boolean | string | null; when?: string | null; eq?: unknown };
}

/** An overlay layer of a parcel map: a URL returning GeoJSON (the server serves /api/gis/layers/<name>.geojson) or inline GeoJSON. */
export interface OverlayLayerSetting {
  /** e.g. "basic-farmland" (永久基本农田), "ecological-redline" (生态保护红线), "urban-boundary" (城镇开发边界). */
  name: string;
  /** Shown on the map and in messages, e.g. "永久基本农田". */
  label: string;
  labelEn?: string;
  url?: string;
  geojson?: GeoJsonObject;
  color?: string;
  /** What a non-zero overlap means: a warning shown to the clerk (default) or an error that blocks the form. */
  onOverlap?: "warn" | "error";
}

/** The polygon the parcel must lie in, e.g. the applicant's county. */
export interface RegionBoundarySetting {
  /** URL returning GeoJSON; "{regionCode}" is replaced by the value of `regionField`. */
  url?: string;
  geojson?: GeoJsonObject;
  /** Key of a regionSelect field in the same form whose code fills "{regionCode}". */
  regionField?: string;
  label?: string;
}

export interface ParcelMapSettings extends BaseComponentSettings {
  type: typeof PARCEL_MAP;
  overlayLayers?: OverlayLayerSetting[];
  regionBoundary?: RegionBoundarySetting;
  tileUrl?: string;
  tileAttribution?: string;
  /** [lat, lon] */
  center?: [number, number];
  zoom?: number;
  mapHeight?: number;
  /** Show the GeoJSON / zipped shapefile / WKT import button (default true). */
  allowImport?: boolean;
}

export interface PointPickerSettings extends BaseComponentSettings {
  type: typeof POINT_PICKER;
  /** Ask for a radius in metres (e.g. the affected area of a landslide). Default true. */
  radiusEnabled?: boolean;
  maxRadius?: number;
  overlayLayers?: OverlayLayerSetting[];
  tileUrl?: string;
  tileAttribution?: string;
  center?: [number, number];
  zoom?: number;
  mapHeight?: number;
}

export type RegionTierSetting = "province" | "city" | "county";

export interface RegionSelectSettings extends BaseComponentSettings {
  type: typeof REGION_SELECT;
  /** Only regions inside this code can be chosen, e.g. "330000" for 浙江 (default the whole country). */
  rootCode?: string;
  /** How deep the applicant must go; a region without children (东莞 441900) always counts as complete. Default "county". */
  requiredTier?: RegionTierSetting;
}

export type JintuComponentSettings = ParcelMapSettings | PointPickerSettings | RegionSelectSettings;

/** A message for one field, in both languages (UI text is Chinese with an English switch). */
export interface FieldMessage {
  code: string;
  zh: string;
  en: string;
}
