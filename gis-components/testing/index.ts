// Test-support surface of gis-components (Node only): parcels of known size, the WGS84 cell-area formula,
// and writers for .shp files and zips. Tests in other folders import this, never fixtures.ts directly.
export * from "./fixtures";
