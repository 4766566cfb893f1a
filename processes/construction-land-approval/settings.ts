// Settings a deployer may change for 建设用地审批, with the defaults from the law (see README.md).
import path from "node:path";

export interface ConstructionLandSettings {
  /**
   * Provinces entrusted with the State Council's approval of farmland conversion and expropriation
   * (国发〔2020〕4号 pilot: 北京 天津 上海 江苏 浙江 安徽 广东 重庆). Check the current list (?) before use.
   */
  delegatedProvinces: string[];
  /** 耕地 above this many hectares needs the State Council ("超过三十五公顷"). */
  cultivatedThresholdHa: number;
  /** other land above this many hectares needs the State Council ("超过七十公顷"). */
  otherLandThresholdHa: number;
  /** GeoJSON layers the GIS worker overlays (the synthetic samples by default). */
  layers: { basicFarmland: string; ecologicalRedline: string; cultivatedLand: string };
  /** The province departments that countersign (会签), one parallel task each. */
  countersignDepartments: string[];
}

const SAMPLE_LAYERS = path.resolve(import.meta.dirname, "../../gis-components/sample-layers");

export const DEFAULT_SETTINGS: ConstructionLandSettings = {
  delegatedProvinces: ["110000", "120000", "310000", "320000", "330000", "340000", "440000", "500000"],
  cultivatedThresholdHa: 35,
  otherLandThresholdHa: 70,
  layers: {
    basicFarmland: path.join(SAMPLE_LAYERS, "basic-farmland.geojson"),
    ecologicalRedline: path.join(SAMPLE_LAYERS, "ecological-redline.geojson"),
    cultivatedLand: path.resolve(import.meta.dirname, "data/cultivated-land.geojson"),
  },
  countersignDepartments: ["国土空间规划处", "耕地保护监督处", "建设用地处"],
};

/** Merges overrides into the defaults; a wrong type is an error naming the setting. */
export function constructionLandSettings(overrides: Record<string, unknown> = {}): ConstructionLandSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides, layers: { ...DEFAULT_SETTINGS.layers, ...(overrides.layers as object | undefined) } } as ConstructionLandSettings;
  if (!Array.isArray(s.delegatedProvinces) || !s.delegatedProvinces.every((c) => /^\d{2}0000$/.test(c))) {
    throw new Error("construction-land-approval setting delegatedProvinces must list province codes like 330000");
  }
  for (const key of ["cultivatedThresholdHa", "otherLandThresholdHa"] as const) {
    if (typeof s[key] !== "number" || !(s[key] > 0)) throw new Error(`construction-land-approval setting ${key} must be a positive number of hectares`);
  }
  if (!Array.isArray(s.countersignDepartments) || s.countersignDepartments.length === 0) {
    throw new Error("construction-land-approval setting countersignDepartments must name at least one department");
  }
  return s;
}
