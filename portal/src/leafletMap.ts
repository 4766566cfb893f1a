// Leaflet (loaded on demand) for the map of cases: GeoJSON only, no tile layer (no internet); each feature
// coloured by its case's status, with a tooltip and a click that opens the case.
import "leaflet/dist/leaflet.css";
import L from "leaflet";

export function showCases(container: HTMLElement, features: { geometry: unknown; properties: { processInstanceId: string; businessKey: string | null; status: string; flowName: string | null } }[],
  colors: Record<string, string>, open: (processInstanceId: string) => void): L.Map {
  const map = L.map(container, { attributionControl: false, zoomControl: true }).setView([30.25, 120.15], 9);
  L.control.scale({ imperial: false }).addTo(map);
  const layer = L.geoJSON({ type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", geometry: f.geometry, properties: f.properties })) } as never, {
    style: (feature) => ({ color: colors[feature?.properties.status] ?? "#333", weight: 2, fillOpacity: 0.35 }),
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, { radius: 8, color: colors[feature.properties.status] ?? "#333", fillOpacity: 0.7 }),
    onEachFeature: (feature, l) => {
      l.bindTooltip(`${feature.properties.businessKey ?? ""} ${feature.properties.flowName ?? ""}`);
      l.on("click", () => open(feature.properties.processInstanceId));
    },
  }).addTo(map);
  (container as HTMLElement & { jintuCases?: L.GeoJSON }).jintuCases = layer;
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });
  // the card may be laid out after the map was created
  const observer = new ResizeObserver(() => { if ((map as any)._loaded) map.invalidateSize(); });
  observer.observe(container);
  map.on("unload", () => observer.disconnect());
  return map;
}
