// Renders every flow's BPMN with bpmn-js (the library behind the designer and Camunda Modeler) in Debian's
// chromium: the import must succeed without warnings, every element must be drawn inside the canvas, and no
// two shapes may overlap. Screenshots: test-artifacts/processes/<flow>.png.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOWS } from "./index";

const ROOT = path.resolve(import.meta.dirname, "..");
const ARTIFACTS = path.join(ROOT, "test-artifacts", "processes");
const VIEWER = path.join(ROOT, "node_modules", "bpmn-js", "dist", "bpmn-viewer.production.min.js");
const CSS = ["diagram-js.css", "bpmn-js.css", "bpmn-font/css/bpmn.css"].map((f) => path.join(ROOT, "node_modules", "bpmn-js", "dist", "assets", f));

let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("flow diagrams in bpmn-js", () => {
  for (const flow of FLOWS) {
    it(`${flow.key} imports and draws without overlaps`, async () => {
      const page = await browser.newPage({ viewport: { width: 1900, height: 700 } });
      const errors: string[] = [];
      const outside: string[] = [];
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(e.message));
      await page.route("**/*", (route) => {
        outside.push(route.request().url());
        return route.abort();
      });
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"><div id="canvas" style="width:1900px;height:700px"></div></body></html>`);
      for (const css of CSS) await page.addStyleTag({ content: readFileSync(css, "utf8").replace(/url\([^)]*\)/g, "none") });
      await page.addScriptTag({ content: readFileSync(VIEWER, "utf8") });
      const result = await page.evaluate(async (xml) => {
        const viewer = new (window as any).BpmnJS({ container: "#canvas" });
        const { warnings } = await viewer.importXML(xml);
        viewer.get("canvas").zoom("fit-viewport");
        const shapes = viewer.get("elementRegistry").filter((e: any) => e.type !== "label" && !e.waypoints && e.type !== "bpmn:Process");
        const boxes = shapes.map((e: any) => ({ id: e.id, x: e.x, y: e.y, w: e.width, h: e.height, host: e.host?.id ?? null }));
        return { warnings: warnings.map((w: any) => w.message), boxes, drawn: document.querySelectorAll(".djs-element").length };
      }, readFileSync(flow.bpmn, "utf8"));
      await page.screenshot({ path: path.join(ARTIFACTS, `${flow.key}.png`) });
      await page.close();

      expect(result.warnings).toEqual([]);
      expect(result.drawn).toBeGreaterThan(10);
      const overlaps: string[] = [];
      for (const [i, a] of result.boxes.entries()) {
        for (const b of result.boxes.slice(i + 1)) {
          if (a.host === b.id || b.host === a.id) continue; // a boundary event sits on its task
          if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) overlaps.push(`${a.id} × ${b.id}`);
        }
      }
      expect(overlaps).toEqual([]);
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    });
  }
});
