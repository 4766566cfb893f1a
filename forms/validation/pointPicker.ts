// The checks of a pointPicker value: a GeoJSON Feature<Point> in lon/lat with an optional radius in metres.
import type { FieldMessage, PointPickerSettings } from "../schema";

export function isEmptyPoint(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}

export function checkPointPickerValue(value: unknown, settings: PointPickerSettings): FieldMessage[] {
  const label = settings.label ?? settings.key;
  if (isEmptyPoint(value)) {
    return settings.validate?.required ? [{ code: "required", zh: `${label}:请在地图上选择位置`, en: `${label}: pick the location on the map` }] : [];
  }
  const feature = value as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: { radius?: unknown } | null };
  if (feature.type !== "Feature" || feature.geometry?.type !== "Point") {
    return [{ code: "not-point", zh: `${label}:位置必须是 GeoJSON 点要素`, en: `${label}: the location must be a GeoJSON Point feature` }];
  }
  const coordinates = feature.geometry.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length < 2 || !coordinates.every((n) => typeof n === "number" && Number.isFinite(n))) {
    return [{ code: "bad-coordinates", zh: `${label}:坐标必须是 [经度, 纬度] 数字`, en: `${label}: coordinates must be [longitude, latitude] numbers` }];
  }
  const [lon, lat] = coordinates as number[];
  const errors: FieldMessage[] = [];
  if (Math.abs(lon!) > 180 || Math.abs(lat!) > 90) {
    errors.push({ code: "out-of-range", zh: `${label}:坐标 (${lon}, ${lat}) 超出经纬度范围`, en: `${label}: coordinate (${lon}, ${lat}) is outside longitude/latitude range` });
  }
  const radius = feature.properties?.radius;
  if (radius !== undefined && radius !== null) {
    if (typeof radius !== "number" || !Number.isFinite(radius) || radius < 0) {
      errors.push({ code: "bad-radius", zh: `${label}:半径必须是不小于 0 的米数`, en: `${label}: the radius must be a number of metres ≥ 0` });
    } else if (settings.maxRadius !== undefined && radius > settings.maxRadius) {
      errors.push({ code: "radius-too-large", zh: `${label}:半径 ${radius} 米超过上限 ${settings.maxRadius} 米`, en: `${label}: radius ${radius} m exceeds the maximum ${settings.maxRadius} m` });
    }
  }
  return errors;
}
