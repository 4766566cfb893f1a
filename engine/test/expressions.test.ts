// Expressions in models: JUEL and FEEL gateway conditions, helper functions, and hostile expressions
// that must fail cleanly (a clear error, nothing written) instead of reaching the Node.js process.
import { describe, expect, test } from "vitest";
import { chain, engineWith, flow, onlyTask, tokens } from "./helpers";

const gateway = (conditionA: string, language = "") => `
  <bpmn:startEvent id="start"/>
  <bpmn:userTask id="fill"/>
  <bpmn:exclusiveGateway id="gw" default="toB"/>
  <bpmn:userTask id="a"/><bpmn:userTask id="b"/>
  ${chain("start", "fill", "gw")}
  <bpmn:sequenceFlow id="toA" sourceRef="gw" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"${language ? ` language="${language}"` : ""}>${conditionA.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</bpmn:conditionExpression></bpmn:sequenceFlow>
  ${flow("toB", "gw", "b")}`;

async function route(condition: string, variables: Record<string, unknown>, options: { language?: string; expressionFunctions?: Record<string, (...a: unknown[]) => unknown> } = {}) {
  const { engine } = await engineWith("p", gateway(condition, options.language), "", { expressionFunctions: options.expressionFunctions });
  const pi = await engine.startProcessInstanceByKey("p", { variables });
  await engine.completeTask((await onlyTask(engine, pi.id)).id);
  return (await tokens(engine, pi.id))[0];
}

describe("conditions", () => {
  test("JUEL: comparisons, logic, empty, string methods, nested properties and list access", async () => {
    expect(await route("${area > 35 && type == 'farmland'}", { area: 40, type: "farmland" })).toBe("a");
    expect(await route("${area > 35 && type == 'farmland'}", { area: 40, type: "forest" })).toBe("b");
    expect(await route("${not empty applicant.name and applicant.idNo.startsWith('110')}", { applicant: { name: "张三", idNo: "110105199001011234" } })).toBe("a");
    expect(await route("${parcels[1].area ge 10}", { parcels: [{ area: 1 }, { area: 12 }] })).toBe("a");
    expect(await route("${region.contains('1101') or urgent}", { region: "330106", urgent: false })).toBe("b");
  });

  test("JUEL: execution.getVariable and application helper functions", async () => {
    const cityOf = (code: unknown) => `${String(code).slice(0, 4)}00`;
    expect(await route("${cityOf(county) == '110100'}", { county: "110105" }, { expressionFunctions: { cityOf } })).toBe("a");
    expect(await route("${execution.getVariable('score') >= 60}", { score: 75 })).toBe("a");
  });

  test("FEEL: '=' prefix and language=\"feel\"", async () => {
    expect(await route("= area > 35 and type = \"farmland\"", { area: 40, type: "farmland" })).toBe("a");
    expect(await route("= count(parcels[area > 10]) >= 2", { parcels: [{ area: 11 }, { area: 12 }, { area: 1 }] })).toBe("a");
    expect(await route("area < 10", { area: 40 }, { language: "feel" })).toBe("b");
    expect(await route("area < 10", { area: 4 }, { language: "feel" })).toBe("a");
  });

  test("a condition over an unknown variable fails with a clear message and nothing changes", async () => {
    const { engine } = await engineWith("p", gateway("${missing > 1}"));
    const pi = await engine.startProcessInstanceByKey("p");
    const task = await onlyTask(engine, pi.id);
    await expect(engine.completeTask(task.id)).rejects.toThrow(/Cannot resolve identifier 'missing'/);
    expect(await tokens(engine, pi.id)).toEqual(["fill"]);
  });
});

describe("hostile expressions", () => {
  const hostile = [
    "${''.constructor.constructor('return process')()}",
    "${applicant.constructor}",
    "${applicant.__proto__.polluted == null}",
    "${process.exit(1)}",
    "${require('child_process')}",
    "= applicant.constructor.constructor(\"return process\")()",
  ];
  for (const source of hostile) {
    test(`refused cleanly: ${source}`, async () => {
      const { engine } = await engineWith("p", gateway(source)).catch((error) => {
        // refused at deploy time is fine too, as long as the message is clear
        expect(error.kind).toBe("ParseError");
        return { engine: null };
      });
      if (!engine) return;
      const pi = await engine.startProcessInstanceByKey("p", { variables: { applicant: { name: "x" } } });
      const task = await onlyTask(engine, pi.id);
      const err = await engine.completeTask(task.id).catch((e) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err.kind).toBe("ProcessEngine");
      expect(err.message).toMatch(/gw|toA/);
      expect(await tokens(engine, pi.id)).toEqual(["fill"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
