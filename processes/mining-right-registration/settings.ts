// Settings a deployer may change for 探矿权采矿权登记 (see README.md).
import path from "node:path";

export interface MiningRegistrationSettings {
  /** Minerals the ministry registers (自然资源部登记的 14 种战略性矿产). */
  nationalMinerals: string[];
  /** Minerals the county registers (砂石土 in many provinces; provincial lists differ (?)). */
  countyMinerals: string[];
  layers: { ecologicalRedline: string; existingRights: string };
}

export const DEFAULT_SETTINGS: MiningRegistrationSettings = {
  nationalMinerals: ["oil", "natural-gas", "shale-gas", "gas-hydrate", "radioactive", "tungsten", "rare-earth", "tin", "antimony",
    "molybdenum", "cobalt", "lithium", "potash", "graphite"],
  countyMinerals: ["sand-gravel"],
  layers: {
    ecologicalRedline: path.resolve(import.meta.dirname, "../../gis-components/sample-layers/ecological-redline.geojson"),
    existingRights: path.resolve(import.meta.dirname, "data/existing-mining-rights.geojson"),
  },
};

export function miningRegistrationSettings(overrides: Record<string, unknown> = {}): MiningRegistrationSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides, layers: { ...DEFAULT_SETTINGS.layers, ...(overrides.layers as object | undefined) } } as MiningRegistrationSettings;
  for (const key of ["nationalMinerals", "countyMinerals"] as const) {
    if (!Array.isArray(s[key]) || !s[key].every((m) => typeof m === "string")) throw new Error(`mining-right-registration setting ${key} must be a list of mineral codes`);
  }
  return s;
}
