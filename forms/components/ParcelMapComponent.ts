// parcelMap: draw / edit / import a parcel (用地范围), see its area in 平方米 / 亩 / 公顷 and its overlap with
// each overlay layer (永久基本农田, 生态保护红线, …). Value: a GeoJSON FeatureCollection of Polygons, or null.
import type { FeatureCollection, Geometry, Polygon } from "geojson";
import { formatArea, GeometryImportError, IMPORTABLE_EXTENSIONS, importGeometryFile, overlapWithLayer } from "../../gis-components/index";
import { ParcelMap } from "../../gis-components/leaflet/index";
import { PARCEL_MAP, type OverlayLayerSetting, type ParcelMapSettings } from "../schema";
import { checkParcelMapValue, isEmptyParcel, OVERLAP_NOISE_SQUARE_METRES, type ParcelCheckResult } from "../validation/parcelMap";
import { parcelMapEditForm } from "./editForms";
import { withJintuErrors } from "./formioErrors";
import type { FormioFieldClass } from "./formioTypes";
import { escapeHtml, languageOf, say } from "./i18n";
import { loadGeoJson } from "./geojsonSource";

type Loaded = FeatureCollection<Geometry | null> | null;

export function createParcelMapComponent(Field: FormioFieldClass) {
  return class ParcelMapComponent extends Field {
    static override schema(...extend: unknown[]) {
      return Field.schema(
        { type: PARCEL_MAP, label: "用地范围", key: "parcel", input: true, overlayLayers: [], mapHeight: 420, allowImport: true },
        ...extend,
      );
    }

    static get builderInfo() {
      return { title: "地块图 Parcel map", group: "advanced", icon: "map", weight: 70, schema: ParcelMapComponent.schema() };
    }

    static override editForm = parcelMapEditForm(Field);

    private parcelMap?: ParcelMap;
    private currentValue: FeatureCollection<Polygon> | null = null;
    private readonly layers = new Map<string, Loaded>();
    private regionBoundary?: Loaded;
    private regionBoundaryUrl?: string;
    private lastCheck?: ParcelCheckResult;

    get defaultSchema() {
      return ParcelMapComponent.schema();
    }

    get emptyValue() {
      return null;
    }

    private get settings(): ParcelMapSettings {
      return this.component as ParcelMapSettings;
    }

    private get language() {
      return languageOf(this.options);
    }

    override render(): string {
      const t = (zh: string, en: string) => say(this.language, zh, en);
      const height = Number(this.settings.mapHeight) || 420;
      // Disabled (a read-only task view, a field shown from the case, a disabled panel): no way to change the
      // parcel — neither import/clear here nor geoman's drawing toolbar (attach) — only the map and figures.
      const importControl =
        this.settings.allowImport !== false && !this.disabled
          ? `<label class="btn btn-sm btn-outline-secondary mb-0">${t("导入 GeoJSON / Shapefile(zip) / WKT", "Import GeoJSON / zipped shapefile / WKT")}
               <input ref="jintuImport" type="file" class="d-none" accept="${IMPORTABLE_EXTENSIONS.join(",")}"></label>
             <button ref="jintuClear" type="button" class="btn btn-sm btn-outline-danger">${t("清除地块", "Clear parcel")}</button>`
          : "";
      return super.render(`
        <div class="jintu-parcel-map" ref="jintuRoot">
          <div class="d-flex gap-2 align-items-center mb-2 flex-wrap">${importControl}
            ${this.disabled ? "" : `<span class="text-muted small">${t("用左侧工具绘制多边形,单击第一个点闭合", "Draw with the tools on the left; click the first point to close the polygon")}</span>`}
          </div>
          <div ref="jintuImportError" class="alert alert-danger py-1 px-2 small d-none" role="alert"></div>
          <div ref="jintuMap" class="jintu-map border rounded" style="height:${height}px"></div>
          <div ref="jintuArea" class="jintu-area mt-2 fw-semibold" data-testid="parcel-area"></div>
          <div ref="jintuOverlaps" class="jintu-overlaps"></div>
        </div>`);
    }

    override attach(element: HTMLElement) {
      this.loadRefs(element, { jintuRoot: "single", jintuMap: "single", jintuImport: "single", jintuClear: "single", jintuImportError: "single", jintuArea: "single", jintuOverlaps: "single" });
      const attached = super.attach(element);
      this.parcelMap?.destroy();
      this.parcelMap = new ParcelMap(this.refs.jintuMap, {
        tileUrl: this.settings.tileUrl || undefined,
        tileAttribution: this.settings.tileAttribution,
        center: this.settings.center,
        zoom: this.settings.zoom,
        editable: !this.disabled,
        language: this.language,
        onChange: (parcel) => this.onMapChange(parcel),
      });
      this.currentValue = (this.dataValue as FeatureCollection<Polygon> | null) ?? null;
      this.parcelMap.setParcel(this.currentValue, { fit: true });
      if (this.refs.jintuImport) this.addEventListener(this.refs.jintuImport, "change", (event) => void this.onImport(event));
      if (this.refs.jintuClear) this.addEventListener(this.refs.jintuClear, "click", () => this.onMapChange({ type: "FeatureCollection", features: [] }, true));
      this.loadLayers();
      this.refreshFigures();
      return attached;
    }

    override detach() {
      this.parcelMap?.destroy();
      this.parcelMap = undefined;
      super.detach();
    }

    override getValue() {
      return this.currentValue;
    }

    override setValue(value: unknown, flags: Record<string, unknown> = {}) {
      this.currentValue = isEmptyParcel(value) ? null : (value as FeatureCollection<Polygon>);
      const changed = super.setValue(this.currentValue, flags);
      if (!flags.fromMap && this.parcelMap && !this.parcelMap.isDestroyed) this.parcelMap.setParcel(this.currentValue, { fit: true });
      this.refreshFigures();
      return changed;
    }

    override validateComponent(data?: unknown, row?: unknown, flags: Record<string, unknown> = {}) {
      return withJintuErrors(this, super.validateComponent(data, row, flags), () => this.check().errors);
    }

    private onMapChange(parcel: FeatureCollection<Polygon>, redraw = false) {
      this.hideImportError();
      const value = parcel.features.length ? parcel : null;
      this.setValue(value, { modified: true, fromMap: !redraw });
    }

    private async onImport(event: Event) {
      const input = event.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = "";
      if (!file) return;
      try {
        const parcel = await importGeometryFile(file.name, await file.arrayBuffer());
        this.hideImportError();
        this.setValue(parcel, { modified: true });
      } catch (error) {
        const text = error instanceof GeometryImportError ? say(this.language, error.zh, error.en) : String(error);
        this.refs.jintuImportError.textContent = text;
        this.refs.jintuImportError.classList.remove("d-none");
      }
    }

    private hideImportError() {
      this.refs.jintuImportError?.classList.add("d-none");
    }

    private loadLayers() {
      for (const layer of this.settings.overlayLayers ?? []) {
        if (this.layers.has(layer.name)) {
          this.showLayer(layer, this.layers.get(layer.name)!);
          continue;
        }
        loadGeoJson(layer)
          .then((geojson) => this.onLayerLoaded(layer, geojson))
          .catch((error) => {
            console.warn(`Jintu parcelMap: layer ${layer.name} unavailable`, error);
            this.onLayerLoaded(layer, null);
          });
      }
    }

    private onLayerLoaded(layer: OverlayLayerSetting, geojson: Loaded) {
      this.layers.set(layer.name, geojson);
      this.showLayer(layer, geojson);
      this.refreshFigures();
      if (!this.pristine) this.checkComponentValidity(null, true, null);
    }

    private showLayer(layer: OverlayLayerSetting, geojson: Loaded) {
      if (!geojson || !this.parcelMap || this.parcelMap.isDestroyed) return;
      this.parcelMap.setOverlay({ name: layer.name, label: say(this.language, layer.label, layer.labelEn ?? layer.label), geojson, color: layer.color });
      // Without a configured view, show the layers; a configured center/zoom is left alone.
      if (!this.currentValue && !this.settings.center) this.parcelMap.fitTo([]);
    }

    /** Loads the region boundary for the current region code (from regionField) when it changes. */
    private ensureRegionBoundary() {
      const boundary = this.settings.regionBoundary;
      if (!boundary || (!boundary.url && !boundary.geojson)) return;
      const field = boundary.regionField;
      const code = field ? String(this.data?.[field] ?? this.root?.data?.[field] ?? "") : "";
      if (boundary.url?.includes("{regionCode}") && !code) {
        this.regionBoundary = undefined;
        this.regionBoundaryUrl = undefined;
        return;
      }
      const url = boundary.url?.replace("{regionCode}", encodeURIComponent(code)) ?? "inline";
      if (url === this.regionBoundaryUrl) return;
      this.regionBoundaryUrl = url;
      this.regionBoundary = undefined;
      loadGeoJson(boundary, boundary.url ? url : undefined)
        .then((geojson) => geojson, () => null)
        .then((geojson) => {
          if (this.regionBoundaryUrl !== url) return;
          this.regionBoundary = geojson;
          if (geojson && this.parcelMap && !this.parcelMap.isDestroyed) this.parcelMap.setOverlay({ name: "region-boundary", label: boundary.label ?? say(this.language, "辖区边界", "Region boundary"), geojson });
          this.refreshFigures();
          if (!this.pristine) this.checkComponentValidity(null, true, null);
        });
    }

    private check(): ParcelCheckResult {
      this.ensureRegionBoundary();
      // A boundary still loading counts as "not configured" here; the server check always has it.
      const regionBoundary = this.regionBoundaryUrl && this.regionBoundary !== undefined ? this.regionBoundary : undefined;
      this.lastCheck = checkParcelMapValue(this.currentValue, this.settings, { layers: this.layers, regionBoundary, regionLabel: this.settings.regionBoundary?.label });
      return this.lastCheck;
    }

    private refreshFigures() {
      if (!this.refs.jintuArea) return;
      const language = this.language;
      const t = (zh: string, en: string) => say(language, zh, en);
      const result = this.check();
      const intersections: ReturnType<typeof overlapWithLayer>["intersection"][] = [];
      if (!result.figures) {
        this.refs.jintuArea.textContent = this.currentValue ? t("地块几何无效,无法计算面积", "The parcel geometry is invalid; no area") : t("尚未绘制地块", "No parcel drawn yet");
        this.refs.jintuOverlaps.innerHTML = "";
      } else {
        this.refs.jintuArea.textContent = `${t("面积:", "Area: ")}${formatArea(result.figures.area, language)}`;
        const rows = result.figures.overlaps.map((overlap) => {
          const layer = (this.settings.overlayLayers ?? []).find((l) => l.name === overlap.name);
          const label = escapeHtml(say(language, overlap.label, layer?.labelEn ?? overlap.label));
          const hit = overlap.overlap.squareMetres > OVERLAP_NOISE_SQUARE_METRES;
          if (hit) intersections.push(overlapWithLayer(this.currentValue, this.layers.get(overlap.name)).intersection);
          const text = hit
            ? `⚠ ${t(`与${label}重叠:`, `Overlaps ${label}: `)}${formatArea(overlap.overlap, language)}${t("(", " (")}${(overlap.share * 100).toFixed(1)}%${t(")", ")")}`
            : `${t(`与${label}无重叠`, `No overlap with ${label}`)}`;
          const css = hit ? (layer?.onOverlap === "error" ? "alert alert-danger" : "alert alert-warning") : "text-success small";
          return `<div class="${css} py-1 px-2 mb-1" data-layer="${escapeHtml(overlap.name)}" data-overlap-m2="${overlap.overlap.squareMetres}">${text}</div>`;
        });
        const unavailable = result.warnings.concat(result.errors).filter((m) => m.code === "layer-unavailable").map((m) => `<div class="alert alert-secondary py-1 px-2 mb-1">${escapeHtml(say(language, m.zh, m.en))}</div>`);
        this.refs.jintuOverlaps.innerHTML = rows.concat(unavailable).join("");
      }
      if (this.parcelMap && !this.parcelMap.isDestroyed) this.parcelMap.showOverlaps(intersections);
    }
  };
}
