// Camunda's variable DTO `{value, type, valueInfo}` in both directions, and the variable filters of queries.
// In: type names in any case ("json", "Integer"), Json as a JSON string, Object as JSON with
// valueInfo.serializationDataFormat "application/json", Date in Camunda's format, File/Bytes as base64.
// Out: what Camunda's REST API writes, so existing clients deserialize unchanged.
import type { TypedValue, ValueType, VariableFilter, VariableInput, VariableInstance } from "../../engine";
import { formatDate, parseDate } from "./dates";
import { badRequest } from "./http";

const VALUE_TYPES: ValueType[] = ["String", "Boolean", "Integer", "Short", "Long", "Double", "Date", "Json", "Object", "File", "Bytes", "Null"];
const BY_LOWER = new Map(VALUE_TYPES.map((t) => [t.toLowerCase(), t]));

const JAVA_TYPES: Record<ValueType, string> = {
  String: "java.lang.String",
  Boolean: "java.lang.Boolean",
  Integer: "java.lang.Integer",
  Short: "java.lang.Short",
  Long: "java.lang.Long",
  Double: "java.lang.Double",
  Date: "java.util.Date",
  Json: "org.camunda.spin.json.SpinJsonNode",
  Object: "java.lang.Object",
  File: "org.camunda.bpm.engine.variable.value.FileValue",
  Bytes: "[B",
  Null: "java.lang.Void",
};

export function valueTypeOf(name: unknown): ValueType {
  const t = typeof name === "string" ? BY_LOWER.get(name.toLowerCase()) : undefined;
  if (!t) throw badRequest(`Unsupported value type '${String(name)}'`);
  return t;
}

function cannotConvert(value: unknown, type: ValueType): never {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  throw badRequest(`Cannot convert value '${shown}' of type '${type}' to java type ${JAVA_TYPES[type]}`);
}

function toInteger(value: unknown, type: ValueType, min: number, max: number): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) cannotConvert(value, type);
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v);
}

function base64(value: unknown, type: ValueType, name: string): Buffer {
  if (value === null || value === undefined || value === "") return Buffer.alloc(0);
  if (typeof value !== "string" || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) {
    throw badRequest(`Variable '${name}' of type '${type}' needs its value as a base64 string`);
  }
  return Buffer.from(value, "base64");
}

/** One `{value, type, valueInfo}` DTO → the engine's TypedValue (or a plain value when untyped). */
export function parseVariableValue(name: string, dto: unknown): unknown | TypedValue {
  if (!isPlainObject(dto)) {
    throw badRequest(`Variable '${name}' must be an object {value, type, valueInfo}`);
  }
  const { value, type: typeName } = dto;
  const valueInfo = isPlainObject(dto.valueInfo) ? { ...dto.valueInfo } : {};
  if (typeName === undefined || typeName === null || typeName === "") {
    // Untyped: Camunda infers the type from the JSON value. A JSON object/array becomes Json.
    if (value === undefined || value === null) return { value: null, type: "Null", valueInfo } satisfies TypedValue;
    if (typeof value === "object") return { value, type: "Json", valueInfo } satisfies TypedValue;
    return value;
  }
  const type = valueTypeOf(typeName);
  const typed = (v: unknown): TypedValue => ({ value: v, type, valueInfo });
  if (value === null || value === undefined) {
    if (type === "File") {
      throw badRequest(`File variable '${name}' needs its content as a base64 string in 'value'`);
    }
    return typed(null);
  }
  switch (type) {
    case "String":
      if (typeof value === "string") return typed(value);
      if (typeof value === "number" || typeof value === "boolean") return typed(String(value));
      return cannotConvert(value, type);
    case "Boolean":
      if (typeof value === "boolean") return typed(value);
      if (value === "true" || value === "false") return typed(value === "true");
      return cannotConvert(value, type);
    case "Integer":
      return typed(toInteger(value, type, -(2 ** 31), 2 ** 31 - 1));
    case "Short":
      return typed(toInteger(value, type, -(2 ** 15), 2 ** 15 - 1));
    case "Long":
      return typed(toInteger(value, type, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
    case "Double": {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (!Number.isFinite(n)) return cannotConvert(value, type);
      return typed(n);
    }
    case "Date": {
      const d = typeof value === "string" ? parseDate(value) : null;
      if (!d) return cannotConvert(value, type);
      return typed(d);
    }
    case "Json":
      if (typeof value === "string") {
        try {
          return typed(JSON.parse(value));
        } catch {
          throw badRequest(`Cannot convert value of variable '${name}' to type Json: it is not valid JSON`);
        }
      }
      return typed(value);
    case "Object": {
      const format = valueInfo.serializationDataFormat ?? "application/json";
      if (format !== "application/json") {
        throw badRequest(
          `Cannot deserialize object in variable '${name}': serialization data format '${String(format)}' is not supported, use 'application/json'`,
        );
      }
      valueInfo.serializationDataFormat = "application/json";
      if (typeof value === "string") {
        try {
          return typed(JSON.parse(value));
        } catch {
          throw badRequest(`Cannot deserialize object in variable '${name}': the value is not valid JSON`);
        }
      }
      return typed(value);
    }
    case "File": {
      const filename = valueInfo.filename;
      if (typeof filename !== "string" || filename === "") {
        throw badRequest(`File variable '${name}' needs valueInfo.filename`);
      }
      // camunda-external-task-client-js writes `mimetype`; Camunda's documented key is `mimeType`.
      const mimeType = valueInfo.mimeType ?? valueInfo.mimetype ?? null;
      const info: Record<string, unknown> = { filename, mimeType, encoding: valueInfo.encoding ?? null };
      return { value: base64(value, type, name), type, valueInfo: info } satisfies TypedValue;
    }
    case "Bytes":
      return typed(base64(value, type, name));
    case "Null":
      return typed(null);
  }
}

/** A `{name: {value, type, valueInfo}}` map → VariableInput; undefined when absent. */
export function parseVariables(map: unknown, what = "variables"): VariableInput | undefined {
  if (map === undefined || map === null) return undefined;
  if (!isPlainObject(map)) throw badRequest(`'${what}' must be an object mapping variable names to {value, type, valueInfo}`);
  const out: VariableInput = {};
  for (const [name, dto] of Object.entries(map)) out[name] = parseVariableValue(name, dto);
  return out;
}

export interface VariableValueDto {
  type: ValueType;
  value: unknown;
  valueInfo: Record<string, unknown>;
}

/** A stored value → Camunda's DTO. `deserializeValues=false` returns Object values as their JSON text. */
export function toVariableDto(v: Pick<VariableInstance, "type" | "value" | "valueInfo">, deserializeValues = true): VariableValueDto {
  const info = { ...(v.valueInfo ?? {}) };
  switch (v.type) {
    case "Date":
      return { type: v.type, value: v.value instanceof Date || typeof v.value === "string" ? formatDate(new Date(v.value as string | Date)) : null, valueInfo: info };
    case "Json":
      return { type: v.type, value: v.value === null || v.value === undefined ? null : typeof v.value === "string" ? v.value : JSON.stringify(v.value), valueInfo: info };
    case "Object":
      return {
        type: v.type,
        value: deserializeValues || v.value === null || typeof v.value === "string" ? v.value : JSON.stringify(v.value),
        valueInfo: { objectTypeName: info.objectTypeName ?? "java.util.LinkedHashMap", serializationDataFormat: info.serializationDataFormat ?? "application/json" },
      };
    case "File":
      // Camunda never inlines file content; it is downloaded from …/variables/{name}/data.
      return { type: v.type, value: null, valueInfo: { filename: info.filename ?? null, mimeType: info.mimeType ?? info.mimetype ?? null, encoding: info.encoding ?? null } };
    case "Bytes":
      return { type: v.type, value: Buffer.isBuffer(v.value) ? v.value.toString("base64") : v.value ?? null, valueInfo: info };
    default:
      return { type: v.type, value: v.value ?? null, valueInfo: info };
  }
}

export function toVariableMapDto(map: Record<string, Pick<VariableInstance, "type" | "value" | "valueInfo">>, deserializeValues = true): Record<string, VariableValueDto> {
  const out: Record<string, VariableValueDto> = {};
  for (const [name, v] of Object.entries(map)) out[name] = toVariableDto(v, deserializeValues);
  return out;
}

/** The bytes behind GET …/variables/{name}/data (File and Bytes variables). */
export function variableData(v: VariableInstance): { content: Buffer; mimeType: string; filename: string | null; encoding: string | null } | null {
  if (v.type !== "File" && v.type !== "Bytes") return null;
  const content = Buffer.isBuffer(v.value) ? v.value : v.value instanceof Uint8Array ? Buffer.from(v.value) : typeof v.value === "string" ? Buffer.from(v.value, "base64") : Buffer.alloc(0);
  const info = v.valueInfo ?? {};
  const mimeType = (info.mimeType ?? info.mimetype ?? "application/octet-stream") as string;
  return { content, mimeType, filename: (info.filename as string | undefined) ?? null, encoding: (info.encoding as string | undefined) ?? null };
}

// --------------------------------------------------------------------------------------- query filters

const OPERATORS = new Set<VariableFilter["operator"]>(["eq", "neq", "gt", "gteq", "lt", "lteq", "like"]);

/**
 * A GET filter value is text. Camunda keeps it a string (so `county_eq_330106` matches the String region
 * code); for the ordering comparators a numeric text only makes sense as a number, so those compare
 * numerically. Typed values (numbers with eq) go through the POST form.
 */
function filterValue(operator: string, text: string): unknown {
  if ((operator === "gt" || operator === "gteq" || operator === "lt" || operator === "lteq") && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/**
 * GET form `name_op_value` entries, comma-separated (Camunda's encoding). The operator is found as the
 * first `_op_` so that variable names may contain underscores.
 */
export function parseVariableFilterText(param: string, text: string): VariableFilter[] {
  return text
    .split(",")
    .filter((s) => s.length > 0)
    .map((expr) => {
      const m = /^(.+?)_(eq|neq|gt|gteq|lt|lteq|like|notLike)_(.*)$/s.exec(expr);
      if (!m) throw badRequest("variable query parameter has to have format KEY_OPERATOR_VALUE.");
      const [, name, operator, value] = m;
      if (!OPERATORS.has(operator as VariableFilter["operator"])) {
        throw badRequest(`Invalid variable comparator specified: ${operator}`);
      }
      return { name: name!, operator: operator as VariableFilter["operator"], value: filterValue(operator!, value!) };
    });
}

/** POST form: `[{name, operator, value}]`. */
export function parseVariableFilterList(param: string, list: unknown): VariableFilter[] {
  if (!Array.isArray(list)) throw badRequest(`Cannot set query parameter '${param}': expected an array of {name, operator, value}`);
  return list.map((entry) => {
    const e = (entry ?? {}) as { name?: unknown; operator?: unknown; value?: unknown };
    if (typeof e.name !== "string" || !OPERATORS.has(e.operator as VariableFilter["operator"])) {
      throw badRequest(`Invalid variable comparator specified: ${String(e.operator)}`);
    }
    return { name: e.name, operator: e.operator as VariableFilter["operator"], value: e.value };
  });
}
