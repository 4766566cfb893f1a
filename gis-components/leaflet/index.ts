// Browser-only public surface of gis-components: Leaflet widgets. Import Leaflet's and geoman's CSS in the
// app: "leaflet/dist/leaflet.css" and "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css".
export { default as L } from "./leafletGlobal";
export { BaseMap, DEFAULT_CENTER, DEFAULT_ZOOM, type BaseMapOptions, type OverlayLayerSpec } from "./baseMap";
export { ParcelMap, type ParcelMapOptions } from "./ParcelMap";
export { PointMap, type PointMapOptions } from "./PointMap";
export { overlayStyle, PARCEL_STYLE, OVERLAP_STYLE } from "./overlayStyles";
export { installInlineMarkerIcons } from "./markerIcons";
