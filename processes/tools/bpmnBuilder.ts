// Authoring aid: writes a Camunda Modeler 5 style BPMN file (Camunda 7 attributes, full BPMNDI) from a
// compact description laid out on a grid. Used once to draw a flow's first version; the committed
// `<flow>.bpmn` is the source from then on (edit it in the designer or Camunda Modeler).
// Usage: npx tsx processes/tools/<flow>.model.ts  (each model file calls writeBpmn).
import { writeFileSync } from "node:fs";

export type NodeKind =
  | "startEvent" | "endEvent" | "userTask" | "serviceTask" | "exclusiveGateway" | "parallelGateway"
  | "eventBasedGateway" | "intermediateCatchEvent" | "intermediateThrowEvent" | "boundaryEvent";

export interface NodeSpec {
  id: string;
  kind: NodeKind;
  name?: string;
  /** grid column and row (0-based); boundary events take the position of the task they sit on */
  col?: number;
  row?: number;
  attrs?: Record<string, string>;
  /** inner XML (event definitions, loop characteristics, extension elements) */
  inner?: string;
  /** boundary events: the activity and the horizontal offset on its bottom edge (0..1) */
  attachedTo?: string;
  at?: number;
  cancelActivity?: boolean;
  documentation?: string;
}

export interface FlowSpec {
  id: string;
  from: string;
  to: string;
  name?: string;
  condition?: string;
  /** back edges: the lane they run in, in rows below (positive) or above (negative) the lowest/highest row */
  lane?: number;
  /** make this flow the gateway's default */
  isDefault?: boolean;
}

export interface MessageSpec { id: string; name: string }
export interface ErrorSpec { id: string; name: string; code: string }

export interface ModelSpec {
  file: string;
  processId: string;
  processName: string;
  documentation?: string;
  versionTag?: string;
  nodes: NodeSpec[];
  flows: FlowSpec[];
  messages?: MessageSpec[];
  errors?: ErrorSpec[];
}

const COL_WIDTH = 160;
const ROW_HEIGHT = 140;
const ORIGIN_X = 200;
const ORIGIN_Y = 140;

interface Box { x: number; y: number; w: number; h: number }

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function size(kind: NodeKind): { w: number; h: number } {
  if (kind === "userTask" || kind === "serviceTask") return { w: 100, h: 80 };
  if (kind.endsWith("Gateway")) return { w: 50, h: 50 };
  return { w: 36, h: 36 };
}

export function buildBpmn(spec: ModelSpec): string {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, Box>();
  for (const n of spec.nodes) {
    if (n.kind === "boundaryEvent") continue;
    const { w, h } = size(n.kind);
    const cx = ORIGIN_X + (n.col ?? 0) * COL_WIDTH;
    const cy = ORIGIN_Y + (n.row ?? 0) * ROW_HEIGHT;
    boxes.set(n.id, { x: cx - w / 2, y: cy - h / 2, w, h });
  }
  for (const n of spec.nodes) {
    if (n.kind !== "boundaryEvent") continue;
    const host = boxes.get(n.attachedTo!);
    if (!host) throw new Error(`boundary ${n.id}: no host ${n.attachedTo}`);
    boxes.set(n.id, { x: host.x + host.w * (n.at ?? 0.7) - 18, y: host.y + host.h - 18, w: 36, h: 36 });
  }
  const rows = spec.nodes.filter((n) => n.kind !== "boundaryEvent").map((n) => n.row ?? 0);
  const maxRow = Math.max(...rows);
  const minRow = Math.min(...rows);

  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const f of spec.flows) {
    if (!byId.has(f.from) || !byId.has(f.to)) throw new Error(`flow ${f.id}: unknown end ${f.from} → ${f.to}`);
    outgoing.set(f.from, [...(outgoing.get(f.from) ?? []), f.id]);
    incoming.set(f.to, [...(incoming.get(f.to) ?? []), f.id]);
  }

  const cx = (b: Box) => b.x + b.w / 2;
  const cy = (b: Box) => b.y + b.h / 2;

  function waypoints(f: FlowSpec): [number, number][] {
    const s = boxes.get(f.from)!;
    const t = boxes.get(f.to)!;
    const source = byId.get(f.from)!;
    if (source.kind === "boundaryEvent") {
      // down from the boundary event, then to the target
      if (t.x <= cx(s) && cx(s) <= t.x + t.w && cy(t) > s.y + s.h) return [[cx(s), s.y + s.h], [cx(s), t.y]];
      if (Math.abs(cy(t) - (s.y + s.h)) < 1e-6 || cy(t) > s.y + s.h) return [[cx(s), s.y + s.h], [cx(s), cy(t)], [t.x, cy(t)]];
      return [[cx(s), s.y + s.h], [cx(s), s.y + s.h + 30], [cx(t), s.y + s.h + 30], [cx(t), t.y + t.h]];
    }
    const sameRow = Math.abs(cy(s) - cy(t)) < 1;
    const forward = cx(t) > cx(s) + 1;
    if (f.lane !== undefined || (!forward && !(Math.abs(cx(t) - cx(s)) < 1))) {
      // back edge (or explicitly laned): leave downwards/upwards, run in a lane, enter from below/above
      const lane = f.lane ?? 1;
      if (lane >= 0) {
        const y = ORIGIN_Y + (maxRow + 0.5) * ROW_HEIGHT + (lane - 1) * 20;
        return [[cx(s), s.y + s.h], [cx(s), y], [cx(t), y], [cx(t), t.y + t.h]];
      }
      const y = ORIGIN_Y + (minRow - 0.5) * ROW_HEIGHT - (-lane - 1) * 20;
      return [[cx(s), s.y], [cx(s), y], [cx(t), y], [cx(t), t.y]];
    }
    if (sameRow) return [[s.x + s.w, cy(s)], [t.x, cy(t)]];
    if (!forward) {
      // same column: straight down or up
      return cy(t) > cy(s) ? [[cx(s), s.y + s.h], [cx(t), t.y]] : [[cx(s), s.y], [cx(t), t.y + t.h]];
    }
    if (source.kind.endsWith("Gateway")) {
      const down = cy(t) > cy(s);
      return [[cx(s), down ? s.y + s.h : s.y], [cx(s), cy(t)], [t.x, cy(t)]];
    }
    // to another row, forward: right, then vertical into the target's top or bottom
    const down = cy(t) > cy(s);
    return [[s.x + s.w, cy(s)], [cx(t), cy(s)], [cx(t), down ? t.y : t.y + t.h]];
  }

  const lines: string[] = [];
  const push = (indent: number, text: string) => lines.push(" ".repeat(indent) + text);
  push(0, `<?xml version="1.0" encoding="UTF-8"?>`);
  push(0, `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_${spec.processId}" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.28.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">`);
  push(2, `<bpmn:process id="${spec.processId}" name="${esc(spec.processName)}" isExecutable="true" camunda:historyTimeToLive="3650"${spec.versionTag ? ` camunda:versionTag="${esc(spec.versionTag)}"` : ""}>`);
  if (spec.documentation) push(4, `<bpmn:documentation>${esc(spec.documentation)}</bpmn:documentation>`);
  for (const n of spec.nodes) {
    const attrs: Record<string, string> = { id: n.id, ...(n.name ? { name: n.name } : {}), ...(n.attrs ?? {}) };
    if (n.kind === "boundaryEvent") {
      if (n.cancelActivity === false) attrs.cancelActivity = "false";
      attrs.attachedToRef = n.attachedTo!;
    }
    const defaultFlow = spec.flows.find((f) => f.from === n.id && f.isDefault);
    if (defaultFlow) attrs.default = defaultFlow.id;
    push(4, `<bpmn:${n.kind} ${Object.entries(attrs).map(([k, v]) => `${k}="${esc(v)}"`).join(" ")}>`);
    if (n.documentation) push(6, `<bpmn:documentation>${esc(n.documentation)}</bpmn:documentation>`);
    const innerLines = (n.inner ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
    // extension elements come first (BPMN schema order), event definitions / loop characteristics last
    const ext = innerLines.filter((l) => l.startsWith("<bpmn:extensionElements") || l.startsWith("<camunda:") || l.startsWith("</camunda:") || l.startsWith("</bpmn:extensionElements"));
    const rest = innerLines.filter((l) => !ext.includes(l));
    for (const l of ext) push(6, l);
    for (const id of incoming.get(n.id) ?? []) push(6, `<bpmn:incoming>${id}</bpmn:incoming>`);
    for (const id of outgoing.get(n.id) ?? []) push(6, `<bpmn:outgoing>${id}</bpmn:outgoing>`);
    for (const l of rest) push(6, l);
    push(4, `</bpmn:${n.kind}>`);
  }
  for (const f of spec.flows) {
    const attrs = `id="${f.id}"${f.name ? ` name="${esc(f.name)}"` : ""} sourceRef="${f.from}" targetRef="${f.to}"`;
    if (f.condition) {
      push(4, `<bpmn:sequenceFlow ${attrs}>`);
      push(6, `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${esc(f.condition)}</bpmn:conditionExpression>`);
      push(4, `</bpmn:sequenceFlow>`);
    } else push(4, `<bpmn:sequenceFlow ${attrs} />`);
  }
  push(2, `</bpmn:process>`);
  for (const m of spec.messages ?? []) push(2, `<bpmn:message id="${m.id}" name="${esc(m.name)}" />`);
  for (const e of spec.errors ?? []) push(2, `<bpmn:error id="${e.id}" name="${esc(e.name)}" errorCode="${esc(e.code)}" />`);

  push(2, `<bpmndi:BPMNDiagram id="BPMNDiagram_1">`);
  push(4, `<bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${spec.processId}">`);
  const bounds = (b: Box) => `<dc:Bounds x="${Math.round(b.x)}" y="${Math.round(b.y)}" width="${b.w}" height="${b.h}" />`;
  const labelWidth = (text: string) => Math.min(120, Math.max(28, [...text].length * 13));
  // which sides of a shape carry a flow's end, so an external label goes where no line is
  const points = new Map(spec.flows.map((f) => [f.id, waypoints(f)]));
  const usedSide = (id: string, side: "top" | "bottom") => {
    const b = boxes.get(id)!;
    const y = side === "top" ? b.y : b.y + b.h;
    return spec.flows.some((f) => {
      const ps = points.get(f.id)!;
      const ends = [...(f.from === id ? [ps[0]!] : []), ...(f.to === id ? [ps[ps.length - 1]!] : [])];
      return ends.some(([, py]) => Math.abs(py - y) < 1);
    });
  };
  for (const n of spec.nodes) {
    const b = boxes.get(n.id)!;
    const marker = n.kind === "exclusiveGateway" ? ` isMarkerVisible="true"` : "";
    push(6, `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"${marker}>`);
    push(8, bounds(b));
    if (n.name && n.kind !== "userTask" && n.kind !== "serviceTask") {
      const w = labelWidth(n.name);
      const below = !usedSide(n.id, "bottom") || n.kind === "boundaryEvent";
      const above = !below && !usedSide(n.id, "top");
      const label = below ? { x: cx(b) - w / 2, y: b.y + b.h + 7 } : above ? { x: cx(b) - w / 2, y: b.y - 21 } : { x: b.x + b.w + 4, y: b.y - 16 };
      push(8, `<bpmndi:BPMNLabel>`);
      push(10, bounds({ ...label, w, h: 14 }));
      push(8, `</bpmndi:BPMNLabel>`);
    } else push(8, `<bpmndi:BPMNLabel />`);
    push(6, `</bpmndi:BPMNShape>`);
  }
  for (const f of spec.flows) {
    const edge = points.get(f.id)!;
    push(6, `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}">`);
    for (const [x, y] of edge) push(8, `<di:waypoint x="${Math.round(x)}" y="${Math.round(y)}" />`);
    if (f.name) {
      const [x0, y0] = edge[0]!;
      const [x1, y1] = edge[1]!;
      const w = labelWidth(f.name);
      const horizontal = Math.abs(y1 - y0) < 1;
      const lx = horizontal ? Math.min(x0, x1) + 8 : x0 + 6;
      const ly = horizontal ? y0 - 20 : Math.min(y0, y1) + 6;
      push(8, `<bpmndi:BPMNLabel>`);
      push(10, bounds({ x: lx, y: ly, w, h: 14 }));
      push(8, `</bpmndi:BPMNLabel>`);
    }
    push(6, `</bpmndi:BPMNEdge>`);
  }
  push(4, `</bpmndi:BPMNPlane>`);
  push(2, `</bpmndi:BPMNDiagram>`);
  push(0, `</bpmn:definitions>`);
  return lines.join("\n") + "\n";
}

export function writeBpmn(spec: ModelSpec): void {
  writeFileSync(spec.file, buildBpmn(spec));
  console.log(`wrote ${spec.file} (${spec.nodes.length} elements, ${spec.flows.length} flows)`);
}

// --- small helpers for model files ------------------------------------------------------------------

export const userTask = (id: string, name: string, col: number, row: number, attrs: Record<string, string>, inner?: string): NodeSpec =>
  ({ id, kind: "userTask", name, col, row, attrs, inner });

export const externalTask = (id: string, name: string, col: number, row: number, topic: string): NodeSpec =>
  ({ id, kind: "serviceTask", name, col, row, attrs: { "camunda:type": "external", "camunda:topic": topic } });

export const timerDuration = (expression: string) =>
  `<bpmn:timerEventDefinition>\n<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${esc(expression)}</bpmn:timeDuration>\n</bpmn:timerEventDefinition>`;

export const messageRef = (messageId: string) => `<bpmn:messageEventDefinition messageRef="${messageId}" />`;
export const errorRef = (errorId: string) => `<bpmn:errorEventDefinition errorRef="${errorId}" />`;

export const parallelMultiInstance = (collection: string, elementVariable: string, completionCondition?: string) =>
  completionCondition
    ? `<bpmn:multiInstanceLoopCharacteristics camunda:collection="${esc(collection)}" camunda:elementVariable="${elementVariable}">\n<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${esc(completionCondition)}</bpmn:completionCondition>\n</bpmn:multiInstanceLoopCharacteristics>`
    : `<bpmn:multiInstanceLoopCharacteristics camunda:collection="${esc(collection)}" camunda:elementVariable="${elementVariable}" />`;
