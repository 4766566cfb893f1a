// The builder's edit dialogs: Form.io's standard tabs plus a "GIS" tab with each component's settings.
import type { FormioFieldClass } from "./formioTypes";

const overlayLayersGrid = {
  type: "datagrid",
  key: "overlayLayers",
  label: "叠加图层 Overlay layers",
  // No blank first row: a map without overlay layers is valid, and an empty row's required name/label
  // would block saving the component.
  initEmpty: true,
  tooltip: "URL 返回 GeoJSON,例如 /api/gis/layers/basic-farmland.geojson / a URL returning GeoJSON",
  weight: 10,
  components: [
    { type: "textfield", key: "name", label: "名称 name", placeholder: "basic-farmland", validate: { required: true, pattern: "[a-z0-9-]+" } },
    { type: "textfield", key: "label", label: "显示名 label", placeholder: "永久基本农田", validate: { required: true } },
    { type: "textfield", key: "labelEn", label: "English label" },
    { type: "textfield", key: "url", label: "GeoJSON URL", placeholder: "/api/gis/layers/basic-farmland.geojson" },
    { type: "textfield", key: "color", label: "颜色 colour", placeholder: "#b8860b" },
    {
      type: "select",
      key: "onOverlap",
      label: "重叠时 on overlap",
      defaultValue: "warn",
      dataSrc: "values",
      data: { values: [{ label: "警告 warn", value: "warn" }, { label: "阻止提交 block", value: "error" }] },
    },
  ],
};

const mapDisplay = [
  { type: "textfield", key: "tileUrl", label: "瓦片 URL(可选) Tile URL (optional)", placeholder: "https://tiles.example.gov.cn/{z}/{x}/{y}.png", weight: 40, tooltip: "默认不加载任何在线底图 / no internet tiles by default" },
  { type: "textfield", key: "tileAttribution", label: "瓦片版权 Tile attribution", weight: 41 },
  { type: "number", key: "mapHeight", label: "地图高度(像素) Map height (px)", defaultValue: 420, weight: 42 },
  { type: "number", key: "zoom", label: "初始缩放 Initial zoom", weight: 43 },
];

export function parcelMapEditForm(Field: FormioFieldClass) {
  return (...extend: unknown[]) =>
    Field.editForm(
      [
        {
          key: "gis",
          label: "GIS",
          weight: 5,
          components: [
            overlayLayersGrid,
            { type: "checkbox", key: "allowImport", label: "允许导入文件 Allow file import", defaultValue: true, weight: 20 },
            { type: "textfield", key: "regionBoundary.url", label: "辖区边界 URL Region boundary URL", placeholder: "/api/gis/regions/{regionCode}.geojson", weight: 30 },
            { type: "textfield", key: "regionBoundary.regionField", label: "行政区字段 Region field key", placeholder: "region", weight: 31 },
            { type: "textfield", key: "regionBoundary.label", label: "辖区名称 Region label", weight: 32 },
            ...mapDisplay,
          ],
        },
      ],
      ...extend,
    );
}

export function pointPickerEditForm(Field: FormioFieldClass) {
  return (...extend: unknown[]) =>
    Field.editForm(
      [
        {
          key: "gis",
          label: "GIS",
          weight: 5,
          components: [
            { type: "checkbox", key: "radiusEnabled", label: "填写半径(米) Ask for a radius (m)", defaultValue: true, weight: 1 },
            { type: "number", key: "maxRadius", label: "最大半径(米) Max radius (m)", weight: 2 },
            overlayLayersGrid,
            ...mapDisplay,
          ],
        },
      ],
      ...extend,
    );
}

export function regionSelectEditForm(Field: FormioFieldClass) {
  return (...extend: unknown[]) =>
    Field.editForm(
      [
        {
          key: "gis",
          label: "行政区 Region",
          weight: 5,
          components: [
            { type: "textfield", key: "rootCode", label: "限定范围(行政区代码) Root region code", placeholder: "330000", validate: { pattern: "\\d{6}" } },
            {
              type: "select",
              key: "requiredTier",
              label: "至少选到 Choose down to",
              defaultValue: "county",
              dataSrc: "values",
              data: { values: [{ label: "省 province", value: "province" }, { label: "市 city", value: "city" }, { label: "区县 county", value: "county" }] },
            },
          ],
        },
      ],
      ...extend,
    );
}
