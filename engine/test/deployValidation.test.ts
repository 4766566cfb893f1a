// Deploy-time validation: a malformed or unsupported model is refused with a message naming the problem
// (element id and type), and NOTHING is stored — not even the valid resources deployed beside it.
import { describe, expect, test } from "vitest";
import type { Engine } from "../api";
import { bpmn, chain, flow, newEngine, repositoryCounts } from "./helpers";

const good = bpmn("good", `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain("s", "e")}`);

async function refused(engine: Engine, content: string, ...patterns: RegExp[]) {
  const before = await repositoryCounts(engine);
  const err = await engine.deploy({ name: "bad", resources: [{ name: "good.bpmn", content: good }, { name: "bad.bpmn", content }] }).catch((e) => e);
  expect(err, "deployment should have been refused").toBeInstanceOf(Error);
  expect(err.kind).toBe("ParseError");
  for (const p of patterns) expect(err.message).toMatch(p);
  expect(await repositoryCounts(engine)).toEqual(before);
  expect(await engine.countJobs()).toBe(0);
  return err;
}

describe("deploy validation", () => {
  test("not XML", async () => {
    const { engine } = await newEngine();
    await refused(engine, "this is not xml <<<", /not a BPMN 2.0 XML document/);
    await refused(engine, "", /not a BPMN 2.0 XML document|root element/);
  });

  test("wrong namespace (BPMN elements outside the BPMN 2.0 model namespace)", async () => {
    const { engine } = await newEngine();
    const xml = `<?xml version="1.0"?><definitions xmlns="http://example.com/not-bpmn" id="d"><process id="p" isExecutable="true"/></definitions>`;
    await refused(engine, xml, /BPMN 2\.0 namespace|not a BPMN 2.0 XML document/);
  });

  test("dangling sequence flow (unknown target) names the flow", async () => {
    const { engine } = await newEngine();
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${flow("f1", "s", "e")}<bpmn:sequenceFlow id="f2" sourceRef="s" targetRef="ghost"/>`), /f2/);
  });

  const unsupported: [string, string, RegExp][] = [
    ["script task", `<bpmn:startEvent id="s"/><bpmn:scriptTask id="calc" scriptFormat="javascript"><bpmn:script>1+1</bpmn:script></bpmn:scriptTask><bpmn:endEvent id="e"/>${chain("s", "calc", "e")}`, /'calc' \(bpmn:ScriptTask\)/],
    ["complex gateway", `<bpmn:startEvent id="s"/><bpmn:complexGateway id="cg"/><bpmn:endEvent id="e"/>${chain("s", "cg", "e")}`, /'cg' \(bpmn:ComplexGateway\)/],
    ["compensation boundary", `<bpmn:startEvent id="s"/><bpmn:userTask id="pay"/><bpmn:endEvent id="e"/>${chain("s", "pay", "e")}
      <bpmn:boundaryEvent id="comp" attachedToRef="pay"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>`, /'comp' \(bpmn:BoundaryEvent, CompensateEventDefinition\)/],
    ["compensation handler", `<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/>${chain("s", "e")}<bpmn:userTask id="refund" isForCompensation="true"/>`, /'refund' \(bpmn:UserTask\) is a compensation handler/],
    ["conditional event", `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">\${x}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${chain("s", "cond", "e")}`, /'cond' \(bpmn:IntermediateCatchEvent, ConditionalEventDefinition\)/],
  ];
  for (const [what, body, pattern] of unsupported) {
    test(`unsupported element refused with its id and type: ${what}`, async () => {
      const { engine } = await newEngine();
      await refused(engine, bpmn("p", body), pattern);
    });
  }

  test("duplicate ids", async () => {
    const { engine } = await newEngine();
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/><bpmn:userTask id="t"/><bpmn:userTask id="t"/><bpmn:endEvent id="e"/>${chain("s", "t", "e")}`), /duplicate ID <t>/);
  });

  test("no executable process", async () => {
    const { engine } = await newEngine();
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/>`).replace('isExecutable="true"', 'isExecutable="false"'), /no executable process/);
  });

  test("a condition that does not parse names the flow", async () => {
    const { engine } = await newEngine();
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:endEvent id="e"/>${chain("s", "g")}${flow("bad", "g", "e", "${area > }")}`), /condition of 'bad' does not parse/);
  });

  test("a timer that does not parse names the event", async () => {
    const { engine } = await newEngine();
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/><bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>three days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="e"/>${chain("s", "wait", "e")}`), /timer 'wait'/);
    await refused(engine, bpmn("p", `<bpmn:startEvent id="s"><bpmn:timerEventDefinition><bpmn:timeCycle>R/every monday</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="e"/>${chain("s", "e")}`), /timer 's'/);
  });

  test("several problems are reported together", async () => {
    const { engine } = await newEngine();
    const err = await refused(engine, bpmn("p", `<bpmn:startEvent id="s"/><bpmn:scriptTask id="calc"/><bpmn:complexGateway id="cg"/><bpmn:endEvent id="e"/>${chain("s", "e")}`), /calc/, /cg/);
    expect((err.details as unknown[]).length).toBeGreaterThanOrEqual(2);
  });

  test("a valid deployment afterwards still works, and the good resource alone deploys", async () => {
    const { engine } = await newEngine();
    await refused(engine, "nope", /not a BPMN/);
    const d = await engine.deploy({ name: "ok", resources: [{ name: "good.bpmn", content: good }] });
    expect(d.processDefinitions.map((p) => [p.key, p.version])).toEqual([["good", 1]]);
    expect(await repositoryCounts(engine)).toEqual({ deployments: 1, definitions: 1 });
  });
});
