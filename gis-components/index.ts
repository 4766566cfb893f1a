// Public surface of gis-components that runs in Node and in the browser: geometry, importers, regions.
// Leaflet widgets are browser-only and live behind gis-components/leaflet/index.ts.
export {
  SQUARE_METRES_PER_MU,
  SQUARE_METRES_PER_HECTARE,
  type AreaFigures,
  areaFigures,
  formatArea,
  squareMetresToMu,
  squareMetresToHectares,
  hectaresToMu,
  muToHectares,
  exceedsHectares,
  THRESHOLD_TOLERANCE_SQUARE_METRES,
} from "./geometry/units";
export { ellipsoidalArea, polygonArea, ringArea, EDGE_STEP_DEGREES } from "./geometry/ellipsoidalArea";
export { type PolygonCollection, type AreaGeometryInput, polygonFeatures, toPolygonCollection } from "./geometry/collections";
export {
  type OverlapResult,
  type InsideRegionResult,
  dissolve,
  parcelArea,
  overlapWithLayer,
  insideRegion,
  parcelCentroid,
  bufferGeometry,
} from "./geometry/measures";
export { type GeometryIssue, type GeometryIssueCode, validateParcelGeometry, describeIssue } from "./geometry/validity";
export { GeometryImportError, type GeometryImportErrorCode } from "./import/GeometryImportError";
export { importGeoJsonText, asFeatureCollection } from "./import/geojson";
export { importWkt } from "./import/wkt";
export { importShapefileZip } from "./import/shapefile";
export { importGeometryFile, IMPORTABLE_EXTENSIONS } from "./import/importGeometryFile";
export * from "./regions/index";
