import { describe, expect, it } from "vitest";
import { checkStandardFields } from "./standardFields";
import { validateSubmission } from "./validateSubmission";
import { walkComponents, type FormComponentJson } from "./walkComponents";

const form: FormComponentJson[] = [
  { type: "textfield", key: "projectName", label: "项目名称", input: true, validate: { required: true } },
  { type: "textarea", key: "note", label: "说明", input: true, rows: 3, validate: { maxLength: 10 } },
  { type: "number", key: "area", label: "面积", input: true, validate: { required: true, min: 0 } },
  { type: "checkbox", key: "complete", label: "材料齐全", input: true },
  { type: "datetime", key: "filed", label: "立案日期", input: true },
  { type: "radio", key: "decision", label: "结论", input: true, values: [{ label: "同意", value: "approve" }, { label: "退回", value: "return" }] },
  { type: "select", key: "mineral", label: "矿种", input: true, dataSrc: "values", data: { values: [{ label: "萤石", value: "fluorite" }] } },
  { type: "textfield", key: "code", label: "信用代码", input: true, validate: { pattern: "[0-9A-Z]{18}" } },
  { type: "textfield", key: "shown", label: "显示", input: true, disabled: true, persistent: false },
  { type: "container", key: "review", input: true, tree: true, components: [{ type: "textarea", key: "opinion", label: "意见", input: true, validate: { required: true } }] },
  { type: "button", key: "submit", input: true },
];

describe("checkStandardFields", () => {
  it("accepts a well-typed submission and ignores display-only fields", () => {
    expect(checkStandardFields(form, {
      projectName: "某项目", note: "ok", area: 12.5, complete: false, filed: "2026-09-25", decision: "approve", mineral: "fluorite",
      code: "91330106MA2H3JKL5Q", shown: 42, review: { opinion: "同意" },
    })).toEqual({});
  });

  it("names each field that is missing, of the wrong type, not an option or out of range", () => {
    const errors = checkStandardFields(form, {
      area: "12", complete: "yes", filed: "not a date", decision: "maybe", mineral: "gold", code: "short", note: "far too long text", review: {},
    });
    expect(Object.fromEntries(Object.entries(errors).map(([path, m]) => [path, m.map((x) => x.code)]))).toEqual({
      projectName: ["required"], note: ["maxLength"], area: ["type"], complete: ["type"], filed: ["type"], decision: ["option"], mineral: ["option"],
      code: ["pattern"], "review.opinion": ["required"],
    });
    expect(errors.area![0]!.en).toBe("面积 must be a number");
    expect(checkStandardFields(form, { projectName: "x", area: -1, review: { opinion: "y" } }).area![0]!.code).toBe("min");
  });
});

describe("walkComponents", () => {
  it("takes a textarea's numeric rows setting for its height, not for table rows", async () => {
    const components: FormComponentJson[] = [
      { type: "textarea", key: "note", label: "说明", rows: 3, input: true },
      { type: "table", key: "t", rows: [[{ components: [{ type: "pointPicker", key: "site", validate: { required: true } }] }, {}]] },
      { type: "columns", key: "c", columns: [{ components: [{ type: "textfield", key: "inColumn", input: true }] }] },
    ];
    const visited: string[] = [];
    walkComponents(components, { note: "x" }, ({ path }) => visited.push(path));
    expect(visited).toEqual(["note", "t", "site", "c", "inColumn"]);
    // the crash this guards against: validateSubmission on a form with a textarea
    expect((await validateSubmission({ components }, { note: "x" })).errors).toHaveProperty("site");
  });
});
