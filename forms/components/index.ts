// Browser-only: registers Jintu's custom Form.io components once. Usage:
//   import { Formio } from "@formio/js";
//   import { registerJintuComponents } from "../forms/components/index";
//   registerJintuComponents(Formio);
// The app also imports "leaflet/dist/leaflet.css" and "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css".
import { PARCEL_MAP, POINT_PICKER, REGION_SELECT } from "../schema";
import type { FormioFieldClass, FormioLike } from "./formioTypes";
import { createParcelMapComponent } from "./ParcelMapComponent";
import { createPointPickerComponent } from "./PointPickerComponent";
import { createRegionSelectComponent } from "./RegionSelectComponent";

const registered = new WeakSet<object>();

/** Registers parcelMap, pointPicker and regionSelect with this Formio; repeated calls do nothing. */
export function registerJintuComponents(Formio: FormioLike): void {
  if (registered.has(Formio)) return;
  registered.add(Formio);
  const Field = Formio.Components.components.field as FormioFieldClass;
  Formio.Components.addComponent(PARCEL_MAP, createParcelMapComponent(Field));
  Formio.Components.addComponent(POINT_PICKER, createPointPickerComponent(Field));
  Formio.Components.addComponent(REGION_SELECT, createRegionSelectComponent(Field));
}

/** A builder sidebar group listing Jintu's components, for `new FormBuilder(el, form, { builder: { jintu: JINTU_BUILDER_GROUP } })`. */
export const JINTU_BUILDER_GROUP = {
  title: "金土 GIS",
  weight: 15,
  components: { [PARCEL_MAP]: true, [POINT_PICKER]: true, [REGION_SELECT]: true },
};

export { PARCEL_MAP, POINT_PICKER, REGION_SELECT };
