// Loads Form.io on demand (it is ~1.7 MB) after ace, flatpickr and the
// time-zone data (all would come from a CDN otherwise),
// and registers Jintu's custom components (parcelMap, pointPicker, regionSelect) from forms/components
// when that folder provides them.
import "./aceSetup";
import "./flatpickrSetup";
import "./timezoneSetup";
import "@formio/js/dist/formio.full.min.css";
import "leaflet/dist/leaflet.css";
import "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import { Formio, Components } from "@formio/js";

interface JintuComponentsModule {
  registerJintuComponents?: (formio: unknown) => void;
  JINTU_BUILDER_GROUP?: { title: string; weight: number; components: Record<string, boolean> };
}

// import.meta.glob yields an empty map when the file does not exist, so the designer still builds and
// runs without forms/components (the builder then offers Form.io's standard components only).
const jintuComponents = import.meta.glob<JintuComponentsModule>("../../../forms/components/index.ts");

export const JINTU_COMPONENT_TYPES = ["parcelMap", "pointPicker", "regionSelect"];

export interface FormioSetup {
  customComponents: boolean;
  /** The builder sidebar group for Jintu's components, when they are registered. */
  builderGroup?: { title: string; weight: number; components: Record<string, boolean> };
}

let ready: Promise<FormioSetup> | null = null;

export function loadFormio(): Promise<FormioSetup> {
  ready ??= (async () => {
    const loader = Object.values(jintuComponents)[0];
    if (!loader) return { customComponents: false };
    const module = await loader();
    module.registerJintuComponents?.(Formio);
    const registered = (Components as any).components ?? {};
    const customComponents = JINTU_COMPONENT_TYPES.every((type) => type in registered);
    const builderGroup = module.JINTU_BUILDER_GROUP
      ?? { title: "金土 GIS", weight: 15, components: Object.fromEntries(JINTU_COMPONENT_TYPES.map((type) => [type, true])) };
    return customComponents ? { customComponents, builderGroup } : { customComponents };
  })();
  return ready;
}

export { Formio };
