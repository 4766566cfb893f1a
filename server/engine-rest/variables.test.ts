import { describe, expect, it } from "vitest";
import { RestError } from "./http";
import { parseVariableFilterText, parseVariableValue, parseVariables, toVariableDto } from "./variables";

function rejects(fn: () => unknown, message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RestError);
    expect((e as RestError).status).toBe(400);
    expect((e as RestError).message).toMatch(message);
    return;
  }
  throw new Error("expected a 400");
}

describe("variable DTOs in", () => {
  it("accepts type names in any case", () => {
    expect(parseVariableValue("a", { value: 5, type: "integer" })).toEqual({ value: 5, type: "Integer", valueInfo: {} });
    expect(parseVariableValue("a", { value: "x", type: "STRING" })).toEqual({ value: "x", type: "String", valueInfo: {} });
    expect(parseVariableValue("a", { value: "{\"k\":[1,2]}", type: "json" })).toEqual({ value: { k: [1, 2] }, type: "Json", valueInfo: {} });
  });

  it("rejects an unknown type with Camunda's wording", () => {
    rejects(() => parseVariableValue("a", { value: 1, type: "x" }), /^Unsupported value type 'x'$/);
  });

  it("checks values against their type", () => {
    rejects(() => parseVariableValue("a", { value: "abc", type: "Integer" }), /Cannot convert value 'abc' of type 'Integer' to java type java.lang.Integer/);
    rejects(() => parseVariableValue("a", { value: 2 ** 31, type: "Integer" }), /Integer/);
    rejects(() => parseVariableValue("a", { value: "{broken", type: "Json" }), /not valid JSON/);
    rejects(() => parseVariableValue("a", { value: "2026-13-01", type: "Date" }), /java.util.Date/);
    rejects(() => parseVariableValue("a", { value: "<x/>", type: "Object", valueInfo: { serializationDataFormat: "application/xml" } }), /not supported/);
  });

  it("reads Dates in Camunda's format and Objects as JSON", () => {
    const d = parseVariableValue("d", { value: "2026-11-25T09:30:00.000+0000", type: "Date" }) as { value: Date };
    expect(d.value.toISOString()).toBe("2026-11-25T09:30:00.000Z");
    expect(parseVariableValue("o", { value: "{\"a\":1}", type: "Object", valueInfo: { objectTypeName: "cn.jintu.Parcel", serializationDataFormat: "application/json" } })).toEqual({
      value: { a: 1 },
      type: "Object",
      valueInfo: { objectTypeName: "cn.jintu.Parcel", serializationDataFormat: "application/json" },
    });
  });

  it("reads Files as base64 with the client's `mimetype` spelling", () => {
    const f = parseVariableValue("f", { value: Buffer.from("图斑").toString("base64"), type: "file", valueInfo: { filename: "a.txt", mimetype: "text/plain", encoding: "utf-8" } }) as {
      value: Buffer;
      valueInfo: Record<string, unknown>;
    };
    expect(f.value.toString("utf8")).toBe("图斑");
    expect(f.valueInfo).toEqual({ filename: "a.txt", mimeType: "text/plain", encoding: "utf-8" });
    rejects(() => parseVariableValue("f", { value: "aGk=", type: "File", valueInfo: {} }), /filename/);
  });

  it("treats an untyped object as Json and rejects a non-object map", () => {
    expect(parseVariables({ a: { value: { x: 1 } }, b: { value: "s" } })).toEqual({ a: { value: { x: 1 }, type: "Json", valueInfo: {} }, b: "s" });
    rejects(() => parseVariables([1, 2]), /must be an object/);
  });
});

describe("variable DTOs out", () => {
  it("writes Camunda's shapes", () => {
    expect(toVariableDto({ type: "Date", value: new Date(Date.UTC(2026, 10, 25, 9, 30)), valueInfo: {} }).value).toBe("2026-11-25T09:30:00.000+0000");
    expect(toVariableDto({ type: "Json", value: { a: 1 }, valueInfo: {} }).value).toBe("{\"a\":1}");
    expect(toVariableDto({ type: "File", value: Buffer.from("x"), valueInfo: { filename: "a.pdf", mimeType: "application/pdf" } })).toEqual({
      type: "File",
      value: null,
      valueInfo: { filename: "a.pdf", mimeType: "application/pdf", encoding: null },
    });
    expect(toVariableDto({ type: "Object", value: { a: 1 }, valueInfo: { objectTypeName: "X", serializationDataFormat: "application/json" } }, false).value).toBe("{\"a\":1}");
  });
});

describe("GET variable filters", () => {
  it("splits name_op_value lists, names may contain underscores", () => {
    expect(parseVariableFilterText("variables", "land_area_gt_100,county_eq_330106,ok_eq_true,name_like_%张%")).toEqual([
      { name: "land_area", operator: "gt", value: 100 },
      { name: "county", operator: "eq", value: "330106" },
      { name: "ok", operator: "eq", value: "true" },
      { name: "name", operator: "like", value: "%张%" },
    ]);
    rejects(() => parseVariableFilterText("variables", "nooperator"), /^variable query parameter has to have format KEY_OPERATOR_VALUE.$/);
  });
});
