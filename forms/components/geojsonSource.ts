// Loads the GeoJSON behind a layer/boundary setting in the browser, once per URL per page.
import type { FeatureCollection, Geometry } from "geojson";
import { asFeatureCollection } from "../../gis-components/index";

const cache = new Map<string, Promise<FeatureCollection<Geometry | null>>>();

export function loadGeoJson(source: { url?: string; geojson?: unknown }, url = source.url): Promise<FeatureCollection<Geometry | null>> {
  if (source.geojson) return Promise.resolve().then(() => asFeatureCollection(source.geojson));
  if (!url) return Promise.reject(new Error("图层既没有 url 也没有 geojson / layer has neither url nor geojson"));
  let pending = cache.get(url);
  if (!pending) {
    pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        return asFeatureCollection(await response.json(), url);
      });
    pending.catch(() => cache.delete(url)); // let a later attempt retry
    cache.set(url, pending);
  }
  return pending;
}
