// Map styles for the overlay layers land clerks know by colour: 永久基本农田 yellow, 生态保护红线 red,
// 城镇开发边界 purple. Unknown layers get a neutral blue; a layer's own `color` wins.
import type { PathOptions } from "leaflet";

const KNOWN: Record<string, PathOptions> = {
  "basic-farmland": { color: "#b8860b", fillColor: "#f4d03f", fillOpacity: 0.35, weight: 1.5 },
  "ecological-redline": { color: "#c0392b", fillColor: "#e74c3c", fillOpacity: 0.25, weight: 2 },
  "urban-boundary": { color: "#7d3c98", fillOpacity: 0.05, weight: 2, dashArray: "6 4" },
  "region-boundary": { color: "#34495e", fill: false, weight: 2, dashArray: "2 6" },
};

export function overlayStyle(name: string, color?: string): PathOptions {
  const base = KNOWN[name] ?? { color: "#2e86c1", fillColor: "#5dade2", fillOpacity: 0.2, weight: 1.5 };
  return color ? { ...base, color, fillColor: color } : { ...base };
}

export const PARCEL_STYLE: PathOptions = { color: "#1e8449", fillColor: "#2ecc71", fillOpacity: 0.25, weight: 2.5 };
export const OVERLAP_STYLE: PathOptions = { color: "#e67e22", fillColor: "#e67e22", fillOpacity: 0.6, weight: 1, dashArray: "3 3" };
