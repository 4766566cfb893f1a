// @vitest-environment jsdom
// Form.io components in jsdom: registration, the regionSelect cascade, parcelMap's figures and validation,
// pointPicker's value, and the builder sidebar. The map drawing itself is covered in chromium
// (forms/parcelMap.browser.test.ts).
import { beforeAll, describe, expect, it } from "vitest";

// Form.io's input masks call window.matchMedia, which jsdom lacks.
window.matchMedia ??= ((query: string) => ({
  matches: false, media: query, onchange: null,
  addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
})) as unknown as typeof window.matchMedia;
// jsdom has no layout; Leaflet only needs these to exist.
globalThis.ResizeObserver ??= class { observe() {} unobserve() {} disconnect() {} } as unknown as typeof ResizeObserver;

const farmland = {
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: { name: "JBNT" }, geometry: { type: "Polygon", coordinates: [[[120.06, 30.16], [120.09, 30.16], [120.09, 30.18], [120.06, 30.18], [120.06, 30.16]]] } }],
};
const parcel = {
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[120.05, 30.165], [120.07, 30.165], [120.07, 30.175], [120.05, 30.175], [120.05, 30.165]]] } }],
};

let Formio: any;
let gis: typeof import("../../gis-components/index");

beforeAll(async () => {
  ({ Formio } = await import("@formio/js"));
  const { registerJintuComponents } = await import("./index");
  registerJintuComponents(Formio);
  registerJintuComponents(Formio); // a second call is harmless
  gis = await import("../../gis-components/index");
});

async function createForm(components: unknown[], options: Record<string, unknown> = { language: "zh", i18n: { zh: {} } }) {
  const element = document.createElement("div");
  document.body.appendChild(element);
  return Formio.createForm(element, { components }, options);
}

describe("Jintu Form.io components (jsdom)", () => {
  it("registers the three types", () => {
    for (const type of ["parcelMap", "pointPicker", "regionSelect"]) expect(Formio.Components.components[type]).toBeTypeOf("function");
    expect(Formio.Components.components.parcelMap.builderInfo.title).toContain("地块图");
  });

  it("has edit forms with a GIS tab that render", async () => {
    for (const type of ["parcelMap", "pointPicker", "regionSelect"]) {
      const editForm = Formio.Components.components[type].editForm();
      const tabs = editForm.components.find((c: { key: string }) => c.key === "tabs").components;
      expect(tabs.map((t: { key: string }) => t.key)).toContain("gis");
      // The builder passes the form being edited as options.editForm; Form.io's standard tabs read it.
      const form = await createForm(editForm.components, { language: "zh", i18n: { zh: {} }, editForm: { components: [] }, editComponent: { type } });
      expect(form.element.textContent).toContain(type === "regionSelect" ? "至少选到" : "瓦片 URL");
    }
  });

  it("regionSelect cascades province → city → county and stores the 6-digit code", async () => {
    const form = await createForm([{ type: "regionSelect", key: "region", label: "行政区", requiredTier: "county", validate: { required: true } }]);
    const selects = () => [...form.element.querySelectorAll(".jintu-region-select select")] as HTMLSelectElement[];
    expect(selects()).toHaveLength(1);
    const choose = (index: number, value: string) => {
      selects()[index]!.value = value;
      selects()[index]!.dispatchEvent(new Event("change"));
    };
    choose(0, "330000");
    expect(selects()).toHaveLength(2);
    choose(1, "330100");
    choose(2, "330106");
    expect(form.submission.data.region).toBe("330106");
    // 北京 goes straight to its districts; 东莞 has no third level.
    choose(0, "110000");
    expect(selects()[1]!.querySelector("option[value='110101']")?.textContent).toBe("东城区");
    choose(0, "440000");
    choose(1, "441900");
    expect(selects()).toHaveLength(2);
    expect(form.submission.data.region).toBe("441900");
    form.setValue({ data: { region: "429004" } });
    expect(selects().map((s) => s.value)).toEqual(["420000", "429004"]);
    choose(0, "330000");
    expect(await form.checkValidity(null, true)).toBe(false); // 浙江 alone is not a county
    expect(form.errors.map((e: { message: string }) => e.message).join()).toContain("请选择到县级行政区");
  });

  it("parcelMap shows the area and the overlap warning, and reports invalid geometry as a form error", async () => {
    const form = await createForm([
      { type: "parcelMap", key: "parcel", label: "用地范围", validate: { required: true }, overlayLayers: [{ name: "basic-farmland", label: "永久基本农田", geojson: farmland }] },
    ]);
    form.setValue({ data: { parcel } });
    const area = gis.parcelArea(parcel as never);
    const overlap = gis.overlapWithLayer(parcel as never, farmland as never);
    await expect.poll(() => form.element.querySelector("[data-testid='parcel-area']")?.textContent).toBe(`面积:${gis.formatArea(area, "zh")}`);
    await expect.poll(() => form.element.querySelector(".jintu-overlaps [data-layer='basic-farmland']")?.className).toContain("alert-warning");
    expect(form.element.querySelector(".jintu-overlaps")!.textContent).toContain(`(${(overlap.share * 100).toFixed(1)}%)`);
    expect(await form.checkValidity(null, true)).toBe(true);

    form.setValue({ data: { parcel: { type: "FeatureCollection", features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [[[120, 30], [120.01, 30.01], [120.01, 30], [120, 30.01], [120, 30]]] } }] } } });
    expect(await form.checkValidity(null, true)).toBe(false);
    expect(form.errors.map((e: { message: string }) => e.message).join()).toContain("自相交");

    form.setValue({ data: { parcel: null } });
    expect(await form.checkValidity(null, true)).toBe(false);
    expect(form.element.querySelector("[data-testid='parcel-area']")?.textContent).toBe("尚未绘制地块");
  });

  it("switches to English with the form's language", async () => {
    const form = await createForm([{ type: "parcelMap", key: "parcel", label: "Parcel" }], { language: "en" });
    expect(form.element.querySelector("[data-testid='parcel-area']")?.textContent).toBe("No parcel drawn yet");
  });

  it("pointPicker keeps a Feature<Point> with the radius typed in metres", async () => {
    const form = await createForm([{ type: "pointPicker", key: "site", label: "灾害点", maxRadius: 500 }]);
    const input = (ref: string) => form.element.querySelector(`[ref='${ref}']`) as HTMLInputElement;
    input("jintuLon").value = "120.1234567";
    input("jintuLat").value = "30.2";
    input("jintuRadius").value = "800";
    input("jintuRadius").dispatchEvent(new Event("change"));
    expect(form.submission.data.site).toEqual({ type: "Feature", properties: { radius: 800 }, geometry: { type: "Point", coordinates: [120.1234567, 30.2] } });
    expect(await form.checkValidity(null, true)).toBe(false);
    expect(form.errors.map((e: { message: string }) => e.message).join()).toContain("超过上限 500 米");
  });

  it("offers no way to change a disabled parcelMap or pointPicker: no import/clear, no drawing toolbar, no typing", async () => {
    const controls = (element: HTMLElement) => ({
      import: !!element.querySelector("[ref='jintuImport']"), clear: !!element.querySelector("[ref='jintuClear']"),
      toolbar: !!element.querySelector(".jintu-parcel-map .leaflet-pm-toolbar"),
      pointInputs: [...element.querySelectorAll(".jintu-point-picker input")].map((i) => (i as HTMLInputElement).disabled),
    });
    const fields = (extra: Record<string, unknown>) => [
      { type: "parcelMap", key: "parcel", label: "用地范围", ...extra },
      { type: "pointPicker", key: "site", label: "灾害点", ...extra },
    ];
    const editable = await createForm(fields({}));
    editable.setValue({ data: { parcel } });
    expect(controls(editable.element)).toEqual({ import: true, clear: true, toolbar: true, pointInputs: [false, false, false] });
    const locked = { import: false, clear: false, toolbar: false, pointInputs: [true, true, true] };
    // the field's own setting (a field shown from the case), a disabled panel, and a read-only form (task not yours)
    const ownSetting = await createForm(fields({ disabled: true }));
    expect(controls(ownSetting.element)).toEqual(locked);
    const inPanel = await createForm([{ type: "panel", key: "shown", disabled: true, components: fields({}) }]);
    expect(controls(inPanel.element)).toEqual(locked);
    const readOnly = await createForm(fields({}), { language: "zh", i18n: { zh: {} }, readOnly: true });
    readOnly.setValue({ data: { parcel } });
    expect(controls(readOnly.element)).toEqual(locked);
    expect(readOnly.element.querySelector("[data-testid='parcel-area']")?.textContent).toMatch(/^面积:/); // the figures stay
    // disabled later (Form.io applies it on the next redraw, as for its own inputs)
    editable.disabled = true;
    await editable.redraw();
    expect(controls(editable.element)).toEqual(locked);
    // no Form.io or Leaflet timer may outlive jsdom
    for (const form of [editable, ownSetting, inPanel, readOnly]) form.destroy(true);
  });

  it("appears in the builder sidebar (advanced group, or Jintu's own group)", async () => {
    const { FormBuilder } = await import("@formio/js");
    const { JINTU_BUILDER_GROUP } = await import("./index");
    for (const options of [{}, { builder: { jintu: JINTU_BUILDER_GROUP } }]) {
      const element = document.createElement("div");
      document.body.appendChild(element);
      const builder = new FormBuilder(element, { components: [] }, options);
      await builder.ready;
      for (const type of ["parcelMap", "pointPicker", "regionSelect"]) {
        expect(element.querySelector(`[data-type='${type}']`), type).not.toBeNull();
      }
      if ("builder" in options) expect(element.textContent).toContain("金土 GIS");
    }
  });
});
