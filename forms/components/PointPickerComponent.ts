// pointPicker: a site such as a landslide (地质灾害点), picked on the map or typed as lon/lat, with an
// optional radius in metres. Value: GeoJSON Feature<Point> with properties.radius, or null.
import type { Feature, Point } from "geojson";
import { PointMap } from "../../gis-components/leaflet/index";
import { POINT_PICKER, type PointPickerSettings } from "../schema";
import { checkPointPickerValue, isEmptyPoint } from "../validation/pointPicker";
import { pointPickerEditForm } from "./editForms";
import { withJintuErrors } from "./formioErrors";
import type { FormioFieldClass } from "./formioTypes";
import { languageOf, say } from "./i18n";
import { loadGeoJson } from "./geojsonSource";

type PointValue = Feature<Point, { radius?: number }>;

export function createPointPickerComponent(Field: FormioFieldClass) {
  return class PointPickerComponent extends Field {
    static override schema(...extend: unknown[]) {
      return Field.schema({ type: POINT_PICKER, label: "位置", key: "site", input: true, radiusEnabled: true, mapHeight: 320 }, ...extend);
    }

    static get builderInfo() {
      return { title: "位置点 Point picker", group: "advanced", icon: "map-marker", weight: 71, schema: PointPickerComponent.schema() };
    }

    static override editForm = pointPickerEditForm(Field);

    private pointMap?: PointMap;
    private currentValue: PointValue | null = null;

    get defaultSchema() {
      return PointPickerComponent.schema();
    }

    get emptyValue() {
      return null;
    }

    private get settings(): PointPickerSettings {
      return this.component as PointPickerSettings;
    }

    override render(): string {
      const t = (zh: string, en: string) => say(languageOf(this.options), zh, en);
      const height = Number(this.settings.mapHeight) || 320;
      // Disabled (read-only task view, a field shown from the case): the map takes no click and the inputs no typing.
      const disabled = this.disabled ? " disabled" : "";
      const radius = this.settings.radiusEnabled !== false
        ? `<div class="col"><label class="form-label small">${t("半径(米)", "Radius (m)")}</label><input ref="jintuRadius" type="number" min="0" step="1" class="form-control form-control-sm"${disabled}></div>`
        : "";
      return super.render(`
        <div class="jintu-point-picker">
          <div ref="jintuMap" class="jintu-map border rounded mb-2" style="height:${height}px"></div>
          <div class="row g-2">
            <div class="col"><label class="form-label small">${t("经度", "Longitude")}</label><input ref="jintuLon" type="number" step="0.000001" class="form-control form-control-sm"${disabled}></div>
            <div class="col"><label class="form-label small">${t("纬度", "Latitude")}</label><input ref="jintuLat" type="number" step="0.000001" class="form-control form-control-sm"${disabled}></div>
            ${radius}
          </div>
        </div>`);
    }

    override attach(element: HTMLElement) {
      this.loadRefs(element, { jintuMap: "single", jintuLon: "single", jintuLat: "single", jintuRadius: "single" });
      const attached = super.attach(element);
      this.pointMap?.destroy();
      this.pointMap = new PointMap(this.refs.jintuMap, {
        tileUrl: this.settings.tileUrl || undefined,
        tileAttribution: this.settings.tileAttribution,
        center: this.settings.center,
        zoom: this.settings.zoom,
        editable: !this.disabled,
        onPick: ([lon, lat]) => this.update(lon, lat, this.radius()),
      });
      for (const layer of this.settings.overlayLayers ?? []) {
        loadGeoJson(layer)
          .then((geojson) => this.pointMap && !this.pointMap.isDestroyed && this.pointMap.setOverlay({ name: layer.name, label: layer.label, geojson, color: layer.color }))
          .catch((error) => console.warn(`Jintu pointPicker: layer ${layer.name} unavailable`, error));
      }
      for (const ref of ["jintuLon", "jintuLat", "jintuRadius"]) {
        if (this.refs[ref]) this.addEventListener(this.refs[ref], "change", () => this.onInputs());
      }
      this.currentValue = (this.dataValue as PointValue | null) ?? null;
      this.showValue();
      return attached;
    }

    override detach() {
      this.pointMap?.destroy();
      this.pointMap = undefined;
      super.detach();
    }

    override getValue() {
      return this.currentValue;
    }

    override setValue(value: unknown, flags: Record<string, unknown> = {}) {
      this.currentValue = isEmptyPoint(value) ? null : (value as PointValue);
      const changed = super.setValue(this.currentValue, flags);
      this.showValue();
      return changed;
    }

    override validateComponent(data?: unknown, row?: unknown, flags: Record<string, unknown> = {}) {
      return withJintuErrors(this, super.validateComponent(data, row, flags), () => checkPointPickerValue(this.currentValue, this.settings));
    }

    private radius(): number | undefined {
      const text = this.refs.jintuRadius?.value;
      return text === undefined || text === "" ? undefined : Number(text);
    }

    private onInputs() {
      const lon = this.refs.jintuLon.value;
      const lat = this.refs.jintuLat.value;
      if (lon === "" || lat === "") {
        this.setValue(null, { modified: true });
        return;
      }
      this.update(Number(lon), Number(lat), this.radius());
    }

    private update(lon: number, lat: number, radius: number | undefined) {
      const round = (n: number) => Math.round(n * 1e7) / 1e7; // ~1 cm
      const properties: { radius?: number } = this.settings.radiusEnabled !== false && radius !== undefined ? { radius } : {};
      this.setValue({ type: "Feature", properties, geometry: { type: "Point", coordinates: [round(lon), round(lat)] } }, { modified: true });
    }

    private showValue() {
      if (!this.refs.jintuLon) return;
      const coordinates = this.currentValue?.geometry?.coordinates;
      const radius = this.currentValue?.properties?.radius;
      this.refs.jintuLon.value = coordinates ? String(coordinates[0]) : "";
      this.refs.jintuLat.value = coordinates ? String(coordinates[1]) : "";
      if (this.refs.jintuRadius) this.refs.jintuRadius.value = radius === undefined ? "" : String(radius);
      if (this.pointMap && !this.pointMap.isDestroyed) {
        const valid = coordinates && coordinates.every((n) => Number.isFinite(n));
        this.pointMap.setPoint(valid ? [coordinates[0]!, coordinates[1]!] : null, radius);
      }
    }
  };
}
