// Runs the bundled bpmnlint configuration in Node on small BPMN models, once with a moddle that knows the
// Camunda extension (as bpmn-js does) and once with plain bpmn-moddle (as a server-side check would).
import { describe, expect, it } from "vitest";
import BpmnModdle from "bpmn-moddle";
import { Linter } from "bpmnlint";
import camundaDescriptor from "camunda-bpmn-moddle/resources/camunda.json";
import { jintuLintConfig } from "./config";
import { isValidDueDate } from "./rules/dueDateFormat";
import { isValidCandidateGroup } from "./rules/assignmentFormat";

type Issues = Record<string, Array<{ id?: string; message: string; category: string }>>;

async function lint(processBody: string, camunda = true): Promise<Issues> {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs" targetNamespace="http://jintu">
  <bpmn:process id="P" isExecutable="true">${processBody}</bpmn:process>
</bpmn:definitions>`;
  const moddle = camunda ? new BpmnModdle({ camunda: camundaDescriptor }) : new BpmnModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return new Linter(jintuLintConfig).lint(rootElement);
}

/** Issues of one rule as "elementId: message" strings. */
function of(issues: Issues, rule: string): string[] {
  return (issues[rule] ?? []).map((issue) => `${issue.id}: ${issue.message}`);
}

const START_END = (firstTarget: string, lastSource: string) => `
  <bpmn:startEvent id="Start" name="申请"><bpmn:outgoing>F0</bpmn:outgoing></bpmn:startEvent>
  <bpmn:sequenceFlow id="F0" sourceRef="Start" targetRef="${firstTarget}" />
  <bpmn:endEvent id="End" name="办结"><bpmn:incoming>FZ</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="FZ" sourceRef="${lastSource}" targetRef="End" />`;

function userTask(attrs: string): string {
  return `${START_END("T", "T")}<bpmn:userTask id="T" name="审核" ${attrs}><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing></bpmn:userTask>`;
}

describe("jintu/user-task-assignment", () => {
  it("reports a user task with nobody to do it", async () => {
    const issues = await lint(userTask(""));
    expect(of(issues, "jintu/user-task-assignment")).toEqual(["T: User task has no assignee, candidate users or candidate groups"]);
  });

  it.each([
    ['camunda:assignee="${initiator}"'],
    ['camunda:candidateUsers="zhang,li"'],
    ['camunda:candidateGroups="land-reviewer@330106"'],
  ])("accepts %s", async (attrs) => {
    expect(of(await lint(userTask(attrs)), "jintu/user-task-assignment")).toEqual([]);
  });

  it("reads Camunda attributes from a moddle without the Camunda extension too", async () => {
    expect(of(await lint(userTask(""), false), "jintu/user-task-assignment")).toHaveLength(1);
    expect(of(await lint(userTask('camunda:candidateGroups="land-reviewer@330106"'), false), "jintu/user-task-assignment")).toEqual([]);
  });

  it("treats blank values as missing", async () => {
    expect(of(await lint(userTask('camunda:assignee="  "')), "jintu/user-task-assignment")).toHaveLength(1);
  });
});

describe("jintu/assignment-format and jintu/due-date-format", () => {
  it("warns about a candidate group without region", async () => {
    const issues = await lint(userTask('camunda:candidateGroups="land-reviewer@330106, clerk"'));
    expect(of(issues, "jintu/assignment-format")).toEqual(["T: Candidate group <clerk> is not written role@region"]);
    expect(issues["jintu/assignment-format"][0].category).toBe("warn");
  });

  it("knows role@region, role@${expression} and plain expressions", () => {
    expect(isValidCandidateGroup("land-reviewer@330106")).toBe(true);
    expect(isValidCandidateGroup("land-reviewer@${cityOf(countyCode)}")).toBe(true);
    expect(isValidCandidateGroup("${reviewerGroup}")).toBe(true);
    expect(isValidCandidateGroup("land-reviewer@33010")).toBe(false);
    expect(isValidCandidateGroup("Land Reviewer@330106")).toBe(false);
  });

  it("accepts ISO dates, durations, working days and expressions as due dates", async () => {
    for (const ok of ["2026-12-01", "2026-12-01T09:00:00", "P10D", "PT4H", "P20WD", "${deadline}"]) {
      expect(isValidDueDate(ok), ok).toBe(true);
    }
    for (const bad of ["20 days", "P", "PT", "P20W D", "tomorrow"]) {
      expect(isValidDueDate(bad), bad).toBe(false);
    }
    const issues = await lint(userTask('camunda:candidateGroups="a@330106" camunda:dueDate="20个工作日"'));
    expect(of(issues, "jintu/due-date-format")).toEqual([
      "T: Due date <20个工作日> is neither ISO 8601, working days (P20WD) nor an expression",
    ]);
  });
});

describe("jintu/unsupported-element", () => {
  it("rejects script tasks and complex gateways, naming the element", async () => {
    const issues = await lint(`${START_END("S", "G")}
      <bpmn:scriptTask id="S" scriptFormat="javascript"><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>F1</bpmn:outgoing></bpmn:scriptTask>
      <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="G" />
      <bpmn:complexGateway id="G"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing></bpmn:complexGateway>`);
    expect(of(issues, "jintu/unsupported-element")).toEqual([
      "S: Element type <bpmn:ScriptTask> is not supported by the Jintu engine",
      "G: Element type <bpmn:ComplexGateway> is not supported by the Jintu engine",
    ]);
  });

  it("rejects conditional and compensation events but accepts timers and messages", async () => {
    const issues = await lint(`${START_END("C", "M")}
      <bpmn:intermediateCatchEvent id="C"><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>F1</bpmn:outgoing>
        <bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${x}</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="F1" sourceRef="C" targetRef="Ti" />
      <bpmn:intermediateCatchEvent id="Ti"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="F2" sourceRef="Ti" targetRef="Co" />
      <bpmn:intermediateThrowEvent id="Co"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>F3</bpmn:outgoing><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>
      <bpmn:sequenceFlow id="F3" sourceRef="Co" targetRef="M" />
      <bpmn:intermediateCatchEvent id="M"><bpmn:incoming>F3</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>`);
    expect(of(issues, "jintu/unsupported-element")).toEqual([
      "C: Event definition <bpmn:ConditionalEventDefinition> is not supported by the Jintu engine",
      "Co: Event definition <bpmn:CompensateEventDefinition> is not supported by the Jintu engine",
    ]);
  });

  it("rejects transactions and standard loops, accepts multi-instance", async () => {
    const issues = await lint(`${START_END("Tx", "L")}
      <bpmn:transaction id="Tx"><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>F1</bpmn:outgoing></bpmn:transaction>
      <bpmn:sequenceFlow id="F1" sourceRef="Tx" targetRef="L" />
      <bpmn:userTask id="L" camunda:assignee="a"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing><bpmn:standardLoopCharacteristics /></bpmn:userTask>
      <bpmn:sequenceFlow id="F2" sourceRef="L" targetRef="MI" />
      <bpmn:userTask id="MI" camunda:assignee="\${signer}"><bpmn:incoming>F2</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing>
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${signers}" camunda:elementVariable="signer" /></bpmn:userTask>`.replace('sourceRef="L" targetRef="End"', ""));
    expect(of(issues, "jintu/unsupported-element")).toEqual([
      "Tx: Element type <bpmn:Transaction> is not supported by the Jintu engine",
      "L: Standard loops are not supported by the Jintu engine: use multi-instance",
    ]);
  });

  it("leaves data objects and annotations alone", async () => {
    const issues = await lint(`${userTask('camunda:assignee="a"')}
      <bpmn:dataObjectReference id="DOR" dataObjectRef="DO" /><bpmn:dataObject id="DO" />
      <bpmn:textAnnotation id="Note"><bpmn:text>依据《土地管理法》</bpmn:text></bpmn:textAnnotation>`);
    expect(of(issues, "jintu/unsupported-element")).toEqual([]);
  });
});

describe("jintu/exclusive-gateway-default", () => {
  const gateway = (defaultAttr: string) => `${START_END("G", "A")}
    <bpmn:exclusiveGateway id="G" ${defaultAttr}><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>Yes</bpmn:outgoing><bpmn:outgoing>No</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="Yes" sourceRef="G" targetRef="A"><bpmn:conditionExpression xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression">\${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="No" sourceRef="G" targetRef="End2" />
    <bpmn:task id="A"><bpmn:incoming>Yes</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing></bpmn:task>
    <bpmn:endEvent id="End2"><bpmn:incoming>No</bpmn:incoming></bpmn:endEvent>`;

  it("warns when conditional flows have no default", async () => {
    const issues = await lint(gateway(""));
    expect(of(issues, "jintu/exclusive-gateway-default")).toEqual(["G: Exclusive gateway has conditional flows but no default flow"]);
    expect(issues["jintu/exclusive-gateway-default"][0].category).toBe("warn");
  });

  it("is satisfied by a default flow", async () => {
    expect(of(await lint(gateway('default="No"')), "jintu/exclusive-gateway-default")).toEqual([]);
  });
});

describe("jintu/external-task-topic", () => {
  const service = (attrs: string) => `${START_END("S", "S")}<bpmn:serviceTask id="S" ${attrs}><bpmn:incoming>F0</bpmn:incoming><bpmn:outgoing>FZ</bpmn:outgoing></bpmn:serviceTask>`;

  it("reports an external task without topic", async () => {
    expect(of(await lint(service('camunda:type="external"')), "jintu/external-task-topic")).toEqual(["S: External task has no topic"]);
  });

  it("reports a service task with no implementation", async () => {
    expect(of(await lint(service("")), "jintu/external-task-topic")).toEqual(["S: Service task has no implementation: set an external task topic"]);
  });

  it("accepts a topic or a delegate expression", async () => {
    expect(of(await lint(service('camunda:type="external" camunda:topic="gis-overlap"')), "jintu/external-task-topic")).toEqual([]);
    expect(of(await lint(service('camunda:delegateExpression="${notify}"')), "jintu/external-task-topic")).toEqual([]);
  });
});

describe("bundled built-in rules", () => {
  it("still run next to Jintu rules (a process without start event)", async () => {
    const issues = await lint(`<bpmn:userTask id="T" camunda:assignee="a" />`);
    expect(issues["start-event-required"]?.[0]?.category).toBe("error");
  });

  it("a clean approval flow has no errors", async () => {
    const issues = await lint(userTask('camunda:candidateGroups="land-reviewer@330106" camunda:dueDate="P20WD"'));
    const errors = Object.entries(issues).flatMap(([rule, list]) => list.filter((i) => i.category === "error").map((i) => `${rule} ${i.id}`));
    expect(errors).toEqual([]);
  });
});
