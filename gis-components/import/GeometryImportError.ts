// The one error type every importer throws, so a form can show `zh` or `en` and a server can log `code`.

export type GeometryImportErrorCode =
  | "empty-file"
  | "not-json"
  | "not-geojson"
  | "no-polygon"
  | "unsupported-geometry"
  | "bad-coordinates"
  | "not-wkt"
  | "unsupported-crs"
  | "not-zip"
  | "zip-without-shp"
  | "bad-shapefile"
  | "bad-projection"
  | "unknown-format";

export class GeometryImportError extends Error {
  readonly code: GeometryImportErrorCode;
  readonly zh: string;
  readonly en: string;

  constructor(code: GeometryImportErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh} / ${en}`, options);
    this.name = "GeometryImportError";
    this.code = code;
    this.zh = zh;
    this.en = en;
  }
}
