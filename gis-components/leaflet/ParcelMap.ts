// The parcel map: draw, edit, drag, cut and delete polygons (geoman), overlay layers from GeoJSON, the
// overlap with each layer highlighted. It knows nothing about Form.io; the parcelMap form component wraps it.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import L from "./leafletGlobal";
// After leafletGlobal: geoman patches window.L, which must be the Leaflet imported above.
import "@geoman-io/leaflet-geoman-free";
import { polygonFeatures } from "../geometry/collections";
import { BaseMap, type BaseMapOptions } from "./baseMap";
import { OVERLAP_STYLE, PARCEL_STYLE } from "./overlayStyles";

export interface ParcelMapOptions extends BaseMapOptions {
  /** false shows the parcel read-only (e.g. for a reviewing clerk). Default true. */
  editable?: boolean;
  language?: "zh" | "en";
  /** Called after every draw, edit, drag, cut or delete with the whole parcel. */
  onChange?: (parcel: FeatureCollection<Polygon>) => void;
}

/** Coordinates keep 8 decimals (about 1 mm): the submitted value is what gets measured, on both sides. */
const COORDINATE_PRECISION = 8;

export class ParcelMap extends BaseMap {
  private readonly parcelGroup: L.FeatureGroup;
  private readonly overlapGroup: L.FeatureGroup;
  private readonly onChange?: (parcel: FeatureCollection<Polygon>) => void;

  constructor(container: HTMLElement, options: ParcelMapOptions = {}) {
    super(container, options);
    this.onChange = options.onChange;
    this.overlapGroup = L.featureGroup().addTo(this.map);
    this.parcelGroup = L.featureGroup().addTo(this.map);
    if (options.editable !== false) this.enableEditing(options.language ?? "zh");
  }

  private enableEditing(language: "zh" | "en"): void {
    const pm = this.map.pm;
    pm.setLang(language);
    pm.setGlobalOptions({ layerGroup: this.parcelGroup, pathOptions: PARCEL_STYLE, snappable: true, allowSelfIntersection: false });
    pm.addControls({
      position: "topleft",
      drawMarker: false,
      drawCircleMarker: false,
      drawPolyline: false,
      drawCircle: false,
      drawText: false,
      drawRectangle: true,
      drawPolygon: true,
      editMode: true,
      dragMode: true,
      cutPolygon: true,
      removalMode: true,
      rotateMode: false,
    });
    this.map.on("pm:create", (event) => {
      this.watchLayer(event.layer);
      this.emit();
    });
    this.map.on("pm:remove", () => this.emit());
    this.map.on("pm:cut", () => this.emit());
  }

  private watchLayer(layer: L.Layer): void {
    layer.on("pm:edit pm:dragend pm:rotateend", () => this.emit());
  }

  private emit(): void {
    this.onChange?.(this.getParcel());
  }

  /** The drawn parcel as a FeatureCollection of Polygons (MultiPolygons from cuts are split). */
  getParcel(): FeatureCollection<Polygon> {
    const collection = this.parcelGroup.toGeoJSON(COORDINATE_PRECISION) as FeatureCollection<Geometry | null>;
    const features = polygonFeatures(collection).map((feature) => ({ ...feature, properties: {} }));
    return { type: "FeatureCollection", features };
  }

  /** Replaces the drawn parcel (e.g. with the form's saved value or an imported file). Does not call onChange. */
  setParcel(parcel: FeatureCollection<Polygon> | null, options: { fit?: boolean } = {}): void {
    this.parcelGroup.clearLayers();
    for (const feature of polygonFeatures(parcel)) {
      const polygon = L.polygon(L.GeoJSON.coordsToLatLngs(feature.geometry.coordinates, 1) as L.LatLng[][], { ...PARCEL_STYLE });
      this.parcelGroup.addLayer(polygon);
      this.watchLayer(polygon);
    }
    if (options.fit && this.parcelGroup.getLayers().length) this.fitTo([this.parcelGroup]);
  }

  /** Draws the parts of the parcel that lie on a protected layer, in orange hatching. */
  showOverlaps(intersections: (Feature<Polygon | MultiPolygon> | null)[]): void {
    this.overlapGroup.clearLayers();
    for (const intersection of intersections) {
      if (intersection) L.geoJSON(intersection, { style: () => OVERLAP_STYLE, pmIgnore: true, interactive: false } as L.GeoJSONOptions).addTo(this.overlapGroup);
    }
    // Above the overlays, below the parcel outline the clerk edits.
    this.overlapGroup.bringToFront();
    this.parcelGroup.bringToFront();
  }

  fitToParcel(): void {
    this.fitTo(this.parcelGroup.getLayers().length ? [this.parcelGroup] : []);
  }
}
