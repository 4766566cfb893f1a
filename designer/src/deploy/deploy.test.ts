// Node tests of the pure parts of deploying and comparing: the multipart body, the bound-form scan,
// the join of definitions with deployment records, the diff, and the translation fallback.
import { describe, expect, it } from "vitest";
import BpmnModdle from "bpmn-moddle";
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json";
import { boundFormKeys, buildDeploymentForm, safeFileName } from "./buildDeployment";
import { joinVersions } from "../versions/joinVersions";
import { diffXml } from "../versions/diffModels";
import { toChinese } from "../i18n/bpmnZh";

const xml = (taskName: string, extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="http://jintu">
  <bpmn:process id="land" isExecutable="true">
    <bpmn:startEvent id="S" camunda:formKey="jintu-form:land-application" />
    <bpmn:userTask id="T" name="${taskName}" camunda:formKey="jintu-form:land-review" />
    <bpmn:userTask id="U" camunda:formKey="embedded:app:forms/x.html" />${extra}
  </bpmn:process>
</bpmn:definitions>`;

describe("buildDeploymentForm", () => {
  it("writes Camunda Modeler's fields, the note, the BPMN file and one file per form", async () => {
    const form = buildDeploymentForm({
      name: "land",
      bpmnXml: xml("审查"),
      note: "首版",
      tenantId: " 330106 ",
      forms: [{ key: "land-review", name: "审查意见", version: 2, definition: { components: [] } }],
    });
    const fields = [...form.entries()].filter(([, value]) => typeof value === "string");
    expect(fields).toEqual([
      ["deployment-name", "land"],
      ["deployment-source", "jintu-designer"],
      ["enable-duplicate-filtering", "true"],
      ["tenant-id", "330106"],
      ["jintu-version-note", "首版"],
    ]);
    const bpmn = form.get("land.bpmn") as File;
    expect(bpmn.name).toBe("land.bpmn");
    expect(await bpmn.text()).toContain('name="审查"');
    const frozen = JSON.parse(await (form.get("land-review.form.json") as File).text());
    expect(frozen).toEqual({ components: [] });
  });

  it("leaves out an empty tenant and makes names file-safe", () => {
    const form = buildDeploymentForm({ name: "a/b:c", bpmnXml: "<x/>", note: "n", tenantId: "  ", forms: [] });
    expect(form.has("tenant-id")).toBe(false);
    expect(form.has("a_b_c.bpmn")).toBe(true);
    expect(safeFileName("  ")).toBe("process");
    expect(safeFileName("建设用地审批")).toBe("建设用地审批");
  });
});

describe("boundFormKeys", () => {
  it("finds jintu-form keys on start events and user tasks and ignores other form keys", async () => {
    for (const moddle of [new BpmnModdle({ camunda: camundaDescriptor }), new BpmnModdle()]) {
      const { rootElement } = await moddle.fromXML(xml("审查"));
      expect(boundFormKeys(rootElement)).toEqual(["land-application", "land-review"]);
    }
  });
});

describe("joinVersions", () => {
  it("pairs each definition with its deployment, newest first", () => {
    const rows = joinVersions(
      [
        { id: "land:1:d1", key: "land", version: 1, deploymentId: "d1" },
        { id: "land:2:d2", key: "land", version: 2, deploymentId: "d2" },
        { id: "land:3:d3", key: "land", version: 3, deploymentId: "d3" },
      ],
      [
        { id: "d1", name: "land", deploymentTime: "2026-11-01T08:00:00Z", deployedBy: "wang", note: "首版", processDefinitions: [{ id: "land:1:d1", key: "land", version: 1 }] },
        { id: "d2", name: "land", deploymentTime: "2026-11-02T08:00:00Z", deployedBy: "li", note: "二版", processDefinitions: [] },
      ],
    );
    expect(rows.map((row) => [row.definition.version, row.deployment?.note ?? null])).toEqual([[3, null], [2, "二版"], [1, "首版"]]);
  });
});

describe("diffXml", () => {
  it("reports added elements and changed attributes with old and new in the right order", async () => {
    const summary = await diffXml(xml("审查"), xml("复核", '<bpmn:endEvent id="E" />'));
    expect(summary.added).toEqual(["E"]);
    expect(summary.removed).toEqual([]);
    expect(summary.changed).toEqual([{ id: "T", attrs: { name: { oldValue: "审查", newValue: "复核" } } }]);
  });

  it("reports removed elements", async () => {
    const summary = await diffXml(xml("审查", '<bpmn:endEvent id="E" />'), xml("审查"));
    expect(summary.removed).toEqual(["E"]);
    expect(summary.changed).toEqual([]);
  });
});

describe("Chinese dictionary", () => {
  it("translates exact strings, the panel's Title Case headers and lint messages with names", () => {
    expect(toChinese("User task")).toBe("用户任务（审批）");
    expect(toChinese("Timer Boundary Event (Non Interrupting)")).toBe("定时边界事件（不中断，如催办）");
    expect(toChinese("Expanded Sub Process")).toBe("子流程（展开）");
    expect(toChinese("Candidate group <clerk> is not written role@region")).toBe("候选组 <clerk> 不符合 角色@行政区划 的格式");
    expect(toChinese("Something new")).toBeUndefined();
  });
});
