// Camunda 7 typed values: inference from plain JS values, normalisation of {value, type, valueInfo}
// input, and the mapping to the variable columns (text/long/double/blob).
import type { TypedValue, ValueType } from "../api";
import { badRequest } from "../errors";

const TYPE_NAMES: Record<string, ValueType> = Object.fromEntries(
  ["String", "Boolean", "Integer", "Short", "Long", "Double", "Date", "Json", "Object", "File", "Bytes", "Null"].map((t) => [t.toLowerCase(), t as ValueType]),
);

export function normalizeTypeName(type: string): ValueType {
  const t = TYPE_NAMES[String(type).toLowerCase()];
  if (!t) throw badRequest(`Unsupported value type '${type}'`);
  return t;
}

export function isTypedValue(v: unknown): v is TypedValue {
  return !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v)
    && typeof (v as any).type === "string" && "value" in (v as any) && TYPE_NAMES[(v as any).type.toLowerCase()] !== undefined
    && Object.keys(v as any).every((k) => k === "type" || k === "value" || k === "valueInfo");
}

export function inferType(value: unknown): ValueType {
  if (value === null || value === undefined) return "Null";
  if (typeof value === "string") return "String";
  if (typeof value === "boolean") return "Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? (Math.abs(value) <= 2147483647 ? "Integer" : "Long") : "Double";
  if (typeof value === "bigint") return "Long";
  if (value instanceof Date) return "Date";
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return "Bytes";
  return "Json";
}

/** A variable value ready to store: the type, the plain JS value, and valueInfo. */
export interface NormalizedValue {
  type: ValueType;
  value: unknown;
  valueInfo: Record<string, unknown>;
}

/** Turns API input (plain value or TypedValue) into a checked, plain value of a Camunda type. */
export function normalizeValue(name: string, input: unknown): NormalizedValue {
  if (!isTypedValue(input)) return { type: inferType(input), value: input ?? null, valueInfo: {} };
  const type = normalizeTypeName(input.type);
  const info = { ...(input.valueInfo ?? {}) };
  const v = input.value;
  const fail = (what: string) => badRequest(`Cannot convert value '${String(v)}' of variable '${name}' to type ${type}: ${what}`);
  if (v === null || v === undefined) return { type: type === "Null" ? "Null" : type, value: null, valueInfo: info };
  switch (type) {
    case "String":
      return { type, value: typeof v === "string" ? v : String(v), valueInfo: info };
    case "Boolean":
      if (typeof v === "boolean") return { type, value: v, valueInfo: info };
      if (v === "true" || v === "false") return { type, value: v === "true", valueInfo: info };
      throw fail("not a boolean");
    case "Integer": case "Short": case "Long": {
      const n = typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
      if (!Number.isInteger(n)) throw fail("not an integer");
      if (type === "Integer" && Math.abs(n) > 2147483647) throw fail("out of the Integer range");
      if (type === "Short" && Math.abs(n) > 32767) throw fail("out of the Short range");
      return { type, value: n, valueInfo: info };
    }
    case "Double": {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n)) throw fail("not a number");
      return { type, value: n, valueInfo: info };
    }
    case "Date": {
      const d = v instanceof Date ? v : typeof v === "string" || typeof v === "number" ? parseCamundaDate(v) : null;
      if (!d || Number.isNaN(d.getTime())) throw fail("not a date");
      return { type, value: d, valueInfo: info };
    }
    case "Json":
      if (typeof v === "string") {
        try {
          return { type, value: JSON.parse(v), valueInfo: info };
        } catch {
          throw fail("not valid JSON");
        }
      }
      return { type, value: v, valueInfo: info };
    case "Object": {
      let parsed = v;
      if (typeof v === "string") {
        const format = String(info.serializationDataFormat ?? "application/json");
        if (format !== "application/json") throw badRequest(`Variable '${name}': serialization data format '${format}' is not supported (only application/json)`);
        try { parsed = JSON.parse(v); } catch { throw fail("not valid JSON"); }
      }
      return { type, value: parsed, valueInfo: { serializationDataFormat: "application/json", ...info } };
    }
    case "File": case "Bytes": {
      const buf = Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v) : typeof v === "string" ? Buffer.from(v, "base64") : null;
      if (!buf) throw fail("not base64 content");
      return { type, value: buf, valueInfo: info };
    }
    case "Null":
      return { type, value: null, valueInfo: info };
  }
}

/** Camunda's REST dates: `2026-11-25T09:30:00.000+0000` (ISO with a ±hhmm offset) or any ISO 8601 string. */
export function parseCamundaDate(v: string | number): Date {
  if (typeof v === "number") return new Date(v);
  const fixed = v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  return new Date(fixed);
}

export interface StoredColumns {
  textValue: string | null;
  longValue: number | null;
  doubleValue: number | null;
  /** bytes to keep in the blob table */
  bytes: Buffer | null;
}

/** Where a value goes: strings and JSON in text, numbers/booleans/dates in long, doubles in double,
 *  files and bytes in the blob table (loaded only when asked for). */
export function toColumns(v: NormalizedValue): StoredColumns {
  const none = { textValue: null, longValue: null, doubleValue: null, bytes: null };
  if (v.value === null) return none;
  switch (v.type) {
    case "String": return { ...none, textValue: v.value as string };
    case "Boolean": return { ...none, longValue: v.value ? 1 : 0 };
    case "Integer": case "Short": case "Long": return { ...none, longValue: v.value as number };
    case "Double": return { ...none, doubleValue: v.value as number };
    case "Date": return { ...none, longValue: (v.value as Date).getTime() };
    case "Json": case "Object": return { ...none, textValue: JSON.stringify(v.value) };
    case "File": case "Bytes": return { ...none, bytes: v.value as Buffer };
    default: return none;
  }
}

export function fromColumns(type: string, c: { textValue: string | null; longValue: number | null; doubleValue: number | null }, bytes?: Buffer | null): unknown {
  switch (type) {
    case "String": return c.textValue;
    case "Boolean": return c.longValue == null ? null : c.longValue !== 0;
    case "Integer": case "Short": case "Long": return c.longValue;
    case "Double": return c.doubleValue;
    case "Date": return c.longValue == null ? null : new Date(c.longValue);
    case "Json": case "Object": return c.textValue == null ? null : JSON.parse(c.textValue);
    case "File": case "Bytes": return bytes ?? null;
    default: return null;
  }
}
