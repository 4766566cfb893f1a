// A map for picking one point (e.g. a landslide site, 地质灾害点) with an optional radius circle.
// Click the map to place the point, drag the marker to move it.
import L from "./leafletGlobal";
import { BaseMap, type BaseMapOptions } from "./baseMap";

export interface PointMapOptions extends BaseMapOptions {
  editable?: boolean;
  /** Called with [lon, lat] after a click or a drag. */
  onPick?: (lonLat: [number, number]) => void;
}

export class PointMap extends BaseMap {
  private marker?: L.Marker;
  private circle?: L.Circle;
  private readonly editable: boolean;
  private readonly onPick?: (lonLat: [number, number]) => void;

  constructor(container: HTMLElement, options: PointMapOptions = {}) {
    super(container, options);
    this.editable = options.editable !== false;
    this.onPick = options.onPick;
    if (this.editable) {
      this.map.on("click", (event: L.LeafletMouseEvent) => this.onPick?.([event.latlng.lng, event.latlng.lat]));
    }
  }

  /** Shows the point (or clears it with null) and its radius circle in metres (none when 0 or absent). */
  setPoint(lonLat: [number, number] | null, radiusMetres?: number): void {
    if (!lonLat) {
      this.marker?.remove();
      this.circle?.remove();
      this.marker = undefined;
      this.circle = undefined;
      return;
    }
    const latLng = L.latLng(lonLat[1], lonLat[0]);
    if (!this.marker) {
      this.marker = L.marker(latLng, { draggable: this.editable }).addTo(this.map);
      this.marker.on("dragend", () => {
        const position = this.marker!.getLatLng();
        this.onPick?.([position.lng, position.lat]);
      });
    } else {
      this.marker.setLatLng(latLng);
    }
    if (radiusMetres && radiusMetres > 0) {
      if (!this.circle) this.circle = L.circle(latLng, { radius: radiusMetres, color: "#c0392b", weight: 2, fillOpacity: 0.15 }).addTo(this.map);
      else this.circle.setLatLng(latLng).setRadius(radiusMetres);
    } else {
      this.circle?.remove();
      this.circle = undefined;
    }
  }
}
