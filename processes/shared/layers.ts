// GeoJSON layers the GIS workers read (永久基本农田, 生态保护红线, 耕地 …), from files a deployer configures.
import { readFile } from "node:fs/promises";
import { asFeatureCollection } from "../../gis-components/index";

type Layer = ReturnType<typeof asFeatureCollection>;
const cache = new Map<string, Promise<Layer>>();

/** Reads and caches a GeoJSON layer file; a missing or malformed file is an error naming the file. */
export function loadLayerFile(file: string): Promise<Layer> {
  let pending = cache.get(file);
  if (!pending) {
    pending = readFile(file, "utf8").then((text) => {
      try {
        return asFeatureCollection(JSON.parse(text));
      } catch (error) {
        throw new Error(`Layer ${file} is not valid GeoJSON: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}
