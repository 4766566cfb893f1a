// Flow templates for the designer's "new from template": processes/<flow>/<flow>.bpmn (+ README.md).
// The key and name come from the BPMN <process id name>; the English name from the README's title
// ("# 建设用地审批 — Construction land approval") when it has one.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineRoute } from "./route";
import type { RouteModule } from "./services";

export interface FlowTemplate {
  key: string;
  name: string;
  nameEn: string | null;
  bpmn: string;
}

const decodeXml = (s: string) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");

function processAttributes(bpmn: string): { id: string; name: string | null } | null {
  const tag = /<(?:[\w-]+:)?process\b([^>]*)>/.exec(bpmn);
  if (!tag) return null;
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`).exec(tag[1]!)?.[1];
  const id = attr("id");
  return id ? { id: decodeXml(id), name: attr("name") !== undefined ? decodeXml(attr("name")!) : null } : null;
}

/** The English part of a README title like "# 土地征收 (Land expropriation)" or "# Land expropriation — 土地征收". */
function englishTitle(readme: string): string | null {
  const title = /^#\s+(.+)$/m.exec(readme)?.[1]?.trim();
  if (!title) return null;
  const parts = title.split(/\s+[—–-]\s+|[（(]|[）)]/).map((p) => p.trim()).filter(Boolean);
  const english = parts.find((p) => /[A-Za-z]/.test(p) && !/[\u4e00-\u9fff]/.test(p));
  return english ?? null;
}

export function readTemplates(processesDir: string): FlowTemplate[] {
  if (!existsSync(processesDir)) return [];
  const templates: FlowTemplate[] = [];
  for (const entry of readdirSync(processesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(processesDir, entry.name);
    const files = readdirSync(dir);
    const bpmnFile = files.includes(`${entry.name}.bpmn`) ? `${entry.name}.bpmn` : files.find((f) => f.endsWith(".bpmn"));
    if (!bpmnFile) continue;
    const bpmn = readFileSync(path.join(dir, bpmnFile), "utf8");
    const process = processAttributes(bpmn);
    if (!process) continue;
    const readme = files.includes("README.md") ? readFileSync(path.join(dir, "README.md"), "utf8") : "";
    templates.push({ key: process.id, name: process.name ?? process.id, nameEn: englishTitle(readme), bpmn });
  }
  return templates.sort((a, b) => a.key.localeCompare(b.key));
}

export const templateRoutes: RouteModule = (router, registry, { config }) => {
  defineRoute(router, registry, {
    method: "get", path: "/templates", tags: ["deployments"], summary: "Business-flow templates from processes/*/",
    response: z.array(z.object({ key: z.string(), name: z.string(), nameEn: z.string().nullable(), bpmn: z.string() }).openapi("FlowTemplate")),
    permission: { object: "template", action: "read" },
    async handler() { return readTemplates(config.processesDir); },
  });
};
