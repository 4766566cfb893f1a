// bpmn-moddle with the Camunda descriptors: the same model bpmn-js and Camunda Modeler use, so their
// files parse identically here.
import BpmnModdle from "bpmn-moddle";
import { createRequire } from "node:module";

const camunda = createRequire(import.meta.url)("camunda-bpmn-moddle/resources/camunda.json");

export function createModdle(): any {
  return new (BpmnModdle as any)({ camunda });
}

export interface ModdleResult {
  definitions: any;
  warnings: string[];
}

export async function readDefinitions(xml: string): Promise<ModdleResult> {
  const { rootElement, warnings } = await createModdle().fromXML(xml, "bpmn:Definitions");
  return { definitions: rootElement, warnings: (warnings as { message: string }[]).map((w) => warningText(w.message)) };
}

/** moddle's multi-line warning on one line, keeping the cause ("nested error: duplicate ID <t>") and position. */
function warningText(message: string): string {
  const [first, ...rest] = message.split("\n").map((l) => l.trim());
  const field = (name: string) => rest.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const nested = field("nested error");
  const line = field("line");
  const column = field("column");
  return `${first}${nested ? `: ${nested}` : ""}${line !== undefined ? ` (line ${line}, column ${column})` : ""}`;
}
