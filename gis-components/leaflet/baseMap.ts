// What every Jintu map shares: no internet tiles unless the deployer configures a tile URL, overlay
// layers from GeoJSON, and a ResizeObserver that fixes the size of maps created in hidden containers
// (Form.io's builder preview, tabs, wizards).
import type { FeatureCollection, Geometry } from "geojson";
import L from "./leafletGlobal";
import { installInlineMarkerIcons } from "./markerIcons";
import { overlayStyle } from "./overlayStyles";

export interface OverlayLayerSpec {
  /** Machine name, e.g. "basic-farmland"; picks the default style. */
  name: string;
  /** Shown in the layer switcher and legend, e.g. "永久基本农田". */
  label: string;
  geojson: FeatureCollection<Geometry | null>;
  color?: string;
}

export interface BaseMapOptions {
  /** e.g. a deployer's own tile server "https://tiles.example.gov.cn/{z}/{x}/{y}.png"; none by default. */
  tileUrl?: string;
  tileAttribution?: string;
  /** [lat, lon]; defaults to Hangzhou. */
  center?: [number, number];
  zoom?: number;
  overlays?: OverlayLayerSpec[];
}

export const DEFAULT_CENTER: [number, number] = [30.25, 120.1];
export const DEFAULT_ZOOM = 12;

export class BaseMap {
  readonly map: L.Map;
  protected readonly overlayGroups = new Map<string, L.GeoJSON>();
  private layerControl?: L.Control.Layers;
  private readonly resizeObserver?: ResizeObserver;
  private destroyed = false;

  constructor(readonly container: HTMLElement, options: BaseMapOptions = {}) {
    installInlineMarkerIcons();
    // A handle for browser tests and devtools: document.querySelector(…).jintuMap.map is the Leaflet map.
    (container as HTMLElement & { jintuMap?: BaseMap }).jintuMap = this;
    this.map = L.map(container, {
      center: options.center ?? DEFAULT_CENTER,
      zoom: options.zoom ?? DEFAULT_ZOOM,
      attributionControl: true,
    });
    this.map.attributionControl.setPrefix("Leaflet");
    if (options.tileUrl) {
      L.tileLayer(options.tileUrl, { attribution: options.tileAttribution ?? "", maxZoom: 19 }).addTo(this.map);
    }
    L.control.scale({ imperial: false }).addTo(this.map);
    for (const overlay of options.overlays ?? []) this.setOverlay(overlay);
    if (typeof ResizeObserver !== "undefined") {
      this.resizeObserver = new ResizeObserver(() => {
        // Form.io may have torn the map down already (redraw/detach) when the observer fires.
        if (!this.destroyed && this.container.isConnected) this.map.invalidateSize();
      });
      this.resizeObserver.observe(container);
    }
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Adds or replaces an overlay layer. Overlays are never editable (pmIgnore) and sit below the parcel. */
  setOverlay(spec: OverlayLayerSpec): void {
    this.removeOverlay(spec.name);
    const style = overlayStyle(spec.name, spec.color);
    const layer = L.geoJSON(spec.geojson, {
      style: () => style,
      pmIgnore: true,
      interactive: true,
      onEachFeature: (feature, featureLayer) => {
        (featureLayer.options as { pmIgnore?: boolean }).pmIgnore = true;
        const name = feature.properties?.name ?? feature.properties?.id;
        featureLayer.bindTooltip(name ? `${spec.label}:${String(name)}` : spec.label, { sticky: true });
      },
    } as L.GeoJSONOptions);
    layer.addTo(this.map);
    layer.bringToBack();
    this.overlayGroups.set(spec.name, layer);
    const swatch = `<span style="display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid ${style.color};background:${style.fillColor ?? "transparent"}"></span>`;
    // The layer switcher appears with the first overlay (an empty one would show as a blank box).
    this.layerControl ??= L.control.layers(undefined, undefined, { collapsed: false }).addTo(this.map);
    this.layerControl.addOverlay(layer, `${swatch}${spec.label}`);
  }

  removeOverlay(name: string): void {
    const existing = this.overlayGroups.get(name);
    if (!existing) return;
    this.layerControl?.removeLayer(existing);
    existing.remove();
    this.overlayGroups.delete(name);
  }

  /** Zooms to the given layers, or to all overlays when none are given. */
  fitTo(layers: L.Layer[], maxZoom = 16): void {
    const group = L.featureGroup(layers.length ? layers : [...this.overlayGroups.values()]);
    const bounds = group.getBounds();
    if (bounds.isValid()) this.map.fitBounds(bounds, { padding: [16, 16], maxZoom });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.resizeObserver?.disconnect();
    this.map.remove();
  }
}
