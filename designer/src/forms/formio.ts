// Loads Form.io on demand (it is ~1.7 MB) after ace, and registers Jintu's custom components
// (parcelMap, pointPicker, regionSelect) from forms/ when that folder provides them.
import "./aceSetup";
import "@formio/js/dist/formio.full.min.css";
import { Formio, Components } from "@formio/js";

// import.meta.glob yields an empty map when the file does not exist, so the designer builds and runs
// before forms/components is written and picks the components up as soon as it is.
const jintuComponents = import.meta.glob<{ registerJintuComponents?: (formio: unknown) => void }>("../../../forms/components/index.ts");

export const JINTU_COMPONENT_TYPES = ["parcelMap", "pointPicker", "regionSelect"];

let ready: Promise<{ customComponents: boolean }> | null = null;

export function loadFormio(): Promise<{ customComponents: boolean }> {
  ready ??= (async () => {
    const loader = Object.values(jintuComponents)[0];
    if (!loader) return { customComponents: false };
    const module = await loader();
    module.registerJintuComponents?.(Formio);
    const registered = (Components as any).components ?? {};
    return { customComponents: JINTU_COMPONENT_TYPES.every((type) => type in registered) };
  })();
  return ready;
}

export { Formio };
