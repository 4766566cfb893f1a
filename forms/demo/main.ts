// Demo page: a Form.io form with regionSelect, parcelMap (with the synthetic farmland, red-line and urban
// boundary layers) and pointPicker. On submit it runs forms/validation in the page — the same code the
// server runs — and prints the result, then tells Form.io the submission is done (no Form.io server here).
import "bootstrap/dist/css/bootstrap.min.css";
import "@formio/js/dist/formio.form.min.css";
import "leaflet/dist/leaflet.css";
import "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import { Formio } from "@formio/js";
import { registerJintuComponents } from "../components/index";
import { validateSubmission } from "../validation/index";

registerJintuComponents(Formio as never);

export const demoForm = {
  display: "form",
  components: [
    { type: "regionSelect", key: "region", label: "项目所在行政区", validate: { required: true }, rootCode: "330000", requiredTier: "county", defaultValue: "330106" },
    {
      type: "parcelMap",
      key: "parcel",
      label: "用地范围",
      validate: { required: true },
      mapHeight: 420,
      center: [30.175, 120.07],
      zoom: 14,
      overlayLayers: [
        { name: "basic-farmland", label: "永久基本农田", labelEn: "permanent basic farmland", url: "./api/gis/layers/basic-farmland.geojson" },
        { name: "ecological-redline", label: "生态保护红线", labelEn: "ecological red line", url: "./api/gis/layers/ecological-redline.geojson", onOverlap: "error" },
        { name: "urban-boundary", label: "城镇开发边界", labelEn: "urban development boundary", url: "./api/gis/layers/urban-boundary.geojson" },
      ],
      regionBoundary: { url: "./api/gis/regions/{regionCode}.geojson", regionField: "region", label: "所选行政区" },
    },
    // The site map starts in a hidden tab: Leaflet must get its size when the tab is shown (ResizeObserver).
    {
      type: "tabs",
      key: "tabs",
      components: [
        { label: "说明 Notes", key: "notesTab", components: [{ type: "textarea", key: "notes", label: "项目说明" }] },
        {
          label: "现场 Site",
          key: "siteTab",
          components: [{ type: "pointPicker", key: "site", label: "现场踏勘点", radiusEnabled: true, maxRadius: 2000, mapHeight: 260, center: [30.17, 120.075], zoom: 13 }],
        },
      ],
    },
    { type: "button", key: "submit", label: "提交 Submit", action: "submit" },
  ],
};

async function loadGeoJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Form.io falls back to English unless the language has translations; Jintu components follow Form.io's language.
const zh = {
  required: "{{field}}为必填项",
  submit: "提交",
  error: "请先修正以下错误后再提交。",
  complete: "提交成功",
  invalid_regex: "{{field}}格式不正确",
  alertMessage: "{{message}}",
  submitError: "请检查表单并修正所有错误。",
};
const params = new URLSearchParams(location.search);
const form = await Formio.createForm(document.getElementById("form")!, demoForm, { language: params.get("lang") === "en" ? "en" : "zh", i18n: { zh } });
form.on("submit", async (submission: { data: Record<string, unknown> }) => {
  const result = await validateSubmission(demoForm, submission.data, { loadGeoJson });
  document.getElementById("result")!.textContent = JSON.stringify(result, null, 2);
  form.emit("submitDone", submission);
});

declare global {
  interface Window {
    jintuDemo?: { form: unknown; ready: boolean };
  }
}
window.jintuDemo = { form, ready: true };
