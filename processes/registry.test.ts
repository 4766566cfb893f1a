// The registry and every flow's files agree: forms named by the BPMN exist and are listed, external topics
// are served by the flow's workers, candidate groups use catalog roles, the BPMN parses in the engine, and
// each flow has a bilingual README, synthetic-labelled data and a scenario test.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import BpmnModdle from "bpmn-moddle";
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json" with { type: "json" };
import { describe, expect, it } from "vitest";
import { ROLES } from "../server/authz/roles";
import { FLOWS, flowTemplates } from "./index";

const roleNames = new Set(ROLES.map((r) => r.name));
const attributeValues = (xml: string, attribute: string) => [...xml.matchAll(new RegExp(`${attribute}="([^"]*)"`, "g"))].map((m) => m[1]!);

describe("processes registry", () => {
  it("lists every flow folder, in the brief's order", () => {
    const folders = readdirSync(import.meta.dirname, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(import.meta.dirname, d.name, `${d.name}.bpmn`))).map((d) => d.name).sort();
    expect(FLOWS.map((f) => f.key).sort()).toEqual(folders);
    expect(flowTemplates().map((t) => t.key).slice(0, 2)).toEqual(["construction-land-approval", "mining-right-registration"]);
  });

  for (const flow of FLOWS) {
    describe(flow.key, () => {
      const xml = readFileSync(flow.bpmn, "utf8");

      it("is the process of its file, executable, with a Chinese name and a version tag", () => {
        expect(xml).toContain(`<bpmn:process id="${flow.key}"`);
        expect(xml).toMatch(/isExecutable="true"/);
        expect(xml).toMatch(/camunda:versionTag="[^"]+"/);
        expect(flow.name).toMatch(/[\u4e00-\u9fff]/);
      });

      it("references only forms it ships, and ships only forms it references", () => {
        const referenced = new Set(attributeValues(xml, "camunda:formKey").map((k) => k.replace(/^jintu-form:/, "")));
        expect([...referenced].sort()).toEqual(flow.forms.map((f) => f.key).sort());
        for (const form of flow.forms) {
          const definition = JSON.parse(readFileSync(form.file, "utf8"));
          expect(Array.isArray(definition.components), form.key).toBe(true);
          expect(definition.title, form.key).toMatch(/[\u4e00-\u9fff]/);
        }
      });

      it("serves every external topic with its workers", () => {
        expect(attributeValues(xml, "camunda:topic").sort()).toEqual([...flow.topics].sort());
      });

      it("offers user tasks to catalog roles at a region expression", () => {
        for (const group of attributeValues(xml, "camunda:candidateGroups")) {
          if (group === "${reviewGroup}") continue; // a multi-instance element variable (checked by the scenario)
          const [role, region] = group.split("@");
          expect(roleNames.has(role!), `role of ${group}`).toBe(true);
          expect(region, group).toMatch(/^(\$\{(countyCode|cityOf\(countyCode\)|provinceOf\(countyCode\)|registrationRegion|reviewRegion)\}|000000)$/);
        }
      });

      it("has full BPMNDI: a shape or edge for every flow element", async () => {
        const moddle = new BpmnModdle({ camunda: camundaDescriptor });
        const { rootElement, warnings } = await moddle.fromXML(xml);
        expect(warnings).toEqual([]);
        const process = rootElement.rootElements.find((e: { $type: string }) => e.$type === "bpmn:Process");
        const diagramIds = new Set(rootElement.diagrams[0].plane.planeElement.map((d: { bpmnElement: { id: string } }) => d.bpmnElement.id));
        const missing = process.flowElements.filter((e: { id: string }) => !diagramIds.has(e.id)).map((e: { id: string }) => e.id);
        expect(missing).toEqual([]);
      });

      it("has a bilingual README and labels its sample data synthetic", () => {
        const readme = readFileSync(path.join(flow.dir, "README.md"), "utf8");
        expect(readme).toMatch(/^# [\u4e00-\u9fff]+.* — [A-Za-z ]+$/m);
        expect(existsSync(path.join(flow.dir, `${flow.key}.scenario.test.ts`))).toBe(true);
        const dataDir = path.join(flow.dir, "data");
        if (existsSync(dataDir)) {
          for (const file of readdirSync(dataDir).filter((f) => f.endsWith(".geojson"))) {
            expect(readFileSync(path.join(dataDir, file), "utf8"), file).toMatch(/SYNTHETIC/);
          }
        }
      });
    });
  }
});
